// What the bound path names: unknown names (with "did you mean"), classes bound to
// functions, constants, builtins and methods through their class, overloads, generators and
// coroutines.
// RUN: env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>
#include <pybridge/future.hpp>

#include <future>

namespace fx {
[[pybridge::bind("statistics.mediam")]] double mediam(std::vector<double> data); // expected-error {{'statistics' has no attribute 'mediam'; did you mean 'median'?}}
[[pybridge::bind("statistics.nothing_like_it")]] double unknown(std::vector<double> data); // expected-error {{'statistics' has no attribute 'nothing_like_it'}}
[[pybridge::bind("os.path.jion")]] std::string join(std::string a, std::string b); // expected-error {{'os.path' has no attribute 'jion'; did you mean 'join'?}}
[[pybridge::bind("pybridge_check_fixture.Counter.tock")]] long tock(pybridge::Object self); // expected-error {{'pybridge_check_fixture.Counter' has no attribute 'tock'; did you mean 'tick'?}}
[[pybridge::bind("pybridge_no_such_module.f")]] double missing_module(double); // expected-error {{cannot check 'pybridge_no_such_module.f': no module named 'pybridge_no_such_module' for}}
[[pybridge::bind("pybridge_no_such_module.g")]] double missing_module_again(double); // reported once
[[pybridge::bind("pybridge_check_fixtur.f")]] double near_module(double); // expected-error {{no module named 'pybridge_check_fixtur'; did you mean 'pybridge_check_fixture'?}}

// A function bound to a class calls it: checked against the constructor, the result against
// the class. A class cannot be bound to a function, nor a module to anything.
[[pybridge::bind("fractions.Fraction")]] pybridge::Object fraction(long numerator, long denominator);
[[pybridge::bind("fractions.Fraction")]] double fraction_value(long numerator); // expected-error {{'fractions.Fraction' returns 'fractions.Fraction', not 'double'}} expected-note {{none of the 2 overloads of 'fractions.Fraction' matches the stub; the closest is declared here as 'Fraction(numerator: int | numbers.Rational = 0, denominator: int | numbers.Rational | None = None, *, _normalize: bool = True)' (types from typeshed fractions.pyi:}} expected-note {{candidate 'Fraction(numerator: float | decimal.Decimal | str, *, _normalize: bool = True)' (types from typeshed fractions.pyi:}}
[[pybridge::bind("fractions.Fraction")]] pybridge::Object fraction_text(std::string numerator, long denominator); // expected-error {{Python parameter 'numerator' expects 'int | numbers.Rational', not 'std::string'}} expected-note {{none of the 2 overloads of 'fractions.Fraction' matches the stub; the closest is declared here as 'Fraction(numerator: int | numbers.Rational = 0,}} expected-note {{candidate 'Fraction(numerator: float | decimal.Decimal | str, *, _normalize: bool = True)' (types from typeshed fractions.pyi:}}
[[pybridge::bind("pybridge_check_fixture.Other")]] double make_other(); // expected-error {{'pybridge_check_fixture.Other' returns 'pybridge_check_fixture.Other', not 'double'}} expected-note {{'pybridge_check_fixture.Other' is declared here as 'Other()' (types from run-time annotations)}}
[[pybridge::bind("pybridge_check_fixture.Other")]] void make_and_drop_other();
// An instance of a class with __iter__ streams its items.
[[pybridge::bind("range")]] pybridge::Stream<long> range(long stop);
[[pybridge::bind("range")]] pybridge::Stream<std::string> range_text(long stop); // expected-error {{items of 'range' are 'int', not 'std::string'}} expected-note {{none of the 2 overloads of 'range' matches the stub; the closest is declared here as 'range(stop: SupportsIndex, /)'}} expected-note {{candidate 'range(start: SupportsIndex, stop: SupportsIndex, step: SupportsIndex = ..., /)' (types from typeshed builtins.pyi:}}
[[pybridge::bind("os.path")]] double a_module(); // expected-error {{'os.path' is a module, not a function; bind a function or class inside it}}
struct [[pybridge::bind("statistics.median")]] Median : pybridge::Object {}; // expected-error {{'statistics.median' is a function, not a class; bind it to a function declaration}}

// Constants are read by functions without parameters.
[[pybridge::bind("math.pi")]] double pi();
[[pybridge::bind("pybridge_check_fixture.origin")]] double origin_at(int where); // expected-error {{'pybridge_check_fixture.origin' is a constant, not a function; a bound function without parameters reads it}}
[[pybridge::bind("math.pi")]] std::string pi_text(); // expected-error {{Python attribute 'math.pi' is 'float', not 'std::string'}}

// Builtins resolve first, as at run time; an instance method through its class takes self.
[[pybridge::bind("str.upper")]] std::string upper(std::string self);
[[pybridge::bind("str.upper")]] std::string upper_number(double self); // expected-error {{Python parameter 'self' expects 'str', not 'double'}} expected-note {{'str.upper' is declared here as 'upper() -> str'}}
[[pybridge::bind("len")]] long length(std::vector<int> obj);

// Overloads: the stub fits when it fits one; otherwise every candidate is listed.
[[pybridge::bind("pybridge_check_fixture.mix")]] long mix(long a, long b);
[[pybridge::bind("pybridge_check_fixture.mix")]] std::string mix_text(std::string a, std::string b);
[[pybridge::bind("pybridge_check_fixture.mix")]] std::string mix_both(std::string a, long b); // expected-error {{Python parameter 'b' expects 'str', not 'long'}} expected-note {{none of the 2 overloads of 'pybridge_check_fixture.mix' matches the stub; the closest is declared here as 'mix(a: str, b: str) -> str' (types from run-time annotations)}} expected-note {{candidate 'mix(a: int, b: int) -> int' (types from run-time annotations): Python parameter 'a' expects 'int', not 'std::string'}}

// Generators and iterators stream; coroutines are awaited on the worker.
[[pybridge::bind("pybridge_check_fixture.count")]] pybridge::Stream<long> count(int n);
[[pybridge::bind("pybridge_check_fixture.count")]] pybridge::Object count_handle(int n);
[[pybridge::bind("pybridge_check_fixture.count")]] std::vector<long> count_list(int n); // expected-error {{'pybridge_check_fixture.count' is a generator; return pybridge::Stream<T> (items are 'int')}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.count")]] pybridge::Stream<std::string> count_text(int n); // expected-error {{items of 'pybridge_check_fixture.count' are 'int', not 'std::string'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.async_count")]] pybridge::Stream<int> async_count(int n);
[[pybridge::bind("pybridge_check_fixture.async_count")]] long async_count_value(int n); // expected-error {{'pybridge_check_fixture.async_count' is a generator (async); return pybridge::Stream<T> (items are 'int')}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.words")]] pybridge::Stream<std::string> words(std::string text);
[[pybridge::bind("pybridge_check_fixture.clip")]] pybridge::Stream<double> clip_stream(double value, double low, double high); // expected-error {{'pybridge_check_fixture.clip' returns 'float', which is not iterable; pybridge::Stream is for generators, iterators and collections}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.fetch")]] std::string fetch(std::string key);
[[pybridge::bind("pybridge_check_fixture.fetch")]] std::future<std::string> fetch_later(std::string key);
[[pybridge::bind("pybridge_check_fixture.fetch")]] long fetch_number(std::string key); // expected-error {{'pybridge_check_fixture.fetch' returns 'str', not 'long'}} expected-note {{declared here}}
} // namespace fx
