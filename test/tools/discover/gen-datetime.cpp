// pybridge-discover datetime: times of day and time zones from Python
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build datetime -o %t/py/datetime.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: not grep "the compiler rejects it" %t/py/datetime.hpp
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-datetime.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// CHECK: coverage: datetime: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/datetime.hpp"

#include <pybridge/session.hpp>

#include <chrono>
#include <iostream>

namespace dt = py::datetime;

int main() {
  pybridge::Session session; // the objects below meet in calls: one worker
  pybridge::Session::Scope scope(session);
  dt::time lunch(12, 30, 45);
  std::cout << lunch.isoformat() << " " << lunch.hour() << "h\n";
  std::cout << lunch.strftime("%I:%M %p") << "\n";
  std::cout << lunch.replace(13).isoformat("minutes") << "\n";
  std::cout << dt::time::fromisoformat("07:05:00.250000").isoformat() << "\n";
  dt::timezone cest(std::chrono::hours(2), "CEST");
  std::cout << std::string(cest) << " " << cest.repr() << "\n";
  auto noon_utc = std::chrono::sys_days{std::chrono::year{2024} / 3 / 10} + std::chrono::hours(12);
  std::cout << "offset " << std::chrono::duration_cast<std::chrono::minutes>(cest.utcoffset(noon_utc)).count() << " min, name " << cest.tzname(noon_utc) << "\n";
  std::cout << "years " << dt::MINYEAR() << ".." << dt::MAXYEAR() << "\n";
}
