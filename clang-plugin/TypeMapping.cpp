//===- TypeMapping.cpp - which C++ types stand for which Python types -----===//
#include "TypeMapping.h"

#include "Attributes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Template.h"
#include "clang/Sema/TemplateDeduction.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"

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

/// Python names the runtime converts like a builtin (numpy scalars travel as
/// .item()).
enum class Like { Int, Float, Complex, Bool, Str, Bytes, Number, Real, Scalar, None };

Like likeOf(StringRef Name) {
  static const StringSet<> NumpyInts = {
      "numpy.integer", "numpy.signedinteger", "numpy.unsignedinteger", "numpy.int8",
      "numpy.int16",   "numpy.int32",         "numpy.int64",           "numpy.uint8",
      "numpy.uint16",  "numpy.uint32",        "numpy.uint64",          "numpy.intp",
      "numpy.uintp",   "numpy.intc",          "numpy.uintc",           "numpy.int_",
      "numpy.uint",    "numpy.longlong",      "numpy.ulonglong",       "numpy.short",
      "numpy.ushort",  "numpy.byte",          "numpy.ubyte",           "numbers.Integral"};
  static const StringSet<> NumpyFloats = {
      "numpy.floating", "numpy.float16", "numpy.float32",    "numpy.float64", "numpy.float96",
      "numpy.float128", "numpy.double",  "numpy.longdouble", "numpy.half",    "numpy.single"};
  static const StringSet<> NumpyComplex = {
      "numpy.complexfloating", "numpy.complex64", "numpy.complex128", "numpy.complex192",
      "numpy.complex256",      "numpy.cdouble",   "numpy.csingle",    "numpy.clongdouble"};
  if (NumpyInts.contains(Name) || Name == "int" || Name == "numbers.Rational")
    return Like::Int;
  if (NumpyFloats.contains(Name) || Name == "float")
    return Like::Float;
  if (NumpyComplex.contains(Name) || Name == "complex")
    return Like::Complex;
  return StringSwitch<Like>(Name)
      .Cases("bool", "numpy.bool_", Like::Bool)
      .Cases("str", "numpy.str_", Like::Str)
      .Cases("bytes", "numpy.bytes_", Like::Bytes)
      .Cases("numpy.number", "numbers.Number", "numbers.Complex", Like::Number)
      .Case("numbers.Real", Like::Real)
      .Case("numpy.generic", Like::Scalar)
      .Default(Like::None);
}

/// Whether a shape is a C++ number or string the runtime sends as a Python
/// scalar.
bool matchesLike(Like L, CppKind K, Direction Dir) {
  bool Arg = Dir == Direction::Argument;
  switch (L) {
  // int is accepted where float is (Python's numeric tower); a result widens
  // as the runtime does (an int into a double if exact, either into complex).
  case Like::Int:
    return K == CppKind::Int || (!Arg && (K == CppKind::Float || K == CppKind::Complex));
  case Like::Float:
    return K == CppKind::Float || (Arg && K == CppKind::Int) || (!Arg && K == CppKind::Complex);
  case Like::Complex:
    return K == CppKind::Complex || (Arg && (K == CppKind::Float || K == CppKind::Int));
  case Like::Bool:
    return K == CppKind::Bool;
  case Like::Str:
    return K == CppKind::Str || (Arg && K == CppKind::StrIn);
  case Like::Bytes:
    return K == CppKind::Bytes;
  case Like::Number:
    return K == CppKind::Int || K == CppKind::Float || K == CppKind::Complex;
  case Like::Real:
    return K == CppKind::Float || (Arg && K == CppKind::Int) || (!Arg && K == CppKind::Complex);
  case Like::Scalar:
    return K == CppKind::Int || K == CppKind::Float || K == CppKind::Complex ||
           K == CppKind::Bool || K == CppKind::Str || (Arg && K == CppKind::StrIn) ||
           K == CppKind::Bytes;
  case Like::None:
    return false;
  }
  llvm_unreachable("unknown scalar kind");
}

/// The Python type of a Literal value, from its repr.
StringRef literalTypeName(StringRef Repr) {
  if (Repr.starts_with("'") || Repr.starts_with("\""))
    return "str";
  if (Repr.starts_with("b'") || Repr.starts_with("b\""))
    return "bytes";
  if (Repr == "True" || Repr == "False")
    return "bool";
  if (Repr == "None")
    return "None";
  if (!Repr.empty() && (isDigit(Repr.front()) || Repr.front() == '-'))
    return "int";
  return "Any";
}

bool isSequenceName(StringRef Name) {
  return Name == "list" || Name == "Sequence" || Name == "MutableSequence";
}
bool isIterableName(StringRef Name) {
  return Name == "Iterable" || Name == "Collection" || Name == "Reversible" || Name == "Container";
}
bool isSetName(StringRef Name) {
  return Name == "set" || Name == "frozenset" || Name == "AbstractSet" || Name == "MutableSet";
}
bool isMappingName(StringRef Name) {
  return Name == "dict" || Name == "Mapping" || Name == "MutableMapping" ||
         Name == "collections.OrderedDict" || Name == "collections.defaultdict";
}
bool isIteratorName(StringRef Name) {
  return Name == "Iterator" || Name == "Generator" || Name == "AsyncIterator" ||
         Name == "AsyncGenerator" || Name == "AsyncIterable";
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
TypeMatcher::Converter TypeMatcher::converterFor(QualType T) {
  QualType Key = S.Context.getCanonicalType(T);
  if (auto It = Converters.find(Key); It != Converters.end())
    return It->second;
  Converter Found;
  ClassTemplateDecl *Template = converterTemplate();
  if (!Template) {
    Found.From = Converter::Runtime; // no runtime header (yet): by name
    return Found;
  }
  if (T->isDependentType())
    return Converters[Key] = Found;
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
  }
  return Converters[Key] = Found;
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
  // Result wrappers: what they hold is converted, not they themselves.
  if (const CXXRecordDecl *RD = Canon->getAsCXXRecordDecl()) {
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
  }
  if (std::optional<CppShape> Callable = classifyCallable(Canon))
    return *Callable;
  switch (converterFor(Canon).From) {
  case Converter::None:
    return C;
  case Converter::User:
    C.Kind = CppKind::Custom;
    return C;
  case Converter::Runtime:
    return classifyByName(T, Canon->getAsCXXRecordDecl());
  }
  llvm_unreachable("unknown converter origin");
}

/// The shape of a type the runtime's own Converter converts, by its name.
CppShape TypeMatcher::classifyByName(QualType T, const CXXRecordDecl *RD) {
  CppShape C;
  QualType Canon = T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  if (const auto *BT = dyn_cast<BuiltinType>(Canon)) {
    if (BT->getKind() == BuiltinType::Bool)
      C.Kind = CppKind::Bool;
    else if (BT->isInteger())
      C.Kind = CppKind::Int;
    else if (BT->isFloatingPoint())
      C.Kind = CppKind::Float;
    else if (BT->getKind() == BuiltinType::NullPtr)
      C.Kind = CppKind::None;
    return C;
  }
  if (isa<PointerType>(Canon)) {
    C.Kind = CppKind::StrIn; // const char *, char *
    return C;
  }
  if (!RD)
    return C;
  StringRef Name = RD->getName();
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  if (inNamespace(RD, {"std"})) {
    SmallVector<QualType, 2> Args = Spec ? typeArgs(T, Spec) : SmallVector<QualType, 2>();
    auto Set = [&](CppKind Kind, unsigned Keep) {
      C.Kind = Kind;
      C.Args.assign(Args.begin(), Args.begin() + std::min<size_t>(Keep, Args.size()));
    };
    if (Name == "basic_string")
      Set(CppKind::Str, 0);
    else if (Name == "basic_string_view")
      Set(CppKind::StrIn, 0);
    else if (Name == "vector" && !Args.empty()) {
      const auto *Elem = Args[0]->getAsTagDecl();
      bool Bytes = Elem && Elem->getName() == "byte" && inNamespace(Elem, {"std"});
      Set(Bytes ? CppKind::Bytes : CppKind::Vector, 1);
    } else if (Name == "set" || Name == "unordered_set")
      Set(CppKind::Set, 1);
    else if (Name == "map" || Name == "unordered_map")
      Set(CppKind::Map, 2);
    else if (Name == "tuple" || Name == "pair")
      Set(CppKind::Tuple, Args.size());
    else if (Name == "optional")
      Set(CppKind::Optional, 1);
    else if (Name == "variant")
      Set(CppKind::Variant, Args.size());
    else if (Name == "monostate")
      Set(CppKind::None, 0);
    else if (Name == "complex")
      Set(CppKind::Complex, 0);
    return C;
  }
  if (inNamespace(RD, {"std", "chrono"})) {
    if (Name == "duration")
      C.Kind = CppKind::Duration;
    else if (Name == "time_point")
      C.Kind = CppKind::DateTime;
    return C;
  }
  if (inNamespace(RD, {"pybridge"})) {
    if (Name == "Value") { // any Python value, converted at run time
      C.Kind = CppKind::Object;
      return C;
    }
    if (Name == "NDArray") {
      C.Kind = CppKind::NDArray;
      return C;
    }
  }
  if (derivesFromObject(RD)) {
    const CXXRecordDecl *Def = RD->getDefinition() ? RD->getDefinition() : RD;
    if (std::optional<StringRef> Path = boundTarget(Def)) {
      C.Kind = CppKind::Bound;
      C.BoundPath = *Path;
    } else {
      C.Kind = CppKind::Object;
    }
  }
  return C;
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
  Converter Conv = converterFor(Value);
  if (Conv.From == Converter::None)
    return Unconvertible{Unconvertible::NoConverter, Value};
  bool Out = Dir == Direction::Argument;
  if (!hasMember(Conv.Spec, Out ? "to_python" : "from_python"))
    return Unconvertible{Out ? Unconvertible::NoToPython : Unconvertible::NoFromPython, Value};
  // The runtime's containers convert their items with their own Converters.
  bool Container = C.Kind == CppKind::Vector || C.Kind == CppKind::Set || C.Kind == CppKind::Map ||
                   C.Kind == CppKind::Tuple || C.Kind == CppKind::Optional ||
                   C.Kind == CppKind::Variant;
  if (Conv.From == Converter::Runtime && Container)
    for (QualType Item : C.Args)
      if (std::optional<Unconvertible> Inner = unconvertible(Item, Dir))
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
  bool Tuple = false;
  TupleWanted = SendsTuple && Dir == Direction::Argument ? &Tuple : nullptr;
  Nesting = 0;
  bool Fit = matchesShape(Py, T, classify(T), Dir, 0);
  TupleWanted = nullptr;
  if (SendsTuple)
    *SendsTuple = Fit && Tuple;
  return Fit;
}

bool TypeMatcher::matchesTypeName(StringRef PyName, QualType T, Direction Dir) {
  CppShape C = classify(T);
  if (C.Kind == CppKind::Object || C.Kind == CppKind::Custom)
    return true;
  return matchesNamed(PyName, TypeExpr(), C, Dir, 0);
}

bool TypeMatcher::matchesShape(const TypeExpr &Py, QualType T, const CppShape &C, Direction Dir,
                               unsigned Depth) {
  if (Depth > MaxDepth)
    return true; // a pathological descriptor: leave it to run time
  if (C.Kind == CppKind::Object || C.Kind == CppKind::Custom)
    return true;
  if (C.Kind == CppKind::Unsupported || C.Kind == CppKind::Stream || C.Kind == CppKind::Future ||
      C.Kind == CppKind::Void)
    return false;
  if (Dir == Direction::Result && C.Kind == CppKind::StrIn)
    return false; // a view cannot own what Python sends back
  if (C.Kind == CppKind::Callable && Dir == Direction::Result)
    return false; // a Python callable comes back as pybridge::Object
  if (Py.isAny())
    return true;
  StringRef Name = Py.name();
  if (Name == "Union")
    return matchesUnion(Py, T, C, Dir, Depth);
  if (C.Kind == CppKind::Callable)
    return matchesCallable(Py, C, Dir, Depth);
  if (Name == "Awaitable" || Name == "Coroutine") { // the worker awaits it
    unsigned N = Py.numArgs();
    return N == 0 || matchesShape(Py.arg(N - 1), T, C, Dir, Depth + 1);
  }
  if (C.Kind == CppKind::Optional) {
    if (C.Args.empty())
      return false;
    if (Name == "None")
      return Dir == Direction::Result;
    // An empty optional argument is omitted; an empty result is None.
    return matchesShape(Py, C.Args[0], classify(C.Args[0]), Dir, Depth + 1);
  }
  if (C.Kind == CppKind::Variant) {
    auto Fits = [&](QualType Alt) { return matchesInner(Py, Alt, Dir, Depth); };
    // Every alternative sent must fit; a result needs one alternative it
    // converts into.
    return Dir == Direction::Argument ? llvm::all_of(C.Args, Fits) : llvm::any_of(C.Args, Fits);
  }
  return matchesNamed(Name, Py, C, Dir, Depth);
}

bool TypeMatcher::acceptsNone(const CppShape &C) {
  switch (C.Kind) {
  case CppKind::Optional:
  case CppKind::None:
  case CppKind::Object: // a handle to None
  case CppKind::Custom: // the user's Converter decides
    return true;
  case CppKind::Variant:
    return llvm::any_of(C.Args, [&](QualType Alt) { return acceptsNone(classify(Alt)); });
  default:
    return false;
  }
}

bool TypeMatcher::matchesUnlessNone(const TypeExpr &Py, QualType T) {
  if (Py.name() != "Union")
    return false;
  CppShape C = classify(T);
  for (unsigned I = 0, N = Py.numArgs(); I < N; ++I)
    if (Py.arg(I).name() != "None" && matchesShape(Py.arg(I), T, C, Direction::Result, 1))
      return true;
  return false;
}

bool TypeMatcher::matchesUnion(const TypeExpr &Py, QualType T, const CppShape &C, Direction Dir,
                               unsigned Depth) {
  unsigned N = Py.numArgs();
  // Python may hand back any arm; None converts only into what can hold it.
  bool MayBeNone = false;
  for (unsigned I = 0; I < N; ++I)
    MayBeNone |= Py.arg(I).name() == "None";
  if (Dir == Direction::Result && MayBeNone && !acceptsNone(C))
    return false;
  auto ArmFits = [&](QualType Type, const CppShape &Shape) {
    for (unsigned I = 0; I < N; ++I) {
      TypeExpr Arm = Py.arg(I);
      if (Arm.name() == "None" && Shape.Kind != CppKind::None)
        continue;
      if (matchesShape(Arm, Type, Shape, Dir, Depth + 1))
        return true;
    }
    return false;
  };
  if (C.Kind == CppKind::Optional) {
    if (C.Args.empty())
      return false;
    return ArmFits(C.Args[0], classify(C.Args[0]));
  }
  if (C.Kind == CppKind::Variant) {
    // Sent through the variant's Converter: containers inside go as lists.
    auto Fits = [&](QualType Alt) {
      ++Nesting;
      bool Fit = ArmFits(Alt, classify(Alt));
      --Nesting;
      return Fit;
    };
    return Dir == Direction::Argument ? llvm::all_of(C.Args, Fits) : llvm::any_of(C.Args, Fits);
  }
  return ArmFits(T, C);
}

bool TypeMatcher::matchesElements(const TypeExpr &Py, const CppShape &C, Direction Dir,
                                  unsigned Depth) {
  if (Py.numArgs() == 0)
    return true; // list without an item type
  if (C.Args.empty())
    return false;
  return matchesInner(Py.arg(0), C.Args[0], Dir, Depth);
}

bool TypeMatcher::matchesInner(const TypeExpr &Py, QualType T, Direction Dir, unsigned Depth) {
  ++Nesting;
  bool Fit = matchesShape(Py, T, classify(T), Dir, Depth + 1);
  --Nesting;
  return Fit;
}

bool TypeMatcher::matchesNamed(StringRef Name, const TypeExpr &Py, const CppShape &C, Direction Dir,
                               unsigned Depth) {
  bool Arg = Dir == Direction::Argument;
  CppKind K = C.Kind;
  if (Like L = likeOf(Name); L != Like::None)
    return matchesLike(L, K, Dir);
  if (Name == "None")
    return K == CppKind::None;
  if (Name == "Literal") {
    for (unsigned I = 0, N = Py.numArgs(); I < N; ++I) {
      StringRef Type = literalTypeName(Py.arg(I).repr());
      if (Type == "Any" ||
          (Type == "None" ? K == CppKind::None : matchesLike(likeOf(Type), K, Dir)))
        return true;
    }
    return false;
  }
  if (isSequenceName(Name)) {
    // str is a Sequence[str] (Python's own rule), and a vector becomes a list.
    bool StrOfStr = Arg && Name == "Sequence" && (K == CppKind::Str || K == CppKind::StrIn) &&
                    (Py.numArgs() == 0 || likeOf(Py.arg(0).name()) == Like::Str);
    if (StrOfStr)
      return true;
    return (K == CppKind::Vector || (!Arg && K == CppKind::Set)) &&
           matchesElements(Py, C, Dir, Depth);
  }
  if (isIterableName(Name)) {
    bool StrOfStr = Arg && (K == CppKind::Str || K == CppKind::StrIn) &&
                    (Py.numArgs() == 0 || likeOf(Py.arg(0).name()) == Like::Str);
    if (StrOfStr)
      return true;
    if (K == CppKind::Map && Arg) // iterating a dict yields its keys
      return matchesElements(Py, C, Dir, Depth);
    return (K == CppKind::Vector || K == CppKind::Set) && matchesElements(Py, C, Dir, Depth);
  }
  if (isSetName(Name))
    return (K == CppKind::Set || (!Arg && K == CppKind::Vector)) &&
           matchesElements(Py, C, Dir, Depth);
  if (isMappingName(Name)) {
    if (K != CppKind::Map || C.Args.size() < 2)
      return false;
    for (unsigned I = 0; I < 2 && I < Py.numArgs(); ++I)
      if (!matchesInner(Py.arg(I), C.Args[I], Dir, Depth))
        return false;
    return true;
  }
  if (Name == "tuple") {
    unsigned N = Py.numArgs();
    bool Variadic = N == 2 && Py.arg(1).name() == "...";
    if ((N == 0 || Variadic) && K == CppKind::Vector) {
      // The runtime sends a vector as a list; the body sends the argument
      // itself as a tuple when asked (pybridge::detail::as_tuple), not one
      // inside a container.
      if (Arg && (Nesting > 0 || !TupleWanted))
        return false;
      bool Fit = matchesElements(Py, C, Dir, Depth);
      if (Fit && Arg)
        *TupleWanted = true;
      return Fit;
    }
    if (N == 0)
      return K == CppKind::Tuple;
    if (Variadic) // a std::tuple is sent as a tuple, whatever its length
      return K == CppKind::Tuple && llvm::all_of(C.Args, [&](QualType Item) {
               return matchesInner(Py.arg(0), Item, Dir, Depth);
             });
    if (K != CppKind::Tuple || C.Args.size() != N)
      return false;
    for (unsigned I = 0; I < N; ++I)
      if (!matchesInner(Py.arg(I), C.Args[I], Dir, Depth))
        return false;
    return true;
  }
  if (isIteratorName(Name))
    return false; // only a pybridge::Stream result (checked by the caller) or
                  // an Object
  if (Name == "Sized")
    return K == CppKind::Vector || K == CppKind::Set || K == CppKind::Map || K == CppKind::Tuple ||
           K == CppKind::Str || (Arg && K == CppKind::StrIn) || K == CppKind::Bytes ||
           K == CppKind::NDArray;
  if (Name == "Hashable")
    return K != CppKind::Vector && K != CppKind::Set && K != CppKind::Map && K != CppKind::NDArray;
  if (Name == "numpy.ndarray")
    return K == CppKind::NDArray || (!Arg && K == CppKind::Vector);
  if (Name == "numpy.typing.ArrayLike") {
    if (K == CppKind::NDArray || K == CppKind::Int || K == CppKind::Float || K == CppKind::Bool ||
        K == CppKind::Complex)
      return true;
    if (K == CppKind::Vector || K == CppKind::Tuple)
      return llvm::all_of(C.Args, [&](QualType E) { return matchesInner(Py, E, Dir, Depth); });
    return false;
  }
  if (Name == "datetime.datetime" || Name == "datetime.date")
    return K == CppKind::DateTime;
  if (Name == "datetime.timedelta")
    return K == CppKind::Duration;
  return matchesClass(Name, C, Dir, Depth);
}

bool TypeMatcher::matchesClass(StringRef PyName, const CppShape &C, Direction Dir, unsigned Depth) {
  if (C.Kind != CppKind::Bound) {
    // A result of a subclass of a value type arrives as that value (Counter as
    // a dict); an argument would reach Python as the plain value, not the
    // subclass. Other classes need Object or a stub.
    if (Dir != Direction::Result)
      return false;
    std::optional<std::string> Value = Classes.valueTypeOf(PyName);
    return Value && matchesNamed(*Value, TypeExpr(), C, Dir, Depth + 1);
  }
  std::string Bound = Classes.typeNameOf(C.BoundPath);
  if (Bound == PyName)
    return true;
  // An argument may be a subclass of what Python asks for; a result may be
  // either way.
  if (Classes.isSubclass(Bound, PyName))
    return true;
  return Dir == Direction::Result && Classes.isSubclass(PyName, Bound);
}

} // namespace pybridge
