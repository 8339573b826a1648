// A library's own exception classes as C++ types: thrown as the class bound to the Python
// class or to its nearest bound base (a bound base catches its subclasses), bound classes
// deriving a listed one (json.JSONDecodeError as a pybridge::ValueError), and the chained
// exception (`raise ... from ...`) as a typed cause(). exception-classes.py is the same
// program in Python.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %pybridge_python %S/exception-classes.py %t.tar.gz > %t.expected
// RUN: %t %t.tar.gz | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=1 %t %t.tar.gz | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=2 %t %t.tar.gz | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=4 %t %t.tar.gz | %diff %t.expected -
// REQUIRES: python-networkx
#include <pybridge/pybridge.hpp>

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace nx {
struct [[pybridge::bind("networkx.Graph")]] Graph : pybridge::Object {
  using pybridge::Object::Object;
  Graph();
  void add_edge(std::string u, std::string v);
};
[[pybridge::bind("networkx.shortest_path")]] std::vector<std::string>
shortest_path(const Graph &g, [[pybridge::name("source")]] std::string source,
              [[pybridge::name("target")]] std::string target);

struct [[pybridge::bind("networkx.NetworkXException")]] NetworkXException : pybridge::PythonError {
  using PythonError::PythonError;
};
struct [[pybridge::bind("networkx.NetworkXNoPath")]] NoPath : NetworkXException {
  using NetworkXException::NetworkXException;
};
} // namespace nx

namespace sqlite {
struct [[pybridge::bind("sqlite3.Connection")]] Connection : pybridge::Object {
  using pybridge::Object::Object;
  pybridge::Object execute(std::string sql);
};
[[pybridge::bind("sqlite3.connect")]] Connection connect(std::string database);

struct [[pybridge::bind("sqlite3.DatabaseError")]] DatabaseError : pybridge::PythonError {
  using PythonError::PythonError;
};
struct [[pybridge::bind("sqlite3.IntegrityError")]] IntegrityError : DatabaseError {
  using DatabaseError::DatabaseError;
};
} // namespace sqlite

namespace json {
struct [[pybridge::bind("json.JSONDecodeError")]] JSONDecodeError : pybridge::ValueError {
  using ValueError::ValueError;
};
[[pybridge::bind("json.loads")]] pybridge::Value loads(std::string text);
} // namespace json

namespace tar {
struct [[pybridge::bind("tarfile.TarError")]] TarError : pybridge::PythonError {
  using PythonError::PythonError;
};
struct [[pybridge::bind("tarfile.ReadError")]] ReadError : TarError {
  using TarError::TarError;
};
[[pybridge::bind("tarfile.open")]] pybridge::Object open(std::string name, std::string mode);
} // namespace tar

void print_cause(const pybridge::PythonError &error) {
  const pybridge::PythonError *cause = error.cause();
  if (cause == nullptr) {
    std::cout << "  cause: none\n";
    return;
  }
  std::cout << "  cause: " << cause->module() << "." << cause->type() << " ("
            << (dynamic_cast<const pybridge::OSError *>(cause) ? "an OSError" : "not an OSError")
            << ")\n";
  try {
    cause->rethrow();
  } catch (const pybridge::OSError &os_error) {
    std::cout << "  rethrown cause caught as OSError\n";
  } catch (const pybridge::PythonError &other) {
    std::cout << "  rethrown cause caught as PythonError\n";
  }
}

void graphs() {
  nx::Graph g;
  g.add_edge("a", "b");
  g.add_edge("c", "d");
  try {
    nx::shortest_path(g, "a", "d");
  } catch (const nx::NoPath &error) {
    std::cout << "NoPath: " << error.message() << "\n";
  }
  try {
    nx::shortest_path(g, "a", "z"); // NodeNotFound: not bound, its base is
  } catch (const nx::NoPath &error) {
    std::cout << "wrongly NoPath: " << error.message() << "\n";
  } catch (const nx::NetworkXException &error) {
    std::cout << "NetworkXException (" << error.type() << "): " << error.message() << "\n";
  }
}

void databases() {
  sqlite::Connection db = sqlite::connect(":memory:");
  db.execute("CREATE TABLE users (name TEXT PRIMARY KEY)");
  db.execute("INSERT INTO users VALUES ('ada')");
  for (const char *sql : {"INSERT INTO users VALUES ('ada')", "SELECT * FROM nowhere"}) {
    try {
      db.execute(sql);
    } catch (const sqlite::DatabaseError &error) {
      bool integrity = dynamic_cast<const sqlite::IntegrityError *>(&error) != nullptr;
      std::cout << "DatabaseError (" << error.type() << (integrity ? ", an IntegrityError" : "")
                << "): " << error.message() << "\n";
    }
  }
}

void documents() {
  try {
    json::loads("{\"a\": }");
  } catch (const pybridge::ValueError &error) {
    bool decode = dynamic_cast<const json::JSONDecodeError *>(&error) != nullptr;
    std::cout << "ValueError (" << (decode ? "a JSONDecodeError" : error.type())
              << "): " << error.message() << "\n";
    print_cause(error);
  }
}

void archives(const std::string &path) {
  std::ofstream(path) << "not a gzip file\n";
  try {
    tar::open(path, "r:gz");
  } catch (const tar::TarError &error) {
    bool read = dynamic_cast<const tar::ReadError *>(&error) != nullptr;
    std::cout << "TarError (" << (read ? "a ReadError" : error.type()) << "): " << error.message()
              << "\n";
    print_cause(error);
  }
}

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  graphs();
  databases();
  documents();
  archives(argv[1]);
}
