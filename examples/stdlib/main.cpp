// PyBridge demo: the Python standard library called from C++ through checked stubs.
//
//   clang++-19 -std=c++20 $(pybridge-config --cxxflags) main.cpp -o demo
//     $(pybridge-config --ldflags)
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <string>
#include <vector>

// Each stub names a Python function; the plugin checks it and writes its body.
[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);
[[pybridge::bind("statistics.stdev")]] double stdev(std::vector<double> data);
[[pybridge::bind("math.comb")]] long comb(long n, long k);
[[pybridge::bind("textwrap.shorten")]] std::string shorten(std::string text, int width);
[[pybridge::bind("keyword.iskeyword")]] bool iskeyword(std::string word);
[[pybridge::bind("difflib.get_close_matches")]] std::vector<std::string>
close_matches(std::string word, std::vector<std::string> possibilities);

int main() {
  std::vector<double> latencies{12.5, 9.75, 31.0, 10.25, 11.0};
  std::cout << "median latency:  " << median(latencies) << " ms\n";
  std::cout << "stdev:           " << stdev(latencies) << " ms\n";
  std::cout << "comb(52, 5):     " << comb(52, 5) << " poker hands\n";
  std::cout << "shortened:       "
            << shorten("PyBridge lets C++ programs call Python libraries with compiler-checked "
                       "stubs",
                       40)
            << "\n";
  std::cout << "is 'yield' a keyword? " << (iskeyword("yield") ? "yes" : "no") << "\n";
  std::cout << "did you mean:   ";
  for (const auto &match : close_matches("appel", {"ape", "apple", "peach", "puppy"}))
    std::cout << " " << match;
  std::cout << "\n";

  try {
    median({});
  } catch (const pybridge::PythonError &error) {
    std::cout << "Python raised:   " << error.what() << "\n";
  }
}
