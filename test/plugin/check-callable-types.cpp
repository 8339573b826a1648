// C++ callables against Python's Callable annotations: the callable converter states
// `Callable[[A...], R]` from its signature (pybridge/callback.hpp), checked with Python's rules
// (parameters contravariant, the result covariant, `Callable[..., R]` any arity).
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// clang-format off
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <functional>
#include <string>
#include <vector>

namespace fx {
// What fits: std::function, function pointers, a C++ parameter that takes more than Python
// passes (double takes an int), a result Python accepts, any arity for `...`, void as None,
// pybridge::Callback (its signature erased: checked when called).
[[pybridge::bind("pybridge_check_fixture.apply_twice")]] long apply_twice(std::function<long(long)> f, long x);
[[pybridge::bind("pybridge_check_fixture.apply_twice")]] long apply_twice_ptr(long (*f)(long), long x);
[[pybridge::bind("pybridge_check_fixture.apply_twice")]] long apply_twice_double(std::function<long(double)> f, long x);
[[pybridge::bind("pybridge_check_fixture.apply_twice")]] long apply_twice_cb(pybridge::Callback f, long x);
[[pybridge::bind("pybridge_check_fixture.keep")]] std::vector<std::string> keep(std::function<bool(const std::string &)> pred, std::vector<std::string> items);
[[pybridge::bind("pybridge_check_fixture.keep")]] std::vector<std::string> keep_any(std::function<bool(pybridge::Value)> pred, std::vector<std::string> items);
[[pybridge::bind("pybridge_check_fixture.call_any")]] double call_any(std::function<double(long, long)> f);
[[pybridge::bind("pybridge_check_fixture.call_any")]] double call_any_none(std::function<double()> f);
[[pybridge::bind("pybridge_check_fixture.on_event")]] void on_event(std::function<void(std::string, long)> handler);

// What does not: the wrong arity, a parameter C++ cannot take from what Python passes, a
// result that is not what Python expects.
[[pybridge::bind("pybridge_check_fixture.apply_twice")]] long apply_pair(std::function<long(long, long)> f, long x); // expected-error {{Python parameter 'f' expects 'Callable[[int], int]', called with 1 argument; 'std::function<long (long, long)>' takes 2}} expected-note {{'pybridge_check_fixture.apply_twice' is declared here as 'apply_twice(f: Callable[[int], int], x: int) -> int'}}
[[pybridge::bind("pybridge_check_fixture.apply_twice")]] long apply_none(long (*f)(), long x); // expected-error {{Python parameter 'f' expects 'Callable[[int], int]', called with 1 argument; 'long (*)()' takes 0}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.keep")]] std::vector<std::string> keep_long(std::function<bool(long)> pred, std::vector<std::string> items); // expected-error {{Python parameter 'pred' expects 'Callable[[str], bool]', not 'std::function<bool (long)>', which is 'Callable[[int], bool]'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.keep")]] std::vector<std::string> keep_count(std::function<long(std::string)> pred, std::vector<std::string> items); // expected-error {{Python parameter 'pred' expects 'Callable[[str], bool]', not 'std::function<long (std::string)>' (aka 'function<long (basic_string<char>)>'), which is 'Callable[[str], int]'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.apply_twice")]] long apply_text(std::function<std::string(long)> f, long x); // expected-error {{which is 'Callable[[int], str]'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.call_any")]] double call_any_text(std::function<std::string()> f); // expected-error {{Python parameter 'f' expects 'Callable[..., float]', not 'std::function<std::string ()>' (aka 'function<basic_string<char> ()>'), which is 'Callable[[], str]'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.on_event")]] void on_event_short(std::function<void(std::string)> handler); // expected-error {{Python parameter 'handler' expects 'Callable[[str, int], None] | None', called with 2 arguments; 'std::function<void (std::string)>' (aka 'function<void (basic_string<char>)>') takes 1}} expected-note {{declared here}}

// The standard library's own annotations (typeshed): sorted's key, filter, map.
[[pybridge::bind("sorted")]] std::vector<std::string> sorted_by(std::vector<std::string> iterable, [[pybridge::name("key")]] std::function<long(std::string)> key);
[[pybridge::bind("sorted")]] std::vector<std::string> sorted_by_pair(std::vector<std::string> iterable, [[pybridge::name("key")]] std::function<long(std::string, std::string)> key); // expected-error {{Python parameter 'key' expects}} expected-note {{declared here}} expected-note {{candidate}}
[[pybridge::bind("filter")]] pybridge::Stream<long> keep_even(std::function<bool(long)> function, std::vector<long> iterable);
[[pybridge::bind("map")]] pybridge::Stream<double> halves(std::function<double(long)> func, std::vector<long> iterable);
[[pybridge::bind("map")]] pybridge::Stream<double> sums(std::function<double(long, long)> func, std::vector<long> a, std::vector<long> b);
// networkx states no annotations: its weight function is checked when networkx calls it.
[[pybridge::bind("networkx.shortest_path")]] std::vector<std::string> shortest_path(pybridge::Object G, std::string source, std::string target, [[pybridge::name("weight")]] std::function<double(std::string, std::string, pybridge::Value)> weight);
} // namespace fx
