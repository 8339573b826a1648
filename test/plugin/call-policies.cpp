// [[pybridge::cacheable(ms)]] and [[pybridge::idempotent]] add the call site's flags segment
// ("cache=<ms>", "idempotent") that the runtime applies; misuse is a clear error.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -Xclang -ast-dump -Xclang -ast-dump-filter=policy %s | FileCheck %s
// RUN: %clangxx %pybridge_cxxflags -DMISUSE -fsyntax-only -Xclang -verify %s
#include <pybridge/pybridge.hpp>

#ifndef MISUSE
[[pybridge::bind("math.sqrt")]] [[pybridge::cacheable(60000)]] double policy_cached(double x);
[[pybridge::bind("math.sqrt")]] [[pybridge::idempotent]] double policy_retried(double x);
[[pybridge::bind("math.sqrt")]] [[pybridge::cacheable(500), pybridge::idempotent]] double policy_both(double x);
[[pybridge::bind("math.sqrt")]] double policy_none(double x);
struct [[pybridge::bind("pybridge_check_fixture.Counter")]] Counter : pybridge::Object {
  using pybridge::Object::Object;
  [[pybridge::idempotent, pybridge::name("value")]] long policy_value();
};
#else
[[pybridge::cacheable]] double no_ttl(double x); // expected-error {{'pybridge::cacheable' takes how long a result stays cached, in milliseconds: a positive integer constant, e.g. [[pybridge::cacheable(60000)]]}}
[[pybridge::cacheable(0)]] double zero_ttl(double x); // expected-error {{'pybridge::cacheable' takes how long a result stays cached}}
[[pybridge::cacheable("soon")]] double text_ttl(double x); // expected-error {{'pybridge::cacheable' takes how long a result stays cached}}
[[pybridge::idempotent(1)]] double with_argument(double x); // expected-error {{'pybridge::idempotent' attribute takes no arguments}}
[[pybridge::idempotent]] int variable = 0; // expected-error {{'pybridge::idempotent' attribute only applies to bound functions and methods}}
#endif

// CHECK-LABEL: FunctionDecl {{.*}} policy_cached
// CHECK: StringLiteral {{.*}} "1|math.sqrt||math@{{[0-9a-f]+}}|cache=60000"
// CHECK-LABEL: FunctionDecl {{.*}} policy_retried
// CHECK: StringLiteral {{.*}} "1|math.sqrt||math@{{[0-9a-f]+}}|idempotent"
// CHECK-LABEL: FunctionDecl {{.*}} policy_both
// CHECK: StringLiteral {{.*}} "1|math.sqrt||math@{{[0-9a-f]+}}|cache=500,idempotent"
// CHECK-LABEL: FunctionDecl {{.*}} policy_none
// CHECK: StringLiteral {{.*}} "1|math.sqrt||math@{{[0-9a-f]+}}|"
// CHECK-LABEL: CXXMethodDecl {{.*}} policy_value
// CHECK: StringLiteral {{.*}} "1|value||pybridge_check_fixture@{{[0-9a-f]+}}|idempotent"
