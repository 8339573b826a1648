//===- CallSite.cpp - the string a synthesized body passes ----------------===//
#include "CallSite.h"

#include "Attributes.h"

#include <pybridge/detail/site_format.hpp>

namespace pybridge {

std::string callSite(llvm::StringRef Target, llvm::ArrayRef<std::string> Keywords,
                     const Descriptor &D, const clang::Decl *Stub) {
  return detail::write_site(Target, Keywords, D.module(), D.fingerprint(), callPolicy(Stub));
}

unsigned callSiteVersion() { return detail::site_format_version; }

} // namespace pybridge
