//===- DescriptorStore.h - cached descriptors -------------------*- C++ -*-===//
//
// Finds the descriptor a dotted path lives in and the symbol it names.
// Descriptors are cached as <cache-dir>/<module>.json; a miss starts the agent
// once per module (parallel compilers wait on <cache-dir>/<top-level
// package>.lock and read what the first one wrote); files are written to a
// temporary name and renamed. A cached file is stale when a file it was made
// from changed (`sources`: mtime/size of the module's files, the modules
// defining its members and the stubs read) or it was made for another
// interpreter, agent, allowlist or search path (`cache_key`, which the plugin
// adds to what the agent printed). Online, a corrupt cache file is described
// again; offline it is an error.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_DESCRIPTORSTORE_H
#define PYBRIDGE_PLUGIN_DESCRIPTORSTORE_H

#include "AgentRunner.h"
#include "Descriptor.h"
#include "PluginOptions.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pybridge {

/// Why no descriptor could be had. Each cause is reported once, as one error
/// naming the fix.
struct StoreError {
  enum Kind {
    Corrupt,           // a cache file that does not parse (File, Detail)
    OfflineMiss,       // offline, and nothing cached (Subject)
    OfflineStale,      // offline, and the module's file changed (File, Subject)
    OfflineUnverified, // offline and locked, and the cache is not of this machine's
                       // module (Subject, File: the lock, Detail: why)
    CacheUnusable,     // the cache directory cannot be written (File, Detail)
    BadAnswer,         // the agent printed something else than a descriptor (Detail)
    Agent,             // the agent failed: see Failure
  };
  Kind What;
  std::string Subject; // the module or path concerned
  std::string File;
  std::string Detail;
  AgentFailure Failure;

  static StoreError make(Kind What, llvm::StringRef Subject, llvm::StringRef File = "",
                         llvm::StringRef Detail = "");
  static StoreError agent(llvm::StringRef Path, AgentFailure Failure);
  /// The cause, for reporting it once: a file, a package, or the interpreter.
  std::string key() const;
};

/// What a dotted path resolved to.
struct Resolution {
  /// The symbol named by the path, and the one it is a member of (null for a
  /// module).
  std::optional<Symbol> Found;
  std::optional<Symbol> Parent;

  /// When a component is missing: the module or class that lacks it, its name
  /// and index.
  std::optional<Symbol> Container;
  std::string Missing;
  unsigned MissingIndex = 0;

  std::optional<StoreError> Error;
};

/// One descriptor load, for -fplugin-arg-pybridge-time-report.
struct LoadEvent {
  std::string Module;
  double Milliseconds;
  size_t Bytes;
  bool Described; // false: read from the cache
};

class DescriptorStore {
public:
  explicit DescriptorStore(const PluginOptions &Options);

  /// Resolves "statistics.median", "dspy.Predict.forward", "numpy.linalg.norm",
  /// "str.upper".
  Resolution resolve(llvm::StringRef Path);

  /// The descriptor of exactly `Module`, if it can be had (for base classes).
  const Descriptor *module(llvm::StringRef Module);

  /// Appends the modules loaded so far in this compilation.
  void loadedModules(llvm::SmallVectorImpl<llvm::StringRef> &Names) const;

  const AgentRunner &agent() const { return Agent; }
  /// The descriptors loaded so far, in the order they were.
  llvm::ArrayRef<std::unique_ptr<Descriptor>> loaded() const { return Owned; }
  std::vector<LoadEvent> takeLoadEvents() { return std::move(Loads); }

private:
  struct Lookup {
    const Descriptor *D = nullptr;
    std::optional<StoreError> Error;
  };

  Resolution walk(const Descriptor &D, llvm::ArrayRef<llvm::StringRef> Parts, unsigned From,
                  llvm::StringRef Path, bool MayRedescribe);
  /// The module `Module` from memory or a usable cache file; null if neither.
  Lookup cached(llvm::StringRef Module);
  /// Describes `Path` under the lock of its package; the descriptor of its
  /// module. Unless forced, first looks again for a cached module at least as
  /// long as `Shortest` (another compiler may have described it while this one
  /// waited for the lock).
  Lookup describe(llvm::StringRef Path, llvm::StringRef Shortest, bool Force);
  /// The module `Module`, described as `Path` when not cached.
  Lookup load(llvm::StringRef Module, llvm::StringRef Path);
  Lookup adopt(std::unique_ptr<Descriptor> D);
  std::string cacheFile(llvm::StringRef Module) const;
  /// What a cached descriptor must have been made with: PyBridge's version, the
  /// interpreter, the agent (its directory and its files' age) and
  /// PYBRIDGE_ALLOW.
  llvm::ArrayRef<std::pair<std::string, std::string>> cacheKey();
  std::string cacheKeyJson();
  bool keyMatches(const Descriptor &D);
  /// Offline with a lock: why the cached D cannot stand for the installed
  /// module, if it cannot (Missing: a file it was made from is gone).
  std::optional<StoreError> unverifiedForLock(const Descriptor &D, bool Missing);
  /// A cache file that cannot be used: a miss online (it is described again and
  /// overwritten), an error offline.
  Lookup corrupt(llvm::StringRef Module, llvm::StringRef File, llvm::StringRef Detail);
  /// Remembers a failure so the same cause is not tried again.
  Lookup fail(StoreError Error);
  std::optional<StoreError> knownFailure(llvm::StringRef Key) const;
  Resolution failed(StoreError Error);

  const PluginOptions &Options;
  AgentRunner Agent;
  std::vector<std::unique_ptr<Descriptor>> Owned;
  llvm::StringMap<const Descriptor *> Modules;
  /// Modules already described in this compilation (never described twice).
  llvm::StringSet<> DescribedPaths;
  /// Failures by cause (StoreError::key): not tried twice.
  llvm::StringMap<StoreError> Failures;
  std::vector<LoadEvent> Loads;
  std::vector<std::pair<std::string, std::string>> Key;
};

} // namespace pybridge

#endif
