//===- Attributes.cpp - [[pybridge::bind]] and [[pybridge::name]] ---------===//
#include "Attributes.h"

#include "Diagnostics.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Sema/ParsedAttr.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace pybridge {
namespace {

constexpr llvm::StringLiteral BindPrefix = "pybridge::bind=";
constexpr llvm::StringLiteral NamePrefix = "pybridge::name=";
constexpr llvm::StringLiteral CacheablePrefix = "pybridge::cacheable=";
constexpr llvm::StringLiteral IdempotentText = "pybridge::idempotent";

/// The annotation with this prefix: the declaration's own before one inherited
/// from an earlier declaration of the same entity.
const AnnotateAttr *annotationAttr(const Decl *D, StringRef Prefix, bool OwnOnly = false) {
  const AnnotateAttr *Inherited = nullptr;
  for (const auto *A : D->specific_attrs<AnnotateAttr>()) {
    if (!A->getAnnotation().starts_with(Prefix))
      continue;
    if (!A->isInherited())
      return A;
    Inherited = Inherited ? Inherited : A;
  }
  return OwnOnly ? nullptr : Inherited;
}

std::optional<StringRef> annotation(const Decl *D, StringRef Prefix, bool OwnOnly = false) {
  if (const AnnotateAttr *A = annotationAttr(D, Prefix, OwnOnly))
    return A->getAnnotation().drop_front(Prefix.size());
  return std::nullopt;
}

/// Whether the parser is inside a function body (a local extern declaration, a
/// local class or its members, a lambda): bodies are written for what the
/// parser hands over at namespace and class scope only.
bool atBlockScope(Sema &S, const Decl *D) {
  if (D->isLocalExternDecl())
    return true;
  for (const DeclContext *DC = S.CurContext; DC; DC = DC->getParent())
    if (DC->isFunctionOrMethod())
      return true;
  return false;
}

bool isPythonIdentifier(StringRef Part) {
  if (Part.empty() || isDigit(Part.front()))
    return false;
  return llvm::all_of(Part, [](char C) { return isAlphanumeric(C) || C == '_' || (C & 0x80); });
}

/// The string literal argument, or null after a diagnostic.
const StringLiteral *stringArgument(Sema &S, const ParsedAttr &Attr, StringRef Example) {
  DiagnosticsEngine &Diags = S.getDiagnostics();
  if (Attr.getNumArgs() != 1) {
    Diagnostics::report(Diags, Attr.getLoc(), Diag::AttrArgCount)
        << Attr.getAttrName()->getName() << Example;
    return nullptr;
  }
  const Expr *Arg = Attr.isArgExpr(0) ? Attr.getArgAsExpr(0) : nullptr;
  const auto *Literal = Arg ? dyn_cast<StringLiteral>(Arg->IgnoreParenImpCasts()) : nullptr;
  if (!Literal || !Literal->isOrdinary()) {
    SourceLocation Loc = Arg ? Arg->getBeginLoc() : Attr.getLoc();
    Diagnostics::report(Diags, Loc, Diag::AttrNotString)
        << Attr.getAttrName()->getName() << Example;
    return nullptr;
  }
  return Literal;
}

/// Base for both attributes: C++11 spelling `pybridge::X`, plus the unscoped
/// spelling clang needs to parse arguments of plugin attributes (the bare form
/// is rejected below).
struct PyBridgeAttrInfo : ParsedAttrInfo {
  bool requireScope(Sema &S, const ParsedAttr &Attr) const {
    if (Attr.getScopeName() && Attr.getScopeName()->getName() == "pybridge")
      return true;
    Diagnostics::report(S.getDiagnostics(), Attr.getLoc(), Diag::AttrUnscoped)
        << Attr.getAttrName()->getName() << FixItHint::CreateInsertion(Attr.getLoc(), "pybridge::");
    return false;
  }

  /// The attribute's range is the string literal's, so diagnostics and fix-its
  /// can point at the Python name itself.
  void annotate(Sema &S, Decl *D, const StringLiteral *Literal, StringRef Prefix,
                StringRef Value) const {
    std::string Text = (Prefix + Value).str();
    D->addAttr(AnnotateAttr::Create(S.Context, Text, nullptr, 0, Literal->getSourceRange()));
  }
};

struct BindAttrInfo : PyBridgeAttrInfo {
  static constexpr Spelling S[] = {{ParsedAttr::AS_CXX11, "pybridge::bind"},
                                   {ParsedAttr::AS_CXX11, "bind"}};
  BindAttrInfo() {
    // Argument counts are checked here, not by clang, whose message would name
    // the unscoped spelling ("'bind' attribute takes one argument").
    NumArgs = 0;
    OptArgs = 15;
    Spellings = S;
  }

  bool diagAppertainsToDecl(Sema &S, const ParsedAttr &Attr, const Decl *D) const override {
    if (isa<CXXDestructorDecl>(D)) {
      // No Python method stands for it: the object is released when the last handle dies.
      Diagnostics::report(S.getDiagnostics(), Attr.getLoc(), Diag::BindDestructor)
          << Attr.getRange();
      return false;
    }
    if (isa<FunctionDecl>(D) || isa<CXXRecordDecl>(D) || isa<FunctionTemplateDecl>(D))
      return true;
    Diagnostics::report(S.getDiagnostics(), Attr.getLoc(), Diag::BindAppliesTo) << Attr.getRange();
    return false;
  }

  AttrHandling handleDeclAttribute(Sema &S, Decl *D, const ParsedAttr &Attr) const override {
    if (!requireScope(S, Attr))
      return AttributeNotApplied;
    const StringLiteral *Literal = stringArgument(S, Attr,
                                                  "the Python object to bind, e.g. "
                                                  "[[pybridge::bind(\"statistics.median\")]]");
    if (!Literal)
      return AttributeNotApplied;
    StringRef Path = Literal->getString();
    SmallVector<StringRef, 4> Parts;
    Path.split(Parts, '.');
    if (!llvm::all_of(Parts, isPythonIdentifier)) {
      Diagnostics::report(S.getDiagnostics(), Literal->getBeginLoc(), Diag::NotDottedPath)
          << Path << Literal->getSourceRange();
      return AttributeNotApplied;
    }
    if (atBlockScope(S, D)) {
      Diagnostics::report(S.getDiagnostics(), Attr.getLoc(), Diag::BindAtBlockScope)
          << cast<NamedDecl>(D) << Attr.getRange();
      return AttributeNotApplied;
    }
    if (auto Existing = boundTarget(D); Existing && *Existing != Path) {
      Diagnostics::report(S.getDiagnostics(), Attr.getLoc(), Diag::AlreadyBound)
          << cast<NamedDecl>(D)->getName() << *Existing;
      return AttributeNotApplied;
    }
    annotate(S, D, Literal, BindPrefix, Path);
    return AttributeApplied;
  }
};

struct NameAttrInfo : PyBridgeAttrInfo {
  static constexpr Spelling S[] = {{ParsedAttr::AS_CXX11, "pybridge::name"},
                                   {ParsedAttr::AS_CXX11, "name"}};
  NameAttrInfo() {
    NumArgs = 0;
    OptArgs = 15;
    Spellings = S;
  }

  bool diagAppertainsToDecl(Sema &S, const ParsedAttr &Attr, const Decl *D) const override {
    if (isa<FunctionDecl>(D) || isa<ParmVarDecl>(D))
      return true;
    Diagnostics::report(S.getDiagnostics(), Attr.getLoc(), Diag::NameAppliesTo) << Attr.getRange();
    return false;
  }

  AttrHandling handleDeclAttribute(Sema &S, Decl *D, const ParsedAttr &Attr) const override {
    if (!requireScope(S, Attr))
      return AttributeNotApplied;
    const StringLiteral *Literal =
        stringArgument(S, Attr, "the Python name, e.g. [[pybridge::name(\"lambda_\")]]");
    if (!Literal)
      return AttributeNotApplied;
    if (!isPythonIdentifier(Literal->getString())) {
      Diagnostics::report(S.getDiagnostics(), Literal->getBeginLoc(), Diag::NotPythonIdentifier)
          << Literal->getString();
      return AttributeNotApplied;
    }
    annotate(S, D, Literal, NamePrefix, Literal->getString());
    return AttributeApplied;
  }
};

/// Call policies the runtime applies: [[pybridge::cacheable(ttl_ms)]] caches
/// results for that long, [[pybridge::idempotent]] allows retries.
struct PolicyAttrInfo : PyBridgeAttrInfo {
  bool diagAppertainsToDecl(Sema &S, const ParsedAttr &Attr, const Decl *D) const override {
    if (isa<FunctionDecl>(D))
      return true;
    Diagnostics::report(S.getDiagnostics(), Attr.getLoc(), Diag::PolicyAppliesTo)
        << Attr.getAttrName()->getName() << Attr.getRange();
    return false;
  }
};

struct CacheableAttrInfo : PolicyAttrInfo {
  static constexpr Spelling S[] = {{ParsedAttr::AS_CXX11, "pybridge::cacheable"},
                                   {ParsedAttr::AS_CXX11, "cacheable"}};
  CacheableAttrInfo() {
    NumArgs = 0;
    OptArgs = 15;
    Spellings = S;
  }

  AttrHandling handleDeclAttribute(Sema &S, Decl *D, const ParsedAttr &Attr) const override {
    if (!requireScope(S, Attr))
      return AttributeNotApplied;
    const Expr *Arg = Attr.getNumArgs() == 1 && Attr.isArgExpr(0) ? Attr.getArgAsExpr(0) : nullptr;
    std::optional<llvm::APSInt> Value =
        Arg && !Arg->isValueDependent() ? Arg->getIntegerConstantExpr(S.Context) : std::nullopt;
    if (!Value || Value->isNegative() || Value->isZero() || Value->getActiveBits() > 62) {
      Diagnostics::report(S.getDiagnostics(), Arg ? Arg->getBeginLoc() : Attr.getLoc(),
                          Diag::CacheableValue)
          << Attr.getRange();
      return AttributeNotApplied;
    }
    std::string Text = (CacheablePrefix + llvm::Twine(Value->getZExtValue())).str();
    D->addAttr(AnnotateAttr::Create(S.Context, Text, nullptr, 0, Attr.getRange()));
    return AttributeApplied;
  }
};

struct IdempotentAttrInfo : PolicyAttrInfo {
  static constexpr Spelling S[] = {{ParsedAttr::AS_CXX11, "pybridge::idempotent"},
                                   {ParsedAttr::AS_CXX11, "idempotent"}};
  IdempotentAttrInfo() {
    NumArgs = 0;
    OptArgs = 15;
    Spellings = S;
  }

  AttrHandling handleDeclAttribute(Sema &S, Decl *D, const ParsedAttr &Attr) const override {
    if (!requireScope(S, Attr))
      return AttributeNotApplied;
    if (Attr.getNumArgs() != 0) {
      Diagnostics::report(S.getDiagnostics(), Attr.getLoc(), Diag::IdempotentArgs)
          << Attr.getRange();
      return AttributeNotApplied;
    }
    D->addAttr(AnnotateAttr::Create(S.Context, IdempotentText, nullptr, 0, Attr.getRange()));
    return AttributeApplied;
  }
};

ParsedAttrInfoRegistry::Add<BindAttrInfo> RegisterBind("pybridge-bind",
                                                       "[[pybridge::bind(\"module.name\")]]");
ParsedAttrInfoRegistry::Add<NameAttrInfo> RegisterName("pybridge-name",
                                                       "[[pybridge::name(\"python_name\")]]");
ParsedAttrInfoRegistry::Add<CacheableAttrInfo> RegisterCacheable("pybridge-cacheable",
                                                                 "[[pybridge::cacheable(ttl_ms)]]");
ParsedAttrInfoRegistry::Add<IdempotentAttrInfo> RegisterIdempotent("pybridge-idempotent",
                                                                   "[[pybridge::idempotent]]");

} // namespace

std::optional<StringRef> boundTarget(const Decl *D) { return annotation(D, BindPrefix); }

std::optional<StringRef> ownBoundTarget(const Decl *D) {
  return annotation(D, BindPrefix, /*OwnOnly=*/true);
}

std::optional<StringRef> pythonNameOverride(const Decl *D) { return annotation(D, NamePrefix); }

namespace {
SourceRange literalRange(const Decl *D, StringRef Prefix) {
  if (const AnnotateAttr *A = annotationAttr(D, Prefix))
    return A->getRange();
  return SourceRange(D->getLocation());
}
} // namespace

SourceRange bindAttributeRange(const Decl *D) { return literalRange(D, BindPrefix); }

SourceRange nameAttributeRange(const Decl *D) { return literalRange(D, NamePrefix); }

detail::SitePolicy callPolicy(const Decl *D) {
  detail::SitePolicy Policy;
  if (std::optional<StringRef> TTL = annotation(D, CacheablePrefix))
    TTL->getAsInteger(10, Policy.cache_ms); // written by CacheableAttrInfo: digits
  Policy.idempotent = annotation(D, IdempotentText).has_value();
  return Policy;
}

} // namespace pybridge
