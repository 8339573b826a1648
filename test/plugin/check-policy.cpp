// Deprecated Python APIs warn with clang's own -Wdeprecated-declarations; untyped Python
// parameters warn with warn-untyped; strict=SOURCE rejects symbols whose types come from a
// worse source; coverage says where each bound symbol's types came from.
// RUN: env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// RUN: env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fsyntax-only -Wno-deprecated-declarations -Xclang -verify=silenced %s
// RUN: not env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fsyntax-only -Werror=deprecated-declarations %s 2>&1 | FileCheck %s --check-prefix=WERROR
// RUN: env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fplugin-arg-pybridge-warn-untyped -fsyntax-only -Xclang -verify=expected,untyped %s
// RUN: env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fplugin-arg-pybridge-strict=stub -fsyntax-only -Xclang -verify=expected,strict %s
// RUN: env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fplugin-arg-pybridge-strict=runtime -fsyntax-only -Xclang -verify=expected,strict,strictrt %s
// RUN: env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fplugin-arg-pybridge-coverage -fsyntax-only -Xclang -verify=expected,coverage %s
// silenced-no-diagnostics
#include <pybridge/pybridge.hpp>

// WERROR: error: 'pybridge_check_fixture.deprecated_scale' is deprecated: 2.0: Use scale() instead. [-Werror,-Wdeprecated-declarations]
[[pybridge::bind("pybridge_check_fixture.deprecated_scale")]] double old_scale(double value); // expected-warning {{'pybridge_check_fixture.deprecated_scale' is deprecated: 2.0: Use scale() instead.}} coverage-remark {{'pybridge_check_fixture.deprecated_scale' checked: types from run-time annotations (source 'runtime')}}

[[pybridge::bind("pybridge_check_fixture.untyped")]] double untyped(std::string a); // untyped-warning {{Python parameter 'a' of 'pybridge_check_fixture.untyped' is untyped; 'std::string' (aka 'basic_string<char>') is checked only at run time}} untyped-warning {{the result of 'pybridge_check_fixture.untyped' is untyped; 'double' is checked only at run time}} strict-error {{types of 'pybridge_check_fixture.untyped' come from untyped, below strict=}} coverage-remark {{'pybridge_check_fixture.untyped' checked: no types: Python code without annotations (source 'untyped')}}
// A pybridge::Object is untyped by design: no warning.
[[pybridge::bind("pybridge_check_fixture.untyped")]] pybridge::Object untyped_object(pybridge::Object a); // strict-error {{come from untyped}} coverage-remark {{checked}}

// typeshed types random's functions through its module-level instance (randint = _inst.randint).
[[pybridge::bind("random.randint")]] long randint(long a, long b); // strictrt-error {{types of 'random.randint' come from stub, below strict=runtime}} coverage-remark-re {{'random.randint' checked: types from typeshed random.pyi:{{[0-9]+}} (source 'stub')}}

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data); // strictrt-error {{types of 'statistics.median' come from stub, below strict=runtime; annotate it in Python or provide a stub (.pyi)}} coverage-remark {{'statistics.median' checked: types from typeshed statistics.pyi:56 (source 'stub')}}

struct [[pybridge::bind("statistics.StatisticsError")]] StatisticsError : pybridge::Object {
  using pybridge::Object::Object;
  [[pybridge::name("__repr__")]] std::string repr(); // untyped-warning {{the result of 'statistics.StatisticsError.__repr__' is untyped}} strict-error {{types of 'statistics.StatisticsError.__repr__' come from text_signature, below strict=}} coverage-remark {{'statistics.StatisticsError.__repr__' checked: no types: only __text_signature__ (source 'text_signature')}}
};

struct [[pybridge::bind("dspy.AdapterParseError")]] AdapterParseError : pybridge::Object {
  using pybridge::Object::Object;
  [[pybridge::name("add_note")]] void note(std::string note); // untyped-warning {{Python parameter '*args' of 'dspy.AdapterParseError.add_note' is untyped}} strict-error {{types of 'dspy.AdapterParseError.add_note' come from none, below strict=}} coverage-remark {{'dspy.AdapterParseError.add_note' checked: no signature known (source 'none')}}
};
