//===- ClassChecker.h - members of a bound class ----------------*- C++ -*-===//
//
// Decides what each member of a [[pybridge::bind("pkg.Class")]] class calls, after checking it
// against the class's descriptor:
//
//   constructor                                          -> the class (__init__/__new__)
//   method / operator()                                  -> the method / __call__
//                                                           (static methods: through the class)
//   T x() for a property or data attribute x             -> reads x (get_attr)
//   void set_x(T) for a writable property or attribute x -> writes x (set_attr)
//
// A class whose Python type defines __getattr__ accepts unknown members as dynamic attributes
// (getters, setters and methods checked only at run time).
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_CLASSCHECKER_H
#define PYBRIDGE_PLUGIN_CLASSCHECKER_H

#include "BodySynthesizer.h"
#include "CheckContext.h"

#include "clang/AST/DeclCXX.h"

#include <optional>

namespace pybridge {

/// The Python name of a C++ member: [[pybridge::name]], a dunder for operators
/// (operator() -> __call__), else the C++ name. Empty when the operator has no
/// Python form.
std::string pythonMemberName(const clang::CXXMethodDecl *MD);

class ClassChecker {
public:
  explicit ClassChecker(CheckContext &Ctx) : Ctx(Ctx) {}

  /// The body for MD, a member of the class bound to ClassPath (Python class
  /// Cls), or nothing after a diagnostic.
  std::optional<BodyPlan> plan(const clang::CXXMethodDecl *MD, llvm::StringRef ClassPath,
                               const Symbol &Cls);

private:
  std::optional<BodyPlan> planConstructor(const clang::CXXMethodDecl *MD, llvm::StringRef ClassPath,
                                          const Symbol &Cls);
  std::optional<BodyPlan> planMethod(const clang::CXXMethodDecl *MD, llvm::StringRef ClassPath,
                                     llvm::StringRef Name, const Symbol &Method);
  std::optional<BodyPlan> planGetter(const clang::CXXMethodDecl *MD, llvm::StringRef ClassPath,
                                     llvm::StringRef Name, const Symbol &Attribute);
  std::optional<BodyPlan> planSetter(const clang::CXXMethodDecl *MD, llvm::StringRef ClassPath,
                                     llvm::StringRef Name, const Symbol &Attribute);
  std::optional<BodyPlan> planDynamic(const clang::CXXMethodDecl *MD, llvm::StringRef Name,
                                      const Symbol &Cls);
  void reportMissing(const clang::CXXMethodDecl *MD, llvm::StringRef ClassPath,
                     llvm::StringRef Name, const Symbol &Cls);

  CheckContext &Ctx;
};

} // namespace pybridge

#endif
