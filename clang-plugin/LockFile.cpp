//===- LockFile.cpp - checking stubs against pybridge.lock ----------------===//
#include "LockFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace clang;
using namespace llvm;

namespace pybridge {

namespace {

constexpr unsigned LockSchema = 1;

/// The top-level member of D's module that Path goes through ("median" for
/// "statistics.median", "str" for the builtin "str.upper").
StringRef memberName(StringRef Module, StringRef Path) {
  StringRef Rest = Path;
  if (Path.starts_with(Module) && Path.size() > Module.size() && Path[Module.size()] == '.')
    Rest = Path.drop_front(Module.size() + 1);
  return Rest.split('.').first;
}

/// "version 3.11.2, module hash 5db57aca32de".
std::string describeLibrary(StringRef Version, StringRef Hash) {
  return ("version " + (Version.empty() ? StringRef("unknown") : Version) + ", module hash " +
          Hash.take_front(12))
      .str();
}

} // namespace

std::optional<std::string> firstDifference(const json::Value &Locked, const json::Value &Now) {
  const json::Object *A = Locked.getAsObject(), *B = Now.getAsObject();
  if (A && B) {
    SmallVector<StringRef, 16> Keys;
    for (const auto &Entry : *A)
      Keys.push_back(Entry.first);
    for (const auto &Entry : *B)
      if (!A->get(Entry.first))
        Keys.push_back(Entry.first);
    llvm::sort(Keys);
    for (StringRef Key : Keys) {
      if (Key == "doc")
        continue; // docstrings are not API
      const json::Value *X = A->get(Key), *Y = B->get(Key);
      if (!X || !Y)
        return Key.str();
      if (std::optional<std::string> Inner = firstDifference(*X, *Y))
        return Inner->empty()
                   ? Key.str()
                   : (Key + (StringRef(*Inner).starts_with("[") ? "" : ".") + *Inner).str();
    }
    return std::nullopt;
  }
  const json::Array *L = Locked.getAsArray(), *M = Now.getAsArray();
  if (L && M) {
    if (L->size() != M->size())
      return std::string();
    for (size_t I = 0; I < L->size(); ++I)
      if (std::optional<std::string> Inner = firstDifference((*L)[I], (*M)[I]))
        return ("[" + Twine(I) + "]" +
                (Inner->empty() || StringRef(*Inner).starts_with("[") ? "" : ".") + *Inner)
            .str();
    return std::nullopt;
  }
  if (Locked == Now)
    return std::nullopt;
  return std::string();
}

const json::Object *LockFile::modules(SourceLocation Loc) {
  if (Unreadable)
    return nullptr;
  auto Fail = [&](const Twine &Why) -> const json::Object * {
    Unreadable = true;
    Diags.report(Loc, Diag::LockUnreadable) << File << Why.str();
    return nullptr;
  };
  if (!Parsed) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> Text = MemoryBuffer::getFile(File);
    if (!Text)
      return Fail(Text.getError().message());
    Expected<json::Value> Value = json::parse((*Text)->getBuffer());
    if (!Value)
      return Fail("it is not JSON (" + toString(Value.takeError()) + ")");
    Parsed = std::move(*Value);
  }
  const json::Object *Root = Parsed->getAsObject();
  if (!Root || Root->getInteger("pybridge_lock") != std::optional<int64_t>(LockSchema))
    return Fail("it is not a lock file of this PyBridge (\"pybridge_lock\": " + Twine(LockSchema) +
                " expected)");
  const json::Object *Modules = Root->getObject("modules");
  if (!Modules)
    return Fail("it has no \"modules\"");
  return Modules;
}

bool LockFile::libraryMatches(SourceLocation Loc, const Descriptor &D, const json::Object &Locked) {
  StringRef Module = D.module();
  if (!CheckedModules.insert(Module).second)
    return !ChangedModules.contains(Module);
  StringRef Version = Locked.getString("library_version").value_or("");
  const json::Object *Fingerprint = Locked.getObject("fingerprint");
  std::optional<StringRef> Hash =
      Fingerprint ? Fingerprint->getString("module_hash") : std::nullopt;
  if (Version == D.libraryVersion() && Hash && *Hash == D.moduleHash())
    return true;
  ChangedModules.insert(Module);
  Diags.report(Loc, Diag::LockLibraryChanged)
      << Module << describeLibrary(D.libraryVersion(), D.moduleHash()) << File
      << describeLibrary(Version, Hash.value_or("(none)"));
  return false;
}

bool LockFile::check(SourceLocation Loc, StringRef Path, const Symbol &Found) {
  const json::Object *Modules = modules(Loc);
  if (!Modules)
    return false;
  const Descriptor &D = Found.descriptor();
  const json::Object *Locked = Modules->getObject(D.module());
  if (!Locked) {
    Diags.report(Loc, Diag::LockModuleMissing) << Path << File << D.module();
    return false;
  }
  bool Same = libraryMatches(Loc, D, *Locked);
  StringRef Name = memberName(D.module(), Path);
  const json::Object *Symbols = Locked->getObject("symbols");
  const json::Value *Then = Symbols ? Symbols->get(Name) : nullptr;
  if (!Then) {
    Diags.report(Loc, Diag::LockSymbolMissing) << (D.module() + "." + Name).str() << File;
    return false;
  }
  std::optional<Symbol> Member = D.root().member(Name);
  Expected<json::Value> Now = json::parse(Member ? Member->json() : "null");
  if (!Now) {
    consumeError(Now.takeError());
    return Same;
  }
  if (std::optional<std::string> Where = firstDifference(*Then, *Now)) {
    Diags.report(Loc, Diag::LockSymbolChanged)
        << (D.module() + "." + Name).str() << File
        << (Where->empty() ? "its description" : "'" + *Where + "'");
    return false;
  }
  return Same;
}

} // namespace pybridge
