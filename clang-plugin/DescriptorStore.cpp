//===- DescriptorStore.cpp - cached descriptors, described on a miss ------===//
#include "DescriptorStore.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PYBRIDGE_VERSION
#error "PYBRIDGE_VERSION must name the PyBridge version (part of the cache key)"
#endif

using namespace llvm;

namespace pybridge {

namespace {

using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point Start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - Start).count();
}

/// A file as it is now, or nullopt if it does not exist.
std::optional<SourceFile> currentFile(const std::string &File) {
  struct stat Info;
  if (::stat(File.c_str(), &Info) != 0)
    return std::nullopt;
  SourceFile Now;
  Now.File = File;
  Now.MtimeNs = static_cast<int64_t>(Info.st_mtim.tv_sec) * 1000000000 + Info.st_mtim.tv_nsec;
  Now.Size = static_cast<uint64_t>(Info.st_size);
  return Now;
}

/// How a descriptor's files compare with the disk now.
struct Staleness {
  const SourceFile *Changed = nullptr; // changed, or appeared where none was
  bool Missing = false;                // a file it was made from is gone
};

Staleness checkSources(ArrayRef<SourceFile> Sources) {
  Staleness Result;
  for (const SourceFile &Then : Sources) {
    std::optional<SourceFile> Now = currentFile(Then.File);
    bool Changed = Then.Absent ? Now.has_value()
                               : Now && (Now->MtimeNs != Then.MtimeNs || Now->Size != Then.Size);
    if (Changed) {
      Result.Changed = &Then;
      return Result;
    }
    Result.Missing |= !Then.Absent && !Now;
  }
  return Result;
}

/// An exclusive flock held until destruction.
class FileLock {
public:
  explicit FileLock(const std::string &Path) {
    Fd = ::open(Path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    while (Fd >= 0 && ::flock(Fd, LOCK_EX) != 0 && errno == EINTR) {
    }
  }
  ~FileLock() {
    if (Fd >= 0)
      ::close(Fd); // releases the lock
  }
  bool held() const { return Fd >= 0; }

private:
  int Fd = -1;
};

std::string join(ArrayRef<StringRef> Parts) {
  std::string Text;
  for (StringRef Part : Parts) {
    if (!Text.empty())
      Text += '.';
    Text += Part;
  }
  return Text;
}

bool isPrefixPath(StringRef Module, StringRef Path) {
  return Path == Module || Path.starts_with((Module + ".").str());
}

StringRef topLevel(StringRef Path) { return Path.split('.').first; }

} // namespace

StoreError StoreError::make(Kind What, StringRef Subject, StringRef File, StringRef Detail) {
  return {What, Subject.str(), File.str(), Detail.str(), {}};
}

StoreError StoreError::agent(StringRef Path, AgentFailure Failure) {
  StoreError E = make(Agent, Path);
  E.Failure = std::move(Failure);
  return E;
}

std::string StoreError::key() const {
  switch (What) {
  case Corrupt:
  case OfflineStale:
  case OfflineUnverified:
    return "file:" + File;
  case CacheUnusable:
    return "cache";
  case OfflineMiss:
    return ("offline:" + topLevel(Subject)).str();
  case BadAnswer:
    return ("agent:" + topLevel(Subject)).str();
  case Agent:
    break;
  }
  // No interpreter or no agent: nothing can be described at all.
  if (Failure.What == AgentFailure::PythonMissing || Failure.What == AgentFailure::AgentMissing)
    return "python";
  // A refused name says nothing of the module's other names.
  if (Failure.What == AgentFailure::NameRefused)
    return "refused:" + Subject;
  return ("agent:" + topLevel(Subject)).str();
}

DescriptorStore::DescriptorStore(const PluginOptions &Options) : Options(Options), Agent(Options) {}

std::string DescriptorStore::cacheFile(StringRef Module) const {
  SmallString<256> File(Options.CacheDir);
  sys::path::append(File, Module + ".json");
  return std::string(File);
}

namespace {
/// The agent's code as of now: its newest file's mtime and the number of files.
/// Agent changes (a new describer) make cached descriptors stale without
/// starting Python.
std::string agentFingerprint(StringRef AgentPath) {
  SmallString<256> Root(AgentPath);
  sys::path::append(Root, "pybridge_agent");
  int64_t Newest = 0;
  unsigned Files = 0;
  std::error_code EC;
  for (sys::fs::recursive_directory_iterator It(Root, EC), End; It != End && !EC;
       It.increment(EC)) {
    if (!StringRef(It->path()).ends_with(".py"))
      continue;
    if (std::optional<SourceFile> File = currentFile(It->path())) {
      Newest = std::max(Newest, File->MtimeNs);
      ++Files;
    }
  }
  return std::to_string(Newest) + "/" + std::to_string(Files);
}
} // namespace

ArrayRef<std::pair<std::string, std::string>> DescriptorStore::cacheKey() {
  if (!Key.empty())
    return Key;
  const char *Allow = std::getenv("PYBRIDGE_ALLOW");
  Key = {{"pybridge", PYBRIDGE_VERSION},       {"python", Agent.python().str()},
         {"agent", Agent.agentPath().str()},   {"agent_files", agentFingerprint(Agent.agentPath())},
         {"allow", Allow ? Allow : ""},        {"python_path", Agent.userPythonPath().str()},
         {"stub_path", Agent.stubPath().str()}};
  return Key;
}

std::string DescriptorStore::cacheKeyJson() {
  std::string Text;
  raw_string_ostream Out(Text);
  json::OStream J(Out);
  J.object([&] {
    for (const auto &[Name, Value] : cacheKey())
      J.attribute(Name, Value);
  });
  return Text;
}

bool DescriptorStore::keyMatches(const Descriptor &D) {
  std::optional<simdjson::dom::object> Found = D.cacheKey();
  if (!Found)
    return false;
  return llvm::all_of(cacheKey(), [&](const auto &Entry) {
    std::string_view Value;
    return !Found->at_key(Entry.first).get_string().get(Value) &&
           StringRef(Value.data(), Value.size()) == Entry.second;
  });
}

DescriptorStore::Lookup DescriptorStore::adopt(std::unique_ptr<Descriptor> D) {
  const Descriptor *Raw = D.get();
  Owned.push_back(std::move(D));
  Modules[Raw->module()] = Raw; // a re-described module replaces the older one
  return {Raw, std::nullopt};
}

DescriptorStore::Lookup DescriptorStore::cached(StringRef Module) {
  if (auto It = Modules.find(Module); It != Modules.end())
    return {It->second, std::nullopt};
  std::string File = cacheFile(Module);
  if (std::optional<StoreError> Known = knownFailure("file:" + File))
    return {nullptr, Known};
  if (!sys::fs::exists(File))
    return {};
  Clock::time_point Start = Clock::now();
  Expected<std::unique_ptr<Descriptor>> Parsed = Descriptor::open(File);
  if (!Parsed)
    return corrupt(Module, File, toString(Parsed.takeError()));
  std::unique_ptr<Descriptor> D = std::move(*Parsed);
  if (D->module() != Module)
    return corrupt(Module, File, ("it describes '" + D->module() + "'").str());
  Staleness Stale = checkSources(D->sources());
  if (Stale.Changed && Options.Offline)
    return fail(StoreError::make(StoreError::OfflineStale, Module, Stale.Changed->File));
  if (std::optional<StoreError> Unverified = unverifiedForLock(*D, Stale.Missing))
    return fail(*Unverified);
  // Offline, a module that is not installed here is taken as described (a
  // committed cache).
  if (!Options.Offline && (Stale.Changed || Stale.Missing))
    return {};
  if (!Options.Offline && !keyMatches(*D))
    return {};
  Loads.push_back({Module.str(), millisecondsSince(Start), D->sizeInBytes(), false});
  return adopt(std::move(D));
}

std::optional<StoreError> DescriptorStore::unverifiedForLock(const Descriptor &D, bool Missing) {
  // A lock pins the installed library: offline, a cache that may describe
  // another copy of it (a committed cache) cannot be checked against the lock.
  if (!Options.Offline || Options.LockFile.empty())
    return std::nullopt;
  if (Missing) {
    auto Gone = llvm::find_if(
        D.sources(), [](const SourceFile &F) { return !F.Absent && !sys::fs::exists(F.File); });
    std::string Where = Gone != D.sources().end() ? Gone->File : D.module().str();
    return StoreError::make(StoreError::OfflineUnverified, D.module(), Options.LockFile,
                            "from '" + Where + "', which is not on this machine");
  }
  if (!keyMatches(D))
    return StoreError::make(StoreError::OfflineUnverified, D.module(), Options.LockFile,
                            "for another interpreter, PYTHONPATH, agent or PyBridge version");
  return std::nullopt;
}

DescriptorStore::Lookup DescriptorStore::describe(StringRef Path, StringRef Shortest, bool Force) {
  for (std::string Cause : {std::string("python"), std::string("cache"),
                            ("agent:" + topLevel(Path)).str(), ("offline:" + topLevel(Path)).str()})
    if (std::optional<StoreError> Known = knownFailure(Cause))
      return {nullptr, Known};
  if (Options.Offline)
    return fail(StoreError::make(StoreError::OfflineMiss, Path, Options.CacheDir));
  if (std::error_code EC = sys::fs::create_directories(Options.CacheDir))
    return fail(StoreError::make(StoreError::CacheUnusable, Path, Options.CacheDir, EC.message()));
  SmallString<256> LockFile(Options.CacheDir);
  sys::path::append(LockFile, Path.split('.').first + ".lock");
  FileLock Lock{std::string(LockFile)};
  if (!Lock.held())
    return fail(StoreError::make(StoreError::CacheUnusable, Path, LockFile, std::strerror(errno)));
  if (!Force) {
    SmallVector<StringRef, 4> Parts;
    Path.split(Parts, '.');
    size_t Least = 1 + Shortest.count('.');
    for (size_t N = Parts.size(); N >= Least && N > 0; --N) {
      Lookup Found = cached(join(ArrayRef(Parts).take_front(N)));
      if (Found.D || Found.Error)
        return Found;
    }
  }

  Clock::time_point Start = Clock::now();
  DescribedPaths.insert(Path);
  AgentAnswer Answer = Agent.describe(Path);
  if (Answer.Failure)
    return fail(StoreError::agent(Path, *Answer.Failure));

  Expected<std::string> Text = Descriptor::cacheText(Answer.Output, cacheKeyJson());
  Expected<std::unique_ptr<Descriptor>> Parsed =
      Text ? Descriptor::load(MemoryBuffer::getMemBufferCopy(*Text)) : Text.takeError();
  if (!Parsed)
    return fail(StoreError::make(StoreError::BadAnswer, Path, "", toString(Parsed.takeError())));
  std::unique_ptr<Descriptor> D = std::move(*Parsed);

  std::string File = cacheFile(D->module());
  SmallString<256> Temp;
  int Fd = -1;
  if (std::error_code EC = sys::fs::createUniqueFile(File + ".%%%%%%.tmp", Fd, Temp))
    return fail(StoreError::make(StoreError::CacheUnusable, D->module(), File, EC.message()));
  {
    raw_fd_ostream Out(Fd, /*shouldClose=*/true);
    Out << *Text;
    Out.close();
    if (Out.has_error()) {
      Out.clear_error();
      sys::fs::remove(Temp);
      return fail(StoreError::make(StoreError::CacheUnusable, D->module(), File, "writing failed"));
    }
  }
  if (std::error_code EC = sys::fs::rename(Temp, File)) {
    sys::fs::remove(Temp);
    return fail(StoreError::make(StoreError::CacheUnusable, D->module(), File, EC.message()));
  }
  Loads.push_back({D->module().str(), millisecondsSince(Start), Text->size(), true});
  return adopt(std::move(D));
}

DescriptorStore::Lookup DescriptorStore::load(StringRef Module, StringRef Path) {
  Lookup Found = cached(Module);
  if (Found.D || Found.Error)
    return Found;
  Found = describe(Path, Module, /*Force=*/false);
  if (Found.D && Found.D->module() != Module)
    return fail(StoreError::make(
        StoreError::BadAnswer, Path, "",
        ("it described '" + Found.D->module() + "' instead of '" + Module + "'").str()));
  return Found;
}

const Descriptor *DescriptorStore::module(StringRef Module) { return load(Module, Module).D; }

void DescriptorStore::loadedModules(SmallVectorImpl<StringRef> &Names) const {
  for (const std::unique_ptr<Descriptor> &D : Owned)
    Names.push_back(D->module());
}

DescriptorStore::Lookup DescriptorStore::corrupt(StringRef Module, StringRef File,
                                                 StringRef Detail) {
  // Online, the agent can simply write it again; offline it is all there is.
  if (!Options.Offline)
    return {};
  return fail(StoreError::make(StoreError::Corrupt, Module, File, Detail));
}

DescriptorStore::Lookup DescriptorStore::fail(StoreError Error) {
  Failures.try_emplace(Error.key(), Error);
  return {nullptr, std::move(Error)};
}

std::optional<StoreError> DescriptorStore::knownFailure(StringRef Key) const {
  auto It = Failures.find(Key);
  if (It == Failures.end())
    return std::nullopt;
  return It->second;
}

Resolution DescriptorStore::failed(StoreError Error) {
  Resolution R;
  R.Error = std::move(Error);
  return R;
}

Resolution DescriptorStore::resolve(StringRef Path) {
  SmallVector<StringRef, 4> Parts;
  Path.split(Parts, '.');

  // Builtins first, as the runtime resolves ("str.upper", "sorted").
  Lookup Builtins = cached("builtins");
  if (Builtins.Error)
    return failed(*Builtins.Error);
  if (Builtins.D && Builtins.D->root().member(Parts.front()))
    return walk(*Builtins.D, Parts, 0, Path, /*MayRedescribe=*/false);

  for (size_t N = Parts.size(); N > 0; --N) {
    Lookup Found = cached(join(ArrayRef(Parts).take_front(N)));
    if (Found.Error)
      return failed(*Found.Error);
    if (Found.D)
      return walk(*Found.D, Parts, N, Path, /*MayRedescribe=*/true);
  }

  Lookup Described = describe(Path, Parts.front(), /*Force=*/false);
  if (Described.Error) {
    const StoreError &E = *Described.Error;
    bool NoTopModule = E.What == StoreError::Agent &&
                       E.Failure.What == AgentFailure::ModuleNotFound &&
                       E.Failure.Module == Parts.front();
    if (!NoTopModule)
      return failed(E);
    Builtins = load("builtins", "builtins");
    if (Builtins.D && Builtins.D->root().member(Parts.front()))
      return walk(*Builtins.D, Parts, 0, Path, /*MayRedescribe=*/false);
    return failed(E);
  }
  StringRef Module = Described.D->module();
  if (!isPrefixPath(Module, Path))
    return failed(
        StoreError::make(StoreError::BadAnswer, Path, "", ("it described '" + Module + "'").str()));
  return walk(*Described.D, Parts, 1 + Module.count('.'), Path,
              /*MayRedescribe=*/true);
}

Resolution DescriptorStore::walk(const Descriptor &D, ArrayRef<StringRef> Parts, unsigned From,
                                 StringRef Path, bool MayRedescribe) {
  Symbol Current = D.root();
  std::optional<Symbol> Parent;
  auto Enter = [&]() -> std::optional<StoreError> {
    // A submodule listed by its package is described on its own (as itself:
    // described by the whole path, the agent would answer for the deepest
    // module it can import).
    std::string Module = Current.qualname().str();
    Lookup Sub = load(Module, Module);
    if (Sub.Error)
      return Sub.Error;
    if (!Sub.D)
      return StoreError::make(StoreError::OfflineMiss, Module, Options.CacheDir);
    Current = Sub.D->root();
    Parent.reset();
    return std::nullopt;
  };

  for (unsigned K = From; K < Parts.size(); ++K) {
    if (Current.isModuleReference())
      if (std::optional<StoreError> Error = Enter())
        return failed(*Error);
    std::optional<Symbol> Member = Current.member(Parts[K]);
    if (StringRef Corrupt = Current.descriptor().corruption(); !Corrupt.empty()) {
      // A cache file cut short after its header: online, describe the module
      // again (once) and start over.
      StringRef Module = Current.descriptor().module();
      if (!Options.Offline && !DescribedPaths.contains(Module)) {
        Lookup Again = describe(Module, Module, /*Force=*/true);
        if (Again.Error)
          return failed(*Again.Error);
        return resolve(Path);
      }
      return failed(
          *fail(StoreError::make(StoreError::Corrupt, Module, cacheFile(Module), Corrupt)).Error);
    }
    if (Member) {
      Parent = Current;
      Current = *Member;
      continue;
    }
    // A private name or an unimported submodule is only described when asked
    // for by path.
    bool Retry = MayRedescribe && !Options.Offline && Current.kind() == SymbolKind::Module &&
                 (Parts[K].starts_with("_") || Current.descriptor().isPackage()) &&
                 !DescribedPaths.contains(Path);
    if (Retry) {
      Lookup Again = describe(Path, Path, /*Force=*/true);
      if (Again.Error && Again.Error->What == StoreError::Agent &&
          Again.Error->Failure.What == AgentFailure::NameRefused)
        return failed(*Again.Error);
      if (Again.D && isPrefixPath(Again.D->module(), Path))
        return walk(*Again.D, Parts, 1 + Again.D->module().count('.'), Path, false);
    }
    Resolution R;
    R.Container = Current;
    R.Missing = Parts[K].str();
    R.MissingIndex = K;
    return R;
  }
  if (Current.isModuleReference())
    if (std::optional<StoreError> Error = Enter())
      return failed(*Error);
  Resolution R;
  R.Found = Current;
  R.Parent = Parent;
  return R;
}

} // namespace pybridge
