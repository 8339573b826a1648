// Misspelt Python names get a fix-it: on the bound path's string, on a method's name, on a
// [[pybridge::name]] string, on a C++ parameter name and on a misspelt module.
// RUN: not %clangxx %pybridge_cxxflags -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <pybridge/pybridge.hpp>

[[pybridge::bind("statistics.mediam")]] double median(std::vector<double> data);
// CHECK: error: 'statistics' has no attribute 'mediam'; did you mean 'median'?
// CHECK: fix-it:"{{.*}}fixit-names.cpp":{6:18-6:37}:"\"statistics.median\""

[[pybridge::bind("dspy.Predictt")]] double predict();
// CHECK: error: 'dspy' has no attribute 'Predictt'; did you mean 'Predict'?
// CHECK: fix-it:"{{.*}}fixit-names.cpp":{10:18-10:33}:"\"dspy.Predict\""

struct [[pybridge::bind("dspy.Predict")]] Predict : pybridge::Object {
  using pybridge::Object::Object;
  explicit Predict(std::string signature);
  pybridge::Object froward(std::string question);
  [[pybridge::name("rest")]] void clear();
};
// CHECK: error: 'dspy.Predict' has no method 'froward'; did you mean 'forward'?
// CHECK: fix-it:"{{.*}}fixit-names.cpp":{17:20-17:27}:"forward"
// CHECK: error: 'dspy.Predict' has no method 'rest'; did you mean 'reset'?
// CHECK: fix-it:"{{.*}}fixit-names.cpp":{18:20-18:26}:"\"reset\""

[[pybridge::bind("textwrap.shorten")]] std::string shorten(std::string text, int width, std::string placeholdr);
// CHECK: error: 'textwrap.shorten' has no parameter named 'placeholdr'; did you mean 'placeholder'?
// CHECK: fix-it:"{{.*}}fixit-names.cpp":{25:101-25:111}:"placeholder"

[[pybridge::bind("textwrap.shorten")]] std::string shorten2(std::string text, int width, [[pybridge::name("placeholdr")]] std::string p);
// CHECK: error: 'textwrap.shorten' has no parameter named 'placeholdr'; did you mean 'placeholder'?
// CHECK: fix-it:"{{.*}}fixit-names.cpp":{29:107-29:119}:"\"placeholder\""

// A misspelt module: the agent lists importable names near it, the plugin picks one.
[[pybridge::bind("statistcs.median")]] double median2(std::vector<double> data);
// CHECK: error: no module named 'statistcs'; did you mean 'statistics'?
// CHECK: fix-it:"{{.*}}fixit-names.cpp":{34:18-34:36}:"\"statistics.median\""

[[pybridge::bind("lenn")]] long length(std::string text);
// CHECK: error: no module named 'lenn'; did you mean 'len'?
// CHECK: fix-it:"{{.*}}fixit-names.cpp":{38:18-38:24}:"\"len\""
