//===- ExceptionClasses.h - C++ classes for Python exceptions ---*- C++ -*-===//
//
// A bound class deriving pybridge::PythonError stands for a Python exception
// class:
//
//   struct [[pybridge::bind("networkx.NetworkXNoPath")]] NoPath
//       : pybridge::PythonError { using PythonError::PythonError; };
//
// The Python class must be an exception class, and each C++ base must stand
// for one of its Python bases (pybridge::ValueError for builtins.ValueError, a
// bound class for its own), so that a catch of the base catches what Python's
// `except` would. The class is registered with the runtime before main by a
// static variable the plugin adds to the translation unit:
//
//   static const bool __pybridge_exception_class_0 =
//       ::pybridge::detail::bind_exception_class<NoPath>(
//           "networkx.exception.NetworkXNoPath");
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_EXCEPTIONCLASSES_H
#define PYBRIDGE_PLUGIN_EXCEPTIONCLASSES_H

#include "BodySynthesizer.h"
#include "CheckContext.h"

#include "clang/AST/DeclCXX.h"

namespace pybridge {

/// Whether RD derives from pybridge::PythonError.
bool isExceptionStub(const clang::CXXRecordDecl *RD);

class ExceptionClassBinder {
public:
  ExceptionClassBinder(CheckContext &Ctx, BodySynthesizer &Synthesizer)
      : Ctx(Ctx), Synthesizer(Synthesizer) {}

  /// Checks RD, bound to Target (the Python class Cls), and registers it with
  /// the runtime.
  void bind(clang::CXXRecordDecl *RD, llvm::StringRef Target, const Symbol &Cls);

private:
  /// The Python class each C++ base of RD stands for must be in Mro.
  bool checkBases(const clang::CXXRecordDecl *RD, llvm::StringRef Target,
                  llvm::ArrayRef<llvm::StringRef> Mro);
  /// "module.QualName" of the exception class Base stands for; empty for
  /// pybridge::PythonError itself (any exception), nothing for a base that
  /// stands for none (or whose binding failed, after a diagnostic).
  std::optional<std::string> pythonClassOf(const clang::CXXRecordDecl *Base);
  void registerClass(clang::CXXRecordDecl *RD, llvm::StringRef PythonName);

  CheckContext &Ctx;
  BodySynthesizer &Synthesizer;
  unsigned Registered = 0;
};

} // namespace pybridge

#endif
