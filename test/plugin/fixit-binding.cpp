// Fix-its of the binding and name diagnostics: a misspelt [[pybridge::name]] keyword, a
// misspelt keyword inside an overloaded function, the keyword-only parameter a C++ parameter
// most likely means (renamed, or named when it has no name), a **kwargs name a typo away from
// a declared one, and bound names: a transposition, and a name from the module meant.
// RUN: not %clangxx %pybridge_cxxflags -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
// clang-format off
#include <pybridge/pybridge.hpp>

#include <optional>

[[pybridge::bind("networkx.shortest_path")]] std::vector<std::string> path(pybridge::Object g, std::string source, std::string target, std::optional<std::string> weight, [[pybridge::name("methods")]] std::string m);
// CHECK: fix-it:"{{.*}}fixit-binding.cpp":{11:188-11:197}:"\"method\""

[[pybridge::bind("sorted")]] std::vector<long> sorted_desc(std::vector<long> iterable, bool revers);
// CHECK: fix-it:"{{.*}}fixit-binding.cpp":{14:93-14:99}:"reverse"

[[pybridge::bind("pybridge_check_fixture.label")]] std::string label_w(std::string text, int w);
// CHECK: fix-it:"{{.*}}fixit-binding.cpp":{17:94-17:95}:"width"

[[pybridge::bind("json.dumps")]] std::string dumps(pybridge::Object obj, int);
// CHECK: fix-it:"{{.*}}fixit-binding.cpp":{20:77-20:77}:" indent"

[[pybridge::bind("json.dumps")]] std::string dumps_near(pybridge::Object obj, int indnt);
// CHECK: warning: 'indnt' goes into '**kw' of 'json.dumps'; did you mean 'indent'?
// CHECK: fix-it:"{{.*}}fixit-binding.cpp":{23:83-23:88}:"indent"

[[pybridge::bind("statistics.medain")]] double median(std::vector<double> data);
// CHECK: error: 'statistics' has no attribute 'medain'; did you mean 'median'?
// CHECK: fix-it:"{{.*}}fixit-binding.cpp":{27:18-27:37}:"\"statistics.median\""

[[pybridge::bind("math.mean")]] double mean(std::vector<double> data);
// CHECK: error: 'math' has no attribute 'mean'; did you mean 'statistics.mean'?
// CHECK: fix-it:"{{.*}}fixit-binding.cpp":{31:18-31:29}:"\"statistics.mean\""

[[pybridge::bind("math.sum")]] double sum(std::vector<double> values);
// CHECK: error: 'math' has no attribute 'sum'; did you mean the builtin 'sum'?
// CHECK: fix-it:"{{.*}}fixit-binding.cpp":{35:18-35:28}:"\"sum\""
// CHECK: note: module 'math' has 'fsum'

[[pybridge::bind("itertools.reduce")]] long reduce(pybridge::Object function, std::vector<long> values);
// CHECK: error: 'itertools' has no attribute 'reduce'; did you mean 'functools.reduce'?
// CHECK: fix-it:"{{.*}}fixit-binding.cpp":{40:18-40:36}:"\"functools.reduce\""
// REQUIRES: python-networkx
