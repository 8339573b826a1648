//===- Diagnostics.h - the checker's diagnostics ----------------*- C++ -*-===//
//
// One table of custom diagnostic IDs, so the wording stays consistent and
// reviewable in one place. Deprecation reuses clang's own warning
// (-Wdeprecated-declarations), so it is silenced or promoted with the flags
// users already know.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_DIAGNOSTICS_H
#define PYBRIDGE_PLUGIN_DIAGNOSTICS_H

#include "clang/Basic/Diagnostic.h"

namespace pybridge {

enum class Diag {
  // Shapes a body cannot be written for.
  HasBody,
  DefinedElsewhere,
  DeletedBound,
  ConstexprBound,
  ExplicitObject,
  NoexceptBound,
  BoundDifferently,
  InstanceBoundElsewhere,
  DeducedReturn,
  ReturnsReference,
  CVariadic,
  TemplateFunction,
  TemplateClass,
  NoPythonEquivalent,
  MissingRuntimeHeader,
  RuntimeMismatch,
  // Getting the descriptor (at the bind attribute's string).
  CacheCorrupt,
  OfflineMiss,
  OfflineStale,
  CacheUnusable,
  BadAnswer,
  PythonMissing,
  AgentMissing,
  ModuleNotFound,
  NoModuleSuggest,
  ImportFailed,
  NotAllowed,
  NameRefused,
  DescribeTimedOut,
  AgentFailed,
  // What the path names.
  NoMember,
  NoMemberSuggest,
  NotAFunction,
  DescribeFailed,
  NotAClass,
  NotCallable,
  ClassNotObject,
  // Parameters and results.
  TooManyParams,
  NoKeyword,
  NoKeywordSuggest,
  MissingRequired,
  KeywordOnlyUnnamed,
  PositionalOnlyByKeyword,
  BoundTwice,
  OptionalWithoutDefault,
  PositionalAfterOmittable,
  ParamType,
  ReturnType,
  StreamItemType,
  ReturnsNone,
  ResultMayBeNone,
  NeedsStream,
  StreamNotIterator,
  NoOverload,
  NoConverter,
  NoToPython,
  NoFromPython,
  IncompleteType,
  // Classes.
  StubOnlyConstructor,
  StaticForInstance,
  ReadOnlyProperty,
  PropertyType,
  SetterArity,
  GetterArity,
  TemplateMember,
  InstanceOutsideBoundClass,
  // Policy.
  Untyped,
  StrictSource,
  Deprecated,
  Coverage,
  TimeReport,
  TimeTotal,
  // The lock (locked=FILE).
  LockUnreadable,
  LockModuleMissing,
  LockSymbolMissing,
  LockLibraryChanged,
  LockSymbolChanged,
  LockUnverified,
  // Notes.
  DeclaredAs,
  Candidate,
  SeeProperty,
  EarlierBinding,
};

/// Reports the plugin's diagnostics by Diag.
class Diagnostics {
public:
  explicit Diagnostics(clang::DiagnosticsEngine &Engine);

  clang::DiagnosticBuilder report(clang::SourceLocation Loc, Diag Which);
  clang::DiagnosticsEngine &engine() { return Engine; }
  bool hasErrors() const { return Engine.hasErrorOccurred(); }

private:
  clang::DiagnosticsEngine &Engine;
  unsigned IDs[static_cast<unsigned>(Diag::EarlierBinding) + 1];
};

} // namespace pybridge

#endif
