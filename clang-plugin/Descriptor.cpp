//===- Descriptor.cpp - a Python module's descriptor -------------------------------===//
#include "Descriptor.h"

#include "llvm/ADT/StringSwitch.h"

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

Error malformed(const Twine &What) {
  return createStringError(inconvertibleErrorCode(), What);
}

} // namespace

//===- TypeExpr ------------------------------------------------------------------===//

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

bool TypeExpr::isAny() const {
  StringRef Name = name();
  // Protocols the agent keeps by name (SupportsAbs, numpy's _SupportsArray...) check
  // nothing a C++ type could fail: treat them as Any, as the descriptor format says.
  StringRef Last = Name.rsplit('.').second.empty() ? Name : Name.rsplit('.').second;
  return Name == "Any" || Name == "?" || Name == "object" || Last.starts_with("Supports") ||
         Last.starts_with("_Supports");
}

//===- Param / Signature ---------------------------------------------------------===//

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

//===- Symbol --------------------------------------------------------------------===//

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
StringRef Symbol::deprecated() const { return stringField(E, "deprecated"); }

std::optional<Symbol> Symbol::member(StringRef Name) const {
  std::optional<dom::element> Members = field(E, "members");
  if (!Members)
    return std::nullopt;
  std::optional<dom::element> Found = field(*Members, std::string_view(Name.data(), Name.size()));
  if (!Found || !Found->is_object())
    return std::nullopt;
  return Symbol(*Owner, *Found);
}

void Symbol::memberNames(SmallVectorImpl<StringRef> &Names) const {
  std::optional<dom::element> Members = field(E, "members");
  dom::object Object;
  if (!Members || Members->get_object().get(Object))
    return;
  for (dom::key_value_pair Entry : Object)
    Names.push_back(StringRef(Entry.key.data(), Entry.key.size()));
}

bool Symbol::isModuleReference() const {
  return kind() == SymbolKind::Module && !field(E, "members");
}

SmallVector<Signature, 1> Symbol::constructors() const { return signatureList(E, "init"); }

SmallVector<StringRef, 2> Symbol::bases() const {
  SmallVector<StringRef, 2> Result;
  if (std::optional<dom::array> Array = arrayField(E, "bases"))
    for (dom::element Item : *Array) {
      std::string_view Text;
      if (!Item.get_string().get(Text))
        Result.push_back(StringRef(Text.data(), Text.size()));
    }
  return Result;
}

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

//===- Descriptor ----------------------------------------------------------------===//

Expected<std::unique_ptr<Descriptor>> Descriptor::parse(simdjson::padded_string Text) {
  std::unique_ptr<Descriptor> D(new Descriptor());
  D->Text = std::move(Text);
  if (simdjson::error_code Error = D->Parser.parse(D->Text).get(D->Doc))
    return malformed(Twine("invalid JSON: ") + simdjson::error_message(Error));
  int64_t Schema = 0;
  std::optional<dom::element> SchemaField = field(D->Doc, "schema");
  if (!SchemaField || SchemaField->get_int64().get(Schema))
    return malformed("not a PyBridge descriptor (no 'schema')");
  if (Schema != 1)
    return malformed("descriptor schema " + Twine(Schema) + ", this plugin reads schema 1");
  D->Module = stringField(D->Doc, "module");
  D->Hash = stringField(D->Doc, "hash");
  D->ModuleHash = stringField(D->Doc, "module_hash");
  if (D->Module.empty() || D->Hash.empty())
    return malformed("descriptor without 'module' or 'hash'");
  std::optional<dom::element> Root = field(D->Doc, "root");
  if (!Root || stringField(*Root, "kind") != "module" || !field(*Root, "members"))
    return malformed("descriptor without a module 'root'");
  D->Root = *Root;
  if (std::optional<dom::element> Python = field(D->Doc, "python"))
    D->PythonVersion = stringField(*Python, "version");
  D->LibraryVersion = stringField(D->Doc, "library_version");
  if (std::optional<dom::element> Origin = field(D->Doc, "origin"); Origin && Origin->is_object()) {
    ModuleOrigin O;
    O.File = stringField(*Origin, "file").str();
    std::optional<dom::element> Mtime = field(*Origin, "mtime_ns");
    std::optional<dom::element> Size = field(*Origin, "size");
    if (!Mtime || Mtime->get_int64().get(O.MtimeNs) || !Size || Size->get_uint64().get(O.Size))
      return malformed("descriptor 'origin' without 'mtime_ns' and 'size'");
    D->Origin = std::move(O);
  }
  return D;
}

std::optional<dom::object> Descriptor::cacheKey() const {
  std::optional<dom::element> Key = field(Doc, "cache_key");
  dom::object Object;
  if (!Key || Key->get_object().get(Object))
    return std::nullopt;
  return Object;
}

bool Descriptor::isPackage() const {
  return Origin && StringRef(Origin->File).ends_with("__init__.py");
}

} // namespace pybridge
