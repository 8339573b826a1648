// Calendar dates with datetime.date bound as a class: arithmetic with a timedelta
// (std::chrono days), replace, isoformat, weekday, comparisons, the classmethods fromisoformat
// and today-independent ordinal conversions, and calendar functions taking plain ints.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-datetime-dates.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/session.hpp>

#include <chrono>
#include <iostream>
#include <string>
#include <utility>

namespace py {
struct [[pybridge::bind("datetime.date")]] Date : pybridge::Object {
  using pybridge::Object::Object;
  Date(long year, long month, long day);
  static Date fromisoformat(const std::string &date_string);
  static Date fromordinal(long n);
  Date operator+(std::chrono::days other) const;
  std::chrono::days operator-(const Date &other) const;
  bool operator<(const Date &other) const;
  Date replace(long year, long month, long day) const;
  std::string isoformat() const;
  long weekday() const;
  long toordinal() const;
  long year() const;
  std::string strftime(const std::string &format) const;
};

[[pybridge::bind("calendar.monthrange")]] std::pair<long, long> monthrange(long year, long month);
[[pybridge::bind("calendar.isleap")]] bool isleap(long year);
} // namespace py

int main() {
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  py::Date launch(2024, 2, 27);
  py::Date later = launch + std::chrono::days(3);
  std::cout << launch.isoformat() << " + 3 days = " << later.isoformat() << " (weekday "
            << later.weekday() << ")\n";
  py::Date release = py::Date::fromisoformat("2024-12-24");
  std::cout << "days to release " << (release - launch).count() << ", before "
            << (launch < release) << "\n";
  py::Date moved = release.replace(2025, 1, 6);
  std::cout << "moved " << moved.strftime("%A %d %B %Y") << "\n";
  std::cout << "ordinal " << moved.toordinal() << " -> "
            << py::Date::fromordinal(moved.toordinal() + 1).isoformat() << "\n";
  auto [first, days] = py::monthrange(launch.year(), 2);
  std::cout << "February " << launch.year() << ": starts on " << first << ", " << days
            << " days, leap " << py::isleap(launch.year()) << "\n";
}
