// Misuse of third-party APIs: numpy, sympy and networkx.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// REQUIRES: python-numpy, python-sympy, python-networkx
// clang-format off
#include <pybridge/pybridge.hpp>
#include <pybridge/ndarray.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

[[pybridge::bind("numpy.meen")]] double mean(std::vector<double> a); // expected-error {{'numpy' has no attribute 'meen'; did you mean 'mean'?}}
[[pybridge::bind("numpy.inv")]] pybridge::NDArray inverse(pybridge::NDArray a); // expected-error {{'numpy' has no attribute 'inv'; did you mean 'numpy.linalg.inv'?}} expected-note {{module 'numpy' has 'inf'}}
[[pybridge::bind("numpy.mean")]] double mean_axis(std::vector<double> a, [[pybridge::name("axsi")]] long axis); // expected-error {{'numpy.mean' has no parameter named 'axsi'; did you mean 'axis'?}} expected-note {{none of the 6 overloads of 'numpy.mean' matches the stub}} expected-note 5 {{candidate 'mean(}}
[[pybridge::bind("numpy.linalg.norm")]] double norm(std::string x); // expected-error {{Python parameter 'x' expects 'numpy.typing.ArrayLike', not 'std::string'}} expected-note {{none of the 2 overloads of 'numpy.linalg.norm' matches the stub}} expected-note {{candidate 'norm(}}

[[pybridge::bind("sympy.simplfy")]] pybridge::Object simplify(pybridge::Object expr); // expected-error {{'sympy' has no attribute 'simplfy'; did you mean 'simplify'?}}
[[pybridge::bind("sympy.sqrt")]] pybridge::Object sqrt(pybridge::Object arg, [[pybridge::name("evaluat")]] bool e); // expected-error {{'sympy.sqrt' has no parameter named 'evaluat'; did you mean 'evaluate'?}} expected-note {{declared here}}
struct [[pybridge::bind("sympy.Symbol")]] Symbol : pybridge::Object {
  using pybridge::Object::Object;
  Symbol(); // expected-error {{lacks required Python parameter 'name'}} expected-note {{declared here}}
};

struct [[pybridge::bind("networkx.Graph")]] Graph : pybridge::Object {
  using pybridge::Object::Object;
  Graph();
  void add_edgee(std::string u, std::string v); // expected-error {{'networkx.Graph' has no method 'add_edgee'; did you mean 'add_edge'?}}
};
[[pybridge::bind("networkx.shortest_path")]] std::vector<std::string> path(const Graph &g, std::string source, std::string target, std::optional<std::string> weight, [[pybridge::name("methods")]] std::string m); // expected-error {{'networkx.shortest_path' has no parameter named 'methods'; did you mean 'method'?}} expected-note {{declared here}}
[[pybridge::bind("networkx.pagerank")]] std::map<std::string, double> rank(const Graph &g, [[pybridge::name("alpah")]] double a); // expected-error {{'networkx.pagerank' has no parameter named 'alpah'; did you mean 'alpha'?}} expected-note {{declared here}}
[[pybridge::bind("networkx.shortest_path_length")]] long hops(const Graph &g, std::string source, std::string target, [[pybridge::name("source")]] std::string again); // expected-error {{Python parameter 'source' of 'networkx.shortest_path_length' is given twice}} expected-note {{declared here}}
