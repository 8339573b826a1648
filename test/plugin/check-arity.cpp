// Parameters are matched as a Python call binds arguments: by position (positional-only
// parameters only so), keyword-only ones by their Python name, extras into *args/**kwargs.
// RUN: env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
#include <pybridge/pybridge.hpp>

#include <map>
#include <optional>

namespace fx {
// Positional-only: the C++ names do not matter.
[[pybridge::bind("pybridge_check_fixture.clip")]] double clip(double v, double lo, double hi);

[[pybridge::bind("pybridge_check_fixture.clip")]] double clip_extra(double value, double low, double high, double extra); // expected-error {{'pybridge_check_fixture.clip' takes 3 arguments, but the stub has 4 parameters}} expected-note {{'pybridge_check_fixture.clip' is declared here as 'clip(value: float, low: float, high: float, /) -> float' (types from run-time annotations)}}

[[pybridge::bind("pybridge_check_fixture.clip")]] double clip_short(double value, double low); // expected-error {{stub of 'pybridge_check_fixture.clip' lacks required Python parameter 'high'}} expected-note {{declared here}}

[[pybridge::bind("pybridge_check_fixture.clip")]] double clip_named(double value, double low, double high, [[pybridge::name("value")]] double again); // expected-error {{Python parameter 'value' of 'pybridge_check_fixture.clip' is positional-only; it cannot be passed by name}} expected-note {{declared here}}

// Keyword-only parameters carry their Python name: the C++ name or [[pybridge::name]].
[[pybridge::bind("pybridge_check_fixture.label")]] std::string label(std::string text, int width);
[[pybridge::bind("pybridge_check_fixture.label")]] std::string label_fill(std::string text, [[pybridge::name("fill")]] std::string f, int width);

[[pybridge::bind("pybridge_check_fixture.label")]] std::string label_unnamed(std::string text, int); // expected-error {{Python parameter 'width' of 'pybridge_check_fixture.label' is keyword-only; name the C++ parameter 'width' or add [[pybridge::name("width")]]}} expected-note {{declared here}}

[[pybridge::bind("pybridge_check_fixture.label")]] std::string label_typo(std::string text, std::string fil); // expected-error {{'pybridge_check_fixture.label' has no parameter named 'fil'; did you mean 'fill'?}} expected-note {{declared here}}

[[pybridge::bind("pybridge_check_fixture.label")]] std::string label_attr_typo(std::string text, [[pybridge::name("widht")]] int w); // expected-error {{has no parameter named 'widht'; did you mean 'width'?}} expected-note {{declared here}}

[[pybridge::bind("pybridge_check_fixture.label")]] std::string label_twice(std::string text, [[pybridge::name("text")]] std::string again); // expected-error {{Python parameter 'text' of 'pybridge_check_fixture.label' is given twice}} expected-note {{declared here}}

// An empty std::optional is left out so Python's default applies; the arguments after it
// then go by keyword.
[[pybridge::bind("pybridge_check_fixture.scale")]] double scale(double value, std::optional<double> factor, double offset);

[[pybridge::bind("pybridge_check_fixture.scale")]] double scale_required(std::optional<double> value); // expected-error {{C++ parameter 'value' is std::optional and may be omitted, but Python parameter 'value' has no default}} expected-note {{declared here}}

[[pybridge::bind("pybridge_check_fixture.clip")]] double clip_optional(double value, std::optional<double> low, double high); // expected-error {{C++ parameter 'low' is std::optional and may be omitted, but Python parameter 'low' has no default}} expected-error {{Python parameter 'high' is positional-only and follows 'low', a std::optional that may be omitted; make 'low' non-optional}} expected-note 2 {{declared here}}

// *args and **kwargs take what is left, each checked against their item type.
[[pybridge::bind("pybridge_check_fixture.total")]] double total(double a, double b, int c);
[[pybridge::bind("pybridge_check_fixture.total")]] double total_text(double a, std::string b); // expected-error {{Python parameter '*values' expects 'float', not 'std::string'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.tally")]] std::map<std::string, long> tally(std::string name, int apples, int pears);
[[pybridge::bind("pybridge_check_fixture.tally")]] std::map<std::string, long> tally_float(std::string name, double apples); // expected-error {{Python parameter '**counts' expects 'int', not 'double'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.tally")]] std::map<std::string, long> tally_unnamed(std::string name, int); // expected-error {{'pybridge_check_fixture.tally' takes 1 argument, but the stub has 2 parameters}} expected-note {{declared here}}

// Python's own builtins, through typeshed (the copy in test/fixtures/typeshed).
[[pybridge::bind("sorted")]] std::vector<long> sorted_desc(std::vector<long> iterable, bool reverse);
[[pybridge::bind("textwrap.shorten")]] std::string shorten(std::string text, int width, std::string placeholder);
[[pybridge::bind("math.sqrt")]] double square_root(double whatever_name);
[[pybridge::bind("math.sqrt")]] double square_root_kw([[pybridge::name("x")]] double x, int extra); // expected-error {{Python parameter 'x' of 'math.sqrt' is positional-only; it cannot be passed by name}} expected-error {{'math.sqrt' takes 1 argument, but the stub has 2 parameters}} expected-note 2 {{'math.sqrt' is declared here as 'sqrt(x: SupportsFloat | SupportsIndex, /) -> float' (types from typeshed math.pyi}}
} // namespace fx

// An empty std::optional going into *args is left out, so nothing positional may follow it
// (Python would bind the next one to the omitted slot); as the last item it is fine.
[[pybridge::bind("pybridge_check_fixture.total")]] double total_gap(double a, std::optional<double> b, double c); // expected-error {{Python parameter '*values' is positional-only and follows 'b', a std::optional that may be omitted; make 'b' non-optional}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.total")]] double total_last(double a, double b, std::optional<double> c);
