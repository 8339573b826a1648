#include "endpoint.hpp"

namespace pybridge::detail {

std::unique_ptr<Endpoint> make_endpoint(int index, unsigned generation,
                                        const WorkerSettings &settings) {
  switch (settings.kind()) {
  case EndpointKind::Remote:
    return make_remote_endpoint(index, generation, settings);
  case EndpointKind::Local:
    break;
  }
  return make_local_endpoint(index, generation, settings);
}

} // namespace pybridge::detail
