// C++ callables against Python's Callable[[A, ...], R] (CallableMatching.cpp): the number of
// parameters, each Python argument into its C++ parameter, the C++ result into R.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
#include <pybridge/pybridge.hpp>

#include <functional>
#include <optional>
#include <string>

namespace fx {
[[pybridge::bind("pybridge_callback_fixture.apply")]] bool apply(std::function<bool(long)> f, long x);
[[pybridge::bind("pybridge_callback_fixture.apply")]] bool apply_pointer(bool (*f)(int), long x);
[[pybridge::bind("pybridge_callback_fixture.apply")]] bool apply_kept(pybridge::Callback f, long x);
[[pybridge::bind("pybridge_callback_fixture.apply")]] bool apply_arity(std::function<bool(long, long)> f, long x); // expected-error {{Python parameter 'f' expects 'Callable[[int], bool]', not 'std::function<bool (long, long)>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_callback_fixture.apply")]] bool apply_text(std::function<bool(std::string)> f, long x); // expected-error {{Python parameter 'f' expects 'Callable[[int], bool]', not 'std::function<bool (std::string)>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_callback_fixture.apply")]] bool apply_result(std::function<std::string(long)> f, long x); // expected-error {{Python parameter 'f' expects 'Callable[[int], bool]', not 'std::function<std::string (long)>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_callback_fixture.apply_two")]] double apply_two(std::function<double(long, const std::string &)> f, long x, std::string s);
[[pybridge::bind("pybridge_callback_fixture.apply_two")]] double apply_two_widening(std::function<long(long, std::string)> f, long x, std::string s);
[[pybridge::bind("pybridge_callback_fixture.apply_anything")]] std::string apply_anything(std::function<std::string(long, long)> f);
[[pybridge::bind("pybridge_callback_fixture.notify")]] void notify(std::function<void(std::string)> handler, std::string message);
[[pybridge::bind("pybridge_callback_fixture.apply")]] bool apply_void(std::function<void(long)> f, long x); // expected-error {{Python parameter 'f' expects 'Callable[[int], bool]', not 'std::function<void (long)>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_callback_fixture.maybe")]] long maybe(std::optional<std::function<long(long)>> f);
[[pybridge::bind("pybridge_callback_fixture.maybe")]] long maybe_given(std::function<long(long)> f);
[[pybridge::bind("pybridge_callback_fixture.twice")]] long twice(std::function<long(long)> x); // expected-error {{Python parameter 'x' expects 'int', not 'std::function<long (long)>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_callback_fixture.make_adder")]] std::function<long(long)> make_adder(long n); // expected-error {{'std::function<long (long)>' cannot hold a Python result: its pybridge::Converter has no from_python}}
} // namespace fx
