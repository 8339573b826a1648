// Each common Python exception type is caught as its C++ subclass of pybridge::PythonError; a
// library's own exception as its nearest listed base; bridge failures as BridgeError types.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>
#include <pybridge/ndarray.hpp>

#include <iostream>

[[pybridge::bind("bridge_fixture.raise_")]] void raise_(std::string kind, std::string message);

template <class E> void expect(const char *kind, const char *cpp_name) {
  try {
    raise_(kind, std::string("from ") + kind);
    std::cout << kind << ": nothing raised\n";
  } catch (const E &error) {
    std::cout << kind << " -> " << cpp_name << ": " << error.what() << " [" << error.module()
              << "." << error.type() << "]\n";
  } catch (const pybridge::PythonError &error) {
    std::cout << kind << " -> only PythonError: " << error.what() << "\n";
  }
}

int main() {
  // CHECK: ValueError -> pybridge::ValueError: ValueError: from ValueError [builtins.ValueError]
  expect<pybridge::ValueError>("ValueError", "pybridge::ValueError");
  // CHECK-NEXT: TypeError -> pybridge::TypeError: TypeError: from TypeError [builtins.TypeError]
  expect<pybridge::TypeError>("TypeError", "pybridge::TypeError");
  // KeyError's str() is the repr of its argument, as Python prints it.
  // CHECK-NEXT: KeyError -> pybridge::KeyError: KeyError: 'from KeyError' [builtins.KeyError]
  expect<pybridge::KeyError>("KeyError", "pybridge::KeyError");
  // CHECK-NEXT: IndexError -> pybridge::LookupError: IndexError: from IndexError
  expect<pybridge::LookupError>("IndexError", "pybridge::LookupError");
  // CHECK-NEXT: ZeroDivisionError -> pybridge::ArithmeticError: ZeroDivisionError: from ZeroDivisionError
  expect<pybridge::ArithmeticError>("ZeroDivisionError", "pybridge::ArithmeticError");
  // CHECK-NEXT: OverflowError -> pybridge::OverflowError: OverflowError: from OverflowError
  expect<pybridge::OverflowError>("OverflowError", "pybridge::OverflowError");
  // CHECK-NEXT: NotImplementedError -> pybridge::RuntimeError: NotImplementedError: from NotImplementedError
  expect<pybridge::RuntimeError>("NotImplementedError", "pybridge::RuntimeError");
  // CHECK-NEXT: AttributeError -> pybridge::AttributeError: AttributeError: from AttributeError
  expect<pybridge::AttributeError>("AttributeError", "pybridge::AttributeError");
  // CHECK-NEXT: FileNotFoundError -> pybridge::OSError: FileNotFoundError: from FileNotFoundError
  expect<pybridge::OSError>("FileNotFoundError", "pybridge::OSError");
  // CHECK-NEXT: ModuleNotFoundError -> pybridge::ImportError: ModuleNotFoundError: from ModuleNotFoundError
  expect<pybridge::ImportError>("ModuleNotFoundError", "pybridge::ImportError");
  // CHECK-NEXT: Custom -> pybridge::LookupError: CustomError: from Custom [bridge_fixture.CustomError]
  expect<pybridge::LookupError>("Custom", "pybridge::LookupError");
  // CHECK-NEXT: SyntaxError -> only PythonError: SyntaxError: from SyntaxError
  expect<pybridge::TypeError>("SyntaxError", "pybridge::TypeError");
  // CHECK-NEXT: Exception -> only PythonError: Exception: from Exception
  expect<pybridge::ValueError>("Exception", "pybridge::ValueError");

  try {
    raise_("KeyboardInterrupt", "user code");
  } catch (const pybridge::PythonError &error) {
    // CHECK-NEXT: BaseException subclasses too: KeyboardInterrupt: user code
    std::cout << "BaseException subclasses too: " << error.what() << "\n";
  }
  try {
    raise_("ValueError", "traced");
  } catch (const pybridge::PythonError &error) {
    // The traceback starts at user code, not in the agent.
    // CHECK-NEXT: traceback: Traceback (most recent call last):
    // CHECK-NEXT:   File "{{.*}}bridge_fixture/__init__.py", line {{[0-9]+}}, in raise_
    // CHECK-NOT: pybridge_agent
    // CHECK: ValueError: traced
    std::cout << "traceback: " << error.traceback();
    // CHECK-NEXT: is_instance Exception 1 KeyError 0
    std::cout << "is_instance Exception " << error.is_instance("builtins.Exception")
              << " KeyError " << error.is_instance("builtins.KeyError") << "\n";
  }

  // Bridge errors are not Python errors.
  try {
    pybridge::call<int>("bridge_fixture.echo", "text");
  } catch (const pybridge::PythonError &) {
    std::cout << "wrong: a PythonError\n";
  } catch (const pybridge::BridgeError &error) {
    // CHECK-NEXT: BridgeError: expected int from Python, got str
    std::cout << "BridgeError: " << error.what() << "\n";
  }
  try {
    pybridge::call("bridge_fixture.nothing_here");
  } catch (const pybridge::SetupError &error) {
    // CHECK-NEXT: SetupError: module 'bridge_fixture' has no attribute 'nothing_here'
    std::cout << "SetupError: " << error.what() << "\n";
  }
  try {
    pybridge::call("bridge_fixture.echo", pybridge::NDArray("<f8", {3}, std::string(5, '\0')));
  } catch (const pybridge::ConversionError &error) {
    // CHECK-NEXT: ConversionError: ndarray of shape (3,) and dtype float64 needs 24 bytes, got 5
    std::cout << "ConversionError: " << error.what() << "\n";
  }
  // CHECK-NEXT: all caught
  std::cout << "all caught\n";
}
