//===- Descriptor.cpp - a Python module's descriptor ----------------------===//
#include "Descriptor.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;
namespace dom = simdjson::dom;

namespace pybridge {

namespace {

std::optional<dom::element> field(dom::element E, std::string_view Key) {
  dom::object Object;
  if (E.get_object().get(Object))
    return std::nullopt;
  dom::element Value;
  if (Object.at_key(Key).get(Value))
    return std::nullopt;
  return Value;
}

StringRef stringField(dom::element E, std::string_view Key) {
  std::optional<dom::element> Value = field(E, Key);
  std::string_view Text;
  if (!Value || Value->get_string().get(Text))
    return StringRef();
  return StringRef(Text.data(), Text.size());
}

bool boolField(dom::element E, std::string_view Key) {
  std::optional<dom::element> Value = field(E, Key);
  bool Flag = false;
  if (!Value || Value->get_bool().get(Flag))
    return false;
  return Flag;
}

std::optional<TypeExpr> typeField(dom::element E, std::string_view Key) {
  std::optional<dom::element> Value = field(E, Key);
  if (!Value || !Value->is_object())
    return std::nullopt;
  return TypeExpr(*Value);
}

std::optional<dom::array> arrayField(dom::element E, std::string_view Key) {
  std::optional<dom::element> Value = field(E, Key);
  dom::array Array;
  if (!Value || Value->get_array().get(Array))
    return std::nullopt;
  return Array;
}

SmallVector<Signature, 1> signatureList(dom::element E, std::string_view Key) {
  SmallVector<Signature, 1> Result;
  if (std::optional<dom::array> Array = arrayField(E, Key))
    for (dom::element Item : *Array)
      if (Item.is_object())
        Result.emplace_back(Item);
  return Result;
}

Error malformed(const Twine &What) { return createStringError(inconvertibleErrorCode(), What); }

/// {"file", "mtime_ns", "size"} or {"file", "absent": true}.
Expected<SourceFile> sourceFile(dom::element E) {
  SourceFile Found;
  Found.File = stringField(E, "file").str();
  if (Found.File.empty())
    return malformed("without 'file'");
  Found.Absent = boolField(E, "absent");
  if (Found.Absent)
    return Found;
  std::optional<dom::element> Mtime = field(E, "mtime_ns");
  std::optional<dom::element> Size = field(E, "size");
  if (!Mtime || Mtime->get_int64().get(Found.MtimeNs) || !Size ||
      Size->get_uint64().get(Found.Size))
    return malformed("without 'mtime_ns' and 'size'");
  return Found;
}

} // namespace

//===- TypeExpr -----------------------------------------------------------===//

StringRef TypeExpr::name() const {
  if (!Valid)
    return "Any";
  StringRef Name = stringField(E, "name");
  return Name.empty() ? StringRef("Any") : Name;
}

unsigned TypeExpr::numArgs() const {
  if (!Valid)
    return 0;
  std::optional<dom::array> Args = arrayField(E, "args");
  return Args ? static_cast<unsigned>(Args->size()) : 0;
}

TypeExpr TypeExpr::arg(unsigned I) const {
  std::optional<dom::array> Args = arrayField(E, "args");
  dom::element Item;
  if (!Args || Args->at(I).get(Item) || !Item.is_object())
    return TypeExpr();
  return TypeExpr(Item);
}

StringRef TypeExpr::repr() const { return Valid ? stringField(E, "repr") : StringRef(); }

bool TypeExpr::isTypeVar() const { return Valid && !stringField(E, "typevar").empty(); }

bool TypeExpr::isAny() const {
  StringRef Name = name();
  return Name == "Any" || Name == "?" || Name == "object";
}

//===- Param, Signature ---------------------------------------------------===//

StringRef Param::name() const { return stringField(E, "name"); }

ParamKind Param::kind() const {
  return StringSwitch<ParamKind>(stringField(E, "kind"))
      .Case("positional_only", ParamKind::PositionalOnly)
      .Case("var_positional", ParamKind::VarPositional)
      .Case("keyword_only", ParamKind::KeywordOnly)
      .Case("var_keyword", ParamKind::VarKeyword)
      .Default(ParamKind::PositionalOrKeyword);
}

std::optional<TypeExpr> Param::type() const { return typeField(E, "type"); }
bool Param::hasDefault() const { return boolField(E, "has_default"); }
StringRef Param::defaultRepr() const { return stringField(E, "default"); }

Signature::Signature(dom::element E) : E(E) {
  if (std::optional<dom::array> Array = arrayField(E, "params"))
    for (dom::element Item : *Array)
      if (Item.is_object())
        Params.emplace_back(Item);
}

std::optional<TypeExpr> Signature::returns() const { return typeField(E, "returns"); }

StringRef Signature::source() const {
  StringRef Source = stringField(E, "source");
  return Source.empty() ? StringRef("none") : Source;
}

//===- TypeEntry ----------------------------------------------------------===//

SmallVector<TypeEntry::Supertype, 16> TypeEntry::supertypes() const {
  SmallVector<Supertype, 16> Result;
  if (std::optional<dom::array> Array = arrayField(E, "supertypes"))
    for (dom::element Item : *Array)
      if (Item.is_object())
        Result.push_back({TypeExpr(Item), stringField(Item, "via").empty()});
  return Result;
}

StringRef TypeEntry::valueType() const { return stringField(E, "value_type"); }

std::optional<TypeExpr> TypeEntry::alias() const { return typeField(E, "alias"); }

SmallVector<StringRef, 4> TypeEntry::protocolMembers() const {
  SmallVector<StringRef, 4> Names;
  if (std::optional<dom::array> Array = arrayField(E, "protocol"))
    for (dom::element Item : *Array) {
      std::string_view Text;
      if (!Item.get_string().get(Text))
        Names.push_back(StringRef(Text.data(), Text.size()));
    }
  return Names;
}

bool TypeEntry::isContravariant(unsigned I) const {
  if (std::optional<dom::array> Array = arrayField(E, "contravariant"))
    for (dom::element Item : *Array) {
      uint64_t Index;
      if (!Item.get_uint64().get(Index) && Index == I)
        return true;
    }
  return false;
}

//===- Symbol -------------------------------------------------------------===//

SymbolKind Symbol::kind() const {
  return StringSwitch<SymbolKind>(stringField(E, "kind"))
      .Case("module", SymbolKind::Module)
      .Case("class", SymbolKind::Class)
      .Case("function", SymbolKind::Function)
      .Case("property", SymbolKind::Property)
      .Case("constant", SymbolKind::Constant)
      .Default(SymbolKind::Unknown);
}

StringRef Symbol::name() const { return stringField(E, "name"); }
StringRef Symbol::qualname() const { return stringField(E, "qualname"); }

StringRef Symbol::describeError() const { return stringField(E, "error"); }

std::string Symbol::json() const { return simdjson::minify(E); }
StringRef Symbol::deprecated() const { return stringField(E, "deprecated"); }

std::optional<Symbol> Symbol::member(StringRef Name) const {
  if (IsRoot)
    return Owner->rootMember(Name);
  std::optional<dom::element> Members = field(E, "members");
  if (!Members)
    return std::nullopt;
  std::optional<dom::element> Found = field(*Members, std::string_view(Name.data(), Name.size()));
  if (!Found || !Found->is_object())
    return std::nullopt;
  return Symbol(*Owner, *Found);
}

void Symbol::memberNames(SmallVectorImpl<StringRef> &Names) const {
  if (IsRoot)
    return Owner->rootMemberNames(Names);
  std::optional<dom::element> Members = field(E, "members");
  dom::object Object;
  if (!Members || Members->get_object().get(Object))
    return;
  for (dom::key_value_pair Entry : Object)
    Names.push_back(StringRef(Entry.key.data(), Entry.key.size()));
}

bool Symbol::isModuleReference() const {
  return !IsRoot && kind() == SymbolKind::Module && !field(E, "members");
}

SmallVector<Signature, 1> Symbol::constructors() const { return signatureList(E, "init"); }

namespace {
template <unsigned N>
SmallVector<StringRef, N> stringsField(dom::element E, std::string_view Name) {
  SmallVector<StringRef, N> Result;
  if (std::optional<dom::array> Array = arrayField(E, Name))
    for (dom::element Item : *Array) {
      std::string_view Text;
      if (!Item.get_string().get(Text))
        Result.push_back(StringRef(Text.data(), Text.size()));
    }
  return Result;
}
} // namespace

SmallVector<StringRef, 2> Symbol::bases() const { return stringsField<2>(E, "bases"); }

SmallVector<StringRef, 4> Symbol::exceptionMro() const {
  return stringsField<4>(E, "exception_mro");
}

bool Symbol::isStubOnly() const { return boolField(E, "stub_only"); }
StringRef Symbol::runtimeName() const { return stringField(E, "runtime_name"); }

StringRef Symbol::typeName() const {
  // The constructor's return type is the class as annotations spell it.
  for (const Signature &Init : constructors())
    if (std::optional<TypeExpr> Returns = Init.returns(); Returns && !Returns->isAny())
      return Returns->name();
  return qualname();
}

SmallVector<Signature, 1> Symbol::signatures() const { return signatureList(E, "signatures"); }

MethodKind Symbol::methodKind() const {
  return StringSwitch<MethodKind>(stringField(E, "method_kind"))
      .Case("instance", MethodKind::Instance)
      .Case("static", MethodKind::Static)
      .Case("class", MethodKind::Class)
      .Default(MethodKind::None);
}

bool Symbol::isGenerator() const { return boolField(E, "generator"); }
bool Symbol::isAsync() const { return boolField(E, "async"); }
bool Symbol::isAsyncGenerator() const { return boolField(E, "async_generator"); }
std::optional<TypeExpr> Symbol::type() const { return typeField(E, "type"); }
bool Symbol::isReadOnly() const { return boolField(E, "readonly"); }

StringRef Symbol::source() const {
  StringRef Source = stringField(E, "source");
  return Source.empty() ? StringRef("none") : Source;
}

//===- Descriptor ---------------------------------------------------------===//

namespace {

constexpr StringLiteral HeaderStart = "{\"cache_header\":\"";
constexpr size_t HeaderDigits = 10;

/// The JSON text of an ondemand value (objects and arrays whole, scalars as
/// their token).
simdjson::error_code rawJson(simdjson::ondemand::value &Value, std::string_view &Raw) {
  simdjson::ondemand::json_type Type;
  if (simdjson::error_code Error = Value.type().get(Type))
    return Error;
  if (Type == simdjson::ondemand::json_type::object) {
    simdjson::ondemand::object Object;
    if (simdjson::error_code Error = Value.get_object().get(Object))
      return Error;
    return Object.raw_json().get(Raw);
  }
  if (Type == simdjson::ondemand::json_type::array) {
    simdjson::ondemand::array Array;
    if (simdjson::error_code Error = Value.get_array().get(Array))
      return Error;
    return Array.raw_json().get(Raw);
  }
  Raw = StringRef(Value.raw_json_token()).rtrim(" \t\r\n");
  return simdjson::SUCCESS;
}

Error jsonError(const Twine &Where, simdjson::error_code Error) {
  return malformed(Where + ": " + simdjson::error_message(Error));
}

} // namespace

namespace {

/// What indexing the agent's output finds: raw JSON pieces and member byte
/// ranges.
struct Indexed {
  using Ranges = std::vector<std::tuple<std::string_view, int64_t, int64_t>>;
  std::vector<std::pair<std::string_view, std::string_view>> Meta, Root;
  Ranges Members, Types;
};

/// The byte range of each value of a JSON object, by key.
Error indexObject(simdjson::ondemand::value &Value, const char *Base, StringRef What,
                  Indexed::Ranges &Out) {
  simdjson::ondemand::object Object;
  if (simdjson::error_code Error = Value.get_object().get(Object))
    return jsonError("invalid '" + What + "'", Error);
  for (auto Entry : Object) {
    simdjson::ondemand::field Field;
    std::string_view Name, Raw;
    if (std::move(Entry).get(Field) || Field.unescaped_key().get(Name) ||
        rawJson(Field.value(), Raw))
      return malformed("invalid member of '" + What + "'");
    Out.emplace_back(Name, Raw.data() - Base, static_cast<int64_t>(Raw.size()));
  }
  return Error::success();
}

Error indexRoot(simdjson::ondemand::value &Value, const char *Base, Indexed &Out) {
  simdjson::ondemand::object RootObject;
  if (simdjson::error_code Error = Value.get_object().get(RootObject))
    return jsonError("invalid 'root'", Error);
  for (auto Entry : RootObject) {
    simdjson::ondemand::field Field;
    std::string_view Key, Raw;
    if (simdjson::error_code Error = std::move(Entry).get(Field))
      return jsonError("invalid 'root'", Error);
    if (simdjson::error_code Error = Field.unescaped_key().get(Key))
      return jsonError("invalid 'root'", Error);
    if (Key != "members") {
      if (simdjson::error_code Error = rawJson(Field.value(), Raw))
        return jsonError("invalid 'root'", Error);
      Out.Root.emplace_back(Key, Raw);
      continue;
    }
    if (Error E = indexObject(Field.value(), Base, "members", Out.Members))
      return E;
  }
  return Error::success();
}

/// The cache header's JSON object: the key, the agent's top-level fields and
/// root symbol without its members, and the byte ranges of members and types.
/// Its length field is zeros, to be filled in.
std::string headerJson(const Indexed &Found, StringRef KeyJson) {
  std::string Header;
  raw_string_ostream Out(Header);
  json::OStream J(Out);
  auto RawObject = [&](ArrayRef<std::pair<std::string_view, std::string_view>> Fields) {
    J.object([&] {
      for (const auto &[Key, Raw] : Fields) {
        J.attributeBegin(StringRef(Key));
        J.rawValue(StringRef(Raw));
        J.attributeEnd();
      }
    });
  };
  J.object([&] {
    J.attribute("cache_header", std::string(HeaderDigits, '0'));
    J.attributeBegin("cache_key");
    J.rawValue(KeyJson.empty() ? StringRef("null") : KeyJson);
    J.attributeEnd();
    J.attributeBegin("cache_meta");
    RawObject(Found.Meta);
    J.attributeEnd();
    J.attributeBegin("cache_root");
    RawObject(Found.Root);
    J.attributeEnd();
    auto Ranges = [&](StringRef Key, const Indexed::Ranges &Items) {
      J.attributeObject(Key, [&] {
        for (const auto &[Name, Offset, Length] : Items)
          J.attributeArray(StringRef(Name), [&] {
            J.value(Offset);
            J.value(Length);
          });
      });
    };
    Ranges("cache_members", Found.Members);
    Ranges("cache_types", Found.Types);
  });
  return Header;
}

} // namespace

Expected<std::string> Descriptor::cacheText(StringRef AgentOutput, StringRef KeyJson) {
  simdjson::padded_string Padded(AgentOutput.data(), AgentOutput.size());
  simdjson::ondemand::parser Parser;
  simdjson::ondemand::document Doc;
  simdjson::ondemand::object Top;
  if (simdjson::error_code Error = Parser.iterate(Padded).get(Doc))
    return jsonError("invalid JSON", Error);
  if (simdjson::error_code Error = Doc.get_object().get(Top))
    return jsonError("not a JSON object", Error);

  // Offsets count from the byte after the agent's opening '{' (the file drops
  // it).
  StringRef Body = AgentOutput.ltrim();
  Body.consume_front("{");
  const char *Base = Padded.data() + (Body.data() - AgentOutput.data());
  Indexed Found;
  bool SawRoot = false;
  for (auto Entry : Top) {
    simdjson::ondemand::field Field;
    std::string_view Key, Raw;
    if (simdjson::error_code Error = std::move(Entry).get(Field))
      return jsonError("invalid JSON", Error);
    if (simdjson::error_code Error = Field.unescaped_key().get(Key))
      return jsonError("invalid key", Error);
    if (Key == "root") {
      SawRoot = true;
      if (Error E = indexRoot(Field.value(), Base, Found))
        return std::move(E);
      continue;
    }
    if (Key == "types") { // read entry by entry, like the root's members
      if (Error E = indexObject(Field.value(), Base, "types", Found.Types))
        return std::move(E);
      continue;
    }
    if (simdjson::error_code Error = rawJson(Field.value(), Raw))
      return jsonError(Twine("invalid '") + StringRef(Key) + "'", Error);
    if (!Key.starts_with("cache_")) // a file written by the plugin, indexed again
      Found.Meta.emplace_back(Key, Raw);
  }
  if (!SawRoot)
    return malformed("descriptor without a module 'root'");

  std::string Header = headerJson(Found, KeyJson);

  // Close the header with ',' instead of '}', then write its length into its
  // first field.
  Header.back() = ',';
  std::string Digits = std::to_string(Header.size());
  if (Digits.size() > HeaderDigits)
    return malformed("descriptor header too large");
  Header.replace(HeaderStart.size() + HeaderDigits - Digits.size(), Digits.size(), Digits);
  return Header + Body.str();
}

namespace {

/// Reads exactly `Into.size()` bytes at `Offset`; false if the file is shorter
/// or unreadable.
bool readAt(int Fd, uint64_t Offset, std::string &Into) {
  size_t Done = 0;
  while (Done < Into.size()) {
    ssize_t N =
        ::pread(Fd, Into.data() + Done, Into.size() - Done, static_cast<off_t>(Offset + Done));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Done += static_cast<size_t>(N);
  }
  return true;
}

/// The header's length from the file's first bytes.
Expected<size_t> headerSize(StringRef Start, uint64_t FileSize) {
  size_t Size = 0;
  if (Start.substr(HeaderStart.size(), HeaderDigits).getAsInteger(10, Size) ||
      Size <= HeaderStart.size() + HeaderDigits || Size > FileSize)
    return malformed("its header length is wrong");
  return Size;
}

} // namespace

Descriptor::~Descriptor() {
  if (Fd >= 0)
    ::close(Fd);
}

Expected<std::unique_ptr<Descriptor>> Descriptor::load(std::unique_ptr<MemoryBuffer> Text) {
  StringRef Bytes = Text->getBuffer();
  if (!Bytes.starts_with(HeaderStart)) {
    // Plain agent output (written by hand or by an older plugin): index it
    // first.
    Expected<std::string> Indexed = cacheText(Bytes, "");
    if (!Indexed)
      return Indexed.takeError();
    return load(MemoryBuffer::getMemBufferCopy(*Indexed, Text->getBufferIdentifier()));
  }
  Expected<size_t> HeaderSize = headerSize(Bytes, Bytes.size());
  if (!HeaderSize)
    return HeaderSize.takeError();
  std::unique_ptr<Descriptor> D(new Descriptor());
  D->Text = std::move(Text);
  D->BodyStart = *HeaderSize;
  if (Error E = D->readHeader(Bytes.take_front(*HeaderSize)))
    return std::move(E);
  return D;
}

Expected<std::unique_ptr<Descriptor>> Descriptor::open(StringRef File) {
  std::unique_ptr<Descriptor> D(new Descriptor());
  D->Fd = ::open(File.str().c_str(), O_RDONLY | O_CLOEXEC);
  struct stat Info;
  if (D->Fd < 0 || ::fstat(D->Fd, &Info) != 0)
    return malformed(std::strerror(errno));
  D->FileSize = static_cast<uint64_t>(Info.st_size);
  std::string Start(HeaderStart.size() + HeaderDigits, '\0');
  if (!readAt(D->Fd, 0, Start) || !StringRef(Start).starts_with(HeaderStart)) {
    // Not written by the plugin: read it whole and index it.
    std::string Whole(D->FileSize, '\0');
    if (!readAt(D->Fd, 0, Whole))
      return malformed("it could not be read");
    return load(MemoryBuffer::getMemBufferCopy(Whole, File));
  }
  Expected<size_t> HeaderSize = headerSize(Start, D->FileSize);
  if (!HeaderSize)
    return HeaderSize.takeError();
  std::string Header(*HeaderSize, '\0');
  if (!readAt(D->Fd, 0, Header))
    return malformed("it was cut short");
  D->BodyStart = *HeaderSize;
  if (Error E = D->readHeader(Header))
    return std::move(E);
  return D;
}

size_t Descriptor::sizeInBytes() const { return Fd >= 0 ? FileSize : Text->getBufferSize(); }

Error Descriptor::readHeader(StringRef Bytes) {
  std::string HeaderJson = Bytes.str();
  HeaderJson.back() = '}';
  HeaderText = simdjson::padded_string(HeaderJson);
  if (simdjson::error_code Error = HeaderParser.parse(HeaderText).get(Header))
    return jsonError("invalid JSON in its header", Error);
  std::optional<dom::element> Meta = field(Header, "cache_meta");
  std::optional<dom::element> RootField = field(Header, "cache_root");
  std::optional<dom::element> IndexField = field(Header, "cache_members");
  std::optional<dom::element> TypesField = field(Header, "cache_types");
  if (!Meta || !RootField || !IndexField || IndexField->get_object().get(Index.Entries) ||
      !TypesField || TypesField->get_object().get(TypeIndex.Entries))
    return malformed(
        "its header lacks 'cache_meta', 'cache_root', 'cache_members' or 'cache_types'");
  int64_t Schema = 0;
  std::optional<dom::element> SchemaField = field(*Meta, "schema");
  if (!SchemaField || SchemaField->get_int64().get(Schema))
    return malformed("not a PyBridge descriptor (no 'schema')");
  if (Schema != SchemaVersion)
    return malformed("descriptor schema " + Twine(Schema) + ", this plugin reads schema " +
                     Twine(SchemaVersion));
  Module = stringField(*Meta, "module");
  Hash = stringField(*Meta, "hash");
  ModuleHash = stringField(*Meta, "module_hash");
  Fingerprint = stringField(*Meta, "fingerprint");
  if (Module.empty() || Hash.empty())
    return malformed("descriptor without 'module' or 'hash'");
  if (stringField(*RootField, "kind") != "module")
    return malformed("descriptor without a module 'root'");
  Root = *RootField;
  if (std::optional<dom::element> Python = field(*Meta, "python"))
    PythonVersion = stringField(*Python, "version");
  LibraryVersion = stringField(*Meta, "library_version");
  if (std::optional<dom::element> OriginField = field(*Meta, "origin");
      OriginField && OriginField->is_object()) {
    Expected<SourceFile> O = sourceFile(*OriginField);
    if (!O)
      return malformed("descriptor 'origin' " + toString(O.takeError()));
    Origin = std::move(*O);
  }
  if (std::optional<dom::array> SourcesField = arrayField(*Meta, "sources")) {
    for (dom::element Item : *SourcesField) {
      Expected<SourceFile> File = sourceFile(Item);
      if (!File)
        return malformed("descriptor 'sources' entry " + toString(File.takeError()));
      Sources.push_back(std::move(*File));
    }
  } else if (Origin) {
    Sources.push_back(*Origin);
  }
  return Error::success();
}

std::optional<Symbol> Descriptor::rootMember(StringRef Name) const {
  std::optional<dom::element> Found = indexed(Index, Name, "member");
  return Found ? std::optional<Symbol>(Symbol(*this, *Found)) : std::nullopt;
}

std::optional<TypeEntry> Descriptor::typeEntry(StringRef Name) const {
  std::optional<dom::element> Found = indexed(TypeIndex, Name, "type");
  return Found ? std::optional<TypeEntry>(TypeEntry(*Found)) : std::nullopt;
}

std::optional<dom::element> Descriptor::indexed(const LazyIndex &From, StringRef Name,
                                                StringRef What) const {
  auto [It, Inserted] = From.Parsed.try_emplace(Name);
  if (!Inserted)
    return It->second ? std::optional<dom::element>(It->second->root()) : std::nullopt;
  dom::array Range;
  int64_t Offset = 0, Length = 0;
  if (From.Entries.at_key(std::string_view(Name.data(), Name.size())).get_array().get(Range))
    return std::nullopt; // no such entry
  bool InFile =
      !Range.at(0).get_int64().get(Offset) && !Range.at(1).get_int64().get(Length) && Offset >= 0 &&
      Length > 0 &&
      BodyStart + static_cast<uint64_t>(Offset) + static_cast<uint64_t>(Length) <= sizeInBytes();
  if (!InFile) {
    Corruption = ("the index of '" + Name + "' points outside the file").str();
    return std::nullopt;
  }
  // From a cache file, read just this entry (a file cut short since it was
  // opened reads short: an error, where a mapping would be SIGBUS).
  std::string FromFile;
  const char *Start = nullptr;
  if (Fd >= 0) {
    FromFile.resize(static_cast<size_t>(Length));
    if (!readAt(Fd, BodyStart + static_cast<uint64_t>(Offset), FromFile)) {
      Corruption = (What + " '" + Name + "' could not be read: the file was cut short").str();
      return std::nullopt;
    }
    Start = FromFile.data();
  } else {
    Start = Text->getBufferStart() + BodyStart + Offset;
  }
  auto Doc = std::make_unique<dom::document>();
  dom::element Element;
  if (simdjson::error_code Error =
          MemberParser.parse_into_document(*Doc, Start, static_cast<size_t>(Length)).get(Element)) {
    Corruption =
        (What + " '" + Name + "' is invalid JSON: " + simdjson::error_message(Error)).str();
    return std::nullopt;
  }
  if (!Element.is_object()) {
    Corruption = (What + " '" + Name + "' is not an object").str();
    return std::nullopt;
  }
  It->second = std::move(Doc);
  return Element;
}

void Descriptor::rootMemberNames(SmallVectorImpl<StringRef> &Names) const {
  for (dom::key_value_pair Entry : Index.Entries)
    Names.push_back(StringRef(Entry.key.data(), Entry.key.size()));
}

std::optional<dom::object> Descriptor::cacheKey() const {
  std::optional<dom::element> Key = field(Header, "cache_key");
  dom::object Object;
  if (!Key || Key->get_object().get(Object))
    return std::nullopt;
  return Object;
}

bool Descriptor::isPackage() const {
  return Origin && StringRef(Origin->File).ends_with("__init__.py");
}

} // namespace pybridge
