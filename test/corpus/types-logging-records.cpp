// Log records as objects: logging.LogRecord's instance attributes (set in __init__, declared by
// typeshed) read and written, getMessage, a Formatter formatting a record, and a logger's
// effective level compared with the logging module's int constants.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-logging-records.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/session.hpp>

#include <iostream>
#include <string>
#include <tuple>

namespace logging {
struct [[pybridge::bind("logging.LogRecord")]] LogRecord : pybridge::Object {
  using pybridge::Object::Object;
  LogRecord(const std::string &name, long level, const std::string &pathname, long lineno,
            const std::string &msg, const std::tuple<long, double> &args,
            std::nullptr_t exc_info);
  std::string name();
  std::string levelname();
  long levelno();
  long lineno();
  std::string pathname();
  std::string module();
  void set_levelname(std::string levelname);
  std::string getMessage();
};

struct [[pybridge::bind("logging.Formatter")]] Formatter : pybridge::Object {
  using pybridge::Object::Object;
  explicit Formatter(const std::string &fmt);
  std::string format(const LogRecord &record);
};

struct [[pybridge::bind("logging.Logger")]] Logger : pybridge::Object {
  using pybridge::Object::Object;
  void setLevel(long level);
  long getEffectiveLevel();
  bool isEnabledFor(long level);
  std::string name();
};

[[pybridge::bind("logging.getLogger")]] Logger getLogger(const std::string &name);
[[pybridge::bind("logging.getLevelName")]] std::string getLevelName(long level);
[[pybridge::bind("logging.WARNING")]] long WARNING();
[[pybridge::bind("logging.DEBUG")]] long DEBUG();
} // namespace logging

int main() {
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  logging::LogRecord record("bridge.plugin", logging::WARNING(), "/src/plugin/TypeMapping.cpp",
                            42, "checked %d stubs in %.1f ms", {200, 12.5},
                            nullptr);
  std::cout << record.name() << " " << record.levelname() << " (" << record.levelno() << ") "
            << record.module() << ":" << record.lineno() << "\n";
  std::cout << "message: " << record.getMessage() << "\n";
  record.set_levelname("NOTICE");
  logging::Formatter formatter("%(levelname)s %(name)s: %(message)s");
  std::cout << formatter.format(record) << "\n";
  logging::Logger logger = logging::getLogger("bridge.types");
  logger.setLevel(logging::DEBUG());
  std::cout << logger.name() << " level " << logger.getEffectiveLevel() << " ("
            << logging::getLevelName(logger.getEffectiveLevel()) << "), debug enabled "
            << logger.isEnabledFor(logging::DEBUG()) << "\n";
}
