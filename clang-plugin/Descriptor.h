//===- Descriptor.h - a Python module's descriptor --------------*- C++ -*-===//
//
// Read-only views over the JSON the agent writes. A Descriptor owns the parsed
// document; Symbol, Signature, Param and TypeExpr are cheap views into it,
// valid while it lives. Every accessor tolerates a malformed value (wrong JSON
// type, missing key) by returning an empty result: a cache file edited by hand
// must never crash the compiler.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_DESCRIPTOR_H
#define PYBRIDGE_PLUGIN_DESCRIPTOR_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pybridge {

/// A structured Python type: {"name": "list", "args": [{"name": "float"}]}.
class TypeExpr {
public:
  TypeExpr() = default;
  explicit TypeExpr(simdjson::dom::element E) : E(E), Valid(true) {}

  bool valid() const { return Valid; }
  /// The canonical name ("int", "list", "Union", "numpy.ndarray"); "Any" when
  /// malformed.
  llvm::StringRef name() const;
  unsigned numArgs() const;
  TypeExpr arg(unsigned I) const;
  /// `repr` of a Literal value or of an unresolved string annotation.
  llvm::StringRef repr() const;
  /// A TypeVar's bound (or constraints): the caller picks a type within it.
  bool isTypeVar() const;
  /// Any, object, unannotated and unresolved ("?"): accepts everything.
  bool isAny() const;

private:
  simdjson::dom::element E;
  bool Valid = false;
};

enum class ParamKind {
  PositionalOnly,
  PositionalOrKeyword,
  VarPositional,
  KeywordOnly,
  VarKeyword
};

class Param {
public:
  explicit Param(simdjson::dom::element E) : E(E) {}
  llvm::StringRef name() const;
  ParamKind kind() const;
  /// Null for an unannotated parameter.
  std::optional<TypeExpr> type() const;
  bool hasDefault() const;
  llvm::StringRef defaultRepr() const;

private:
  simdjson::dom::element E;
};

class Signature {
public:
  explicit Signature(simdjson::dom::element E);
  llvm::ArrayRef<Param> params() const { return Params; }
  /// Null for an unannotated return.
  std::optional<TypeExpr> returns() const;
  /// "runtime", "stub:<path>:<line>", "text_signature" or "none".
  llvm::StringRef source() const;

private:
  simdjson::dom::element E;
  llvm::SmallVector<Param, 4> Params;
};

/// One entry of a descriptor's `types` table (docs/descriptor-format.md): what
/// else Python says the instances of a class are. `@0`, `@1`, ... in a
/// supertype stand for the class's own type arguments.
class TypeEntry {
public:
  explicit TypeEntry(simdjson::dom::element E) : E(E) {}
  struct Supertype {
    TypeExpr Type;
    /// Declared (the MRO, a stub's bases), not by registration, structure or
    /// numeric promotion.
    bool Nominal;
  };
  llvm::SmallVector<Supertype, 16> supertypes() const;
  /// The builtin the worker sends instances as ("int" for an IntEnum or a
  /// numpy integer), or empty when they travel as objects.
  llvm::StringRef valueType() const;
  /// For a name that abbreviates a type (numpy's ArrayLike): what it stands for.
  std::optional<TypeExpr> alias() const;
  /// For a protocol: the members a class must have to be one.
  llvm::SmallVector<llvm::StringRef, 4> protocolMembers() const;
  /// Whether the generic's I-th type parameter is contravariant
  /// (`SupportsWrite[T]` takes what writes any supertype of T).
  bool isContravariant(unsigned I) const;

private:
  simdjson::dom::element E;
};

enum class SymbolKind { Module, Class, Function, Property, Constant, Unknown };
enum class MethodKind { None, Instance, Static, Class };

class Descriptor;

/// A module, class, function, property or constant.
class Symbol {
public:
  Symbol(const Descriptor &Owner, simdjson::dom::element E, bool IsRoot = false)
      : Owner(&Owner), E(E), IsRoot(IsRoot) {}

  const Descriptor &descriptor() const { return *Owner; }
  SymbolKind kind() const;
  llvm::StringRef name() const;
  llvm::StringRef qualname() const;
  /// Unknown: why describing it failed ("RuntimeError: ..."), if recorded.
  llvm::StringRef describeError() const;
  /// The symbol as JSON, as the agent wrote it (a lock file compares it).
  std::string json() const;
  /// The deprecation message, or empty.
  llvm::StringRef deprecated() const;

  // Modules and classes.
  std::optional<Symbol> member(llvm::StringRef Name) const;
  void memberNames(llvm::SmallVectorImpl<llvm::StringRef> &Names) const;
  /// A submodule listed by its parent: described in a descriptor of its own.
  bool isModuleReference() const;

  // Classes.
  llvm::SmallVector<Signature, 1> constructors() const;
  llvm::SmallVector<llvm::StringRef, 2> bases() const;
  /// A class only the type stubs know (typeshed's `hashlib._Hash`), and the
  /// run-time class the agent found for it ("_hashlib.HASH"), if any.
  bool isStubOnly() const;
  llvm::StringRef runtimeName() const;
  /// An exception class: "module.QualName" of each class along its MRO, as the
  /// runtime receives them with a raised exception; empty for other classes.
  llvm::SmallVector<llvm::StringRef, 4> exceptionMro() const;
  /// The name annotations use for this class ("dspy.predict.Predict" for
  /// "dspy.Predict").
  llvm::StringRef typeName() const;

  // Functions.
  llvm::SmallVector<Signature, 1> signatures() const;
  MethodKind methodKind() const;
  bool isGenerator() const;
  bool isAsync() const;
  bool isAsyncGenerator() const;

  // Properties and constants.
  std::optional<TypeExpr> type() const;
  bool isReadOnly() const;
  /// Properties: where `type` came from.
  llvm::StringRef source() const;

private:
  const Descriptor *Owner;
  simdjson::dom::element E;
  /// The module itself: its members are parsed one by one, when asked for.
  bool IsRoot;
};

/// A file a descriptor was made from (the module's own, the modules defining
/// its members, the stubs read), as it was then, to tell whether a cached
/// descriptor is stale. Absent: a place where a stub would have been used, empty
/// then.
struct SourceFile {
  std::string File;
  int64_t MtimeNs = 0;
  uint64_t Size = 0;
  bool Absent = false;
};

/// One module's descriptor, as cached: the agent's JSON behind a small header
/// that indexes the module's members by byte range, so loading parses the
/// header only and each member when it is first looked up (docs/plugin.md has
/// the measured load times):
///
///   {"cache_header":"0000004711","cache_key":{...},"cache_meta":{<top-level fields>},
///    "cache_root":{<the root symbol without members>},
///    "cache_members":{"median":[offset,length],...},"cache_types":{...},
///    <what the agent printed, after its '{'>
///
/// The digits are the header's length; offsets count from there. The whole file
/// is still the agent's descriptor as JSON, plus the cache_* members.
class Descriptor {
public:
  /// The descriptor format this plugin reads (the agent's SCHEMA).
  static constexpr int64_t SchemaVersion = 2;

  /// A cache file's text from the agent's output and the plugin's key (JSON).
  static llvm::Expected<std::string> cacheText(llvm::StringRef AgentOutput,
                                               llvm::StringRef KeyJson);
  /// Reads a cache file's text (see cacheText); plain agent output is indexed
  /// first.
  static llvm::Expected<std::unique_ptr<Descriptor>> load(std::unique_ptr<llvm::MemoryBuffer> Text);
  /// Opens a cache file: reads its header now and each member when first
  /// looked up, from the open file. Never mapped: a file truncated meanwhile
  /// makes a member unreadable (corruption()), not the compiler crash.
  static llvm::Expected<std::unique_ptr<Descriptor>> open(llvm::StringRef File);
  ~Descriptor();

  llvm::StringRef module() const { return Module; }
  llvm::StringRef hash() const { return Hash; }
  /// The hash a worker computes for this module at run time (`describe
  /// MODULE`): equal to hash() unless describing a path added a private name to
  /// the module's members.
  llvm::StringRef moduleHash() const { return ModuleHash.empty() ? Hash : ModuleHash; }
  /// The library fingerprint the runtime's drift check compares (the agent's
  /// fingerprint.py); empty in descriptors written before agents recorded it.
  llvm::StringRef fingerprint() const { return Fingerprint; }
  llvm::StringRef pythonVersion() const { return PythonVersion; }
  llvm::StringRef libraryVersion() const { return LibraryVersion; }
  const std::optional<SourceFile> &origin() const { return Origin; }
  /// Every file the descriptor was made from (`sources`; the origin alone for
  /// descriptors written before agents recorded them).
  llvm::ArrayRef<SourceFile> sources() const { return Sources; }
  /// The plugin's own key written into cached files ("cache_key"), or null.
  std::optional<simdjson::dom::object> cacheKey() const;
  size_t sizeInBytes() const;
  bool isPackage() const;
  /// Why a member could not be read (the file is corrupt), or empty.
  llvm::StringRef corruption() const { return Corruption; }

  Symbol root() const { return Symbol(*this, Root, /*IsRoot=*/true); }
  /// The `types` table's entry for a Python type name ("list",
  /// "fractions.Fraction"), parsed when first asked for.
  std::optional<TypeEntry> typeEntry(llvm::StringRef Name) const;

private:
  friend class Symbol;
  /// An object of the file indexed by byte range (root members, types), and
  /// the entries parsed so far.
  struct LazyIndex {
    simdjson::dom::object Entries;
    mutable llvm::StringMap<std::unique_ptr<simdjson::dom::document>> Parsed;
  };
  Descriptor() = default;
  llvm::Error readHeader(llvm::StringRef Bytes);
  std::optional<Symbol> rootMember(llvm::StringRef Name) const;
  void rootMemberNames(llvm::SmallVectorImpl<llvm::StringRef> &Names) const;
  std::optional<simdjson::dom::element> indexed(const LazyIndex &From, llvm::StringRef Name,
                                                llvm::StringRef What) const;

  /// The whole text (just described), or the open cache file and its size.
  std::unique_ptr<llvm::MemoryBuffer> Text;
  int Fd = -1;
  uint64_t FileSize = 0;
  size_t BodyStart = 0;
  simdjson::padded_string HeaderText;
  simdjson::dom::parser HeaderParser;
  simdjson::dom::element Header, Root;
  LazyIndex Index, TypeIndex;
  mutable simdjson::dom::parser MemberParser;
  mutable std::string Corruption;
  llvm::StringRef Module, Hash, ModuleHash, Fingerprint, PythonVersion, LibraryVersion;
  std::optional<SourceFile> Origin;
  std::vector<SourceFile> Sources;
};

} // namespace pybridge

#endif
