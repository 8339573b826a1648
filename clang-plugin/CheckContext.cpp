//===- CheckContext.cpp - what checking a bound declaration needs ---------===//
#include "CheckContext.h"

#include "Attributes.h"
#include "PythonText.h"
#include "StoreErrors.h"
#include "UnknownMember.h"

#include "clang/Sema/Sema.h"
#include "llvm/Support/FormatVariadic.h"

using namespace clang;
using namespace llvm;

namespace pybridge {

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
