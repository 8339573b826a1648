#include "paths.hpp"

#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>

#ifndef PYBRIDGE_BUILD_AGENT_PATH
#error "PYBRIDGE_BUILD_AGENT_PATH must name the build tree's share/pybridge/python"
#endif
#ifndef PYBRIDGE_AGENT_FROM_LIBDIR
#error "PYBRIDGE_AGENT_FROM_LIBDIR must name the install tree's agent relative to its libdir"
#endif
#ifndef PYBRIDGE_PYTHON_EXECUTABLE
#error "PYBRIDGE_PYTHON_EXECUTABLE must name the configured Python interpreter"
#endif

namespace pybridge::detail {

std::string agent_path() {
  if (const char *path = std::getenv("PYBRIDGE_AGENT_PATH"); path && *path)
    return path;
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void *>(&agent_path), &info) && info.dli_fname) {
    namespace fs = std::filesystem;
    std::error_code error;
    fs::path library = fs::canonical(info.dli_fname, error);
    if (!error) {
      fs::path beside = (library.parent_path() / PYBRIDGE_AGENT_FROM_LIBDIR).lexically_normal();
      if (fs::exists(beside / "pybridge_agent" / "__main__.py", error))
        return beside.string();
    }
  }
  return PYBRIDGE_BUILD_AGENT_PATH;
}

std::string default_python() { return PYBRIDGE_PYTHON_EXECUTABLE; }

} // namespace pybridge::detail
