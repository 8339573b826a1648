// Reading and writing CSV in memory: csv.reader over an io.StringIO (a file of text is an
// Iterable[str]) streams rows; csv.writer writes into another StringIO (a SupportsWrite[str]).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-csv-stringio.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace py {
struct [[pybridge::bind("io.StringIO")]] StringIO : pybridge::Object {
  using pybridge::Object::Object;
  StringIO();
  explicit StringIO(std::string initial_value);
  std::string getvalue();
};

// What csv.writer returns: a class only typeshed names (_csv.writer at run time).
struct [[pybridge::bind("_csv._writer")]] Writer : pybridge::Object {
  using pybridge::Object::Object;
  void writerow(std::vector<std::string> row);
};

[[pybridge::bind("csv.reader")]] pybridge::Stream<std::vector<std::string>>
reader(const StringIO &csvfile, std::string delimiter);
[[pybridge::bind("csv.writer")]] Writer writer(const StringIO &csvfile);
} // namespace py

int main() {
  py::StringIO input("city;month;rain\nOslo;jan;49\nOslo;feb;36\nBergen;jan;190\n"
                     "Bergen;feb;152\nTromso;jan;95\n");
  std::map<std::string, long> total;
  bool header = true;
  for (const std::vector<std::string> &row : py::reader(input, ";")) {
    if (header) {
      header = false;
      continue;
    }
    total[row[0]] += std::stol(row[2]);
  }
  py::StringIO output;
  py::Writer out = py::writer(output);
  out.writerow({"city", "rain"});
  for (const auto &[city, rain] : total)
    out.writerow({city, std::to_string(rain)});
  std::cout << output.getvalue();
}
