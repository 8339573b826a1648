// Remote workers with credentials, as a host uses them: TLS checked against the workers' CA,
// client certificates for workers that ask, a token on every RPC, and the token in no error
// message or log line. Certificates are made for the test with openssl.
#include "AgentServers.hpp"
#include "endpoint.hpp"

#include <filesystem>
#include <random>

namespace {

using namespace pybridge_test;
namespace fs = std::filesystem;

std::string random_token() {
  std::random_device random;
  std::string token = "tok-";
  for (int i = 0; i < 4; ++i)
    token += std::to_string(random());
  return token;
}

class RemoteSecurityTest : public RuntimeTest {
protected:
  static void SetUpTestSuite() {
    certs_ = fs::temp_directory_path() / ("pybridge-certs-" + std::to_string(::getpid()));
    std::string command = "sh '" + std::string(PYBRIDGE_TEST_FIXTURES) + "/make-test-certs.sh' '" +
                          certs_.string() + "' 2>/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << "openssl could not make test certificates";
  }
  static void TearDownTestSuite() { fs::remove_all(certs_); }
  void TearDown() override {
    RuntimeTest::TearDown();
    if (pid_ > 0)
      kill_and_reap(pid_);
  }

  static std::string cert(const char *name) { return (certs_ / name).string(); }

  /// An agent on a loopback port with TLS (`server`: which certificate), the token, and
  /// `extra` arguments.
  void serve(const std::string &server, const std::vector<std::string> &extra = {}) {
    port_ = free_port();
    std::vector<std::string> args = {"-m",
                                     "pybridge_agent",
                                     "serve",
                                     "--listen",
                                     "127.0.0.1:" + std::to_string(port_),
                                     "--tls-cert",
                                     cert((server + ".pem").c_str()),
                                     "--tls-key",
                                     cert((server + ".key").c_str())};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = spawn_python(args, {{"PYBRIDGE_TOKEN", token_}});
    ASSERT_TRUE(eventually([&] { return accepts(port_); }, 20000ms)) << "no worker started";
  }

  pybridge::Options options() {
    return {.workers = 1,
            .address = "ipv4:127.0.0.1:" + std::to_string(port_),
            .log = log.sink(),
            .tls_ca = cert("ca.pem"),
            .token = token_};
  }

  /// Connects one remote endpoint with `options` (a short wait: a handshake that fails
  /// never connects); the error message, or "" when it serves.
  static std::string connect_error(const pybridge::Options &options) {
    pybridge::detail::WorkerSettings settings;
    settings.address = options.address;
    settings.max_message_bytes = 1 << 20;
    try {
      settings.channels = pybridge::detail::make_remote_channels(options);
      pybridge::detail::make_remote_endpoint(0, 0, settings)->wait_ready(3000ms);
      return "";
    } catch (const pybridge::SetupError &error) {
      return error.what();
    }
  }

  void expect_no_secret(const std::string &text) const {
    EXPECT_EQ(text.find(token_), std::string::npos) << "the token leaked: " << text;
    EXPECT_EQ(text.find(wrong_), std::string::npos) << "a token leaked: " << text;
  }

  static inline fs::path certs_;
  std::string token_ = random_token(), wrong_ = random_token();
  int port_ = 0;
  pid_t pid_ = 0;
};

TEST_F(RemoteSecurityTest, TlsAndTheTokenServeCalls) {
  serve("server");
  start(options());
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"), pid_);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 2, 3), 5);
  expect_no_secret(log.all());
}

TEST_F(RemoteSecurityTest, TheEnvironmentGivesTheCredentials) {
  serve("server");
  ScopedEnv ca("PYBRIDGE_TLS_CA", cert("ca.pem"));
  ScopedEnv token("PYBRIDGE_TOKEN", token_);
  ScopedEnv address("PYBRIDGE_ADDRESS", "ipv4:127.0.0.1:" + std::to_string(port_));
  start({.workers = 1});
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"), pid_);
}

TEST_F(RemoteSecurityTest, AWrongOrMissingTokenIsRefusedAndNeverShown) {
  serve("server");
  for (const std::string &token : {wrong_, std::string()}) {
    pybridge::Options with = options();
    with.token = token;
    pybridge::configure(with);
    try {
      pybridge::call<long>("pybridge_faults.pid");
      ADD_FAILURE() << "a call went through without the token";
    } catch (const pybridge::SetupError &error) {
      EXPECT_NE(std::string(error.what()).find("token"), std::string::npos) << error.what();
      expect_no_secret(error.what());
    }
    pybridge::shutdown();
  }
  expect_no_secret(log.all());
}

TEST_F(RemoteSecurityTest, WorkersAskingForClientCertificatesGetThem) {
  serve("server", {"--tls-client-ca", cert("ca.pem")});
  EXPECT_NE(connect_error(options()), ""); // no client certificate: no connection
  pybridge::Options with = options();
  with.tls_cert = cert("client.pem");
  with.tls_key = cert("client.key");
  start(with);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"), pid_);
}

TEST_F(RemoteSecurityTest, AWorkerTheCaDidNotSignIsNotTrusted) {
  serve("rogue-server");
  std::string error = connect_error(options());
  EXPECT_NE(error.find("no remote worker answered"), std::string::npos) << error;
}

TEST_F(RemoteSecurityTest, APlainChannelDoesNotReachATlsWorker) {
  serve("server");
  pybridge::Options plain = options();
  plain.tls_ca.clear();
  EXPECT_NE(connect_error(plain), "");
}

TEST_F(RemoteSecurityTest, TheTokenIsNeverSentInTheClearBeyondLoopback) {
  // Refused before any channel exists: nothing is sent anywhere.
  pybridge::configure(
      {.workers = 1, .address = "dns:///workers.invalid:7000", .log = log.sink(), .token = token_});
  try {
    pybridge::call<long>("pybridge_faults.pid");
    ADD_FAILURE() << "no SetupError";
  } catch (const pybridge::SetupError &error) {
    EXPECT_NE(std::string(error.what()).find("PYBRIDGE_TLS_CA"), std::string::npos);
    expect_no_secret(error.what());
  }
}

TEST_F(RemoteSecurityTest, AnUnreadableCertificateNamesItsFile) {
  pybridge::Options with = options();
  with.tls_ca = (certs_ / "missing.pem").string();
  try {
    pybridge::detail::make_remote_channels(with);
    ADD_FAILURE() << "no SetupError";
  } catch (const pybridge::SetupError &error) {
    EXPECT_NE(std::string(error.what()).find("missing.pem"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("PYBRIDGE_TLS_CA"), std::string::npos);
  }
}

} // namespace
