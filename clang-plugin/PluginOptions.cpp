//===- PluginOptions.cpp - -fplugin-arg-pybridge-* ------------------------===//
#include "PluginOptions.h"

#include "Diagnostics.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace pybridge {

namespace {
constexpr llvm::StringLiteral Known =
    "cache-dir=DIR, offline, python=PATH, describe-timeout=SECONDS, "
    "warn-untyped, coverage, "
    "strict=runtime|stub|text_signature, time-report, locked=FILE";

std::optional<TypeSource> parseSource(llvm::StringRef Name) {
  return llvm::StringSwitch<std::optional<TypeSource>>(Name)
      .Case("runtime", TypeSource::Runtime)
      .Case("stub", TypeSource::Stub)
      .Case("text_signature", TypeSource::TextSignature)
      .Case("none", TypeSource::None)
      .Default(std::nullopt);
}
} // namespace

TypeSource typeSourceOf(llvm::StringRef Source) {
  if (Source.starts_with("stub:") || Source == "stub")
    return TypeSource::Stub;
  // Python code without annotations: names and kinds, no types, like a builtin's
  // __text_signature__.
  if (Source == "untyped")
    return TypeSource::TextSignature;
  return parseSource(Source).value_or(TypeSource::None);
}

llvm::StringRef typeSourceName(TypeSource Source) {
  switch (Source) {
  case TypeSource::Runtime:
    return "runtime";
  case TypeSource::Stub:
    return "stub";
  case TypeSource::TextSignature:
    return "text_signature";
  case TypeSource::None:
    return "none";
  }
  llvm_unreachable("unknown type source");
}

bool parsePluginOptions(DiagnosticsEngine &Diags, const std::vector<std::string> &Args,
                        PluginOptions &Options) {
  bool Ok = true;
  // What the argument should have been, as InvalidPluginArgument selects it.
  enum Expected : unsigned { PositiveSeconds, TypeSourceName };
  auto Reject = [&](llvm::StringRef Arg, Expected Why) {
    Diagnostics::report(Diags, SourceLocation(), Diag::InvalidPluginArgument)
        << Arg << static_cast<unsigned>(Why);
    Ok = false;
  };
  for (llvm::StringRef Arg : Args) {
    auto [Name, Value] = Arg.split('=');
    bool HasValue = Arg.contains('=');
    if (Name == "cache-dir" && !Value.empty()) {
      Options.CacheDir = Value.str();
    } else if (Name == "offline" && !HasValue) {
      Options.Offline = true;
    } else if (Name == "python" && !Value.empty()) {
      Options.Python = Value.str();
    } else if (Name == "describe-timeout" && HasValue) {
      unsigned Seconds = 0;
      if (Value.getAsInteger(10, Seconds) || Seconds == 0)
        Reject(Arg, PositiveSeconds);
      else
        Options.DescribeTimeoutSeconds = Seconds;
    } else if (Name == "warn-untyped" && !HasValue) {
      Options.WarnUntyped = true;
    } else if (Name == "coverage" && !HasValue) {
      Options.Coverage = true;
    } else if (Name == "strict" && HasValue) {
      std::optional<TypeSource> Source = parseSource(Value);
      if (!Source)
        Reject(Arg, TypeSourceName);
      else
        Options.Strict = *Source;
    } else if (Name == "time-report" && !HasValue) {
      Options.TimeReport = true;
    } else if (Name == "locked" && !Value.empty()) {
      Options.LockFile = Value.str();
    } else {
      Diagnostics::report(Diags, SourceLocation(), Diag::UnknownPluginArgument) << Arg << Known;
      Ok = false;
    }
  }
  return Ok;
}

} // namespace pybridge
