//===- BodySynthesizer.h - bodies that call the runtime ---------*- C++ -*-===//
//
// Writes the body of a bound declaration as a call into <pybridge/detail/call.hpp>:
//
//   double median(std::vector<double> data)
//     { return ::pybridge::detail::invoke<double>("statistics.median||...", data); }
//   Predict(std::string signature)   // base and member initializers run first
//     { ::pybridge::detail::construct(this, "dspy.Predict|...", signature); }
//   Prediction operator()(std::string question)
//     { return ::pybridge::detail::invoke_method<Prediction>(*this, "__call__|question",
//                                                            question); }
//   std::string answer()             // a property
//     { return ::pybridge::detail::get_attr<std::string>(this, "answer||dspy@..."); }
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_BODYSYNTHESIZER_H
#define PYBRIDGE_PLUGIN_BODYSYNTHESIZER_H

#include "Diagnostics.h"

#include "clang/AST/Decl.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace pybridge {

/// Which runtime entry point a body calls.
enum class EntryPoint {
  Invoke,       // free function, static/class method: invoke<R>(site, args...)
  InvokeMethod, // instance method:                     invoke_method<R>(*this, site, args...)
  Construct,    // constructor:                         construct(this, site, args...)
  GetAttr,      // property getter:                     get_attr<R>(this, site)
  SetAttr,      // property setter:                     set_attr(*this, site, value)
};

/// A body to write: the entry point and the call-site string it passes
/// (see CallSite.h).
struct BodyPlan {
  EntryPoint Entry;
  std::string Site;
  /// Per parameter: pass it as a Python tuple (as_tuple(arg)), not a list.
  llvm::SmallVector<bool, 4> AsTuple = {};
};

class BodySynthesizer {
public:
  BodySynthesizer(clang::Sema &S, Diagnostics &Diags) : S(S), Diags(Diags) {}

  /// Whether the runtime header is there and reads the call sites this plugin
  /// writes; reports once (at D) when it is not.
  bool runtimeAvailable(const clang::NamedDecl *D);

  /// Gives FD a body per Plan. Returns false (after a diagnostic) when it
  /// cannot, e.g. the runtime header is missing.
  bool synthesize(clang::FunctionDecl *FD, const BodyPlan &Plan);

  /// ::pybridge::detail::Name, or ::pybridge::detail::Name<ExplicitResult>
  /// when that is not null; invalid when the runtime has no such function.
  clang::ExprResult entryPointRef(clang::StringRef Name, clang::QualType ExplicitResult,
                                  clang::SourceLocation Loc);

private:
  clang::NamespaceDecl *runtimeNamespace(clang::SourceLocation Loc);
  /// The call that ends a [[noreturn]] stub whose Python callable returned.
  clang::ExprResult noReturnGuard(clang::FunctionDecl *FD, clang::SourceLocation Loc);
  /// ::pybridge::detail::as_tuple(Arg): a sequence argument sent as a tuple.
  clang::ExprResult wrapAsTuple(clang::Expr *Arg, clang::SourceLocation Loc);

  clang::Sema &S;
  Diagnostics &Diags;
  /// pybridge::detail::site_format_version as the runtime header states it.
  std::optional<unsigned> headerSiteVersion(clang::SourceLocation Loc);

  clang::NamespaceDecl *Detail = nullptr;
  bool ReportedMissingRuntime = false;
  /// Whether the runtime header's call-site version was checked (once, when
  /// the header is first seen), and matches.
  bool SiteVersionChecked = false;
  bool SiteVersionMatches = false;
};

} // namespace pybridge

#endif
