// The DSPy-shaped example from the design, checked against the fixture package and run with
// its deterministic fake LM: constructor, operator() as __call__ with a keyword, a generator
// as a pybridge::Stream, and Prediction fields read through __getattr__.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: %clangxx %pybridge_cxxflags -DTYPO -fsyntax-only -Xclang -verify %s
#include <pybridge/pybridge.hpp>
#include <pybridge/config.hpp>
#include <pybridge/stream.hpp>

#include <iostream>

namespace dspy {
struct [[pybridge::bind("dspy.Prediction")]] Prediction : pybridge::Object {
  using pybridge::Object::Object;
  std::string answer(); // a field: Prediction answers any name through __getattr__
};

struct [[pybridge::bind("dspy.LM")]] LM : pybridge::Object {
  using pybridge::Object::Object;
  explicit LM(std::string model);
};

struct [[pybridge::bind("dspy.Predict")]] Predict : pybridge::Object {
  using pybridge::Object::Object;
  explicit Predict(std::string signature);
  Prediction operator()(std::string question);
  pybridge::Stream<std::string> stream(std::string question);
#ifdef TYPO
  Prediction froward(std::string question); // expected-error {{'dspy.Predict' has no method 'froward'; did you mean 'forward'?}}
#endif
};

[[pybridge::bind("dspy.configure")]] void configure(LM lm);
} // namespace dspy

#ifndef TYPO
int main() {
  dspy::configure(dspy::LM("fake/deterministic"));
  dspy::Predict predict("question -> answer");
  // CHECK: answer: 5
  std::cout << "answer: " << predict("What is 2 + 3?").answer() << "\n";
  // CHECK-NEXT: chunks: {{[0-9]+}} text: 5
  std::string text;
  int chunks = 0;
  for (const std::string &chunk : predict.stream("What is 2 + 3?")) {
    text += chunk;
    ++chunks;
  }
  std::cout << "chunks: " << chunks << " text: " << text << "\n";
}
#endif
