// Pure paths: pathlib.PurePosixPath's parts, names and joins, and the path passed where Python
// takes an os.PathLike[str] (os.fspath, os.path.splitext, posixpath.relpath).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-pathlib-parts.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/session.hpp>

#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace py {
struct [[pybridge::bind("pathlib.PurePosixPath")]] Path : pybridge::Object {
  using pybridge::Object::Object;
  explicit Path(std::string path);
  std::string name();
  std::string suffix();
  std::string stem();
  Path parent();
  std::vector<std::string> parts();
  Path with_suffix(std::string suffix);
  Path joinpath(std::string other);
  Path operator/(const std::string &key);
  bool is_absolute();
  bool match(std::string path_pattern);
  Path relative_to(const Path &other);
};

[[pybridge::bind("os.fspath")]] std::string fspath(const Path &path);
[[pybridge::bind("os.path.splitext")]] std::pair<std::string, std::string> splitext(const Path &p);
[[pybridge::bind("os.path.basename")]] std::string basename(const Path &p);
[[pybridge::bind("posixpath.relpath")]] std::string relpath(const Path &path, const Path &start);
} // namespace py

int main() {
  // Paths combined in one call must live on one worker (docs/runtime.md, "Sessions").
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  py::Path report("/srv/data/2024/report.final.csv");
  std::cout << "name " << report.name() << "\n";
  std::cout << "stem " << report.stem() << " suffix " << report.suffix() << "\n";
  std::cout << "parent " << py::fspath(report.parent()) << "\n";
  std::cout << "parts";
  for (const std::string &part : report.parts())
    std::cout << " [" << part << "]";
  std::cout << "\n";
  py::Path json = report.with_suffix(".json");
  std::cout << "with_suffix " << py::fspath(json) << "\n";
  py::Path joined = report.parent() / "archive" / "old.csv";
  std::cout << "joined " << joined << " absolute " << joined.is_absolute() << "\n";
  std::cout << "match *.csv " << joined.match("*.csv") << " match *.txt "
            << joined.match("*.txt") << "\n";
  auto [root, ext] = py::splitext(report);
  std::cout << "splitext " << root << " | " << ext << "\n";
  std::cout << "basename " << py::basename(json) << "\n";
  py::Path base("/srv");
  std::cout << "relative " << report.relative_to(base) << "\n";
  std::cout << "relpath " << py::relpath(report, py::Path("/srv/data/2023")) << "\n";
  std::cout << "joinpath " << base.joinpath("etc") << "\n";
}
