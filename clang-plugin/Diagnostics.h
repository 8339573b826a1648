//===- Diagnostics.h - the checker's diagnostics ----------------*- C++ -*-===//
//
// One table of every diagnostic the plugin reports (the checker's, the
// attributes' and the plugin arguments'), so each message is defined once and
// the wording stays reviewable in one place. A note that quotes another
// diagnostic (an overload's problem) formats it from the same entry.
// Deprecation reuses clang's own warning (-Wdeprecated-declarations), so it is
// silenced or promoted with the flags users already know.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_DIAGNOSTICS_H
#define PYBRIDGE_PLUGIN_DIAGNOSTICS_H

#include "clang/AST/Type.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"

#include <memory>
#include <string>
#include <variant>

namespace pybridge {

enum class Diag {
  // Attributes and plugin arguments.
  AttrArgCount,
  AttrNotString,
  AttrUnscoped,
  BindAppliesTo,
  BindDestructor,
  NotDottedPath,
  BindAtBlockScope,
  AlreadyBound,
  NameAppliesTo,
  NotPythonIdentifier,
  PolicyAppliesTo,
  CacheableValue,
  IdempotentArgs,
  InvalidPluginArgument,
  UnknownPluginArgument,
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
  SiteFormatMismatch,
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
  NoMemberBuiltin,
  NotAFunction,
  DescribeFailed,
  NotAClass,
  NotCallable,
  ClassNotObject,
  // Exception classes (ExceptionClasses.cpp).
  NotAnException,
  ExceptionBaseMismatch,
  ExceptionMro,
  // Parameters and results.
  TooManyParams,
  NoKeyword,
  NoKeywordSuggest,
  MissingRequired,
  KeywordOnlyUnnamed,
  PositionalOnlyByKeyword,
  PositionalOnlyNamed,
  NoKeywordAfterKeyword,
  KwargsNearKeyword,
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
  AmbiguousOverloads,
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
  ClosestOverload,
  Candidate,
  KwargsCandidate,
  MemberElsewhere,
  SeeProperty,
  EarlierBinding,
};

/// An argument of a diagnostic, kept to report it later or quote it in a note.
using DiagArg = std::variant<std::string, unsigned, clang::QualType>;

/// Streams Args into a diagnostic being built.
void streamArgs(clang::DiagnosticBuilder &Builder, llvm::ArrayRef<DiagArg> Args);

/// Reports the plugin's diagnostics by Diag.
class Diagnostics {
public:
  explicit Diagnostics(clang::DiagnosticsEngine &Engine);
  ~Diagnostics();

  clang::DiagnosticBuilder report(clang::SourceLocation Loc, Diag Which);
  /// For code that runs before the checker exists (attribute handlers, plugin
  /// arguments): the same table, its ID looked up per report.
  static clang::DiagnosticBuilder report(clang::DiagnosticsEngine &Engine,
                                         clang::SourceLocation Loc, Diag Which);
  /// The message of Which with Args as report() prints it (types quoted, without
  /// clang's "aka"), for a note that quotes it.
  std::string format(Diag Which, llvm::ArrayRef<DiagArg> Args);

  clang::DiagnosticsEngine &engine() { return Engine; }
  bool hasErrors() const { return Engine.hasErrorOccurred(); }

private:
  class Formatter;

  clang::DiagnosticsEngine &Engine;
  unsigned IDs[static_cast<unsigned>(Diag::EarlierBinding) + 1];
  std::unique_ptr<Formatter> Format;
};

} // namespace pybridge

#endif
