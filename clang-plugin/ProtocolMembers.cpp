//===- ProtocolMembers.cpp - C++ protocol members of bound classes --------===//
#include "ProtocolMembers.h"

#include "Attributes.h"

using namespace clang;
using namespace llvm;

namespace pybridge {

namespace {
struct ProtocolMember {
  StringRef Cpp;
  unsigned Params;
  StringRef Dunder;
};
// The same names as pybridge::Object's (runtime/include/pybridge/object.hpp).
constexpr ProtocolMember Members[] = {
    {"size", 0, "__len__"},
    {"contains", 1, "__contains__"},
    {"erase", 1, "__delitem__"},
};
} // namespace

std::optional<StringRef> protocolDunder(const CXXMethodDecl *MD, StringRef Name,
                                        const Symbol &Cls) {
  if (pythonNameOverride(MD) || MD->isStatic() || Cls.member(Name))
    return std::nullopt;
  for (const ProtocolMember &Member : Members)
    if (Member.Cpp == Name && Member.Params == MD->getNumParams() && Cls.member(Member.Dunder))
      return Member.Dunder;
  return std::nullopt;
}

} // namespace pybridge
