// Where and how a bound declaration may be written: redeclarations, conflicting targets,
// definitions by hand, block scope, and shapes that cannot call Python (constexpr, deleted,
// explicit object parameters, noexcept).
// RUN: %clangxx %pybridge_cxxflags -std=c++23 -fsyntax-only -ferror-limit=0 -Xclang -verify %s
#include <pybridge/pybridge.hpp>

// A redeclaration is bound with its first declaration; repeating the same target is fine.
[[pybridge::bind("math.sqrt")]] double root(double x);
double root(double x);
[[pybridge::bind("math.sqrt")]] double root(double x);
double twice_root(double x) { return 2 * root(x); }

// An attribute on a later declaration binds the function too.
double late(double x);
[[pybridge::bind("math.sqrt")]] double late(double x);

// Two targets for one function or class.
[[pybridge::bind("math.sqrt")]] double floor_or_root(double x); // expected-note {{'floor_or_root' is bound to 'math.sqrt' here}}
[[pybridge::bind("math.floor")]] double floor_or_root(double x); // expected-error {{'floor_or_root' is bound to 'math.floor' here but to 'math.sqrt' by an earlier declaration}}
struct [[pybridge::bind("fractions.Fraction")]] Number; // expected-note {{'Number' is bound to 'fractions.Fraction' here}}
struct [[pybridge::bind("decimal.Decimal")]] Number : pybridge::Object { // expected-error {{'Number' is bound to 'decimal.Decimal' here but to 'fractions.Fraction' by an earlier declaration}}
  explicit Number(std::string text);
};

// Bodies are the plugin's: a definition by hand is an error, also out of line.
[[pybridge::bind("math.sqrt")]] double defined_later(double x); // expected-note {{previous definition is here}}
double defined_later(double x) { return x; } // expected-error {{redefinition of 'defined_later'}} expected-error {{'defined_later' is bound to Python and must not have a body; PyBridge writes it}}
// (clang drops an attribute added after the definition.)
double defined_before(double x) { return x; } // expected-note {{previous definition is here}}
[[pybridge::bind("math.sqrt")]] double defined_before(double x); // expected-warning {{attribute declaration must precede definition}}

struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  using pybridge::Object::Object;
  Fraction(long numerator, long denominator);
  Fraction limit_denominator(long max_denominator); // expected-note {{previous definition is here}}
  std::string helper() { return "written by hand"; }
  // A member bound on its own: static members call that object, instance methods cannot.
  [[pybridge::bind("math.sqrt")]] static double root(double x);
  [[pybridge::bind("math.sqrt")]] double root_of(double x); // expected-error {{instance method 'root_of' of a class bound to 'fractions.Fraction' cannot call 'math.sqrt': there is no Python object to pass it; make it static, or name a method of 'fractions.Fraction' with [[pybridge::name]]}}
};
Fraction Fraction::limit_denominator(long) { return *this; } // expected-error {{redefinition of 'limit_denominator'}} expected-error {{'limit_denominator' is bound to Python and must not have a body; PyBridge writes it (define hand-written helpers of a bound class inside the class)}}

struct Util {
  [[pybridge::bind("math.sqrt")]] static double root(double x); // expected-note {{previous definition is here}}
};
double Util::root(double x) { return x; } // expected-error {{redefinition of 'root'}} expected-error {{'root' is bound to Python and must not have a body}}

// An explicit specialization of a class template's static member can be bound.
template <class T> struct Maths {
  static double root(double x);
};
template <> [[pybridge::bind("math.sqrt")]] double Maths<int>::root(double x);

// Block scope: nothing there gets a body.
int block_scope() {
  [[pybridge::bind("math.sqrt")]] double local_root(double x); // expected-error {{'local_root' is declared inside a function; PyBridge binds declarations at namespace or class scope: move it (or its class) out of the function}}
  struct [[pybridge::bind("fractions.Fraction")]] LocalFraction : pybridge::Object { // expected-error {{'LocalFraction' is declared inside a function}}
    LocalFraction(long numerator, long denominator);
  };
  struct Local {
    [[pybridge::bind("math.sqrt")]] static double root(double x); // expected-error {{'root' is declared inside a function}}
  };
  return 0;
}
template <class T> double in_template(T x) {
  [[pybridge::bind("math.sqrt")]] double local_root(double x); // expected-error {{'local_root' is declared inside a function}}
  return local_root(x);
}

// Shapes that cannot call Python.
[[pybridge::bind("math.sqrt")]] constexpr double constant_root(double x); // expected-error {{bound function 'constant_root' cannot be constexpr: it calls Python at run time}}
[[pybridge::bind("math.sqrt")]] consteval double immediate_root(double x); // expected-error {{bound function 'immediate_root' cannot be consteval: it calls Python at run time}}
[[pybridge::bind("math.sqrt")]] double deleted_root(double x) = delete; // expected-error {{bound function 'deleted_root' cannot be deleted; remove '= delete' or the pybridge::bind attribute}}
[[pybridge::bind("sys.exit"), noreturn]] void leave(long code); // its body does not fall off its end
[[pybridge::bind("math.sqrt")]] double nothrow_root(double x) noexcept; // expected-warning {{bound function 'nothrow_root' is noexcept, but a Python exception (or a lost worker) is thrown as a C++ exception, which then calls std::terminate}}

struct [[pybridge::bind("fractions.Fraction")]] SelfFraction : pybridge::Object {
  using pybridge::Object::Object;
  SelfFraction(long numerator, long denominator);
  SelfFraction limit_denominator(this const SelfFraction &self, long max_denominator); // expected-error {{bound method 'limit_denominator' cannot have an explicit object parameter; declare it as an ordinary member function (the Python object is *this)}}
  SelfFraction deleted() = delete; // not bound: C++ says it does not exist
};
