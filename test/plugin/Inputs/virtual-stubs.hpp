// A bound class with virtual methods, included by two translation units
// (see ../run-virtual.cpp).
#include <pybridge/pybridge.hpp>

struct [[pybridge::bind("pybridge_check_fixture.Counter")]] Counter : pybridge::Object {
  using pybridge::Object::Object;
  Counter(long start, long step);
  virtual ~Counter() = default;
  virtual long tick();
  virtual long value();
};

long tick_elsewhere(Counter &counter);
