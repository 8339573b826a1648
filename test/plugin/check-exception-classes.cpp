// clang-format off
// A class deriving pybridge::PythonError binds a Python exception class: the name must be an
// exception class, and each C++ base must stand for one of its Python bases. Protocol members
// of a bound class (size, contains, erase) bind the class's dunders, checked like any method.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -Xclang -verify %s
#include <pybridge/pybridge.hpp>

#include <string>

// Fine: a library's classes, deriving the runtime's or each other.
struct [[pybridge::bind("sqlite3.DatabaseError")]] DatabaseError : pybridge::PythonError {
  using PythonError::PythonError;
};
struct [[pybridge::bind("sqlite3.IntegrityError")]] IntegrityError : DatabaseError {
  using DatabaseError::DatabaseError;
};
struct [[pybridge::bind("json.JSONDecodeError")]] JSONDecodeError : pybridge::ValueError {
  using ValueError::ValueError;
};
// A plain C++ class in between is transparent.
struct LibraryError : pybridge::PythonError {
  using PythonError::PythonError;
};
struct [[pybridge::bind("networkx.NetworkXNoPath")]] NoPath : LibraryError {
  using LibraryError::LibraryError;
};

struct [[pybridge::bind("networkx.Graph")]] NotAnError : pybridge::PythonError { // expected-error {{'networkx.Graph' is not an exception class; 'NotAnError' derives from pybridge::PythonError, so it can only bind a subclass of BaseException}}
  using PythonError::PythonError;
};

struct [[pybridge::bind("json.loads")]] Loads : pybridge::PythonError { // expected-error {{'json.loads' is a function, not a class}}
  using PythonError::PythonError;
};

// A catch of KeyError would catch what `except KeyError` does not.
struct [[pybridge::bind("json.JSONDecodeError")]] WrongBuiltin : pybridge::KeyError { // expected-error {{'json.JSONDecodeError' does not derive from 'builtins.KeyError', so 'WrongBuiltin' cannot derive from 'pybridge::KeyError' (a catch of 'pybridge::KeyError' would catch it); derive it from the C++ class of one of its Python bases}} expected-note {{'json.decoder.JSONDecodeError' derives from 'builtins.ValueError', 'builtins.Exception', 'builtins.BaseException'}}
  using KeyError::KeyError;
};
struct [[pybridge::bind("sqlite3.OperationalError")]] WrongBound : JSONDecodeError { // expected-error {{'sqlite3.OperationalError' does not derive from 'json.decoder.JSONDecodeError', so 'WrongBound' cannot derive from 'JSONDecodeError'}} expected-note {{'sqlite3.OperationalError' derives from 'sqlite3.DatabaseError', 'sqlite3.Error', 'builtins.Exception', 'builtins.BaseException'}}
  using JSONDecodeError::JSONDecodeError;
};

struct [[pybridge::bind("no_such_module_anywhere.Error")]] Missing : pybridge::PythonError { // expected-error {{no_such_module_anywhere}}
  using PythonError::PythonError;
};

// Protocol members.
struct [[pybridge::bind("collections.Counter")]] Counter : pybridge::Object {
  using pybridge::Object::Object;
  long size() const;                   // len(c)
  bool contains(std::string key) const; // key in c
  void erase(std::string key);          // del c[key]
  long operator[](std::string key) const;
};
struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  using pybridge::Object::Object;
  long size() const; // expected-error {{'fractions.Fraction' has no attribute 'size'}}
};
// REQUIRES: python-networkx
