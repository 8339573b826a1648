// The channel to remote workers: gRPC's name resolution and round-robin balancing, and the
// credentials: TLS with the workers' CA (and this host's certificate when they require one),
// and a token on every RPC. The token is never logged and never part of a message.
#include "endpoint.hpp"

#include <pybridge/errors.hpp>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/client_interceptor.h>
#include <sstream>

namespace pybridge::detail {

namespace {
namespace experimental = grpc::experimental;

/// The worker's credentials.py reads the token under this key.
constexpr const char *kTokenHeader = "authorization";

/// An option set in code, else its variable (empty: neither).
std::string setting(const std::string &value, const char *variable) {
  if (!value.empty())
    return value;
  const char *text = std::getenv(variable);
  return text ? text : "";
}

std::string read_pem(const std::string &path, const char *variable) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in || text.str().empty())
    throw SetupError(std::string("cannot read the PEM file '") + path + "' (" + variable + ")");
  return text.str();
}

/// "127.0.0.1", "[::1]", "localhost": reached on this machine only.
bool loopback_host(std::string_view host) {
  if (host.starts_with('[') && host.ends_with(']'))
    host = host.substr(1, host.size() - 2);
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

/// The entries of a comma-separated list ("a:1,b:2").
std::vector<std::string_view> split_addresses(std::string_view list) {
  std::vector<std::string_view> addresses;
  while (!list.empty()) {
    std::string_view address = list.substr(0, list.find(','));
    list.remove_prefix(std::min(list.size(), address.size() + 1));
    addresses.push_back(address);
  }
  return addresses;
}

/// Whether every address of a gRPC target ("ipv4:127.0.0.1:7000,127.0.0.1:7001",
/// "dns:///localhost:7000", "localhost:7000", "unix:/path") is on this machine.
bool loopback_target(std::string_view target) {
  if (target.starts_with("unix:") || target.starts_with("unix-abstract:"))
    return true;
  for (std::string_view scheme : {"dns:///", "dns:", "ipv4:", "ipv6:"})
    if (target.starts_with(scheme)) {
      target.remove_prefix(scheme.size());
      break;
    }
  for (std::string_view address : split_addresses(target)) {
    std::size_t colon = address.rfind(':');
    if (!loopback_host(colon == std::string_view::npos ? address : address.substr(0, colon)))
      return false;
  }
  return true;
}

class TokenInterceptor final : public experimental::Interceptor {
public:
  explicit TokenInterceptor(std::shared_ptr<const std::string> header)
      : header_(std::move(header)) {}
  void Intercept(experimental::InterceptorBatchMethods *methods) override {
    if (methods->QueryInterceptionHookPoint(
            experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA))
      methods->GetSendInitialMetadata()->insert({kTokenHeader, *header_});
    methods->Proceed();
  }

private:
  std::shared_ptr<const std::string> header_;
};

/// Puts the token on every RPC of the channel (the stream, and any other call).
class TokenInterceptors final : public experimental::ClientInterceptorFactoryInterface {
public:
  explicit TokenInterceptors(const std::string &token)
      : header_(std::make_shared<const std::string>("Bearer " + token)) {}
  experimental::Interceptor *CreateClientInterceptor(experimental::ClientRpcInfo *) override {
    return new TokenInterceptor(header_);
  }

private:
  std::shared_ptr<const std::string> header_;
};

std::shared_ptr<grpc::ChannelCredentials> channel_credentials(const Options &options) {
  std::string ca = setting(options.tls_ca, "PYBRIDGE_TLS_CA");
  std::string cert = setting(options.tls_cert, "PYBRIDGE_TLS_CERT");
  std::string key = setting(options.tls_key, "PYBRIDGE_TLS_KEY");
  if (ca.empty() && cert.empty() && key.empty())
    return grpc::InsecureChannelCredentials();
  if (cert.empty() != key.empty())
    throw SetupError("a client certificate needs both PYBRIDGE_TLS_CERT and PYBRIDGE_TLS_KEY");
  grpc::SslCredentialsOptions ssl;
  if (!ca.empty())
    ssl.pem_root_certs = read_pem(ca, "PYBRIDGE_TLS_CA");
  if (!cert.empty()) {
    ssl.pem_cert_chain = read_pem(cert, "PYBRIDGE_TLS_CERT");
    ssl.pem_private_key = read_pem(key, "PYBRIDGE_TLS_KEY");
  }
  return grpc::SslCredentials(ssl);
}

/// "ipv4:a:1,b:2" -> {"ipv4:a:1", "ipv4:b:2"}; any other target stays whole (a DNS name
/// may resolve to several addresses: round_robin spreads over those).
std::vector<std::string> split_static_list(const std::string &target) {
  for (std::string_view scheme : {"ipv4:", "ipv6:"}) {
    if (!target.starts_with(scheme))
      continue;
    std::vector<std::string> addresses;
    for (std::string_view address : split_addresses(std::string_view(target).substr(scheme.size())))
      if (!address.empty())
        addresses.push_back(std::string(scheme) + std::string(address));
    if (!addresses.empty())
      return addresses;
  }
  return {target};
}

std::shared_ptr<grpc::Channel> make_remote_channel(const std::string &address,
                                                   const Options &options) {
  std::string token = setting(options.token, "PYBRIDGE_TOKEN");
  bool tls = !setting(options.tls_ca, "PYBRIDGE_TLS_CA").empty() ||
             !setting(options.tls_cert, "PYBRIDGE_TLS_CERT").empty();
  if (!token.empty() && !tls && !loopback_target(address))
    throw SetupError("refusing to send PYBRIDGE_TOKEN in the clear to '" + address +
                     "': set PYBRIDGE_TLS_CA to the CA of the workers' certificates");
  grpc::ChannelArguments arguments;
  arguments.SetLoadBalancingPolicyName("round_robin");
  int limit = static_cast<int>(std::min<std::size_t>(options.max_message_bytes, INT_MAX));
  arguments.SetMaxReceiveMessageSize(limit);
  arguments.SetMaxSendMessageSize(limit);
  std::vector<std::unique_ptr<experimental::ClientInterceptorFactoryInterface>> interceptors;
  if (!token.empty())
    interceptors.push_back(std::make_unique<TokenInterceptors>(token));
  auto channel = experimental::CreateCustomChannelWithInterceptors(
      address, channel_credentials(options), arguments, std::move(interceptors));
  if (!channel)
    throw SetupError("cannot use the worker address '" + address + "'");
  return channel;
}
} // namespace

std::vector<std::shared_ptr<grpc::Channel>> make_remote_channels(const Options &options) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (const std::string &address : split_static_list(options.address))
    channels.push_back(make_remote_channel(address, options));
  return channels;
}

} // namespace pybridge::detail
