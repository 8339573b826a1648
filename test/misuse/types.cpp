// Misuse: arguments of a type Python does not take.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// clang-format off
#include <pybridge/pybridge.hpp>

#include <string>
#include <vector>

[[pybridge::bind("shlex.quote")]] std::string quote(long s); // expected-error {{Python parameter 's' expects 'str', not 'long'}} expected-note {{declared here}}
[[pybridge::bind("textwrap.shorten")]] std::string shorten(std::string text, std::string width); // expected-error {{Python parameter 'width' expects 'int', not 'std::string'}} expected-note {{declared here}}
[[pybridge::bind("math.sqrt")]] double root(std::string x); // expected-error {{Python parameter 'x' expects}} expected-note {{declared here}}
[[pybridge::bind("keyword.iskeyword")]] bool is_keyword(std::vector<std::string> s); // expected-error {{Python parameter 's' expects 'str', not 'std::vector<std::string>'}} expected-note {{declared here}}
[[pybridge::bind("textwrap.indent")]] std::string indent(std::string text, long prefix); // expected-error {{Python parameter 'prefix' expects 'str', not 'long'}} expected-note {{declared here}}
[[pybridge::bind("str.upper")]] std::string upper(long self); // expected-error {{Python parameter 'self' expects 'str', not 'long'}} expected-note {{declared here}}
