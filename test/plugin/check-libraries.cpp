// Real libraries: numpy (typed by its package stubs, with overloads and submodules), sympy
// and networkx (untyped: names and arity are still checked).
// REQUIRES: python-numpy, python-sympy, python-networkx
// RUN: env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
#include <pybridge/pybridge.hpp>
#include <pybridge/ndarray.hpp>

#include <map>

namespace np {
[[pybridge::bind("numpy.mean")]] double mean(std::vector<double> a);
[[pybridge::bind("numpy.mean")]] double mean_text(std::string a); // expected-error {{Python parameter 'a' expects 'numpy.typing.ArrayLike', not 'std::string'}} expected-note {{none of the 6 overloads of 'numpy.mean' matches the stub; the closest is declared here as 'mean(a: numpy.typing.ArrayLike,}} expected-note 5 {{candidate 'mean(a: numpy.typing.ArrayLike}}
[[pybridge::bind("numpy.zeros")]] pybridge::NDArray zeros(long shape);
[[pybridge::bind("numpy.zeros")]] pybridge::NDArray zeros_2d(std::vector<long> shape);
[[pybridge::bind("numpy.dot")]] pybridge::NDArray dot(pybridge::NDArray a, pybridge::NDArray b);
[[pybridge::bind("numpy.linalg.norm")]] double norm(pybridge::NDArray x);
[[pybridge::bind("numpy.linalg.nrom")]] double nrom(pybridge::NDArray x); // expected-error {{'numpy.linalg' has no attribute 'nrom'; did you mean 'norm'?}}
[[pybridge::bind("numpy.arange")]] pybridge::NDArray arange(long stop);
[[pybridge::bind("numpy.arange")]] std::vector<long> arange_list(long start, long stop);
[[pybridge::bind("numpy.unique")]] pybridge::NDArray unique(std::vector<long> ar);
} // namespace np

namespace sym {
struct [[pybridge::bind("sympy.Symbol")]] Symbol : pybridge::Object {
  using pybridge::Object::Object;
  explicit Symbol(std::string name);
  pybridge::Object expand();
  pybridge::Object exapnd(); // expected-error {{'sympy.Symbol' has no attribute 'exapnd'; did you mean 'expand'?}}
};
[[pybridge::bind("sympy.expand")]] pybridge::Object expand(Symbol e, bool deep);
[[pybridge::bind("sympy.isprime")]] bool isprime(long n);
[[pybridge::bind("sympy.isprime")]] bool isprime_twice(long n, long m); // expected-error {{'sympy.isprime' takes 1 argument, but the stub has 2 parameters}} expected-note {{'sympy.isprime' is declared here as 'isprime(n)' (no types: Python code without annotations)}}
[[pybridge::bind("sympy.factorint")]] std::map<long, long> factorint(long n, long limit);
} // namespace sym

namespace nx {
struct [[pybridge::bind("networkx.Graph")]] Graph : pybridge::Object {
  using pybridge::Object::Object;
  Graph();
  void add_edge(long u_of_edge, long v_of_edge);
  long number_of_nodes();
  long number_of_edgse(); // expected-error {{'networkx.Graph' has no attribute 'number_of_edgse'; did you mean 'number_of_edges'?}}
};
[[pybridge::bind("networkx.shortest_path_length")]] long shortest_path_length(Graph G, long source, long target);
[[pybridge::bind("networkx.density")]] double density(Graph G, Graph H); // expected-error {{'networkx.density' takes 1 argument, but the stub has 2 parameters}} expected-note {{declared here}}
} // namespace nx

// The standard library: typeshed types random's functions through its module-level instance
// (randint = _inst.randint), so they are checked, not taken as untyped.
[[pybridge::bind("random.randint")]] long randint(long a, long b);
[[pybridge::bind("random.randint")]] std::string randint_text(std::string a, long b); // expected-error {{Python parameter 'a' expects 'int', not 'std::string'}} expected-error {{'random.randint' returns 'int', not 'std::string'}} expected-note 2 {{'random.randint' is declared here as 'randint(a: int, b: int) -> int' (types from typeshed random.pyi:}}
