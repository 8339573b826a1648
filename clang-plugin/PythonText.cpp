//===- PythonText.cpp - Python types and signatures as Python spells them -===//
#include "PythonText.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace pybridge {

namespace {

/// Literal values and unresolved annotations carry their text.
StringRef literalText(const TypeExpr &T) {
  StringRef Repr = T.repr();
  return Repr.empty() ? T.name() : Repr;
}

void printType(raw_ostream &Out, const TypeExpr &T, unsigned Depth);

void printArgs(raw_ostream &Out, const TypeExpr &T, unsigned Depth, StringRef Separator) {
  for (unsigned I = 0, N = T.numArgs(); I < N; ++I) {
    if (I)
      Out << Separator;
    printType(Out, T.arg(I), Depth + 1);
  }
}

void printType(raw_ostream &Out, const TypeExpr &T, unsigned Depth) {
  if (Depth > 32) { // a cycle in a hand-edited file must not recurse forever
    Out << "...";
    return;
  }
  StringRef Name = T.name();
  if (Name == "?") {
    Out << literalText(T);
    return;
  }
  if (Name == "Union" && T.numArgs() > 0) {
    // A TypeVar's constraints are one arm of an outer union: print each type once.
    SmallVector<std::string, 4> Arms;
    for (unsigned I = 0, N = T.numArgs(); I < N; ++I) {
      TypeExpr Arm = T.arg(I);
      for (unsigned J = 0, M = Arm.name() == "Union" ? Arm.numArgs() : 1; J < M; ++J) {
        std::string Text;
        raw_string_ostream ArmOut(Text);
        printType(ArmOut, Arm.name() == "Union" ? Arm.arg(J) : Arm, Depth + 1);
        if (!llvm::is_contained(Arms, Text))
          Arms.push_back(std::move(Text));
      }
    }
    Out << llvm::join(Arms, " | ");
    return;
  }
  if (Name == "Literal") {
    Out << "Literal[";
    for (unsigned I = 0, N = T.numArgs(); I < N; ++I)
      Out << (I ? ", " : "") << literalText(T.arg(I));
    Out << "]";
    return;
  }
  if (Name == "params") { // Callable's parameter list
    Out << "[";
    printArgs(Out, T, Depth, ", ");
    Out << "]";
    return;
  }
  Out << Name;
  if (T.numArgs() == 0)
    return;
  Out << "[";
  printArgs(Out, T, Depth, ", ");
  Out << "]";
}

} // namespace

std::string formatType(const TypeExpr &T) {
  std::string Text;
  raw_string_ostream Out(Text);
  printType(Out, T, 0);
  return Text;
}

std::string formatSignature(StringRef Name, const Signature &S, bool ShowResult) {
  std::string Text;
  raw_string_ostream Out(Text);
  Out << Name << "(";
  bool First = true;
  bool SawStar = false;
  ArrayRef<Param> Params = S.params();
  for (size_t I = 0; I < Params.size(); ++I) {
    const Param &P = Params[I];
    auto Separate = [&] {
      if (!First)
        Out << ", ";
      First = false;
    };
    if (P.kind() == ParamKind::KeywordOnly && !SawStar) {
      Separate();
      Out << "*";
      SawStar = true;
    }
    Separate();
    if (P.kind() == ParamKind::VarPositional) {
      Out << "*";
      SawStar = true;
    }
    if (P.kind() == ParamKind::VarKeyword)
      Out << "**";
    Out << P.name();
    std::optional<TypeExpr> Type = P.type();
    if (Type)
      Out << ": " << formatType(*Type);
    if (P.hasDefault())
      Out << (Type ? " = " : "=") << (P.defaultRepr().empty() ? "..." : P.defaultRepr());
    bool LastPositionalOnly =
        P.kind() == ParamKind::PositionalOnly &&
        (I + 1 == Params.size() || Params[I + 1].kind() != ParamKind::PositionalOnly);
    if (LastPositionalOnly)
      Out << ", /";
  }
  Out << ")";
  if (std::optional<TypeExpr> Returns = S.returns(); Returns && ShowResult)
    Out << " -> " << formatType(*Returns);
  return Text;
}

std::string describeSource(StringRef Source) {
  if (Source == "runtime")
    return "types from run-time annotations";
  if (Source == "text_signature")
    return "no types: only __text_signature__";
  if (Source == "untyped")
    return "no types: Python code without annotations";
  if (!Source.consume_front("stub:"))
    return "no signature known";
  // "stub:/usr/lib/.../typeshed/stdlib/statistics.pyi:56" -> "typeshed
  // statistics.pyi:56"
  for (StringRef Marker : {"/typeshed/stdlib/", "/typeshed/stubs/"}) {
    size_t At = Source.find(Marker);
    if (At != StringRef::npos)
      return ("types from typeshed " + Source.drop_front(At + Marker.size())).str();
  }
  return ("types from stub " + Source).str();
}

} // namespace pybridge
