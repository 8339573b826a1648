//===- Suggest.cpp - "did you mean ...?" ----------------------------------===//
#include "Suggest.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <tuple>

using namespace llvm;

namespace pybridge {

unsigned typoDistance(StringRef A, StringRef B, unsigned Limit) {
  unsigned Gap = A.size() > B.size() ? A.size() - B.size() : B.size() - A.size();
  if (Gap > Limit)
    return Limit + 1;
  // Optimal string alignment: three rows of the dynamic-programming table.
  SmallVector<unsigned, 32> BeforeLast(B.size() + 1), Last(B.size() + 1), Row(B.size() + 1);
  for (unsigned J = 0; J <= B.size(); ++J)
    Last[J] = J;
  for (unsigned I = 1; I <= A.size(); ++I) {
    Row[0] = I;
    unsigned Best = Row[0];
    for (unsigned J = 1; J <= B.size(); ++J) {
      unsigned Cost = A[I - 1] == B[J - 1] ? 0 : 1;
      Row[J] = std::min({Last[J] + 1, Row[J - 1] + 1, Last[J - 1] + Cost});
      if (I > 1 && J > 1 && A[I - 1] == B[J - 2] && A[I - 2] == B[J - 1])
        Row[J] = std::min(Row[J], BeforeLast[J - 2] + 1);
      Best = std::min(Best, Row[J]);
    }
    if (Best > Limit)
      return Limit + 1;
    std::swap(BeforeLast, Last);
    std::swap(Last, Row);
  }
  return std::min(Last[B.size()], Limit + 1);
}

namespace {

size_t commonPrefix(StringRef A, StringRef B) {
  size_t N = 0;
  while (N < A.size() && N < B.size() && A[N] == B[N])
    ++N;
  return N;
}

} // namespace

std::optional<StringRef> closestName(StringRef Wrong, ArrayRef<StringRef> Candidates) {
  // clang's bound: the edits may be at most a third of the name.
  unsigned Limit = Wrong.size() / 3;
  if (Limit == 0)
    return std::nullopt;
  bool WrongIsDunder = Wrong.starts_with("__");
  // Smaller is better: edits, edits ignoring case, -common prefix, length gap.
  using Rank = std::tuple<unsigned, unsigned, long, size_t>;
  std::optional<Rank> Best;
  std::optional<StringRef> Pick;
  bool Tied = false;
  for (StringRef Candidate : Candidates) {
    if (Candidate == Wrong || (Candidate.starts_with("__") && !WrongIsDunder))
      continue;
    unsigned Distance = typoDistance(Wrong, Candidate, Limit);
    if (Distance > Limit)
      continue;
    Rank R{Distance, typoDistance(Wrong.lower(), Candidate.lower(), Limit),
           -static_cast<long>(commonPrefix(Wrong, Candidate)),
           Wrong.size() > Candidate.size() ? Wrong.size() - Candidate.size()
                                           : Candidate.size() - Wrong.size()};
    if (Best && R == *Best && Candidate != *Pick)
      Tied = true;
    if (!Best || R < *Best) {
      Best = R;
      Pick = Candidate;
      Tied = false;
    }
  }
  if (Tied)
    return std::nullopt;
  return Pick;
}

bool abbreviates(StringRef Short, StringRef Long) {
  std::string S = Short.lower(), L = Long.lower();
  llvm::erase(S, '_');
  llvm::erase(L, '_');
  if (S.empty() || L.empty() || S.front() != L.front() || S.size() >= L.size())
    return false;
  size_t At = 0;
  for (char C : S) {
    At = L.find(C, At);
    if (At == std::string::npos)
      return false;
    ++At;
  }
  return true;
}

} // namespace pybridge
