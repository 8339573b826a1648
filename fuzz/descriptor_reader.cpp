// libFuzzer target: the clang plugin's descriptor reader, on any text a cache file could
// hold (edited by hand, cut short, written by another version): loaded as a cache file and
// as the agent's output indexed into one, then every accessor a check uses, walked through
// members, signatures and type expressions. The compiler must never crash on it: every
// accessor answers (empty when malformed), and sanitizers report nothing.
#include "Descriptor.h"

#include "llvm/ADT/SmallVector.h"

#include <cstddef>
#include <cstdint>

namespace {
using namespace pybridge;

constexpr unsigned kMaxDepth = 6;
constexpr unsigned kMaxMembers = 64;

void walk(const TypeExpr &Type, unsigned Depth) {
  (void)Type.name();
  (void)Type.repr();
  (void)Type.isAny();
  (void)Type.isTypeVar();
  for (unsigned I = 0, N = Type.numArgs(); I < N && Depth < kMaxDepth && I < kMaxMembers; ++I)
    walk(Type.arg(I), Depth + 1);
}

void walk(const Signature &S) {
  for (const Param &P : S.params()) {
    (void)P.name();
    (void)P.kind();
    (void)P.hasDefault();
    (void)P.defaultRepr();
    if (std::optional<TypeExpr> T = P.type())
      walk(*T, 0);
  }
  if (std::optional<TypeExpr> T = S.returns())
    walk(*T, 0);
  (void)S.source();
}

void walk(const Symbol &Sym, unsigned Depth) {
  (void)Sym.kind();
  (void)Sym.name();
  (void)Sym.qualname();
  (void)Sym.describeError();
  (void)Sym.deprecated();
  (void)Sym.isModuleReference();
  (void)Sym.bases();
  (void)Sym.isStubOnly();
  (void)Sym.runtimeName();
  (void)Sym.typeName();
  (void)Sym.methodKind();
  (void)Sym.isGenerator();
  (void)Sym.isAsync();
  (void)Sym.isAsyncGenerator();
  (void)Sym.isReadOnly();
  (void)Sym.source();
  for (const Signature &S : Sym.constructors())
    walk(S);
  for (const Signature &S : Sym.signatures())
    walk(S);
  if (std::optional<TypeExpr> T = Sym.type())
    walk(*T, 0);
  if (Depth >= kMaxDepth)
    return;
  llvm::SmallVector<llvm::StringRef, 16> Names;
  Sym.memberNames(Names);
  Names.push_back("no_such_member");
  for (unsigned I = 0; I < Names.size() && I < kMaxMembers; ++I)
    if (std::optional<Symbol> Member = Sym.member(Names[I]))
      walk(*Member, Depth + 1);
}

/// A `types` entry, looked up by the names a check asks for.
void walkTypes(const Descriptor &D) {
  llvm::SmallVector<llvm::StringRef, 16> Names = {"int", "list", "Iterable", "no_such_type"};
  D.root().memberNames(Names);
  for (unsigned I = 0; I < Names.size() && I < kMaxMembers; ++I) {
    std::optional<TypeEntry> Entry = D.typeEntry(Names[I]);
    if (!Entry)
      continue;
    for (const TypeEntry::Supertype &Super : Entry->supertypes())
      walk(Super.Type, 0);
    (void)Entry->valueType();
    (void)Entry->protocolMembers();
    (void)Entry->isContravariant(0);
    if (std::optional<TypeExpr> Alias = Entry->alias())
      walk(*Alias, 0);
  }
}

void walk(llvm::Expected<std::unique_ptr<Descriptor>> Loaded) {
  if (!Loaded) {
    llvm::consumeError(Loaded.takeError());
    return;
  }
  const Descriptor &D = **Loaded;
  (void)D.module();
  (void)D.hash();
  (void)D.moduleHash();
  (void)D.pythonVersion();
  (void)D.libraryVersion();
  (void)D.origin();
  (void)D.sources();
  (void)D.cacheKey();
  (void)D.sizeInBytes();
  (void)D.isPackage();
  walk(D.root(), 0);
  walkTypes(D);
  (void)D.corruption();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *Data, std::size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  walk(Descriptor::load(llvm::MemoryBuffer::getMemBufferCopy(Text)));
  llvm::Expected<std::string> Cached = Descriptor::cacheText(Text, "{\"pybridge\":\"fuzz\"}");
  if (!Cached) {
    llvm::consumeError(Cached.takeError());
    return 0;
  }
  walk(Descriptor::load(llvm::MemoryBuffer::getMemBufferCopy(*Cached)));
  return 0;
}
