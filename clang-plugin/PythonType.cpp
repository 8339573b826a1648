//===- PythonType.cpp - Python types the checker reasons about ------------===//
#include "PythonType.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace pybridge {

namespace {

constexpr unsigned MaxDepth = 32;

PyType fromExpr(const TypeExpr &E, unsigned Depth) {
  PyType T(E.name());
  T.Repr = E.repr().str();
  T.TypeVar = E.isTypeVar();
  if (Depth > MaxDepth)
    return PyType(); // a cycle in a hand-edited file: Any
  for (unsigned I = 0, N = E.numArgs(); I < N; ++I)
    T.Args.push_back(fromExpr(E.arg(I), Depth + 1));
  return T;
}

/// A recursive-descent reader of Converter statements:
///   union := atom ('|' atom)*
///   atom  := '...' | NAME ['[' [union (',' union)*] ']']
class StatementParser {
public:
  explicit StatementParser(StringRef Text) : Rest(Text) {}

  std::optional<PyType> parse() {
    std::optional<PyType> T = unionOf(0);
    skipSpace();
    if (!T || !Rest.empty())
      return std::nullopt;
    return T;
  }

private:
  void skipSpace() { Rest = Rest.ltrim(); }
  bool consume(StringRef Token) {
    skipSpace();
    return Rest.consume_front(Token);
  }

  std::optional<PyType> unionOf(unsigned Depth) {
    SmallVector<PyType, 4> Arms;
    do {
      std::optional<PyType> Arm = atom(Depth);
      if (!Arm)
        return std::nullopt;
      Arms.push_back(std::move(*Arm));
    } while (consume("|"));
    return PyType::makeUnion(Arms);
  }

  std::optional<PyType> atom(unsigned Depth) {
    if (Depth > MaxDepth)
      return std::nullopt;
    if (consume("..."))
      return PyType("...");
    if (consume("@|")) // the union of all arguments
      return PyType("@|");
    skipSpace();
    size_t Length = Rest.find_if_not(
        [](char C) { return isAlnum(C) || C == '_' || C == '.' || C == '@' || C == '*'; });
    if (Length == StringRef::npos)
      Length = Rest.size();
    if (Length == 0)
      return std::nullopt;
    PyType T(Rest.take_front(Length));
    Rest = Rest.drop_front(Length);
    if (!consume("["))
      return T;
    if (consume("]"))
      return T;
    do {
      std::optional<PyType> Arg = unionOf(Depth + 1);
      if (!Arg)
        return std::nullopt;
      T.Args.push_back(std::move(*Arg));
    } while (consume(","));
    if (!consume("]"))
      return std::nullopt;
    return T;
  }

  StringRef Rest;
};

void print(raw_ostream &Out, const PyType &T) {
  if (T.Name == "?" || T.Name == "value") {
    Out << (T.Repr.empty() ? T.Name : T.Repr);
    return;
  }
  if (T.isUnion()) {
    ListSeparator Bar(" | ");
    for (const PyType &Arm : T.Args) {
      Out << Bar;
      print(Out, Arm);
    }
    return;
  }
  Out << T.Name;
  if (T.Args.empty())
    return;
  Out << "[";
  ListSeparator Comma;
  for (const PyType &Arg : T.Args) {
    Out << Comma;
    print(Out, Arg);
  }
  Out << "]";
}

} // namespace

PyType PyType::of(const TypeExpr &E) { return fromExpr(E, 0); }

std::optional<PyType> PyType::parse(StringRef Text) { return StatementParser(Text).parse(); }

PyType PyType::makeUnion(ArrayRef<PyType> Arms) {
  PyType U("Union");
  for (const PyType &Arm : Arms) {
    if (Arm.isUnion() && !Arm.TypeVar) // a TypeVar's constraints stay one arm
      U.Args.insert(U.Args.end(), Arm.Args.begin(), Arm.Args.end());
    else
      U.Args.push_back(Arm);
  }
  if (U.Args.size() == 1)
    return U.Args.front();
  return U;
}

std::optional<unsigned> PyType::placeholder() const {
  unsigned Index = 0;
  StringRef Text(Name);
  if (!Text.consume_front("@") || Text.getAsInteger(10, Index))
    return std::nullopt;
  return Index;
}

PyType PyType::substitute(ArrayRef<PyType> Fill) const {
  if (std::optional<unsigned> Index = placeholder())
    return *Index < Fill.size() ? Fill[*Index] : PyType();
  if (Name == "@|")
    return Fill.empty() ? PyType() : makeUnion(Fill);
  PyType Result(Name);
  Result.Repr = Repr;
  Result.TypeVar = TypeVar;
  for (const PyType &Arg : Args) {
    if (Arg.Name == "@*") {
      Result.Args.insert(Result.Args.end(), Fill.begin(), Fill.end());
      continue;
    }
    Result.Args.push_back(Arg.substitute(Fill));
  }
  return Result.isUnion() ? makeUnion(Result.Args) : Result;
}

std::string PyType::str() const {
  std::string Text;
  raw_string_ostream Out(Text);
  print(Out, *this);
  return Text;
}

} // namespace pybridge
