// Layered configuration: collections.ChainMap over two std::maps (a MutableMapping), new_child
// for overrides, and the ChainMap handed to string.Template.substitute, which takes any
// Mapping[str, object]; the Template's own `template` attribute and identifiers.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-template-chainmap.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/session.hpp>

#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace py {
using Settings = std::map<std::string, std::string>;

struct [[pybridge::bind("collections.ChainMap")]] ChainMap : pybridge::Object {
  using pybridge::Object::Object;
  ChainMap(const Settings &overrides, const Settings &defaults);
  ChainMap new_child(const Settings &m);
  std::string operator[](const std::string &key);
  [[pybridge::name("__contains__")]] bool contains(const std::string &key);
  [[pybridge::name("__len__")]] long size();
  [[pybridge::name("__setitem__")]] void set(const std::string &key, const std::string &value);
};

struct [[pybridge::bind("string.Template")]] Template : pybridge::Object {
  using pybridge::Object::Object;
  explicit Template(std::string template_);
  [[pybridge::name("template")]] std::string text(); // an attribute __init__ sets
  std::string substitute(const ChainMap &mapping);
  std::string safe_substitute(const Settings &mapping);
  std::vector<std::string> get_identifiers();
};
} // namespace py

int main() {
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  py::ChainMap config({{"user", "ada"}}, {{"user", "guest"}, {"host", "localhost"}, {"port", "80"}});
  std::cout << "user " << config["user"] << ", host " << config["host"] << ", size "
            << config.size() << "\n";
  py::ChainMap local = config.new_child({{"port", "8080"}});
  local.set("path", "/status");
  std::cout << "local port " << local["port"] << ", has path " << local.contains("path")
            << ", config has path " << config.contains("path") << "\n";
  py::Template url("http://$user@$host:$port$path");
  std::cout << "template " << url.text() << "\n" << url.substitute(local) << "\n";
  std::cout << url.safe_substitute({{"host", "example.org"}}) << "\n";
  std::cout << "identifiers:";
  for (const std::string &id : url.get_identifiers())
    std::cout << " " << id;
  std::cout << "\n";
}
