// Bound classes: constructors against __init__, methods, static and class methods,
// properties (getters, `set_x` setters), operator() as __call__, [[pybridge::name]],
// __getattr__ classes, and bound classes as parameter and result types.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
#include <pybridge/pybridge.hpp>

namespace fx {
struct [[pybridge::bind("pybridge_check_fixture.Base")]] Base : pybridge::Object {
  using pybridge::Object::Object;
  explicit Base(std::string name);
  std::string greet(std::string greeting);
  [[pybridge::name("greet")]] std::string greet_default2();
  std::string kind(); // a class attribute, read like a property
  std::string grete(std::string greeting); // expected-error {{'pybridge_check_fixture.Base' has no method 'grete'; did you mean 'greet'?}}
  [[pybridge::name("gret")]] std::string hello(); // expected-error {{'pybridge_check_fixture.Base' has no attribute 'gret'; did you mean 'greet'?}}
};

struct [[pybridge::bind("pybridge_check_fixture.Derived")]] Derived : Base {
  using Base::Base;
  Derived(std::string name, long level);
  Derived(long name, long level); // expected-error {{Python parameter 'name' expects 'str', not 'long'}} expected-note {{'pybridge_check_fixture.Derived' is declared here as 'Derived(name: str, level: int = 1)' (types from run-time annotations)}}
  explicit Derived(long level); // expected-error {{stub of 'pybridge_check_fixture.Derived' lacks required Python parameter 'name'}} expected-note {{declared here}}
  Derived(); // expected-error {{stub of 'pybridge_check_fixture.Derived' lacks required Python parameter 'name'}} expected-note {{declared here}}
};

struct [[pybridge::bind("pybridge_check_fixture.Other")]] Other : pybridge::Object {
  using pybridge::Object::Object;
  Other();
};

// A bound class as a parameter: the Python class or a subclass of it.
[[pybridge::bind("pybridge_check_fixture.describe")]] std::string describe(Base item);
[[pybridge::bind("pybridge_check_fixture.describe")]] std::string describe_derived(Derived item);
[[pybridge::bind("pybridge_check_fixture.describe")]] std::string describe_other(Other item); // expected-error {{Python parameter 'item' expects 'pybridge_check_fixture.Base', not 'Other'}} expected-note {{declared here}}
// As a result: the class, a base or a subclass of it.
[[pybridge::bind("pybridge_check_fixture.promote")]] Derived promote(std::string name);
[[pybridge::bind("pybridge_check_fixture.promote")]] Base promote_base(std::string name);
[[pybridge::bind("pybridge_check_fixture.promote")]] Other promote_other(std::string name); // expected-error {{'pybridge_check_fixture.promote' returns 'pybridge_check_fixture.Derived', not 'Other'}} expected-note {{declared here}}

struct [[pybridge::bind("pybridge_check_fixture.Counter")]] Counter : pybridge::Object {
  using pybridge::Object::Object;
  Counter(long start, long step);
  explicit Counter(long start);
  long value();          // read-only property
  long step();           // property
  void set_step(long step);
  void set_value(long v); // expected-error {{Python property 'pybridge_check_fixture.Counter.value' is read-only; 'set_value' cannot set it}}
  [[pybridge::name("value")]] std::string value_as_text(); // expected-error {{Python property 'value' is 'int', not 'std::string'}}
  [[pybridge::name("step")]] long step_of(int which); // expected-error {{'step_of' reads Python property 'step', so it takes no parameters and returns its value}}
  long tick();
  long operator()(long times);
  long operator()(std::string times); // expected-error {{Python parameter 'times' expects 'int', not 'std::string'}} expected-note {{declared here}}
  static Counter starting_at(long start);
  static std::string describe_step(long step);
  [[pybridge::name("tick")]] static long tick_static2(); // expected-error {{'pybridge_check_fixture.Counter.tick' is an instance method in Python; declare 'tick_static2' without 'static'}}
  long old_tick(); // expected-warning {{'pybridge_check_fixture.Counter.old_tick' is deprecated: 1.5: Use tick().}}
  long operator[](long index); // expected-error {{'pybridge_check_fixture.Counter' has no method '__getitem__'}}
  long operator%(long index); // expected-error {{'pybridge_check_fixture.Counter' has no method '__mod__'}}
};

// A class answering any attribute (__getattr__): unknown members are dynamic.
struct [[pybridge::bind("pybridge_check_fixture.Dynamic")]] Dynamic : pybridge::Object {
  using pybridge::Object::Object;
  Dynamic();
  std::string anything();
  void set_anything(std::string value);
  std::string call_something(long x, std::string y);
};

struct [[pybridge::bind("pybridge_check_fixture.Shape")]] NotAnObject { // expected-error {{bound class 'NotAnObject' must derive from pybridge::Object (it holds the Python object)}}
  double area();
};

// Virtual bound methods get bodies like any other.
struct [[pybridge::bind("pybridge_check_fixture.Shape")]] Shape : pybridge::Object {
  using pybridge::Object::Object;
  Shape();
  virtual ~Shape() = default;
  virtual double area();
  virtual long sides();
  virtual double perimeter(); // expected-error {{'pybridge_check_fixture.Shape' has no attribute 'perimeter'}}
};

// Members of class templates cannot be bound.
template <class T> struct [[pybridge::bind("pybridge_check_fixture.Shape")]] ShapeOf : pybridge::Object { // expected-error {{bound class 'ShapeOf' cannot be a template}}
  double area();
};
template <class T> struct Holder {
  [[pybridge::bind("math.sqrt")]] static double root(double x); // expected-error {{'root' is a member of a class template, which cannot be bound to Python; bind a non-template class}}
};

// Nested bound classes are bound too; member templates get no body.
struct [[pybridge::bind("pybridge_check_fixture.Counter")]] Outer : pybridge::Object {
  using pybridge::Object::Object;
  template <class T> T get(); // expected-error {{bound function 'get' cannot be a template}}
  struct [[pybridge::bind("pybridge_check_fixture.Base")]] Inner : pybridge::Object {
    std::string greet(std::string greeting);
    std::string great(std::string greeting); // expected-error {{'pybridge_check_fixture.Base' has no method 'great'; did you mean 'greet'?}}
  };
};

// A static member of a plain class may be bound on its own; an instance method may not.
struct Math {
  [[pybridge::bind("math.sqrt")]] static double root(double x);
  [[pybridge::bind("math.sqrt")]] double not_static(double x); // expected-error {{'not_static' is bound to Python but its class 'Math' is not; bind the class with [[pybridge::bind("...")]] or make the method static}}
};
} // namespace fx

// Conversion operators call Python's conversions; one Python has none for is an error, and a
// class without the conversion says which dunder is missing.
namespace conv {
struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  using pybridge::Object::Object;
  explicit operator double();
  [[pybridge::name("__float__")]] double as_float();
  explicit operator std::vector<long>(); // expected-error {{'operator vector' has no Python equivalent; name the Python method with [[pybridge::name("...")]]}}
};
struct [[pybridge::bind("pybridge_check_fixture.Other")]] Other : pybridge::Object {
  explicit operator double(); // expected-error {{'pybridge_check_fixture.Other' has no method '__float__'}}
};
} // namespace conv
