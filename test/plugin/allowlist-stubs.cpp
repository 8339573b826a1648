// clang-format off
// Under PYBRIDGE_ALLOW the plugin applies the worker's rule for names to stubs: a stub bound
// to a name that leads out of a module (a dunder other than the protocols, another module
// reached through an allowed one) does not compile. The rule is the agent's
// (allowlist.py): `describe` refuses such a path as the worker refuses the call.
// Once with the cache empty (each path described), once with it filled (refused members are
// missing from the cached module and described again).
// RUN: rm -rf %t && mkdir %t
// RUN: env PYBRIDGE_ALLOW=math,fractions %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify %s
// RUN: env PYBRIDGE_ALLOW=math,fractions %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify %s
// Without an allowlist the same names are ordinary Python attributes.
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify=open -DOPEN %s
#include <pybridge/pybridge.hpp>

[[pybridge::bind("math.sqrt")]] double square_root(double x);

#ifndef OPEN
[[pybridge::bind("math.__dict__")]] pybridge::Value math_dict(); // expected-error {{cannot bind 'math.__dict__' while PYBRIDGE_ALLOW is set: '__dict__' leads out of its module, and with an allowlist no dunder but the protocols stubs bind may be named}}
[[pybridge::bind("math.__loader__")]] pybridge::Object loader(); // expected-error {{cannot bind 'math.__loader__' while PYBRIDGE_ALLOW is set: '__loader__' leads out of its module}}
[[pybridge::bind("math.__spec__")]] pybridge::Object spec(); // expected-error {{cannot bind 'math.__spec__' while PYBRIDGE_ALLOW is set}}
[[pybridge::bind("fractions.__builtins__")]] pybridge::Value builtins_of_fractions(); // expected-error {{cannot bind 'fractions.__builtins__' while PYBRIDGE_ALLOW is set}}
[[pybridge::bind("fractions.sys.modules")]] pybridge::Value modules(); // expected-error {{cannot check 'fractions.sys.modules': module 'sys' is not in the allowlist; add the module to PYBRIDGE_ALLOW}}
[[pybridge::bind("os.system")]] int system(std::string command); // expected-error {{cannot check 'os.system': module 'os.system' is not in the allowlist}}
[[pybridge::bind("math.sqrt.__self__")]] pybridge::Object sqrt_self(); // expected-error {{'math.sqrt' has no attribute '__self__'}}
[[pybridge::bind("fractions.Fraction.__subclasses__")]] pybridge::Value subclasses(); // expected-error {{'fractions.Fraction' has no attribute '__subclasses__'}}
#else
// open-no-diagnostics
[[pybridge::bind("math.__dict__")]] pybridge::Value math_dict();
#endif
