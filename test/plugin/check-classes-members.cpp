// Every member Python has (docs/plugin.md, "Classes"): attributes __init__ assigns, properties
// only the stub declares, an enum's name and value, namedtuple fields (read-only), dunders such
// as __setitem__, and classes only the stubs define (bindable, not constructible).
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// clang-format off
#include <pybridge/pybridge.hpp>

namespace fx {
// Tape.__init__ assigns self.text from a str parameter: a str attribute, readable and writable.
struct [[pybridge::bind("pybridge_types_fixture.Tape")]] Tape : pybridge::Object {
  using pybridge::Object::Object;
  explicit Tape(std::string text);
  std::string text();
  void set_text(std::string text);
  [[pybridge::name("text")]] long text_as_number(); // expected-error {{Python property 'text' is 'str', not 'long'}}
  void set_txet(std::string text); // expected-error {{'pybridge_types_fixture.Tape' has no method 'set_txet'}}
};

struct [[pybridge::bind("http.HTTPStatus")]] HTTPStatus : pybridge::Object {
  using pybridge::Object::Object;
  explicit HTTPStatus(long value);
  std::string name();
  long value();
  std::string phrase(); // typeshed's property: set per member at run time
  static HTTPStatus OK();
  void set_phrase(std::string phrase); // expected-error {{Python property 'http.HTTPStatus.phrase' is read-only; 'set_phrase' cannot set it}}
  [[pybridge::name("value")]] std::string value_text(); // expected-error {{Python property 'value' is 'int', not 'std::string'}}
};

struct [[pybridge::bind("urllib.parse.ParseResult")]] ParseResult : pybridge::Object {
  using pybridge::Object::Object;
  std::string scheme();
  void set_scheme(std::string scheme); // expected-error {{Python property 'urllib.parse.ParseResult.scheme' is read-only; 'set_scheme' cannot set it}}
};

struct [[pybridge::bind("email.message.EmailMessage")]] EmailMessage : pybridge::Object {
  using pybridge::Object::Object;
  EmailMessage();
  [[pybridge::name("__setitem__")]] void set(std::string name, std::string value);
  [[pybridge::name("__delitem__")]] void remove(std::string name);
};

// Only typeshed has hashlib._Hash; its objects come from hashlib's functions.
struct [[pybridge::bind("hashlib._Hash")]] Hash : pybridge::Object {
  using pybridge::Object::Object;
  Hash(); // expected-error {{'hashlib._Hash' exists only in Python's type stubs (at run time it is '_hashlib.HASH'), so it cannot be constructed; get its objects from a function that returns one}}
  std::string hexdigest();
  void update(pybridge::Bytes data);
  long digest_size();
  std::string hexdigets(); // expected-error {{'hashlib._Hash' has no attribute 'hexdigets'; did you mean 'hexdigest'?}}
};
[[pybridge::bind("hashlib.sha256")]] Hash sha256(pybridge::Bytes string);
} // namespace fx
