// io.StringIO and io.BytesIO used as files: __enter__/__exit__ inherited from IOBase, the closed
// property, writelines taking a std::vector (an Iterable[str]), and the objects handed to
// functions typed with IO protocols (json.dump's SupportsWrite[str], shutil.copyfileobj).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-io-context.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <cstddef>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace py {
struct [[pybridge::bind("io.StringIO")]] StringIO : pybridge::Object {
  using pybridge::Object::Object;
  StringIO();
  explicit StringIO(std::string initial_value);
  long write(std::string s);
  void writelines(std::vector<std::string> lines);
  std::string getvalue();
  long seek(long pos);
  std::string readline();
  bool closed();
  [[pybridge::name("__enter__")]] StringIO enter();
  [[pybridge::name("__exit__")]] void exit(std::nullptr_t type, std::nullptr_t value,
                                           std::nullptr_t traceback);
};

struct [[pybridge::bind("io.BytesIO")]] BytesIO : pybridge::Object {
  using pybridge::Object::Object;
  explicit BytesIO(pybridge::Bytes initial_bytes);
  BytesIO();
  pybridge::Bytes getvalue();
};

[[pybridge::bind("json.dump")]] void dump(std::map<std::string, long> obj, StringIO &fp,
                                          [[pybridge::name("sort_keys")]] bool sort_keys);
[[pybridge::bind("shutil.copyfileobj")]] void copyfileobj(BytesIO &fsrc, BytesIO &fdst);
} // namespace py

int main() {
  py::StringIO log;
  py::StringIO same = log.enter();
  same.write("first line\n");
  same.writelines({"second\n", "third\n"});
  py::dump({{"b", 2}, {"a", 1}}, same, true);
  std::cout << "closed before exit: " << log.closed() << "\n";
  std::cout << log.getvalue();
  std::cout << "\n";
  log.seek(0);
  std::cout << "first again: " << log.readline();
  log.exit(nullptr, nullptr, nullptr);
  std::cout << "closed after exit: " << log.closed() << "\n";

  std::string text = "bytes to copy";
  py::BytesIO source(
      pybridge::Bytes(reinterpret_cast<const std::byte *>(text.data()),
                      reinterpret_cast<const std::byte *>(text.data()) + text.size()));
  py::BytesIO target;
  py::copyfileobj(source, target);
  pybridge::Bytes copied = target.getvalue();
  std::cout << "copied " << copied.size() << " bytes: "
            << std::string(reinterpret_cast<const char *>(copied.data()), copied.size()) << "\n";
}
