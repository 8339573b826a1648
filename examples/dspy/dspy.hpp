// Stubs for the part of DSPy (https://dspy.ai) this example uses. The plugin
// checks each one against the installed dspy and writes its body; nothing here
// is implemented by hand.
#pragma once

#include <pybridge/pybridge.hpp>

#include <string>
#include <vector>

namespace dspy {

/// A language model client, e.g. LM("openai/gpt-4o-mini").
struct [[pybridge::bind("dspy.LM")]] LM : pybridge::Object {
  explicit LM(std::string model);
};

/// What a module returns. Output fields are read by name:
/// pred.attr<std::string>("answer").
struct [[pybridge::bind("dspy.Prediction")]] Prediction : pybridge::Object {
  using pybridge::Object::Object; // Python creates Predictions; C++ adopts them
  std::vector<std::string> keys() const;
};

// DSPy modules take their inputs as keyword arguments named after the
// signature's input fields (Python `**kwargs`): a C++ parameter that goes into
// `**kwargs` is passed under its own name, so `question` here is `question=`.

/// Asks the LM to fill a signature's output fields: Predict("question ->
/// answer").
struct [[pybridge::bind("dspy.Predict")]] Predict : pybridge::Object {
  explicit Predict(std::string signature);
  Prediction operator()(std::string question) const;
  /// The answer in chunks, as the LM produces it (a Python generator).
  pybridge::Stream<std::string> stream(std::string question) const;
};

/// Like Predict, but the LM reasons step by step first (a "reasoning" output
/// field).
struct [[pybridge::bind("dspy.ChainOfThought")]] ChainOfThought : pybridge::Object {
  explicit ChainOfThought(std::string signature);
  Prediction operator()(std::string question) const;
};

/// dspy.configure(lm=...): the LM every module uses unless given another.
[[pybridge::bind("dspy.configure")]] void configure(const LM &lm);

} // namespace dspy
