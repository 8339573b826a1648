// Building an e-mail with email.message.EmailMessage: headers through the mapping dunders it
// inherits (__setitem__, __getitem__, __contains__, __delitem__), its content, and keys().
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-email-headers.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace py {
struct [[pybridge::bind("email.message.EmailMessage")]] EmailMessage : pybridge::Object {
  using pybridge::Object::Object;
  EmailMessage();
  [[pybridge::name("__setitem__")]] void set_header(const std::string &name, const std::string &val);
  [[pybridge::name("__getitem__")]] std::optional<std::string> header(const std::string &name);
  [[pybridge::name("__contains__")]] bool has(const std::string &name);
  [[pybridge::name("__delitem__")]] void remove(const std::string &name);
  std::vector<std::string> keys();
  void set_content(const std::string &content);
  std::string get_content_type();
  bool is_multipart();
  std::string as_string();
};
} // namespace py

int main() {
  py::EmailMessage msg;
  msg.set_header("From", "ada@example.org");
  msg.set_header("To", "grace@example.org");
  msg.set_header("Subject", "Typed bridges");
  msg.set_header("X-Draft", "yes");
  msg.set_content("Hello Grace,\nthe stubs compile now.\n");
  std::cout << "subject: " << msg.header("Subject").value_or("?") << "\n";
  std::cout << "has X-Draft " << msg.has("X-Draft") << ", missing header -> "
            << msg.header("Cc").value_or("(none)") << "\n";
  msg.remove("X-Draft");
  std::cout << "keys:";
  for (const std::string &key : msg.keys())
    std::cout << " " << key;
  std::cout << "\ntype " << msg.get_content_type() << ", multipart " << msg.is_multipart()
            << "\n---\n"
            << msg.as_string();
}
