// The plugin writes bodies that call the runtime with the call site; codegen emits them as
// inline (linkonce_odr) functions.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -Xclang -ast-dump -Xclang -ast-dump-filter=median %s | FileCheck %s --check-prefix=AST
// RUN: %clangxx %pybridge_cxxflags -S -emit-llvm -o - %s | FileCheck %s --check-prefix=IR
#include <pybridge/pybridge.hpp>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);

double use() { return median({1, 2, 3}); }

// AST: FunctionDecl {{.*}} median 'double (std::vector<double>)'
// AST: CompoundStmt
// AST-NEXT: ReturnStmt
// AST: DeclRefExpr {{.*}} 'invoke'
// AST: StringLiteral {{.*}} "1|statistics.median||statistics@{{[0-9a-f]+}}|"
// AST: DeclRefExpr {{.*}} 'data'
// AST: AnnotateAttr {{.*}} "pybridge::bind=statistics.median"

// IR: define linkonce_odr {{.*}}double @_Z6medianSt6vectorIdSaIdEE(
// IR: call {{.*}}@_ZN8pybridge6detail6invokeIdJSt6vectorIdSaIdEEEEET_St17basic_string_viewIcSt11char_traitsIcEEDpRKT0_(
