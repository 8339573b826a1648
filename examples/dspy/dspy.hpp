// Stubs for the part of DSPy (https://dspy.ai) this example uses. The plugin
// checks each one against the installed dspy and writes its body; nothing here
// is implemented by hand.
#pragma once

#include <pybridge/config.hpp>
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <functional>
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

/// A callable the ReAct agent may use, with the name and description the LM
/// sees. The agent keeps it, so a C++ callable goes as a pybridge::Callback
/// (callable while a copy of it lives).
struct [[pybridge::bind("dspy.Tool")]] Tool : pybridge::Object {
  Tool(pybridge::Callback func, std::string name, std::string desc);
};

/// An agent that alternates thoughts and tool calls until it can answer.
struct [[pybridge::bind("dspy.ReAct")]] ReAct : pybridge::Object {
  ReAct(std::string signature, std::vector<Tool> tools, long max_iters);
  Prediction operator()(std::string question) const;
};

/// A labelled example: Example(question=..., answer=...).with_inputs("question").
struct [[pybridge::bind("dspy.Example")]] Example : pybridge::Object {
  using pybridge::Object::Object;
  Example([[pybridge::name("question")]] std::string question,
          [[pybridge::name("answer")]] std::string answer);
  Example with_inputs(std::string key) const;
};

/// Scores a program over a devset with a metric, called back for each example.
struct [[pybridge::bind("dspy.Evaluate")]] Evaluate : pybridge::Object {
  explicit Evaluate([[pybridge::name("devset")]] std::vector<Example> devset);
  double operator()(const Predict &program, std::function<bool(Example, Prediction)> metric) const;
};

/// dspy.configure(lm=...): the LM every module uses unless given another.
[[pybridge::bind("dspy.configure")]] void configure(const LM &lm);

} // namespace dspy
