// Stubs compiled into a precompiled header (see ../run-pch.cpp).
#include <pybridge/pybridge.hpp>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);

struct [[pybridge::bind("pybridge_check_fixture.Counter")]] Counter : pybridge::Object {
  using pybridge::Object::Object;
  Counter(long start, long step);
  long tick();
};
