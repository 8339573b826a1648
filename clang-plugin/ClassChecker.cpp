//===- ClassChecker.cpp - members of a bound class ------------------------===//
#include "ClassChecker.h"

#include "Attributes.h"
#include "ProtocolMembers.h"
#include "PythonText.h"
#include "Suggest.h"

using namespace clang;
using namespace llvm;

namespace pybridge {

namespace {

bool isDataAttribute(const Symbol &S) {
  return S.kind() == SymbolKind::Property || S.kind() == SymbolKind::Constant;
}

/// 0 for a property, 1 for another attribute (the %select in the diagnostics).
unsigned attributeWord(const Symbol &S) { return S.kind() == SymbolKind::Property ? 0 : 1; }

std::optional<StringRef> setterTarget(const CXXMethodDecl *MD, StringRef Name) {
  if (!Name.starts_with("set_") || Name.size() == 4)
    return std::nullopt;
  return Name.drop_front(4);
}

/// What Python calls to convert an object as a C++ conversion operator does
/// (bool(x), int(x), float(x), complex(x), str(x)).
std::string conversionName(QualType To) {
  To = To.getCanonicalType().getUnqualifiedType();
  if (To->isBooleanType())
    return "__bool__";
  if (To->isIntegralOrEnumerationType())
    return "__int__";
  if (To->isRealFloatingType())
    return "__float__";
  if (const CXXRecordDecl *RD = To->getAsCXXRecordDecl()) {
    if (RD->getName() == "complex")
      return "__complex__";
    if (RD->getName() == "basic_string")
      return "__str__";
  }
  return std::string();
}

} // namespace

std::string pythonMemberName(const CXXMethodDecl *MD) {
  if (auto Override = pythonNameOverride(MD))
    return Override->str();
  if (const auto *Conversion = dyn_cast<CXXConversionDecl>(MD))
    return conversionName(Conversion->getConversionType());
  switch (MD->getOverloadedOperator()) {
  case OO_None:
    return MD->getIdentifier() ? MD->getName().str() : std::string();
  case OO_Call:
    return "__call__";
  case OO_Subscript:
    return "__getitem__";
  case OO_EqualEqual:
    return "__eq__";
  case OO_ExclaimEqual:
    return "__ne__";
  case OO_Less:
    return "__lt__";
  case OO_LessEqual:
    return "__le__";
  case OO_Greater:
    return "__gt__";
  case OO_GreaterEqual:
    return "__ge__";
  case OO_Plus:
    return MD->getNumParams() == 0 ? "__pos__" : "__add__";
  case OO_Minus:
    return MD->getNumParams() == 0 ? "__neg__" : "__sub__";
  case OO_Star:
    return "__mul__";
  case OO_Slash:
    return "__truediv__";
  case OO_Percent:
    return "__mod__";
  case OO_Amp:
    return "__and__";
  case OO_Pipe:
    return "__or__";
  case OO_Caret:
    return "__xor__";
  case OO_LessLess:
    return "__lshift__";
  case OO_GreaterGreater:
    return "__rshift__";
  case OO_Tilde:
    return "__invert__";
  case OO_PlusEqual:
    return "__iadd__";
  case OO_MinusEqual:
    return "__isub__";
  case OO_StarEqual:
    return "__imul__";
  case OO_SlashEqual:
    return "__itruediv__";
  default:
    return std::string();
  }
}

std::optional<BodyPlan> ClassChecker::plan(const CXXMethodDecl *MD, StringRef ClassPath,
                                           const Symbol &Cls) {
  if (isa<CXXConstructorDecl>(MD))
    return planConstructor(MD, ClassPath, Cls);
  std::string Name = pythonMemberName(MD);
  if (Name.empty()) {
    Ctx.Diags.report(MD->getLocation(), Diag::NoPythonEquivalent) << MD;
    return std::nullopt;
  }
  if (std::optional<StringRef> Dunder = protocolDunder(MD, Name, Cls))
    Name = Dunder->str(); // size() -> __len__
  // int(x) falls back on __index__ (an int-like class may define only that).
  if (Name == "__int__" && isa<CXXConversionDecl>(MD) && !Cls.member(Name) &&
      Cls.member("__index__"))
    Name = "__index__";
  if (std::optional<Symbol> Member = Cls.member(Name)) {
    if (Ctx.describeFailed(MD->getLocation(), (ClassPath + "." + Name).str(), *Member))
      return std::nullopt;
    if (Member->kind() == SymbolKind::Function)
      return planMethod(MD, ClassPath, Name, *Member);
    if (isDataAttribute(*Member))
      return planGetter(MD, ClassPath, Name, *Member);
    Ctx.Diags.report(MD->getLocation(), Diag::NotAFunction)
        << (ClassPath + "." + Name).str() << symbolKindName(Member->kind())
        << 1u; // %select: bind it on its own declaration
    return std::nullopt;
  }
  if (std::optional<StringRef> Target = setterTarget(MD, Name))
    if (std::optional<Symbol> Attribute = Cls.member(*Target);
        Attribute && isDataAttribute(*Attribute))
      return planSetter(MD, ClassPath, *Target, *Attribute);
  if (Cls.member("__getattr__"))
    return planDynamic(MD, Name, Cls);
  reportMissing(MD, ClassPath, Name, Cls);
  return std::nullopt;
}

std::optional<BodyPlan> ClassChecker::planConstructor(const CXXMethodDecl *MD, StringRef ClassPath,
                                                      const Symbol &Cls) {
  if (Cls.isStubOnly()) {
    StringRef Runtime = Cls.runtimeName();
    Ctx.Diags.report(MD->getLocation(), Diag::StubOnlyConstructor)
        << ClassPath << (Runtime.empty() ? 0u : 1u) << Runtime;
    return std::nullopt;
  }
  Callee C = Callee::of(Cls, ClassPath, MD->getLocation());
  Stub S = describeStub(MD, Ctx.Types);
  S.ChecksResult = false;
  std::optional<Binding> B = Ctx.Signatures.check(S, C);
  if (!B || !Ctx.checkSource(MD->getLocation(), ClassPath, B->Source))
    return std::nullopt;
  return BodyPlan{EntryPoint::Construct, callSite(ClassPath, B->Keywords, Cls.descriptor(), MD),
                  B->AsTuple};
}

std::optional<BodyPlan> ClassChecker::planMethod(const CXXMethodDecl *MD, StringRef ClassPath,
                                                 StringRef Name, const Symbol &Method) {
  std::string Display = (ClassPath + "." + Name).str();
  if (MD->isStatic() && Method.methodKind() == MethodKind::Instance) {
    Ctx.Diags.report(MD->getLocation(), Diag::StaticForInstance) << Display << MD;
    return std::nullopt;
  }
  Callee C = Callee::of(Method, Display, MD->getLocation());
  Ctx.warnIfDeprecated(MD->getLocation(), Display, Method);
  std::optional<Binding> B = Ctx.Signatures.check(describeStub(MD, Ctx.Types), C);
  if (!B || !Ctx.checkSource(MD->getLocation(), Display, B->Source))
    return std::nullopt;
  if (MD->isStatic()) // static and class methods are called through the class
    return BodyPlan{EntryPoint::Invoke, callSite(Display, B->Keywords, Method.descriptor(), MD),
                    B->AsTuple};
  return BodyPlan{EntryPoint::InvokeMethod, callSite(Name, B->Keywords, Method.descriptor(), MD),
                  B->AsTuple};
}

std::optional<BodyPlan> ClassChecker::planGetter(const CXXMethodDecl *MD, StringRef ClassPath,
                                                 StringRef Name, const Symbol &Attribute) {
  std::string Display = (ClassPath + "." + Name).str();
  QualType Result = MD->getReturnType();
  if (MD->getNumParams() != 0 || Result->isVoidType()) {
    Ctx.Diags.report(MD->getLocation(), Diag::GetterArity)
        << MD << Name << attributeWord(Attribute);
    return std::nullopt;
  }
  std::optional<TypeExpr> Type = Attribute.type();
  if (Type && !Ctx.Types.matches(*Type, Result, Direction::Result)) {
    if (std::optional<Problem> None = Ctx.Signatures.noneResult(MD, Display, *Type, Result)) {
      reportProblem(Ctx.Diags, *None);
      return std::nullopt;
    }
    Ctx.Diags.report(MD->getLocation(), Diag::PropertyType)
        << Name << formatType(*Type) << attributeWord(Attribute) << Result;
    return std::nullopt;
  }
  Ctx.warnIfDeprecated(MD->getLocation(), Display, Attribute);
  StringRef Source = Attribute.kind() == SymbolKind::Property ? Attribute.source() : "runtime";
  if (!Ctx.checkSource(MD->getLocation(), Display, Source))
    return std::nullopt;
  // A static getter reads a class attribute through the class.
  StringRef Target = MD->isStatic() ? StringRef(Display) : Name;
  return BodyPlan{EntryPoint::GetAttr, callSite(Target, {}, Attribute.descriptor(), MD)};
}

std::optional<BodyPlan> ClassChecker::planSetter(const CXXMethodDecl *MD, StringRef ClassPath,
                                                 StringRef Name, const Symbol &Attribute) {
  std::string Display = (ClassPath + "." + Name).str();
  if (MD->getNumParams() != 1 || !MD->getReturnType()->isVoidType() || MD->isStatic()) {
    Ctx.Diags.report(MD->getLocation(), Diag::SetterArity) << MD << Name;
    return std::nullopt;
  }
  if (Attribute.kind() == SymbolKind::Property && Attribute.isReadOnly()) {
    Ctx.Diags.report(MD->getLocation(), Diag::ReadOnlyProperty) << Display << MD;
    return std::nullopt;
  }
  const ParmVarDecl *Value = MD->getParamDecl(0);
  std::optional<TypeExpr> Type = Attribute.type();
  if (Type && !Ctx.Types.matches(*Type, Value->getType(), Direction::Argument)) {
    Ctx.Diags.report(Value->getLocation(), Diag::PropertyType)
        << Name << formatType(*Type) << attributeWord(Attribute) << Value->getType();
    return std::nullopt;
  }
  Ctx.warnIfDeprecated(MD->getLocation(), Display, Attribute);
  StringRef Source = Attribute.kind() == SymbolKind::Property ? Attribute.source() : "runtime";
  if (!Ctx.checkSource(MD->getLocation(), Display, Source))
    return std::nullopt;
  return BodyPlan{EntryPoint::SetAttr, callSite(Name, {}, Attribute.descriptor(), MD)};
}

std::optional<BodyPlan> ClassChecker::planDynamic(const CXXMethodDecl *MD, StringRef Name,
                                                  const Symbol &Cls) {
  // __getattr__ answers any name: only the shape tells a getter from a setter
  // or a method.
  bool Void = MD->getReturnType()->isVoidType();
  if (MD->isStatic()) {
    reportMissing(MD, Cls.qualname(), Name, Cls);
    return std::nullopt;
  }
  if (MD->getNumParams() == 0 && !Void)
    return BodyPlan{EntryPoint::GetAttr, callSite(Name, {}, Cls.descriptor(), MD)};
  if (std::optional<StringRef> Target = setterTarget(MD, Name);
      Target && MD->getNumParams() == 1 && Void)
    return BodyPlan{EntryPoint::SetAttr, callSite(*Target, {}, Cls.descriptor(), MD)};
  Stub S = describeStub(MD, Ctx.Types);
  SmallVector<std::string, 4> Keywords(S.Params.size());
  return BodyPlan{EntryPoint::InvokeMethod, callSite(Name, Keywords, Cls.descriptor(), MD)};
}

void ClassChecker::reportMissing(const CXXMethodDecl *MD, StringRef ClassPath, StringRef Name,
                                 const Symbol &Cls) {
  SmallVector<StringRef, 32> Names;
  Cls.memberNames(Names);
  bool Getter = MD->getOverloadedOperator() == OO_None && !isa<CXXConversionDecl>(MD) &&
                MD->getNumParams() == 0 && !MD->getReturnType()->isVoidType();
  unsigned What = Getter ? 0u : 1u; // NoMember's %select{attribute|method}
  std::optional<StringRef> Near = closestName(Name, Names);
  if (!Near) {
    Ctx.Diags.report(MD->getLocation(), Diag::NoMember) << ClassPath << What << Name;
    return;
  }
  std::optional<FixItHint> Fix;
  if (pythonNameOverride(MD))
    Fix = FixItHint::CreateReplacement(CharSourceRange::getTokenRange(nameAttributeRange(MD)),
                                       ("\"" + *Near + "\"").str());
  else if (MD->getOverloadedOperator() == OO_None && MD->getIdentifier())
    Fix = FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(SourceRange(MD->getLocation())), *Near);
  DiagnosticBuilder Builder = Ctx.Diags.report(MD->getLocation(), Diag::NoMemberSuggest);
  Builder << ClassPath << What << Name << *Near;
  if (Fix)
    Builder << *Fix;
}

} // namespace pybridge
