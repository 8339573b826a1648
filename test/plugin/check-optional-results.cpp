// A Python result that may be None goes into a C++ type that can hold None (std::optional,
// std::variant with std::monostate, pybridge::Object), or compiling fails with a fix-it
// wrapping the result in std::optional.
// RUN: env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fsyntax-only -Xclang -verify %s
// RUN: not env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <pybridge/pybridge.hpp>
#include <pybridge/future.hpp>

#include <optional>
#include <string>
#include <variant>

namespace sh {
[[pybridge::bind("shutil.which")]] std::string which(std::string cmd); // expected-error {{'shutil.which' returns 'str | os.PathLike[str] | None', which may be None, and 'std::string' (aka 'basic_string<char>') cannot hold None; wrap the result in std::optional}} expected-note {{'shutil.which' is declared here as 'which(}}
// CHECK: fix-it:"{{.*}}check-optional-results.cpp":{[[@LINE-1]]:36-[[@LINE-1]]:47}:"std::optional<std::string>"
[[pybridge::bind("shutil.which")]] std::optional<std::string> which_optional(std::string cmd);
[[pybridge::bind("shutil.which")]] std::variant<std::monostate, std::string> which_variant(std::string cmd);
[[pybridge::bind("shutil.which")]] pybridge::Object which_object(std::string cmd);
[[pybridge::bind("shutil.which")]] std::variant<std::string, long> which_no_none(std::string cmd); // expected-error {{'std::variant<std::string, long>' (aka 'variant<basic_string<char>, long>') cannot hold None}} expected-note {{declared here}}
// More than None misfits: the usual overload error.
[[pybridge::bind("shutil.which")]] long which_number(std::string cmd); // expected-error {{'shutil.which' returns 'str | os.PathLike[str] | None', not 'long'}} expected-note {{none of the 2 overloads of 'shutil.which' matches the stub; the closest is declared here as 'which(cmd: str | os.PathLike[str],}} expected-note {{Python parameter 'cmd' expects 'bytes'}}
// Run later on the pool: the value inside the future is what must hold None.
[[pybridge::bind("shutil.which")]] std::future<std::string> which_later(std::string cmd); // expected-error {{cannot hold None}} expected-note {{declared here}}
} // namespace sh

// Properties too.
namespace up {
struct [[pybridge::bind("urllib.parse.ParseResult")]] Url : pybridge::Object {
  using pybridge::Object::Object;
  std::string hostname(); // expected-error {{'urllib.parse.ParseResult.hostname' returns 'str | bytes | None', which may be None}}
  // CHECK: fix-it:"{{.*}}check-optional-results.cpp":{[[@LINE-1]]:3-[[@LINE-1]]:14}:"std::optional<std::string>"
  std::optional<long> port();
};
} // namespace up
