//===- StoreErrors.cpp - why a bound path has no descriptor ---------------===//
#include "StoreErrors.h"

#include "Suggest.h"

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

} // namespace

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

} // namespace pybridge
