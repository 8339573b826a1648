// C++ callables as Python callables: sorted(key=), a networkx weight function, nesting
// C++ -> Python -> C++ -> Python -> C++ -> Python, a callback Python keeps for a later call,
// exceptions both ways, and callbacks from several threads at once. callbacks.py is the same
// program in Python.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %pybridge_python %S/callbacks.py > %t.expected
// RUN: %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=1 %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=2 %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=4 %t | %diff %t.expected -
// REQUIRES: python-networkx
#include <pybridge/pybridge.hpp>

#include <cmath>
#include <functional>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using pybridge::kw;
using Strings = std::vector<std::string>;

void print(const std::string &label, const Strings &items) {
  std::cout << label << ":";
  for (const std::string &item : items)
    std::cout << " " << item;
  std::cout << "\n";
}

long square(long x) { return x * x; }

// The depth of Python calls running while this callback runs (1: the outermost).
int depth = 0;

int main() {
  // sorted(key=...): a lambda by keyword, then a std::function.
  Strings words{"pear", "fig", "banana", "kiwi", "apple"};
  print("by length", pybridge::call<Strings>("builtins.sorted", words,
                                             kw("key", [](const std::string &w) {
                                               return static_cast<long>(w.size());
                                             })));
  std::function<std::string(std::string)> last_letter = [](std::string w) {
    return w.substr(w.size() - 1);
  };
  print("by last letter",
        pybridge::call<Strings>("builtins.sorted", words, kw("key", last_letter)));

  // A function pointer by position; a callback inside a container.
  auto squares = pybridge::call<std::vector<long>>(
      "builtins.list", pybridge::call<pybridge::Object>("builtins.map", pybridge::Callback(square),
                                                        std::vector<long>{1, 2, 3}));
  std::cout << "squares: " << squares[0] << " " << squares[1] << " " << squares[2] << "\n";
  // Callbacks inside a container, called by a later call (so kept as pybridge::Callback).
  std::vector<pybridge::Callback> steps{[](long x) { return x + 1; },
                                        [](long x) { return x * 10; }};
  auto stepped = pybridge::call<std::vector<long>>(
      "builtins.list", pybridge::call<pybridge::Object>("builtins.map",
                                                        pybridge::attr("operator.call"), steps,
                                                        std::vector<long>{4, 4}));
  std::cout << "each step of 4: " << stepped[0] << " " << stepped[1] << "\n";

  // networkx: the weight of an edge computed in C++.
  pybridge::Object graph = pybridge::call("networkx.Graph");
  graph.call<void>("add_edge", "a", "b", kw("km", 4.0));
  graph.call<void>("add_edge", "b", "d", kw("km", 4.0));
  graph.call<void>("add_edge", "a", "c", kw("km", 3.0));
  graph.call<void>("add_edge", "c", "d", kw("km", 6.0));
  auto by_km = [](std::string, std::string, std::map<std::string, double> edge) {
    return edge["km"];
  };
  auto by_hops_through_c = [](std::string u, std::string v, std::map<std::string, double>) {
    return (u == "c" || v == "c") ? 0.5 : 10.0;
  };
  print("shortest by km", pybridge::call<Strings>("networkx.shortest_path", graph, "a", "d",
                                                  kw("weight", by_km)));
  print("shortest through c", pybridge::call<Strings>("networkx.shortest_path", graph, "a", "d",
                                                      kw("weight", by_hops_through_c)));
  std::cout << "length by km: "
            << pybridge::call<double>("networkx.dijkstra_path_length", graph, "a", "d",
                                      kw("weight", by_km))
            << "\n";

  // Nesting: sorted's key (C++) calls functools.reduce, whose function (C++) calls
  // operator.add: three Python calls deep, each waiting for the C++ code inside it.
  int deepest = 0;
  auto add = [&](long total, long x) {
    deepest = std::max(deepest, depth + 1);
    return pybridge::call<long>("operator.add", total, x);
  };
  auto digit_sum = [&](long n) {
    ++depth;
    std::vector<long> digits;
    for (char c : std::to_string(n))
      digits.push_back(c - '0');
    long sum = pybridge::call<long>("functools.reduce", std::function<long(long, long)>(add),
                                    digits, 0L);
    --depth;
    return sum;
  };
  auto by_digit_sum =
      pybridge::call<std::vector<long>>("builtins.sorted", std::vector<long>{91, 19, 5, 700, 44},
                                        kw("key", digit_sum));
  std::cout << "by digit sum:";
  for (long n : by_digit_sum)
    std::cout << " " << n;
  std::cout << " (nested " << deepest + 1 << " Python calls deep)\n";

  // Python keeps a callback for later: a pybridge::Callback stays callable while it lives.
  pybridge::Callback shout([](std::string s) {
    for (char &c : s)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s + "!";
  });
  pybridge::Object later = pybridge::call("builtins.map", shout, Strings{"hi", "there"});
  print("kept and called later", pybridge::call<Strings>("builtins.list", later));

  // A C++ exception Python does not catch reaches the caller as itself.
  try {
    pybridge::call<Strings>("builtins.sorted", words, kw("key", [](const std::string &w) {
                              if (w == "kiwi")
                                throw std::invalid_argument("no kiwis");
                              return static_cast<long>(w.size());
                            }));
  } catch (const std::invalid_argument &error) {
    std::cout << "invalid_argument: " << error.what() << "\n";
  }
  // Python may catch it (pybridge_agent.CallbackError there): a toolbox keeps its tools and
  // reports a tool's failure as its observation.
  pybridge::Callback weather([](std::string city) -> std::string {
    if (city == "Atlantis")
      throw std::out_of_range("no weather station in " + city);
    return "sunny in " + city;
  });
  pybridge::Object toolbox = pybridge::call("bridge_fixture.Toolbox");
  toolbox.call<void>("add", "weather", weather);
  std::cout << toolbox.call<std::string>("run", "weather", "Paris") << "\n";
  std::cout << toolbox.call<std::string>("run", "weather", "Atlantis") << "\n";

  // Callbacks run on the thread that made the call, several threads at once.
  std::vector<std::thread> threads;
  std::vector<long> wrong_thread(4, 0), sums(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t, &wrong_thread, &sums] {
      std::thread::id me = std::this_thread::get_id();
      std::vector<long> data;
      for (long i = 0; i < 50; ++i)
        data.push_back((i * 37 + t) % 101);
      auto sorted = pybridge::call<std::vector<long>>(
          "builtins.sorted", data, kw("key", [&, me](long x) {
            if (std::this_thread::get_id() != me)
              ++wrong_thread[t];
            return -x;
          }));
      sums[t] = sorted.front() - sorted.back();
    });
  for (std::thread &thread : threads)
    thread.join();
  for (int t = 0; t < 4; ++t)
    std::cout << "thread " << t << ": spread " << sums[t] << ", on another thread "
              << wrong_thread[t] << "\n";
}
