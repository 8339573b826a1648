//===- Diagnostics.cpp - every diagnostic the checker reports -------------===//
#include "Diagnostics.h"

#include "clang/Basic/DiagnosticSema.h"
#include "llvm/ADT/SmallString.h"

using namespace clang;
using namespace llvm;

namespace pybridge {

namespace {

struct Entry {
  Diag Which;
  DiagnosticsEngine::Level Level;
  const char *Format;
};

constexpr DiagnosticsEngine::Level Error = DiagnosticsEngine::Error;
constexpr DiagnosticsEngine::Level Warning = DiagnosticsEngine::Warning;
constexpr DiagnosticsEngine::Level Remark = DiagnosticsEngine::Remark;
constexpr DiagnosticsEngine::Level Note = DiagnosticsEngine::Note;

// clang-format off
constexpr Entry Table[] = {
  {Diag::AttrArgCount, Error, "'pybridge::%0' attribute takes one argument: %1"},
  {Diag::AttrNotString, Error, "argument of 'pybridge::%0' attribute must be a string literal: %1"},
  {Diag::AttrUnscoped, Warning, "unknown attribute '%0' ignored; did you mean 'pybridge::%0'?"},
  {Diag::BindAppliesTo, Error, "'pybridge::bind' attribute only applies to functions and classes"},
  {Diag::BindDestructor, Error,
   "'pybridge::bind' cannot bind a destructor; the Python object is released when the last "
   "pybridge::Object handle to it is destroyed"},
  {Diag::NotDottedPath, Error, "'%0' is not a dotted Python path such as \"statistics.median\""},
  {Diag::BindAtBlockScope, Error,
   "%0 is declared inside a function; PyBridge binds declarations at namespace or class scope: "
   "move it (or its class) out of the function"},
  {Diag::AlreadyBound, Error, "'%0' is already bound to '%1'"},
  {Diag::NameAppliesTo, Error,
   "'pybridge::name' attribute only applies to functions and parameters"},
  {Diag::NotPythonIdentifier, Error, "'%0' is not a Python identifier"},
  {Diag::PolicyAppliesTo, Error,
   "'pybridge::%0' attribute only applies to bound functions and methods"},
  {Diag::CacheableValue, Error,
   "'pybridge::cacheable' takes how long a result stays cached, in milliseconds: a positive "
   "integer constant, e.g. [[pybridge::cacheable(60000)]]"},
  {Diag::IdempotentArgs, Error, "'pybridge::idempotent' attribute takes no arguments"},
  {Diag::InvalidPluginArgument, Error,
   "invalid argument '-fplugin-arg-pybridge-%0': expected %select{a positive number of "
   "seconds|strict=runtime, strict=stub or strict=text_signature}1"},
  {Diag::UnknownPluginArgument, Error, "unknown argument '-fplugin-arg-pybridge-%0'; known: %1"},

  {Diag::HasBody, Error, "%0 is bound to Python and must not have a body; PyBridge writes it"},
  {Diag::DefinedElsewhere, Error,
   "%0 is bound to Python and must not have a body; PyBridge writes it%select{| (define "
   "hand-written helpers of a bound class inside the class)}1"},
  {Diag::DeletedBound, Error,
   "bound function %0 cannot be deleted; remove '= delete' or the pybridge::bind attribute"},
  {Diag::ConstexprBound, Error,
   "bound function %0 cannot be %select{constexpr|consteval}1: it calls Python at run time"},
  {Diag::ExplicitObject, Error,
   "bound method %0 cannot have an explicit object parameter; declare it as an ordinary member "
   "function (the Python object is *this)"},
  {Diag::NoexceptBound, Warning,
   "bound function %0 is noexcept, but a Python exception (or a lost worker) is thrown as a C++ "
   "exception, which then calls std::terminate"},
  {Diag::BoundDifferently, Error,
   "%0 is bound to '%1' here but to '%2' by an earlier declaration"},
  {Diag::InstanceBoundElsewhere, Error,
   "instance method %0 of a class bound to '%2' cannot call '%1': there is no Python object to "
   "pass it; make it static, or name a method of '%2' with [[pybridge::name]]"},
  {Diag::DeducedReturn, Error,
   "bound function %0 cannot have a deduced return type; spell out the C++ type of the Python "
   "result"},
  {Diag::ReturnsReference, Error,
   "bound function %0 must return by value: the result is converted from Python"},
  {Diag::CVariadic, Error,
   "bound function %0 cannot be a C variadic function; use a parameter pack-free signature or "
   "pybridge::call"},
  {Diag::TemplateFunction, Error, "bound function %0 cannot be a template"},
  {Diag::TemplateClass, Error, "bound class %0 cannot be a template (or a member of one)"},
  {Diag::NoPythonEquivalent, Error,
   "%0 has no Python equivalent; name the Python method with [[pybridge::name(\"...\")]]"},
  {Diag::MissingRuntimeHeader, Error,
   "'%0' is bound to Python, which needs the PyBridge runtime header; add "
   "'#include <pybridge/pybridge.hpp>'"},
  {Diag::RuntimeMismatch, Error,
   "the PyBridge runtime header does not declare 'pybridge::detail::%0'; is it from another "
   "version?"},
  {Diag::SiteFormatMismatch, Error,
   "the PyBridge runtime header reads call sites of format %select{<unknown>|%1}0, but this "
   "plugin writes format %2; use the header and the plugin of one PyBridge installation"},
  {Diag::CacheCorrupt, Error,
   "cached descriptor '%0' is corrupt (%1); delete it so the next compilation describes '%2' again"},
  {Diag::OfflineMiss, Error,
   "no cached descriptor for '%0' in '%1', and offline mode does not start Python; compile once "
   "without -fplugin-arg-pybridge-offline to fill the cache"},
  {Diag::OfflineStale, Error,
   "cached descriptor of '%0' is stale ('%1' changed since it was described), and offline mode "
   "does not start Python; compile once without -fplugin-arg-pybridge-offline"},
  {Diag::CacheUnusable, Error,
   "cannot use the descriptor cache '%0': %1; pass -fplugin-arg-pybridge-cache-dir=DIR with a "
   "writable directory"},
  {Diag::BadAnswer, Error, "the PyBridge agent's answer for '%0' is not a descriptor: %1"},
  {Diag::PythonMissing, Error,
   "cannot start the Python interpreter '%0' (from %1) to describe '%2': %3; pass "
   "-fplugin-arg-pybridge-python=PATH or set PYBRIDGE_PYTHON"},
  {Diag::AgentMissing, Error,
   "Python interpreter '%0' cannot import the PyBridge agent from '%1'; set PYBRIDGE_AGENT_PATH "
   "to PyBridge's share/pybridge/python directory"},
  {Diag::ModuleNotFound, Error,
   "cannot check '%0': no module named '%1' for '%2'; install it or add its directory to "
   "PYTHONPATH"},
  {Diag::NoModuleSuggest, Error, "no module named '%0'; did you mean '%1'?"},
  {Diag::ImportFailed, Error,
   "cannot check '%0': importing '%1' raised %2: %3; fix the library or the environment the "
   "compiler runs in (PYTHONPATH, installed packages)"},
  {Diag::NotAllowed, Error,
   "cannot check '%0': module '%1' is not in the allowlist; add the module to PYBRIDGE_ALLOW"},
  {Diag::NameRefused, Error, "cannot bind '%0' while PYBRIDGE_ALLOW is set: %1"},
  {Diag::DescribeTimedOut, Error,
   "describing '%0' took longer than %1 seconds and was stopped; if importing it is that slow, "
   "raise -fplugin-arg-pybridge-describe-timeout=SECONDS"},
  {Diag::AgentFailed, Error, "the PyBridge agent failed describing '%0': %1"},

  {Diag::NoMember, Error, "'%0' has no %select{attribute|method}1 '%2'"},
  {Diag::NoMemberSuggest, Error,
   "'%0' has no %select{attribute|method}1 '%2'; did you mean '%3'?"},
  {Diag::NoMemberBuiltin, Error,
   "'%0' has no %select{attribute|method}1 '%2'; did you mean the builtin '%3'?"},
  {Diag::NotAFunction, Error,
   "'%0' is a %1, not a function; %select{bind a function or class inside it|bind it on its "
   "own declaration}2"},
  {Diag::DescribeFailed, Error,
   "cannot check '%0': describing it in Python raised %1"},
  {Diag::NotAClass, Error, "'%0' is a %1, not a class; bind it to a function declaration"},
  {Diag::NotCallable, Error,
   "'%0' is a constant, not a function; a bound function without parameters reads it"},
  {Diag::StubOnlyConstructor, Error,
   "'%0' exists only in Python's type stubs%select{| (at run time it is '%2')}1, so it cannot "
   "be constructed; get its objects from a function that returns one"},
  {Diag::ClassNotObject, Error,
   "bound class %0 must derive from pybridge::Object (it holds the Python object), or from "
   "pybridge::PythonError to bind an exception class"},
  {Diag::NotAnException, Error,
   "'%0' is not an exception class; %1 derives from pybridge::PythonError, so it can only bind "
   "a subclass of BaseException"},
  {Diag::ExceptionBaseMismatch, Error,
   "'%0' does not derive from '%1', so '%2' cannot derive from '%3' (a catch of '%3' would "
   "catch it); derive it from the C++ class of one of its Python bases"},
  {Diag::ExceptionMro, Note, "'%0' derives from %1"},

  {Diag::TooManyParams, Error, "'%0' takes %1 argument%s1, but the stub has %2 parameter%s2"},
  {Diag::NoKeyword, Error, "'%0' has no parameter named '%1'"},
  {Diag::NoKeywordSuggest, Error, "'%0' has no parameter named '%1'; did you mean '%2'?"},
  {Diag::MissingRequired, Error, "stub of '%0' lacks required Python parameter '%1'"},
  {Diag::KeywordOnlyUnnamed, Error,
   "Python parameter '%0' of '%1' is keyword-only; name the C++ parameter '%0' or add "
   "[[pybridge::name(\"%0\")]]"},
  {Diag::PositionalOnlyByKeyword, Error,
   "Python parameter '%0' of '%1' is positional-only; it cannot be passed by name"},
  {Diag::PositionalOnlyNamed, Error,
   "C++ parameter '%0' is in the place of Python parameter '%1' of '%2' but is named after its "
   "positional-only parameter '%0'; positional-only parameters go by position: reorder the C++ "
   "parameters"},
  {Diag::KwargsNearKeyword, Warning, "'%0' goes into '%1' of '%2'; did you mean '%3'?"},
  {Diag::NoKeywordAfterKeyword, Error,
   "'%0' has no parameter named '%1'; C++ parameter '%1' follows '%2', which goes by keyword, "
   "so it goes by keyword too"},
  {Diag::BoundTwice, Error, "Python parameter '%0' of '%1' is given twice"},
  {Diag::OptionalWithoutDefault, Error,
   "C++ parameter '%0' is std::optional and may be omitted, but Python parameter '%1' has no "
   "default"},
  {Diag::PositionalAfterOmittable, Error,
   "Python parameter '%0' is positional-only and follows '%1', a std::optional that may be "
   "omitted; make '%1' non-optional"},
  {Diag::ParamType, Error, "Python parameter '%0' expects '%1', not %2"},
  {Diag::ReturnType, Error, "'%0' returns '%1', not %2"},
  {Diag::StreamItemType, Error, "items of '%0' are '%1', not %2"},
  {Diag::ResultMayBeNone, Error,
   "'%0' returns '%1', which may be None, and %2 cannot hold None; wrap the result in "
   "std::optional"},
  {Diag::ReturnsNone, Error, "'%0' returns None; declare the C++ result void"},
  {Diag::NeedsStream, Error,
   "'%0' is a %select{generator|generator (async)|function returning an iterator}1; return "
   "pybridge::Stream<T> (items are '%2')"},
  {Diag::StreamNotIterator, Error,
   "'%0' returns '%1', which is not iterable; pybridge::Stream is for generators, iterators "
   "and collections"},
  {Diag::AmbiguousOverloads, Error,
   "overloads of '%0' bind the stub's parameters differently; name each C++ parameter after "
   "the Python parameter it means, or add [[pybridge::name]]"},
  {Diag::NoConverter, Error,
   "no pybridge::Converter for %0%select{| in %2}1; specialize pybridge::Converter for it (see "
   "pybridge/convert.hpp)"},
  {Diag::NoToPython, Error,
   "%0 cannot be passed to Python%select{| (in %2)}1: its pybridge::Converter has no to_python"},
  {Diag::NoFromPython, Error,
   "%0 cannot hold a Python result%select{| (in %2)}1: its pybridge::Converter has no "
   "from_python"},
  {Diag::IncompleteType, Error,
   "%0 is an incomplete type here%select{| (in %2)}1; its definition must come before the stub "
   "to convert it"},

  {Diag::StaticForInstance, Error,
   "'%0' is an instance method in Python; declare %1 without 'static'"},
  {Diag::ReadOnlyProperty, Error, "Python property '%0' is read-only; %1 cannot set it"},
  {Diag::PropertyType, Error, "Python %select{property|attribute}2 '%0' is '%1', not %3"},
  {Diag::SetterArity, Error,
   "%0 sets Python property '%1', so it takes one parameter and returns void"},
  {Diag::GetterArity, Error,
   "%0 reads Python %select{property|attribute}2 '%1', so it takes no parameters and returns "
   "its value"},
  {Diag::TemplateMember, Error,
   "%0 is a member of a class template, which cannot be bound to Python; bind a non-template "
   "class"},
  {Diag::InstanceOutsideBoundClass, Error,
   "%0 is bound to Python but its class %1 is not; bind the class with "
   "[[pybridge::bind(\"...\")]] or make the method static"},

  {Diag::Untyped, Warning,
   "%select{Python parameter '%1' of|the result of}0 '%2' is untyped; %3 is checked only at run "
   "time"},
  {Diag::StrictSource, Error,
   "types of '%0' come from %1, below strict=%2; annotate it in Python or provide a stub (.pyi)"},
  {Diag::Deprecated, Warning, ""}, // clang's own, see below
  {Diag::Coverage, Remark, "'%0' checked: %1 (source '%2')"},
  {Diag::TimeReport, Remark,
   "descriptor of '%0' %select{read from the cache|described by Python}1 in %2 ms (%3 bytes)"},

  {Diag::TimeTotal, Remark,
   "PyBridge bound %0 declaration%s0 in %1 ms (descriptors, checks and bodies)"},

  {Diag::LockUnreadable, Error,
   "cannot use the lock file '%0': %1; write it with 'pybridge-lock'"},
  {Diag::LockModuleMissing, Error,
   "'%0' is not in the lock file '%1' (module '%2' is not locked); run 'pybridge-lock --update'"},
  {Diag::LockSymbolMissing, Error,
   "'%0' is not in the lock file '%1'; run 'pybridge-lock --update' to lock it"},
  {Diag::LockLibraryChanged, Error,
   "the installed '%0' (%1) is not the one the lock file '%2' pins (%3); 'pybridge-diff %2 "
   "installed' shows what changed, 'pybridge-lock --update' accepts it"},
  {Diag::LockSymbolChanged, Error,
   "'%0' changed since the lock file '%1' was written (%2 differs)"},
  {Diag::LockUnverified, Error,
   "cannot check '%0' against the lock file '%1' offline: the cached descriptor was made %2; "
   "compile once without -fplugin-arg-pybridge-offline"},
  {Diag::DeclaredAs, Note, "'%0' is declared here as '%1' (%2)"},
  {Diag::ClosestOverload, Note,
   "none of the %0 overloads of '%1' matches the stub; the closest is declared here as '%2' (%3)"},
  {Diag::Candidate, Note, "candidate '%0' (%1): %2"},
  {Diag::KwargsCandidate, Note, "candidate '%0' (%1) passes %2 into '**%3'"},
  {Diag::MemberElsewhere, Note, "module '%0' has '%1'"},
  {Diag::SeeProperty, Note, "'%0' is declared as %1 (%2)"},
  {Diag::EarlierBinding, Note, "%0 is bound to '%1' here"},
};
// clang-format on

static_assert(std::size(Table) == static_cast<size_t>(Diag::EarlierBinding) + 1,
              "one entry per Diag");

/// The diagnostic ID of E in Engine's table of custom diagnostics.
unsigned idOf(DiagnosticsEngine &Engine, const Entry &E) {
  if (E.Which == Diag::Deprecated)
    return diag::warn_deprecated_message; // "%0 is deprecated: %1" [-Wdeprecated-declarations]
  return Engine.getDiagnosticIDs()->getCustomDiagID(static_cast<DiagnosticIDs::Level>(E.Level),
                                                    E.Format);
}

const Entry &entryOf(Diag Which) {
  for (const Entry &E : Table)
    if (E.Which == Which)
      return E;
  llvm_unreachable("a Diag without a table entry");
}

/// Keeps the text of the one diagnostic it is handed.
class TextKeeper : public DiagnosticConsumer {
public:
  void HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    Text.clear();
    Info.FormatDiagnostic(Text);
  }
  SmallString<128> Text;
};

} // namespace

void streamArgs(DiagnosticBuilder &Builder, ArrayRef<DiagArg> Args) {
  for (const DiagArg &A : Args) {
    if (const auto *Text = std::get_if<std::string>(&A))
      Builder << *Text;
    else if (const auto *Number = std::get_if<unsigned>(&A))
      Builder << *Number;
    else
      Builder << std::get<QualType>(A);
  }
}

/// Formats messages in an engine of its own, which shares the IDs but reports
/// nowhere: nothing formatted there counts as an error of the compilation.
class Diagnostics::Formatter {
public:
  explicit Formatter(DiagnosticsEngine &Engine)
      : Scratch(Engine.getDiagnosticIDs(), new DiagnosticOptions(), &Keeper,
                /*ShouldOwnClient=*/false) {}

  std::string format(unsigned ID, ArrayRef<DiagArg> Args) {
    {
      DiagnosticBuilder Builder = Scratch.Report(ID);
      for (const DiagArg &A : Args) {
        // The scratch engine has no AST to print types with: quote them as clang does.
        if (const auto *Type = std::get_if<QualType>(&A))
          Builder << ("'" + Type->getAsString() + "'");
        else
          streamArgs(Builder, A);
      }
    }
    Scratch.Reset(); // forget the error count, so the engine never stops formatting
    return Keeper.Text.str().str();
  }

private:
  TextKeeper Keeper;
  DiagnosticsEngine Scratch;
};

Diagnostics::Diagnostics(DiagnosticsEngine &Engine) : Engine(Engine) {
  for (const Entry &E : Table)
    IDs[static_cast<unsigned>(E.Which)] = idOf(Engine, E);
}

Diagnostics::~Diagnostics() = default;

DiagnosticBuilder Diagnostics::report(SourceLocation Loc, Diag Which) {
  return Engine.Report(Loc, IDs[static_cast<unsigned>(Which)]);
}

DiagnosticBuilder Diagnostics::report(DiagnosticsEngine &Engine, SourceLocation Loc, Diag Which) {
  return Engine.Report(Loc, idOf(Engine, entryOf(Which)));
}

std::string Diagnostics::format(Diag Which, ArrayRef<DiagArg> Args) {
  if (!Format)
    Format = std::make_unique<Formatter>(Engine);
  return Format->format(IDs[static_cast<unsigned>(Which)], Args);
}

} // namespace pybridge
