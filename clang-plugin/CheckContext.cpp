//===- CheckContext.cpp - what checking a bound declaration needs ---------===//
#include "CheckContext.h"

#include "Attributes.h"
#include "PythonText.h"
#include "Suggest.h"
#include "UnknownMember.h"

#include "clang/Sema/Sema.h"
#include "llvm/Support/FormatVariadic.h"

using namespace clang;
using namespace llvm;

namespace pybridge {

namespace {

/// "no module named 'statistcs'; did you mean 'statistics'?" with a fix-it on the string, when
/// one of the agent's close names is near enough.
bool reportMisspeltModule(Diagnostics &Diags, SourceRange Literal, StringRef Path,
                          const AgentFailure &F) {
  StringRef Top = Path.split('.').first;
  SmallVector<StringRef, 8> Names(F.CloseNames.begin(), F.CloseNames.end());
  std::optional<StringRef> Near = closestName(Top, Names);
  if (!Near)
    return false;
  std::string Fixed = ("\"" + *Near + Path.drop_front(Top.size()) + "\"").str();
  Diags.report(Literal.getBegin(), Diag::NoModuleSuggest)
      << Top << *Near
      << FixItHint::CreateReplacement(CharSourceRange::getTokenRange(Literal), Fixed);
  return true;
}

void reportStoreError(Diagnostics &Diags, SourceRange Literal, StringRef Path, const StoreError &E,
                      const AgentRunner &Agent) {
  SourceLocation Loc = Literal.getBegin();
  switch (E.What) {
  case StoreError::Corrupt:
    Diags.report(Loc, Diag::CacheCorrupt) << E.File << E.Detail << E.Subject;
    return;
  case StoreError::OfflineMiss:
    Diags.report(Loc, Diag::OfflineMiss) << E.Subject << E.File;
    return;
  case StoreError::OfflineStale:
    Diags.report(Loc, Diag::OfflineStale) << E.Subject << E.File;
    return;
  case StoreError::OfflineUnverified:
    Diags.report(Loc, Diag::LockUnverified) << E.Subject << E.File << E.Detail;
    return;
  case StoreError::CacheUnusable:
    Diags.report(Loc, Diag::CacheUnusable) << E.File << E.Detail;
    return;
  case StoreError::BadAnswer:
    Diags.report(Loc, Diag::BadAnswer) << E.Subject << E.Detail;
    return;
  case StoreError::Agent:
    break;
  }
  const AgentFailure &F = E.Failure;
  switch (F.What) {
  case AgentFailure::PythonMissing:
    Diags.report(Loc, Diag::PythonMissing)
        << Agent.python() << Agent.pythonOrigin() << Path << F.Message;
    return;
  case AgentFailure::AgentMissing:
    Diags.report(Loc, Diag::AgentMissing) << Agent.python() << Agent.agentPath();
    return;
  case AgentFailure::ModuleNotFound:
    if (reportMisspeltModule(Diags, Literal, Path, F))
      return;
    Diags.report(Loc, Diag::ModuleNotFound) << Path << F.Module << Agent.python();
    return;
  case AgentFailure::ImportFailed:
    Diags.report(Loc, Diag::ImportFailed) << Path << F.Module << F.Exception << F.Detail;
    return;
  case AgentFailure::NotAllowed:
    Diags.report(Loc, Diag::NotAllowed) << Path << F.Module;
    return;
  case AgentFailure::NameRefused:
    Diags.report(Loc, Diag::NameRefused) << Path << F.Reason;
    return;
  case AgentFailure::TimedOut:
    Diags.report(Loc, Diag::DescribeTimedOut) << E.Subject << Agent.timeoutSeconds();
    return;
  case AgentFailure::Failed:
    Diags.report(Loc, Diag::AgentFailed) << E.Subject << F.Message;
    return;
  }
}

} // namespace

//===- ClassHierarchy -----------------------------------------------------===//

std::string ClassHierarchy::typeNameOf(StringRef Path) {
  auto [It, Inserted] = TypeNames.try_emplace(Path, Path.str());
  if (!Inserted)
    return It->second;
  Resolution R = Store.resolve(Path);
  if (R.Found && R.Found->kind() == SymbolKind::Class)
    It->second = R.Found->typeName().str();
  return It->second;
}

std::optional<Symbol> ClassHierarchy::classNamed(StringRef TypeName) {
  Resolution R = Store.resolve(TypeName);
  if (R.Found && R.Found->kind() == SymbolKind::Class)
    return R.Found;
  return std::nullopt;
}

/// Where a class is found by its type name: undotted names are builtins.
static std::string classPath(StringRef TypeName) {
  return TypeName.contains('.') ? TypeName.str() : ("builtins." + TypeName).str();
}

/// Names that are typing constructs, not classes with a `types` entry.
static bool namesNoClass(StringRef Name) {
  return Name.empty() || Name.starts_with("@") || Name == "Union" || Name == "Literal" ||
         Name == "None" || Name == "Any" || Name == "?" || Name == "..." || Name == "params" ||
         Name == "value" || Name == "NoReturn";
}

std::optional<TypeEntry> ClassHierarchy::typeEntry(StringRef TypeName) {
  auto [It, Inserted] = Entries.try_emplace(TypeName);
  if (!Inserted || namesNoClass(TypeName))
    return It->second;
  // Every descriptor states the types it names; a class's own descriptor
  // states it too (found by its path: builtins for undotted names).
  for (const std::unique_ptr<Descriptor> &D : Store.loaded())
    if (std::optional<TypeEntry> Entry = D->typeEntry(TypeName))
      return It->second = Entry;
  if (std::optional<Symbol> Class = classNamed(classPath(TypeName)))
    It->second = Class->descriptor().typeEntry(TypeName);
  return It->second;
}

bool ClassHierarchy::hasMembers(StringRef TypeName, ArrayRef<StringRef> Names) {
  if (namesNoClass(TypeName))
    return false;
  std::optional<Symbol> Class = classNamed(classPath(TypeName));
  return Class && llvm::all_of(Names, [&](StringRef Name) { return Class->member(Name); });
}

//===- CheckContext -------------------------------------------------------===//

CheckContext::CheckContext(Sema &S, const PluginOptions &Options)
    : S(S), Options(Options), Diags(S.getDiagnostics()), Store(Options), Classes(Store),
      Types(S, Classes), Signatures(Types, Diags, Options) {
  if (!Options.LockFile.empty())
    Lock.emplace(Options.LockFile, Diags);
}

bool CheckContext::describeFailed(SourceLocation Loc, StringRef DisplayName, const Symbol &Sym) {
  if (Sym.kind() != SymbolKind::Unknown || Sym.describeError().empty())
    return false;
  Diags.report(Loc, Diag::DescribeFailed) << DisplayName << Sym.describeError();
  return true;
}

std::optional<Resolution> CheckContext::resolveBound(const Decl *D, StringRef Path) {
  SourceRange Literal = bindAttributeRange(D);
  SourceLocation Loc = Literal.getBegin();
  Resolution R = Store.resolve(Path);
  reportLoads(Loc);
  if (R.Error) {
    if (Reported.insert(R.Error->key()).second)
      reportStoreError(Diags, Literal, Path, *R.Error, Store.agent());
    return std::nullopt;
  }
  if (R.Found && describeFailed(Loc, Path, *R.Found))
    return std::nullopt;
  if (R.Found) {
    if (Options.OnBound)
      Options.OnBound(R.Found->descriptor().module(), Path);
    if (Lock && !Lock->check(Loc, Path, *R.Found))
      return std::nullopt;
    return R;
  }

  reportUnknownMember(Diags, Store, R, Path, Literal);
  return std::nullopt;
}

void CheckContext::warnIfDeprecated(SourceLocation Loc, StringRef DisplayName, const Symbol &Sym) {
  StringRef Message = Sym.deprecated();
  if (Message.empty())
    return;
  Diags.report(Loc, Diag::Deprecated) << ("'" + DisplayName + "'").str() << Message;
}

bool CheckContext::checkSource(SourceLocation Loc, StringRef DisplayName, StringRef Source) {
  TypeSource Rank = typeSourceOf(Source);
  // Untyped Python code ranks with text_signature but is named as what it is.
  StringRef Name = Source == "untyped" ? Source : typeSourceName(Rank);
  if (Rank > Options.Strict) {
    Diags.report(Loc, Diag::StrictSource) << DisplayName << Name << typeSourceName(Options.Strict);
    return false;
  }
  if (Options.Coverage)
    Diags.report(Loc, Diag::Coverage) << DisplayName << describeSource(Source) << Name;
  return true;
}

void CheckContext::reportLoads(SourceLocation Loc) {
  std::vector<LoadEvent> Loads = Store.takeLoadEvents();
  if (!Options.TimeReport)
    return;
  for (const LoadEvent &E : Loads)
    Diags.report(Loc, Diag::TimeReport)
        << E.Module << (E.Described ? 1u : 0u) << formatv("{0:f2}", E.Milliseconds).str()
        << static_cast<unsigned>(E.Bytes);
}

StringRef symbolKindName(SymbolKind Kind) {
  switch (Kind) {
  case SymbolKind::Module:
    return "module";
  case SymbolKind::Class:
    return "class";
  case SymbolKind::Function:
    return "function";
  case SymbolKind::Property:
    return "property";
  case SymbolKind::Constant:
    return "constant";
  case SymbolKind::Unknown:
    return "Python object";
  }
  llvm_unreachable("unknown symbol kind");
}

} // namespace pybridge
