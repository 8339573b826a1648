// Misuse: results of a type Python does not return.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// clang-format off
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <string>
#include <vector>

[[pybridge::bind("str.split")]] long split(std::string self); // expected-error {{'str.split' returns 'list[str]', not 'long'}} expected-note {{declared here}}
[[pybridge::bind("shlex.quote")]] long quote(std::string s); // expected-error {{'shlex.quote' returns 'str', not 'long'}} expected-note {{declared here}}
[[pybridge::bind("shutil.which")]] std::string which(std::string cmd); // expected-error {{'shutil.which' returns 'str | os.PathLike[str] | None', which may be None, and 'std::string' (aka 'basic_string<char>') cannot hold None; wrap the result in std::optional}} expected-note {{declared here}}
[[pybridge::bind("list.append")]] long append(std::vector<long> self, long object); // expected-error {{'list.append' returns None; declare the C++ result void}} expected-note {{declared here}}
[[pybridge::bind("os.walk")]] std::vector<std::string> walk(std::string top); // expected-error-re {{'os.walk' is a {{generator|function returning an iterator}}; return pybridge::Stream<T> (items are 'tuple[}} expected-note {{declared here}}
[[pybridge::bind("textwrap.wrap")]] std::string wrap(std::string text); // expected-error {{'textwrap.wrap' returns 'list[str]', not 'std::string'}} expected-note {{declared here}}
