//===- Attributes.cpp - the pybridge attributes ---------------------------===//
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

/// What every pybridge attribute shares. It is spelt [[pybridge::X]]; the bare
/// [[X]] is registered too, because clang parses a plugin attribute's arguments
/// only for a spelling it knows, and is rejected with a fix-it. Arguments are
/// counted by the attribute, not by clang, whose message would name the bare
/// spelling ("'bind' attribute takes one argument").
class PyBridgeAttrInfo : public ParsedAttrInfo {
public:
  bool diagAppertainsToDecl(Sema &S, const ParsedAttr &Attr, const Decl *D) const final {
    std::optional<Diag> Misplaced = misplacedOn(D);
    if (!Misplaced)
      return true;
    // %0, where a message has it, is the attribute's name.
    Diagnostics::report(S.getDiagnostics(), Attr.getLoc(), *Misplaced)
        << Attr.getAttrName()->getName() << Attr.getRange();
    return false;
  }

  AttrHandling handleDeclAttribute(Sema &S, Decl *D, const ParsedAttr &Attr) const final {
    if (!Attr.getScopeName() || Attr.getScopeName()->getName() != "pybridge") {
      Diagnostics::report(S.getDiagnostics(), Attr.getLoc(), Diag::AttrUnscoped)
          << Attr.getAttrName()->getName()
          << FixItHint::CreateInsertion(Attr.getLoc(), "pybridge::");
      return AttributeNotApplied;
    }
    return apply(S, D, Attr) ? AttributeApplied : AttributeNotApplied;
  }

protected:
  /// Name is the scoped spelling ("pybridge::bind"); the bare one is its tail.
  explicit PyBridgeAttrInfo(const char *Name) {
    assert(llvm::StringRef(Name).starts_with(Scope));
    ScopedAndBare[0] = {ParsedAttr::AS_CXX11, Name};
    ScopedAndBare[1] = {ParsedAttr::AS_CXX11, Name + Scope.size()};
    NumArgs = 0;
    OptArgs = 15;
    Spellings = ScopedAndBare;
  }

  /// The error for the attribute on D, or nothing when it belongs there.
  virtual std::optional<Diag> misplacedOn(const Decl *D) const = 0;

  /// Records the attribute on D as an annotation; false after a diagnostic.
  virtual bool apply(Sema &S, Decl *D, const ParsedAttr &Attr) const = 0;

  /// Range is where diagnostics and fix-its about the attribute point: the
  /// string literal for bind and name, so they can point at the Python name.
  static void annotate(Sema &S, Decl *D, const llvm::Twine &Text, SourceRange Range) {
    D->addAttr(AnnotateAttr::Create(S.Context, Text.str(), nullptr, 0, Range));
  }

private:
  static constexpr llvm::StringLiteral Scope = "pybridge::";
  Spelling ScopedAndBare[2];
};

class BindAttrInfo final : public PyBridgeAttrInfo {
public:
  BindAttrInfo() : PyBridgeAttrInfo("pybridge::bind") {}

private:
  std::optional<Diag> misplacedOn(const Decl *D) const override {
    // No Python method stands for a destructor: the object is released when the
    // last handle dies.
    if (isa<CXXDestructorDecl>(D))
      return Diag::BindDestructor;
    if (isa<FunctionDecl>(D) || isa<CXXRecordDecl>(D) || isa<FunctionTemplateDecl>(D))
      return std::nullopt;
    return Diag::BindAppliesTo;
  }

  bool apply(Sema &S, Decl *D, const ParsedAttr &Attr) const override {
    const StringLiteral *Literal = stringArgument(S, Attr,
                                                  "the Python object to bind, e.g. "
                                                  "[[pybridge::bind(\"statistics.median\")]]");
    if (!Literal)
      return false;
    StringRef Path = Literal->getString();
    SmallVector<StringRef, 4> Parts;
    Path.split(Parts, '.');
    if (!llvm::all_of(Parts, isPythonIdentifier)) {
      Diagnostics::report(S.getDiagnostics(), Literal->getBeginLoc(), Diag::NotDottedPath)
          << Path << Literal->getSourceRange();
      return false;
    }
    if (atBlockScope(S, D)) {
      Diagnostics::report(S.getDiagnostics(), Attr.getLoc(), Diag::BindAtBlockScope)
          << cast<NamedDecl>(D) << Attr.getRange();
      return false;
    }
    if (auto Existing = boundTarget(D); Existing && *Existing != Path) {
      Diagnostics::report(S.getDiagnostics(), Attr.getLoc(), Diag::AlreadyBound)
          << cast<NamedDecl>(D)->getName() << *Existing;
      return false;
    }
    annotate(S, D, BindPrefix + Path, Literal->getSourceRange());
    return true;
  }
};

class NameAttrInfo final : public PyBridgeAttrInfo {
public:
  NameAttrInfo() : PyBridgeAttrInfo("pybridge::name") {}

private:
  std::optional<Diag> misplacedOn(const Decl *D) const override {
    if (isa<FunctionDecl>(D) || isa<ParmVarDecl>(D))
      return std::nullopt;
    return Diag::NameAppliesTo;
  }

  bool apply(Sema &S, Decl *D, const ParsedAttr &Attr) const override {
    const StringLiteral *Literal =
        stringArgument(S, Attr, "the Python name, e.g. [[pybridge::name(\"lambda_\")]]");
    if (!Literal)
      return false;
    if (!isPythonIdentifier(Literal->getString())) {
      Diagnostics::report(S.getDiagnostics(), Literal->getBeginLoc(), Diag::NotPythonIdentifier)
          << Literal->getString();
      return false;
    }
    annotate(S, D, NamePrefix + Literal->getString(), Literal->getSourceRange());
    return true;
  }
};

/// Call policies the runtime applies: [[pybridge::cacheable(ttl_ms)]] caches
/// results for that long, [[pybridge::idempotent]] allows retries.
class PolicyAttrInfo : public PyBridgeAttrInfo {
protected:
  using PyBridgeAttrInfo::PyBridgeAttrInfo;

private:
  std::optional<Diag> misplacedOn(const Decl *D) const override {
    if (isa<FunctionDecl>(D))
      return std::nullopt;
    return Diag::PolicyAppliesTo;
  }
};

class CacheableAttrInfo final : public PolicyAttrInfo {
public:
  CacheableAttrInfo() : PolicyAttrInfo("pybridge::cacheable") {}

private:
  bool apply(Sema &S, Decl *D, const ParsedAttr &Attr) const override {
    const Expr *Arg = Attr.getNumArgs() == 1 && Attr.isArgExpr(0) ? Attr.getArgAsExpr(0) : nullptr;
    std::optional<llvm::APSInt> Value =
        Arg && !Arg->isValueDependent() ? Arg->getIntegerConstantExpr(S.Context) : std::nullopt;
    if (!Value || Value->isNegative() || Value->isZero() || Value->getActiveBits() > 62) {
      Diagnostics::report(S.getDiagnostics(), Arg ? Arg->getBeginLoc() : Attr.getLoc(),
                          Diag::CacheableValue)
          << Attr.getRange();
      return false;
    }
    annotate(S, D, CacheablePrefix + llvm::Twine(Value->getZExtValue()), Attr.getRange());
    return true;
  }
};

class IdempotentAttrInfo final : public PolicyAttrInfo {
public:
  IdempotentAttrInfo() : PolicyAttrInfo("pybridge::idempotent") {}

private:
  bool apply(Sema &S, Decl *D, const ParsedAttr &Attr) const override {
    if (Attr.getNumArgs() != 0) {
      Diagnostics::report(S.getDiagnostics(), Attr.getLoc(), Diag::IdempotentArgs)
          << Attr.getRange();
      return false;
    }
    annotate(S, D, IdempotentText, Attr.getRange());
    return true;
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
