// Parameter and result types against the mapping table (docs/plugin.md), which is what the
// runtime converts (pybridge/convert.hpp).
// RUN: env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
#include <pybridge/pybridge.hpp>
#include <pybridge/future.hpp>

#include <chrono>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <variant>

using pybridge::Object;

namespace fx {
// int is accepted where float is; integers of any width where int is.
[[pybridge::bind("pybridge_check_fixture.clip")]] double clip(long value, int low, short high);
[[pybridge::bind("pybridge_check_fixture.clip")]] float clip_float(float value, double low, double high);
[[pybridge::bind("pybridge_check_fixture.clip")]] long clip_to_int(double value, double low, double high); // expected-error {{'pybridge_check_fixture.clip' returns 'float', not 'long'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.pair")]] std::pair<std::string, long> pair_double(std::string key, double value); // expected-error {{Python parameter 'value' expects 'int', not 'double'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.pair")]] std::pair<std::string, long> pair_bool(std::string key, bool value); // expected-error {{Python parameter 'value' expects 'int', not 'bool'}} expected-note {{declared here}}

// str: std::string both ways, views and C strings only into Python.
[[pybridge::bind("pybridge_check_fixture.pair")]] std::pair<std::string, long> pair(std::string_view key, int value);
[[pybridge::bind("pybridge_check_fixture.join_words")]] std::string join(std::vector<std::string> parts, const char *sep);
[[pybridge::bind("pybridge_check_fixture.join_words")]] std::string_view join_view(std::vector<std::string> parts); // expected-error {{'std::string_view' (aka 'basic_string_view<char>') cannot hold a Python result: its pybridge::Converter has no from_python}}
[[pybridge::bind("pybridge_check_fixture.words")]] std::vector<std::string_view> words_views(std::string text); // expected-error {{cannot hold a Python result (in 'std::vector<std::string_view>'}}
[[pybridge::bind("statistics.median")]] double median_text(std::string data); // expected-error {{Python parameter 'data' expects 'Iterable[float | decimal.Decimal | fractions.Fraction]', not 'std::string'}} expected-note {{'statistics.median' is declared here as 'median(data: Iterable[float | decimal.Decimal | fractions.Fraction]) -> float | decimal.Decimal | fractions.Fraction' (types from typeshed statistics.pyi:}}
[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);
[[pybridge::bind("statistics.median")]] double median_ints(std::set<int> data);

// Python's own rule: a str is a Sequence[str].
[[pybridge::bind("pybridge_check_fixture.join_words")]] std::string spread(std::string parts);

// Containers.
[[pybridge::bind("pybridge_check_fixture.span")]] long span(std::set<int> values);
[[pybridge::bind("pybridge_check_fixture.span")]] long span_list(std::vector<int> values); // expected-error {{Python parameter 'values' expects 'set[int]', not 'std::vector<int>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.pair")]] std::tuple<std::string, long> pair_tuple(std::string key, int value);
[[pybridge::bind("pybridge_check_fixture.pair")]] std::tuple<std::string, long, long> pair_three(std::string key, int value); // expected-error {{returns 'tuple[str, int]', not 'std::tuple<std::string, long, long>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.tally")]] std::unordered_map<std::string, long> tally(std::string name);
[[pybridge::bind("pybridge_check_fixture.tally")]] std::map<long, long> tally_keys(std::string name); // expected-error {{returns 'dict[str, int]', not 'std::map<long, long>'}} expected-note {{declared here}}

// bytes, datetime, timedelta, Literal, None.
[[pybridge::bind("pybridge_check_fixture.echo_bytes")]] pybridge::Bytes echo(pybridge::Bytes data);
[[pybridge::bind("pybridge_check_fixture.echo_bytes")]] pybridge::Bytes echo_text(std::string data); // expected-error {{Python parameter 'data' expects 'bytes', not 'std::string'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.later")]] std::chrono::system_clock::time_point later(std::chrono::system_clock::time_point when, std::chrono::minutes delta);
[[pybridge::bind("pybridge_check_fixture.later")]] std::chrono::system_clock::time_point later_seconds(std::chrono::system_clock::time_point when, double delta); // expected-error {{Python parameter 'delta' expects 'datetime.timedelta', not 'double'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.shout")]] std::string shout(std::string text, std::string mode);
[[pybridge::bind("pybridge_check_fixture.shout")]] std::string shout_int(std::string text, int mode); // expected-error {{Python parameter 'mode' expects 'Literal['upper', 'title']', not 'int'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.nothing")]] void nothing(int value);
[[pybridge::bind("pybridge_check_fixture.nothing")]] int nothing_int(int value); // expected-error {{'pybridge_check_fixture.nothing' returns None; declare the C++ result void}} expected-note {{declared here}}
// A result may always be ignored.
[[pybridge::bind("pybridge_check_fixture.clip")]] void clip_ignored(double value, double low, double high);

// Optional[T] and unions.
[[pybridge::bind("pybridge_check_fixture.scale")]] double scale_variant(std::variant<int, double> value);
[[pybridge::bind("pybridge_check_fixture.scale")]] double scale_bad_variant(std::variant<int, std::string> value); // expected-error {{Python parameter 'value' expects 'float', not 'std::variant<int, std::string>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.scale")]] std::optional<double> scale_optional(double value);
[[pybridge::bind("statistics.median")]] std::variant<double, Object> median_any(std::vector<double> data);

// pybridge::Object stands for anything; bound classes for their Python class or a subclass.
[[pybridge::bind("pybridge_check_fixture.describe")]] std::string describe_object(Object item);
[[pybridge::bind("pybridge_check_fixture.describe")]] std::string describe_text(std::string item); // expected-error {{Python parameter 'item' expects 'pybridge_check_fixture.Base', not 'std::string'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.words")]] Object words_handle(std::string text);

// std::future<T> runs the call on the runtime's pool; T is checked.
[[pybridge::bind("pybridge_check_fixture.words")]] std::future<std::vector<std::string>> words_later(std::string text);
[[pybridge::bind("pybridge_check_fixture.words")]] std::future<long> words_count_later(std::string text); // expected-error {{returns 'list[str]', not 'long'}} expected-note {{declared here}}

// A C++ type PyBridge cannot convert.
struct Point { double x, y; };
[[pybridge::bind("pybridge_check_fixture.clip")]] double clip_point(Point value, double low, double high); // expected-error {{no pybridge::Converter for 'Point'; specialize pybridge::Converter for it (see pybridge/convert.hpp)}}

// ... unless the user taught the runtime how (checked at run time then).
struct Celsius { double degrees; };
} // namespace fx
template <> struct pybridge::Converter<fx::Celsius> {
  static void to_python(pybridge::ValueBuilder out, const fx::Celsius &c) { out.set_float(c.degrees); }
  static fx::Celsius from_python(pybridge::ValueRef in) { return {in.as_float()}; }
};
namespace fx {
[[pybridge::bind("pybridge_check_fixture.clip")]] Celsius clip_celsius(Celsius value, double low, double high);
} // namespace fx

// A subclass of a builtin comes back as the builtin's value, but is not made from one: an
// argument would reach Python as a plain dict. Other classes need Object or a stub.
namespace fx {
[[pybridge::bind("collections.Counter.total")]] long counter_total(std::map<std::string, long> self); // expected-error {{'self' expects 'collections.Counter', not 'std::map<std::string, long>'}} expected-note {{declared here}}
[[pybridge::bind("fractions.Fraction.from_float")]] double fraction(double f); // expected-error {{returns 'fractions.Fraction', not 'double'}} expected-note {{declared here}}
} // namespace fx

// A vector is sent as a tuple only as the argument itself (see test/e2e/tuple-arguments.cpp);
// inside a container it would go as a list. A std::tuple is a tuple at any depth.
namespace fx {
[[pybridge::bind("pybridge_check_fixture.rows_total")]] long rows_total(std::vector<std::vector<long>> rows); // expected-error {{Python parameter 'rows' expects 'list[tuple[int, ...]]', not 'std::vector<std::vector<long>>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.rows_total")]] long rows_pairs(std::vector<std::tuple<long, long>> rows);
[[pybridge::bind("pybridge_check_fixture.sent_as")]] std::string sent_as(std::tuple<long, long> items, std::variant<std::vector<std::string>, std::string> more); // expected-error {{Python parameter '*more' expects 'tuple[str, ...]'}} expected-note {{declared here}}
} // namespace fx
