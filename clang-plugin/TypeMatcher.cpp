//===- TypeMatcher.cpp - which C++ types stand for which Python types -----===//
#include "TypeMatcher.h"

#include "Attributes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Template.h"
#include "clang/Sema/TemplateDeduction.h"

using namespace clang;
using namespace llvm;

namespace pybridge {

namespace {

constexpr unsigned MaxDepth = 16;

/// Whether D sits directly in the namespace path Names (inline namespaces
/// skipped).
bool inNamespace(const Decl *D, ArrayRef<StringRef> Names) {
  SmallVector<StringRef, 3> Chain;
  for (const DeclContext *DC = D->getDeclContext(); DC && !DC->isTranslationUnit();
       DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (!NS->isInline())
        Chain.push_back(NS->getName());
      continue;
    }
    if (isa<LinkageSpecDecl>(DC))
      continue;
    return false; // nested in a class or function
  }
  if (Chain.size() != Names.size())
    return false;
  return std::equal(Chain.rbegin(), Chain.rend(), Names.begin());
}

/// The type arguments of T as written (std::vector<std::string>, not
/// basic_string<char>), else those of the specialization.
SmallVector<QualType, 2> typeArgs(QualType T, const ClassTemplateSpecializationDecl *Spec) {
  SmallVector<QualType, 2> Args;
  const auto *Written = T.getNonReferenceType()->getAs<TemplateSpecializationType>();
  while (Written && Written->isTypeAlias())
    Written = Written->getAliasedType()->getAs<TemplateSpecializationType>();
  if (Written) {
    for (const TemplateArgument &A : Written->template_arguments())
      if (A.getKind() == TemplateArgument::Type)
        Args.push_back(A.getAsType());
    if (!Args.empty())
      return Args;
  }
  for (const TemplateArgument &A : Spec->getTemplateArgs().asArray()) {
    if (A.getKind() == TemplateArgument::Type)
      Args.push_back(A.getAsType());
    else if (A.getKind() == TemplateArgument::Pack)
      for (const TemplateArgument &P : A.pack_elements())
        if (P.getKind() == TemplateArgument::Type)
          Args.push_back(P.getAsType());
  }
  return Args;
}

/// Whether a Converter specialization is the runtime's: declared in the header
/// that declares the primary template.
bool isBesidePrimary(Sema &S, const Decl *Specialization, const ClassTemplateDecl *Primary) {
  const SourceManager &SM = S.getSourceManager();
  return SM.getFileID(SM.getExpansionLoc(Specialization->getLocation())) ==
         SM.getFileID(SM.getExpansionLoc(Primary->getLocation()));
}

bool isPyBridgeObject(const CXXRecordDecl *RD) {
  return RD->getName() == "Object" && inNamespace(RD, {"pybridge"});
}

bool derivesFromObject(const CXXRecordDecl *RD, unsigned Depth = 0) {
  if (!RD || Depth > MaxDepth)
    return false;
  if (isPyBridgeObject(RD))
    return true;
  RD = RD->getDefinition();
  if (!RD)
    return false;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (derivesFromObject(Base.getType()->getAsCXXRecordDecl(), Depth + 1))
      return true;
  return false;
}

} // namespace

//===- classification -----------------------------------------------------===//

ClassTemplateDecl *TypeMatcher::converterTemplate() {
  if (ConverterTemplate)
    return ConverterTemplate;
  LookupResult NS(S, &S.Context.Idents.get("pybridge"), Loc, Sema::LookupNamespaceName);
  if (!S.LookupQualifiedName(NS, S.Context.getTranslationUnitDecl()) || !NS.isSingleResult())
    return nullptr;
  auto *PyBridge = dyn_cast<NamespaceDecl>(NS.getFoundDecl());
  if (!PyBridge)
    return nullptr;
  LookupResult R(S, &S.Context.Idents.get("Converter"), Loc, Sema::LookupOrdinaryName);
  // Remembered once found (the runtime header may come after a first stub).
  if (S.LookupQualifiedName(R, PyBridge) && R.isSingleResult())
    ConverterTemplate = dyn_cast<ClassTemplateDecl>(R.getFoundDecl());
  return ConverterTemplate;
}

/// pybridge::Converter<T> as the compiler picks it: an explicit specialization
/// or a partial one whose arguments deduce (enable_if conditions included),
/// never the primary template (instantiating it is the static_assert the user
/// would otherwise see). The runtime's own specializations are declared beside
/// the primary template.
const TypeMatcher::Converter &TypeMatcher::converterFor(QualType T) {
  QualType Key = S.Context.getCanonicalType(T);
  if (auto It = Converters.find(Key); It != Converters.end())
    return It->second;
  Converter Found;
  ClassTemplateDecl *Template = converterTemplate();
  if (!Template || T->isDependentType())
    return Converters[Key] = Found; // no runtime header: diagnosed on its own
  TemplateArgumentListInfo Args(Loc, Loc);
  Args.addArgument(
      TemplateArgumentLoc(TemplateArgument(T), S.Context.getTrivialTypeSourceInfo(T, Loc)));
  QualType SpecType = S.CheckTemplateIdType(TemplateName(Template), Loc, Args);
  auto *Spec =
      SpecType.isNull()
          ? nullptr
          : dyn_cast_or_null<ClassTemplateSpecializationDecl>(SpecType->getAsCXXRecordDecl());
  const Decl *Pattern = nullptr;
  if (Spec && Spec->getSpecializationKind() == TSK_ExplicitSpecialization) {
    Pattern = Spec;
  } else if (Spec) {
    SmallVector<ClassTemplatePartialSpecializationDecl *, 16> Partials;
    Template->getPartialSpecializations(Partials);
    bool Deduces = llvm::any_of(Partials, [&](ClassTemplatePartialSpecializationDecl *Partial) {
      sema::TemplateDeductionInfo Info(Loc);
      return S.DeduceTemplateArguments(Partial, Spec->getTemplateArgs().asArray(), Info) ==
             TemplateDeductionResult::Success;
    });
    // Instantiating picks the most specialized one (or reports an ambiguity).
    if (Deduces && S.isCompleteType(Loc, SpecType))
      Pattern = Spec->getSpecializedTemplateOrPartial()
                    .dyn_cast<ClassTemplatePartialSpecializationDecl *>();
  }
  // A specialization declared but never defined converts nothing either.
  if (Pattern && S.isCompleteType(Loc, SpecType)) {
    Found.From = isBesidePrimary(S, Pattern, Template) ? Converter::Runtime : Converter::User;
    Found.Spec = Spec;
    readStatements(Found);
  }
  return Converters[Key] = Found;
}

void TypeMatcher::readStatements(Converter &C) {
  C.Type = statement(C.Spec, "python_type");
  C.Accepts = statement(C.Spec, "python_accepts");
  LookupResult R(S, &S.Context.Idents.get("python_args"), Loc, Sema::LookupMemberName);
  if (!S.LookupQualifiedName(R, C.Spec))
    return;
  const auto *List = R.getAsSingle<TypedefNameDecl>();
  const auto *Args =
      List ? List->getUnderlyingType()->getAs<TemplateSpecializationType>() : nullptr;
  if (!Args)
    return;
  for (const TemplateArgument &A : Args->template_arguments()) {
    if (A.getKind() == TemplateArgument::Type)
      C.Args.push_back(A.getAsType());
    else if (A.getKind() == TemplateArgument::Pack)
      for (const TemplateArgument &P : A.pack_elements())
        if (P.getKind() == TemplateArgument::Type)
          C.Args.push_back(P.getAsType());
  }
}

/// A Converter's `static constexpr const char *python_type = "...";`, parsed.
std::optional<PyType> TypeMatcher::statement(CXXRecordDecl *Spec, StringRef Member) {
  LookupResult R(S, &S.Context.Idents.get(Member), Loc, Sema::LookupMemberName);
  if (!S.LookupQualifiedName(R, Spec))
    return std::nullopt;
  auto *Var = R.getAsSingle<VarDecl>();
  if (!Var)
    return std::nullopt;
  // The initializer of a class template's static member is instantiated on use.
  if (!Var->getAnyInitializer() && Var->isStaticDataMember() &&
      Var->getTemplateSpecializationKind() == TSK_ImplicitInstantiation)
    S.InstantiateVariableDefinition(Loc, Var);
  const Expr *Init = Var->getAnyInitializer();
  std::optional<std::string> Text = Init ? Init->tryEvaluateString(S.Context) : std::nullopt;
  return Text ? PyType::parse(*Text) : std::nullopt;
}

bool TypeMatcher::hasMember(CXXRecordDecl *Spec, StringRef Name) {
  if (!Spec)
    return true; // no runtime header to ask
  LookupResult R(S, &S.Context.Idents.get(Name), Loc, Sema::LookupMemberName);
  return S.LookupQualifiedName(R, Spec) && !R.empty();
}

CppShape TypeMatcher::classify(QualType T) {
  CppShape C;
  if (T.isNull())
    return C;
  QualType Canon = T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  if (Canon->isVoidType()) {
    C.Kind = CppKind::Void;
    return C;
  }
  const CXXRecordDecl *RD = Canon->getAsCXXRecordDecl();
  if (RD) {
    // Result wrappers: what they hold is converted, not they themselves.
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
    bool Stream = RD->getName() == "Stream" && inNamespace(RD, {"pybridge"});
    bool Future = RD->getName() == "future" && inNamespace(RD, {"std"});
    if (Spec && (Stream || Future)) {
      C.Kind = Stream ? CppKind::Stream : CppKind::Future;
      C.Args = typeArgs(T, Spec);
      C.Args.truncate(1);
      return C;
    }
    if (!S.isCompleteType(Loc, Canon))
      return C; // incomplete here (templates are instantiated): unconvertible() says so
    // A bound class stands for its Python class (its Converter sends any Object).
    const CXXRecordDecl *Def = RD->getDefinition() ? RD->getDefinition() : RD;
    if (derivesFromObject(RD))
      if (std::optional<StringRef> Path = boundTarget(Def)) {
        C.Kind = CppKind::Bound;
        C.BoundPath = *Path;
        return C;
      }
  }
  const Converter &Conv = converterFor(Canon);
  if (Conv.From == Converter::None)
    return C;
  C.Args = Conv.Args;
  // The item types as the user wrote them (std::string, not basic_string<char>).
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD)) {
    SmallVector<QualType, 2> Written = typeArgs(T, Spec);
    for (size_t I = 0; I < C.Args.size() && I < Written.size(); ++I)
      if (S.Context.hasSameType(C.Args[I], Written[I]))
        C.Args[I] = Written[I];
  }
  if (!Conv.Type && !Conv.Accepts) {
    C.Kind = CppKind::Custom;
    return C;
  }
  // What detail/call.hpp does with them besides converting: an empty optional
  // argument is left out; a variant sends the alternative it holds.
  bool Std = Conv.From == Converter::Runtime && RD && inNamespace(RD, {"std"});
  if (Std && RD->getName() == "optional")
    C.Kind = CppKind::Optional;
  else if (Std && RD->getName() == "variant")
    C.Kind = CppKind::Variant;
  else if ((Conv.Type && Conv.Type->isAny()) || (Conv.Accepts && Conv.Accepts->isAny()))
    C.Kind = CppKind::Object;
  else
    C.Kind = CppKind::Value;
  return C;
}

std::optional<PyType> TypeMatcher::sentAs(QualType T) { return filled(T, true, 0); }
std::optional<PyType> TypeMatcher::takes(QualType T) { return filled(T, false, 0); }

/// A statement with `@i` replaced by what the Converter's `python_args` are.
std::optional<PyType> TypeMatcher::filled(QualType T, bool Sending, unsigned Depth) {
  if (Depth > MaxDepth)
    return PyType();
  CppShape C = classify(T);
  switch (C.Kind) {
  case CppKind::Object:
  case CppKind::Custom:
    return PyType();
  case CppKind::Bound:
    return PyType(Classes.typeNameOf(C.BoundPath));
  case CppKind::Void:
  case CppKind::Stream:
  case CppKind::Future:
  case CppKind::Unsupported:
    return std::nullopt;
  default:
    break;
  }
  const Converter &Conv =
      converterFor(T.getNonReferenceType().getCanonicalType().getUnqualifiedType());
  // A copy: filling in the arguments adds Converters to the map.
  std::optional<PyType> Statement = Sending ? Conv.Type : Conv.Accepts;
  if (!Statement)
    return std::nullopt;
  // A callable's parameters go the other way (PyType::substitute); what a
  // callable's types state nothing about is left to run time.
  bool Callable = Statement->Name == "Callable";
  SmallVector<PyType, 2> Fill, Contra;
  for (QualType Arg : C.Args) {
    std::optional<PyType> Item = filled(Arg, Sending, Depth + 1);
    if (!Item && !Callable)
      return std::nullopt;
    Fill.push_back(Item.value_or(PyType()));
    if (Callable)
      Contra.push_back(filled(Arg, !Sending, Depth + 1).value_or(PyType()));
  }
  return Statement->substitute(Fill, Contra);
}

std::optional<Unconvertible> TypeMatcher::unconvertible(QualType T, Direction Dir) {
  // Arguments are passed as const Args &... and converted as their decayed
  // type; a result is converted as declared.
  QualType Value = T.getNonReferenceType();
  if (Dir == Direction::Argument)
    Value = Value.getUnqualifiedType();
  if (Value->isRecordType() && !S.isCompleteType(Loc, Value))
    return Unconvertible{Unconvertible::Incomplete, Value};
  CppShape C = classify(Value);
  switch (C.Kind) {
  case CppKind::Void:
    return std::nullopt;
  case CppKind::Stream:
  case CppKind::Future:
    if (Dir == Direction::Argument)
      return Unconvertible{Unconvertible::NoConverter, Value};
    return C.Args.empty() ? std::nullopt : unconvertible(C.Args[0], Dir);
  case CppKind::Unsupported:
    return Unconvertible{Unconvertible::NoConverter, Value};
  default:
    break;
  }
  const Converter &Conv = converterFor(Value);
  if (Conv.From == Converter::None)
    return Unconvertible{Unconvertible::NoConverter, Value};
  bool Out = Dir == Direction::Argument;
  if (!hasMember(Conv.Spec, Out ? "to_python" : "from_python"))
    return Unconvertible{Out ? Unconvertible::NoToPython : Unconvertible::NoFromPython, Value};
  // Containers convert their items (python_args) with the items' own
  // Converters; a callable (`Callable[[@1*], @0]`) receives its parameters.
  bool Callable = Conv.Type && Conv.Type->Name == "Callable";
  Direction Opposite = Out ? Direction::Result : Direction::Argument;
  for (size_t I = 0; I < C.Args.size(); ++I)
    if (std::optional<Unconvertible> Inner =
            unconvertible(C.Args[I], Callable && I > 0 ? Opposite : Dir))
      return Inner;
  return std::nullopt;
}

std::optional<QualType> TypeMatcher::streamItem(QualType T) {
  CppShape C = classify(T);
  if (C.Kind != CppKind::Stream || C.Args.empty())
    return std::nullopt;
  return C.Args[0];
}

std::optional<QualType> TypeMatcher::futureValue(QualType T) {
  CppShape C = classify(T);
  if (C.Kind != CppKind::Future || C.Args.empty())
    return std::nullopt;
  return C.Args[0];
}

//===- matching -----------------------------------------------------------===//

bool TypeMatcher::matches(const TypeExpr &Py, QualType T, Direction Dir, bool *SendsTuple) {
  return matches(PyType::of(Py), T, Dir, SendsTuple);
}

bool TypeMatcher::matches(const PyType &Py, QualType T, Direction Dir, bool *SendsTuple) {
  if (Dir == Direction::Result)
    return matchesResult(Py, T);
  bool Tuple = false;
  TupleWanted = SendsTuple ? &Tuple : nullptr;
  bool Fit = matchesArgument(Py, T, 0);
  TupleWanted = nullptr;
  if (SendsTuple)
    *SendsTuple = Fit && Tuple;
  return Fit;
}

bool TypeMatcher::matchesTypeName(StringRef PyName, QualType T, Direction Dir) {
  return matches(PyType(PyName), T, Dir);
}

/// The worker awaits awaitables: their value is what crosses.
static const PyType &awaited(const PyType &Py) {
  const PyType *T = &Py;
  for (unsigned I = 0;
       I < MaxDepth && (T->Name == "Awaitable" || T->Name == "Coroutine") && !T->Args.empty(); ++I)
    T = &T->Args.back();
  return *T;
}

bool TypeMatcher::matchesArgument(const PyType &Py, QualType T, unsigned Depth) {
  CppShape C = classify(T);
  if (C.Kind == CppKind::Optional) // an empty one is left out: the value is what is sent
    return !C.Args.empty() && Depth < MaxDepth && matchesArgument(Py, C.Args[0], Depth + 1);
  std::optional<PyType> Sent = sentAs(T);
  if (!Sent)
    return false;
  const PyType &Want = awaited(Py);
  if (Subs.isSubtype(*Sent, Want))
    return true;
  // The argument itself may go as a tuple when it is sent as a list
  // (pybridge::detail::as_tuple); inside a container it goes as the list.
  if (!TupleWanted || C.Kind != CppKind::Value || Sent->Name != "list")
    return false;
  PyType AsTuple("tuple", {Sent->Args.empty() ? PyType() : Sent->Args[0], PyType("...")});
  if (!Subs.isSubtype(AsTuple, Want))
    return false;
  *TupleWanted = true;
  return true;
}

bool TypeMatcher::matchesResult(const PyType &Py, QualType T) {
  std::optional<PyType> Takes = takes(T);
  if (!Takes)
    return false;
  const PyType &Returned = awaited(Py);
  if (Returned.isAny() || Takes->isAny())
    return true;
  // A bound class adopts the object whatever it is: a result declared as a
  // base of it may be one (a factory returning a subclass).
  auto Converts = [&](const PyType &Arm) {
    return Subs.convertsInto(Arm, *Takes) ||
           (classify(T).Kind == CppKind::Bound &&
            Subs.isSubtype(*Takes, Arm, Subtypes::Relation::Nominal));
  };
  if (!Returned.isUnion() || Returned.TypeVar)
    return Converts(Returned);
  // Python may hand back any arm; None converts only into what can hold it.
  bool NoneFits = Subs.isSubtype(PyType("None"), *Takes);
  return llvm::all_of(Returned.Args, [&](const PyType &Arm) {
    return Arm.Name == "None" ? NoneFits : Converts(Arm);
  });
}

bool TypeMatcher::matchesUnlessNone(const TypeExpr &Expr, QualType T) {
  PyType Py = PyType::of(Expr);
  if (!Py.isUnion() || Py.TypeVar)
    return false;
  std::optional<PyType> Takes = takes(T);
  return Takes && llvm::all_of(Py.Args, [&](const PyType &Arm) {
           return Arm.Name == "None" || Subs.convertsInto(Arm, *Takes);
         });
}

std::optional<PyType> TypeMatcher::iteratedItem(const TypeExpr &Expr) {
  PyType Py = PyType::of(Expr);
  if (Py.isAny())
    return PyType();
  SmallVector<PyType, 2> Items;
  ArrayRef<PyType> Arms = Py.isUnion() ? ArrayRef<PyType>(Py.Args) : ArrayRef<PyType>(Py);
  for (const PyType &Arm : Arms) {
    if (Arm.Name == "None")
      continue; // a None result is not streamed (it fails when it comes)
    std::optional<PyType> View = Subs.asInstanceOf(Arm, "Iterable");
    if (!View)
      View = Subs.asInstanceOf(Arm, "AsyncIterable");
    if (!View)
      return std::nullopt;
    Items.push_back(View->Args.empty() ? PyType() : View->Args[0]);
  }
  if (Items.empty())
    return std::nullopt;
  return PyType::makeUnion(Items);
}

bool TypeMatcher::isIterator(const TypeExpr &Expr) {
  PyType Py = PyType::of(Expr);
  return Subs.asInstanceOf(Py, "Iterator") || Subs.asInstanceOf(Py, "AsyncIterator");
}

} // namespace pybridge
