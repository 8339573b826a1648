//===- UnknownMember.cpp - a bound path that names nothing ----------------===//
#include "UnknownMember.h"

#include "Suggest.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace llvm;

namespace pybridge {

namespace {

/// Modules readers mix up: a name missing from one is looked for in the others,
/// in this order.
constexpr StringRef Siblings[][8] = {
    {"math", "statistics", "cmath", "random", "builtins", "operator", "fractions", "decimal"},
    {"statistics", "math", "random", "builtins"},
    {"cmath", "math", "builtins"},
    {"random", "secrets", "statistics", "math"},
    {"os", "os.path", "shutil", "pathlib", "glob"},
    {"os.path", "os", "shutil", "pathlib"},
    {"shutil", "os", "os.path"},
    {"itertools", "functools", "operator", "builtins", "collections"},
    {"functools", "itertools", "operator", "builtins"},
    {"operator", "builtins", "functools", "math"},
    {"string", "textwrap", "re", "builtins"},
    {"textwrap", "string", "re"},
    {"time", "datetime", "calendar"},
    {"datetime", "time", "calendar"},
    {"numpy", "numpy.linalg", "numpy.random", "numpy.fft"},
    {"numpy.linalg", "numpy"},
    {"numpy.random", "numpy", "random"},
};

/// The first module after Module's own (its siblings, then the modules this
/// compilation loaded) that has a public member Name.
std::optional<std::string> moduleWith(DescriptorStore &Store, StringRef Module, StringRef Name) {
  if (Name.starts_with("_"))
    return std::nullopt;
  SmallVector<StringRef, 16> Candidates;
  for (const auto &Family : Siblings)
    if (Family[0] == Module)
      for (StringRef Sibling : ArrayRef(Family).drop_front())
        if (!Sibling.empty())
          Candidates.push_back(Sibling);
  Store.loadedModules(Candidates);
  for (StringRef Candidate : Candidates) {
    if (Candidate == Module)
      continue;
    const Descriptor *D = Store.module(Candidate);
    std::optional<Symbol> Found = D ? D->root().member(Name) : std::nullopt;
    if (Found && !Found->isModuleReference())
      return Candidate.str();
  }
  return std::nullopt;
}

} // namespace

void reportUnknownMember(Diagnostics &Diags, DescriptorStore &Store, const Resolution &R,
                         StringRef Path, SourceRange Literal) {
  SourceLocation Loc = Literal.getBegin();
  constexpr unsigned Attribute = 0; // NoMember's %select{attribute|method}
  SmallVector<StringRef, 4> Parts;
  Path.split(Parts, '.');
  std::string Owner;
  for (unsigned I = 0; I < R.MissingIndex; ++I)
    Owner += (I ? "." : "") + Parts[I].str();
  if (Owner.empty())
    Owner = R.Container->qualname().str();
  SmallVector<StringRef, 32> Names;
  R.Container->memberNames(Names);
  std::optional<StringRef> Near = closestName(R.Missing, Names);
  // The same name elsewhere, for a module's member the path ends with.
  bool Last = R.MissingIndex + 1 == Parts.size();
  std::optional<std::string> Elsewhere =
      Last && R.Container->kind() == SymbolKind::Module
          ? moduleWith(Store, R.Container->descriptor().module(), R.Missing)
          : std::nullopt;
  auto Replace = [&](StringRef Text) {
    return FixItHint::CreateReplacement(CharSourceRange::getTokenRange(Literal),
                                        ("\"" + Text + "\"").str());
  };
  // The exact name in a module readers mix up with this one is likelier meant
  // than another name here (`math.median` is `statistics.median`); a near name
  // here is then a note.
  if (Elsewhere) {
    bool Builtin = *Elsewhere == "builtins"; // bound by its bare name
    std::string Meant = Builtin ? R.Missing : *Elsewhere + "." + R.Missing;
    Diags.report(Loc, Builtin ? Diag::NoMemberBuiltin : Diag::NoMemberSuggest)
        << Owner << Attribute << R.Missing << Meant << Replace(Meant);
    if (Near)
      Diags.report(Loc, Diag::MemberElsewhere) << Owner << *Near;
    return;
  }
  if (Near) {
    SmallVector<StringRef, 4> Fixed(Parts.begin(), Parts.end());
    Fixed[R.MissingIndex] = *Near;
    Diags.report(Loc, Diag::NoMemberSuggest)
        << Owner << Attribute << R.Missing << *Near << Replace(join(Fixed, "."));
    return;
  }
  Diags.report(Loc, Diag::NoMember) << Owner << Attribute << R.Missing << Literal;
}

} // namespace pybridge
