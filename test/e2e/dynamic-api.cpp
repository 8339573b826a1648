// The dynamic API next to stubs: calls by dotted path, module constants, attributes and
// methods by name, keyword arguments (kw() and [[pybridge::name]] parameters), std::optional
// arguments left out so Python's defaults apply, str() through operator<<.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <optional>

using pybridge::kw;

// The plugin writes the call site's keywords segment: width= and placeholder= by keyword.
[[pybridge::bind("textwrap.shorten")]] std::string
shorten(std::string text, [[pybridge::name("width")]] int w,
        [[pybridge::name("placeholder")]] std::string more);
[[pybridge::bind("bridge_fixture.defaults")]] std::string
defaults(long a, std::optional<long> b, [[pybridge::name("c")]] std::optional<std::string> c,
         [[pybridge::name("d")]] std::optional<long> d);

int main() {
  // CHECK: sqrt 1.41421
  std::cout << "sqrt " << pybridge::call<double>("math.sqrt", 2.0) << "\n";
  // CHECK-NEXT: pi 3.14159
  std::cout << "pi " << pybridge::attr<double>("math.pi") << "\n";
  // CHECK-NEXT: upper ABC
  std::cout << "upper " << pybridge::call<std::string>("str.upper", "abc") << "\n";

  pybridge::Object counter = pybridge::call("bridge_fixture.Counter", 5, kw("step", 2));
  // CHECK-NEXT: value 5 step 2 doubled 10
  std::cout << "value " << counter.attr<long>("value") << " step " << counter.attr<long>("step")
            << " doubled " << counter.attr<long>("doubled") << "\n";
  counter.set_attr("value", 40);
  counter.set_attr("label", std::string("renamed"));
  // CHECK-NEXT: add 42 add(amount=8) 50 label renamed
  std::cout << "add " << counter.call<long>("add") << " add(amount=8) "
            << counter.call<long>("add", kw("amount", 8)) << " label "
            << counter.attr<std::string>("label") << "\n";
  // CHECK-NEXT: str Counter(50) repr <Counter value=50 step=2> type bridge_fixture.Counter
  std::cout << "str " << counter << " repr " << counter.repr() << " type "
            << counter.type_name() << "\n";
  pybridge::Object method = counter.attr("add"); // a bound method, as a handle
  // CHECK-NEXT: bound method call 52
  std::cout << "bound method call " << method.call<long>("__call__") << "\n";

  // CHECK-NEXT: shorten [Hello world, (more)]
  std::cout << "shorten [" << shorten("Hello world, this is long", 20, " (more)") << "]\n";
  // CHECK-NEXT: defaults a=1 b=10 c=c d=None
  std::cout << "defaults " << defaults(1, std::nullopt, std::nullopt, std::nullopt) << "\n";
  // CHECK-NEXT: defaults a=1 b=2 c=x d=4
  std::cout << "defaults " << defaults(1, 2, "x", 4) << "\n";
  // CHECK-NEXT: defaults a=1 b=10 c=c d=7
  std::cout << "defaults "
            << pybridge::call<std::string>("bridge_fixture.defaults", 1, kw("d", 7L)) << "\n";
  try {
    pybridge::call<std::string>("bridge_fixture.defaults", 1, std::optional<long>(), 3);
  } catch (const pybridge::ConversionError &error) {
    // CHECK-NEXT: gap: argument 3 of 'bridge_fixture.defaults': an empty std::optional argument was left out, so the positional arguments after it cannot be passed; pass them by keyword
    std::cout << "gap: " << error.what() << "\n";
  }
  try {
    pybridge::call<std::string>("bridge_fixture.defaults", 1, kw("a", 2L));
  } catch (const pybridge::TypeError &error) {
    // CHECK-NEXT: TypeError: defaults() got multiple values for argument 'a'
    std::cout << error.what() << "\n";
  }

  try {
    counter.attr<long>("missing");
  } catch (const pybridge::AttributeError &error) {
    // CHECK-NEXT: AttributeError: 'Counter' object has no attribute 'missing'
    std::cout << error.what() << "\n";
  }
  try {
    pybridge::call<double>("math.no_such_function", 1.0);
  } catch (const pybridge::SetupError &error) {
    // CHECK-NEXT: SetupError: module 'math' has no attribute 'no_such_function'
    std::cout << "SetupError: " << error.what() << "\n";
  }
  try {
    pybridge::call<double>("no_such_module.f");
  } catch (const pybridge::SetupError &error) {
    // CHECK-NEXT: SetupError: no module named 'no_such_module' (resolving 'no_such_module.f')
    std::cout << "SetupError: " << error.what() << "\n";
  }
  try {
    pybridge::Object().call<long>("add");
  } catch (const pybridge::ObjectLost &error) {
    // CHECK-NEXT: ObjectLost: 'add' called on an empty pybridge::Object
    std::cout << "ObjectLost: " << error.what() << "\n";
  }
}
