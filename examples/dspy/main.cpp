// DSPy from C++: Predict, ChainOfThought, a streamed answer, a ReAct agent
// with C++ tools and a metric callback, through checked stubs (dspy.hpp).
// main.py is the same program in Python. Build and run:
//
//   clang++-19 -std=c++20 $(pybridge-config --cxxflags) main.cpp \
//     -o dspy-demo $(pybridge-config --ldflags)
//   ./dspy-demo [model]    # default: "fake/deterministic"
//
// Without dspy installed, run it against PyBridge's DSPy-shaped test fixture
// (its "fake/..." models answer offline):
//   PYTHONPATH=<pybridge>/test/fixtures/python ./dspy-demo
#include "dspy.hpp"

#include <cmath>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {
void run(const std::string &model) {
  // dspy.configure() sets per-process state, and each worker is a process: it
  // runs on every worker, and again on any worker started later (a restart).
  pybridge::on_every_worker([model] { dspy::configure(dspy::LM(model)); });

  dspy::Predict qa("question -> answer");
  dspy::Prediction result = qa("What is 2 + 3?");
  std::cout << "Predict: " << result.attr<std::string>("answer") << "\n";
  std::cout << result << "\n"; // printed by Python: Prediction(answer='5')

  // Typed output fields arrive as C++ types.
  dspy::Predict typed("question -> answer: int, confidence: float");
  dspy::Prediction typed_result = typed("What is 6 * 7?");
  std::cout << "Typed: " << typed_result.attr<long>("answer") << " (confidence "
            << typed_result.attr<double>("confidence") << ")\n";

  dspy::ChainOfThought cot("question -> answer");
  dspy::Prediction reasoned = cot("What is the capital of France?");
  std::cout << "ChainOfThought fields:";
  for (const std::string &field : reasoned.keys())
    std::cout << " " << field;
  std::cout << "\n  reasoning: " << reasoned.attr<std::string>("reasoning")
            << "\n  answer: " << reasoned.attr<std::string>("answer") << "\n";

  std::cout << "Streamed: ";
  int chunks = 0;
  for (const std::string &chunk : qa.stream("Count to 10")) {
    std::cout << chunk << std::flush; // each chunk as soon as it arrives
    ++chunks;
  }
  std::cout << " (" << chunks << " chunks)\n";

  // Leaving the loop stops the generator on the worker.
  std::cout << "First chunks only:";
  int taken = 0;
  for (const std::string &chunk : qa.stream("Count to 100000")) {
    std::cout << " " << chunk;
    if (++taken == 3)
      break; // closes the generator on the worker
  }
  std::cout << "\n";

  // A failure mid-stream arrives where it happens, after the chunks before it.
  try {
    for (const std::string &chunk : qa.stream("Count to 5 (FAIL)"))
      std::cout << "chunk before the failure: " << chunk << "\n";
  } catch (const pybridge::RuntimeError &error) {
    std::cout << "stream raised " << error.what() << "\n";
  }

  // Questions asked on several threads at once: each thread's modules live on
  // a worker of their own, and every worker was configured.
  std::vector<std::string> sums(4);
  std::vector<std::thread> askers;
  for (int i = 0; i < 4; ++i)
    askers.emplace_back([i, &sums] {
      dspy::Predict adder("question -> answer");
      std::string question = "What is " + std::to_string(i) + " + 10?";
      sums[i] = adder(question).attr<std::string>("answer");
    });
  for (auto &asker : askers)
    asker.join();
  std::cout << "In parallel:";
  for (const std::string &sum : sums)
    std::cout << " " << sum;
  std::cout << "\n";

  // A ReAct agent whose tools are C++ lambdas: Python keeps them (in its Tools)
  // and calls them back here, on this thread, while the agent runs. A tool's
  // C++ exception is a Python exception the agent sees and goes on from.
  int tool_calls = 0;
  pybridge::Callback square([&tool_calls](long x) {
    ++tool_calls;
    return x * x;
  });
  pybridge::Callback cube([&tool_calls](long x) {
    ++tool_calls;
    return x * x * x;
  });
  pybridge::Callback sqrt_of([&tool_calls](long x) -> long {
    ++tool_calls;
    if (x < 0)
      throw std::domain_error("no square root of " + std::to_string(x));
    return static_cast<long>(std::sqrt(static_cast<double>(x)));
  });
  dspy::ReAct agent("question -> answer",
                    {dspy::Tool(square, "square", "x squared"), dspy::Tool(cube, "cube", "x cubed"),
                     dspy::Tool(sqrt_of, "isqrt", "the integer square root of x")},
                    5);
  dspy::Prediction acted = agent("What is square(7) + cube(2)?");
  std::cout << "ReAct: " << acted.attr<std::string>("answer") << " (" << tool_calls
            << " tool calls)\n";
  acted = agent("What is isqrt(-4) + isqrt(81)?");
  auto trajectory = acted.attr<std::map<std::string, pybridge::Value>>("trajectory");
  std::cout << "ReAct with a failing tool: " << trajectory["observation_0"] << ", then "
            << trajectory["observation_1"] << "\n";

  // A metric callback: Evaluate calls it with each example and prediction.
  std::vector<dspy::Example> devset{
      dspy::Example("What is 2 + 3?", "5").with_inputs("question"),
      dspy::Example("What is 2 + 2?", "5").with_inputs("question"),
      dspy::Example("What is the capital of Italy?", "Rome").with_inputs("question")};
  int scored = 0;
  double score = dspy::Evaluate(devset)(
      qa, [&scored](const dspy::Example &example, const dspy::Prediction &prediction) {
        ++scored;
        return example.attr<std::string>("answer") == prediction.attr<std::string>("answer");
      });
  std::cout << "Evaluate: " << score << "% of " << scored << " examples\n";

  // A bad signature is a Python ValueError, caught as its C++ counterpart.
  try {
    dspy::Predict broken("question answer");
  } catch (const pybridge::ValueError &error) {
    std::cout << "bad signature: " << error.type() << "\n";
  }
}
} // namespace

int main(int argc, char **argv) {
  try {
    run(argc > 1 ? argv[1] : "fake/deterministic");
  } catch (const pybridge::Error &error) {
    std::cerr << "error: " << error.what() << "\n";
    return 1;
  }
}
