// Message digests: hashlib's constructors return typeshed's hashlib._Hash (the run-time class
// is _hashlib.HASH), bound as a stub class: update, copy, hexdigest, and its properties.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-hashlib-digests.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <string>

namespace py {
struct [[pybridge::bind("hashlib._Hash")]] Hash : pybridge::Object {
  using pybridge::Object::Object;
  void update(const pybridge::Bytes &data);
  Hash copy();
  std::string hexdigest();
  pybridge::Bytes digest();
  std::string name();
  long digest_size();
  long block_size();
};

[[pybridge::bind("hashlib.sha256")]] Hash sha256(const pybridge::Bytes &string);
[[pybridge::bind("hashlib.md5")]] Hash md5();
[[pybridge::bind("hashlib.new")]] Hash new_hash(std::string name);
} // namespace py

pybridge::Bytes bytes(const std::string &text) {
  pybridge::Bytes out;
  for (char c : text)
    out.push_back(static_cast<std::byte>(c));
  return out;
}

int main() {
  py::Hash sha = py::sha256(bytes("The quick brown fox "));
  py::Hash prefix = sha.copy();
  sha.update(bytes("jumps over the lazy dog"));
  std::cout << sha.name() << " " << sha.digest_size() << " " << sha.block_size() << "\n";
  std::cout << "full   " << sha.hexdigest() << "\n";
  std::cout << "prefix " << prefix.hexdigest() << "\n";
  py::Hash md = py::md5();
  for (const char *part : {"a", "b", "c"})
    md.update(bytes(part));
  std::cout << md.name() << " " << md.hexdigest() << " (" << md.digest().size() << " bytes)\n";
  py::Hash blake = py::new_hash("blake2b");
  blake.update(bytes("pybridge"));
  std::cout << blake.name() << " " << blake.hexdigest().substr(0, 32) << "\n";
}
