//===- Suggest.cpp - "did you mean ...?" ----------------------------------===//
#include "Suggest.h"

#include <algorithm>

using namespace llvm;

namespace pybridge {

std::optional<StringRef> closestName(StringRef Wrong, ArrayRef<StringRef> Candidates) {
  unsigned Limit = std::max<unsigned>(1, (Wrong.size() + 2) / 3);
  bool WrongIsDunder = Wrong.starts_with("__");
  std::optional<StringRef> Best;
  unsigned BestDistance = Limit + 1;
  for (StringRef Candidate : Candidates) {
    if (Candidate == Wrong || (Candidate.starts_with("__") && !WrongIsDunder))
      continue;
    unsigned Distance = Wrong.edit_distance(Candidate, /*AllowReplacements=*/true, Limit);
    if (Distance < BestDistance) {
      BestDistance = Distance;
      Best = Candidate;
    }
  }
  return Best;
}

} // namespace pybridge
