// A zip archive in memory: zipfile.ZipFile over an io.BytesIO (an IO[bytes]), writestr, the
// archive's ZipInfo entries with their instance attributes (filename, file_size, compress_type),
// and reading a member back as bytes.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-zipfile-memory.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/session.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace py {
struct [[pybridge::bind("io.BytesIO")]] BytesIO : pybridge::Object {
  using pybridge::Object::Object;
  BytesIO();
  pybridge::Bytes getvalue();
  long seek(long pos);
};

struct [[pybridge::bind("zipfile.ZipInfo")]] ZipInfo : pybridge::Object {
  using pybridge::Object::Object;
  std::string filename();
  long file_size();
  long compress_type();
  bool is_dir();
};

struct [[pybridge::bind("zipfile.ZipFile")]] ZipFile : pybridge::Object {
  using pybridge::Object::Object;
  ZipFile(const BytesIO &file, std::string mode, long compression);
  void writestr(const std::string &zinfo_or_arcname, const std::string &data);
  std::vector<std::string> namelist();
  std::vector<ZipInfo> infolist();
  pybridge::Bytes read(const std::string &name);
  void close();
};

[[pybridge::bind("zipfile.ZIP_DEFLATED")]] long zip_deflated();
} // namespace py

int main() {
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  py::BytesIO buffer;
  {
    py::ZipFile archive(buffer, "w", py::zip_deflated());
    archive.writestr("notes/readme.txt", std::string(200, 'a') + " and some text");
    archive.writestr("notes/", "");
    archive.writestr("data.csv", "x,y\n1,2\n");
    archive.close();
  }
  std::cout << "archive of " << buffer.getvalue().size() << " bytes\n";
  buffer.seek(0);
  py::ZipFile archive(buffer, "r", py::zip_deflated());
  for (const std::string &name : archive.namelist())
    std::cout << "name " << name << "\n";
  for (py::ZipInfo &info : archive.infolist())
    std::cout << info.filename() << ": " << info.file_size() << " bytes, method "
              << info.compress_type() << ", dir " << info.is_dir() << "\n";
  pybridge::Bytes data = archive.read("data.csv");
  std::cout << "data.csv: " << std::string(reinterpret_cast<const char *>(data.data()), data.size());
}
