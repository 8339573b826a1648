// One stub per call-binding rule (docs/plugin.md, "Parameters"): no argument is moved or
// dropped silently. [[pybridge::name]] always passes its keyword or is an error; a C++ name
// that names a Python parameter binds to it; after a keyword every argument goes by keyword;
// the overload binding declared parameters beats one taking C++ names into **kwargs.
// RUN: env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// RUN: env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fsyntax-only -DFITS -Xclang -ast-dump -Xclang -ast-dump-filter=fits_ %s | FileCheck %s
// clang-format off
#include <pybridge/pybridge.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

struct [[pybridge::bind("networkx.Graph")]] Graph : pybridge::Object {
  using pybridge::Object::Object;
  Graph();
};

#ifdef FITS
// A name Python does not declare, where **kwargs takes it: explicit, so it goes by keyword.
[[pybridge::bind("pybridge_check_fixture.tally")]] std::map<std::string, long> fits_tally(std::string name, [[pybridge::name("plums")]] int p);
// CHECK-LABEL: fits_tally
// CHECK: StringLiteral {{.*}} "1|pybridge_check_fixture.tally|,plums|
// C++ names that name Python parameters may reorder them (by keyword).
[[pybridge::bind("textwrap.shorten")]] std::string fits_reordered(int width, std::string text);
// CHECK-LABEL: fits_reordered
// CHECK: StringLiteral {{.*}} "1|textwrap.shorten|width,text|
// Positional-only parameters by position, whatever the C++ names that name nothing in Python.
[[pybridge::bind("math.comb")]] long fits_comb(long total, long chosen);
// CHECK-LABEL: fits_comb
// CHECK: StringLiteral {{.*}} "1|math.comb||
// [[pybridge::name]] at the position its parameter has still goes by keyword.
[[pybridge::bind("networkx.shortest_path")]] std::vector<std::string> fits_path(const Graph &g, [[pybridge::name("source")]] std::string from, std::string target);
// CHECK-LABEL: fits_path
// CHECK: StringLiteral {{.*}} "1|networkx.shortest_path|,source,target|
// dict(**kwargs) would take 'items' as a keyword; dict(iterable, /) declares it: that wins.
struct [[pybridge::bind("collections.OrderedDict")]] fits_ordered_dict : pybridge::Object {
  using pybridge::Object::Object;
  fits_ordered_dict(std::vector<std::pair<std::string, long>> items);
};
[[pybridge::bind("collections.Counter")]] pybridge::Object fits_counter(std::vector<std::string> words);
// CHECK-LABEL: fits_ordered_dict
// CHECK: StringLiteral {{.*}} "1|collections.OrderedDict||
// CHECK-LABEL: fits_counter
// CHECK: StringLiteral {{.*}} "1|collections.Counter||
// Only one overload declares 'first': 'other' goes into **rest there.
[[pybridge::bind("pybridge_binding_fixture.pick")]] long fits_pick(int first, int other);
// CHECK-LABEL: fits_pick
// CHECK: StringLiteral {{.*}} "1|pybridge_binding_fixture.pick|first,other|
// An optional argument one overload takes when it holds a value, another when it is left
// out: round(number) or round(number, ndigits).
[[pybridge::bind("round")]] double fits_round(double number, std::optional<long> ndigits);
// CHECK-LABEL: fits_round
// CHECK: StringLiteral {{.*}} "1|round||
#else

// [[pybridge::name]] is honoured or an error: a misspelt keyword, a positional-only
// parameter by name, a name Python does not have.
[[pybridge::bind("networkx.shortest_path")]] std::vector<std::string> path_misspelt(const Graph &g, std::string source, std::string target, std::optional<std::string> weight, [[pybridge::name("methods")]] std::string m); // expected-error {{'networkx.shortest_path' has no parameter named 'methods'; did you mean 'method'?}} expected-note {{declared here}}
[[pybridge::bind("math.comb")]] long comb_by_attribute([[pybridge::name("k")]] long k, [[pybridge::name("n")]] long n); // expected-error {{Python parameter 'k' of 'math.comb' is positional-only; it cannot be passed by name}} expected-error {{Python parameter 'n' of 'math.comb' is positional-only; it cannot be passed by name}} expected-note 2 {{'math.comb' is declared here as 'comb(n: SupportsIndex, k: SupportsIndex, /) -> int'}}
[[pybridge::bind("math.sqrt")]] double root_named([[pybridge::name("value")]] double v); // expected-error {{'math.sqrt' has no parameter named 'value'}} expected-error {{stub of 'math.sqrt' lacks required Python parameter 'x'}} expected-note 2 {{declared here}}

// A C++ name naming a positional-only parameter its position does not fill: the names say
// one order, the positions another.
[[pybridge::bind("math.comb")]] long comb_swapped(long k, long n); // expected-error {{C++ parameter 'k' is in the place of Python parameter 'n' of 'math.comb' but is named after its positional-only parameter 'k'; positional-only parameters go by position: reorder the C++ parameters}} expected-error {{C++ parameter 'n' is in the place of Python parameter 'k' of 'math.comb'}} expected-note 2 {{declared here}}
[[pybridge::bind("math.atan2")]] double atan2_swapped(double x, double y); // expected-error {{C++ parameter 'x' is in the place of Python parameter 'y' of 'math.atan2'}} expected-error {{C++ parameter 'y' is in the place of Python parameter 'x' of 'math.atan2'}} expected-note 2 {{declared here}}

// A C++ name naming a parameter an earlier argument fills by position.
[[pybridge::bind("textwrap.shorten")]] std::string shorten_twice(std::string s, std::string text, int width); // expected-error {{Python parameter 'text' of 'textwrap.shorten' is given twice}} expected-note {{declared here}}

// After a keyword, every argument goes by keyword.
[[pybridge::bind("random.triangular")]] double triangular_after_keyword([[pybridge::name("mode")]] double m, double lo); // expected-error {{'random.triangular' has no parameter named 'lo'; C++ parameter 'lo' follows 'mode', which goes by keyword, so it goes by keyword too}} expected-note {{declared here}}

// **kwargs takes any name, but one a typo away from a declared parameter warns.
[[pybridge::bind("json.dumps")]] std::string dumps_near(pybridge::Object obj, int indnt); // expected-warning {{'indnt' goes into '**kw' of 'json.dumps'; did you mean 'indent'?}} expected-note {{declared here}}

// An unnamed or oddly named parameter where only keyword-only ones are left: the one it
// most likely means, by name, then type, not the first.
[[pybridge::bind("json.dumps")]] std::string dumps_unnamed(pybridge::Object obj, int); // expected-error {{Python parameter 'indent' of 'json.dumps' is keyword-only; name the C++ parameter 'indent' or add [[pybridge::name("indent")]]}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.label")]] std::string label_w(std::string text, int w); // expected-error {{Python parameter 'width' of 'pybridge_check_fixture.label' is keyword-only}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.label")]] std::string label_f(std::string text, std::string f); // expected-error {{Python parameter 'fill' of 'pybridge_check_fixture.label' is keyword-only}} expected-note {{declared here}}
[[pybridge::bind("pybridge_check_fixture.label")]] std::string label_str(std::string text, std::string); // expected-error {{Python parameter 'fill' of 'pybridge_check_fixture.label' is keyword-only}} expected-note {{declared here}}

// Two overloads each declare one of the names and take the other into **kwargs: ambiguous.
[[pybridge::bind("pybridge_binding_fixture.pick")]] long pick_both(int first, int second); // expected-error {{overloads of 'pybridge_binding_fixture.pick' bind the stub's parameters differently; name each C++ parameter after the Python parameter it means, or add [[pybridge::name]]}} expected-note {{candidate 'pick(*, first: int, **rest: int) -> int' (types from run-time annotations) passes 'second' into '**rest'}} expected-note {{candidate 'pick(*, second: int, **rest: int) -> int' (types from run-time annotations) passes 'first' into '**rest'}}

// Neither way of the optional fits: left out it is round(number), but no overload takes a str.
[[pybridge::bind("round")]] double round_text(double number, std::optional<std::string> ndigits); // expected-error {{Python parameter 'ndigits' expects 'None', not 'std::optional<std::string>'}} expected-note {{none of the 2 overloads of 'round' matches the stub; the closest is declared here as 'round(number: _SupportsRound1[Any], ndigits: None = None) -> Any'}} expected-note {{candidate 'round(number: _SupportsRound2[Any], ndigits: SupportsIndex) -> Any' (types from typeshed builtins.pyi:}}

// No overload fits: the closest one's own problem comes first, with its suggestion.
[[pybridge::bind("sorted")]] std::vector<long> sorted_misspelt(std::vector<long> iterable, bool revers); // expected-error {{'sorted' has no parameter named 'revers'; did you mean 'reverse'?}} expected-note {{none of the 2 overloads of 'sorted' matches the stub; the closest is declared here as 'sorted(iterable: Iterable[SupportsRichComparison], /, *, key: None = None, reverse: bool = False)}} expected-note {{candidate 'sorted(iterable: Iterable[Any], /, *, key: Callable[[Any], SupportsRichComparison], reverse: bool = False) -> list[Any]' (types from typeshed builtins.pyi:}}
#endif
// REQUIRES: python-networkx
