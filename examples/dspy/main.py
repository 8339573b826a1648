"""The DSPy example (main.cpp) in Python: the same program, the same output. The e2e test
runs both and compares them (test/e2e/dspy-example.test)."""

import math
import sys
import threading

import dspy


def run(model):
    dspy.configure(lm=dspy.LM(model))

    qa = dspy.Predict("question -> answer")
    result = qa(question="What is 2 + 3?")
    print(f"Predict: {result.answer}")
    print(result)

    typed = dspy.Predict("question -> answer: int, confidence: float")
    typed_result = typed(question="What is 6 * 7?")
    print(f"Typed: {typed_result.answer} (confidence {typed_result.confidence})")

    cot = dspy.ChainOfThought("question -> answer")
    reasoned = cot(question="What is the capital of France?")
    print("ChainOfThought fields:" + "".join(f" {field}" for field in reasoned.keys()))
    print(f"  reasoning: {reasoned.reasoning}\n  answer: {reasoned.answer}")

    chunks = 0
    print("Streamed: ", end="")
    for chunk in qa.stream(question="Count to 10"):
        print(chunk, end="", flush=True)
        chunks += 1
    print(f" ({chunks} chunks)")

    print("First chunks only:", end="")
    for taken, chunk in enumerate(qa.stream(question="Count to 100000"), 1):
        print(f" {chunk}", end="")
        if taken == 3:
            break
    print()

    try:
        for chunk in qa.stream(question="Count to 5 (FAIL)"):
            print(f"chunk before the failure: {chunk}")
    except RuntimeError as error:
        print(f"stream raised RuntimeError: {error}")

    sums = [""] * 4

    def ask(i):
        adder = dspy.Predict("question -> answer")
        sums[i] = adder(question=f"What is {i} + 10?").answer

    askers = [threading.Thread(target=ask, args=(i,)) for i in range(4)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    print("In parallel:" + "".join(f" {s}" for s in sums))

    tool_calls = 0

    def square(x):
        nonlocal tool_calls
        tool_calls += 1
        return x * x

    def cube(x):
        nonlocal tool_calls
        tool_calls += 1
        return x * x * x

    def isqrt(x):
        nonlocal tool_calls
        tool_calls += 1
        if x < 0:
            raise ValueError(f"no square root of {x}")
        return int(math.sqrt(x))

    agent = dspy.ReAct("question -> answer",
                       [dspy.Tool(square, "square", "x squared"), dspy.Tool(cube, "cube", "x cubed"),
                        dspy.Tool(isqrt, "isqrt", "the integer square root of x")], 5)
    acted = agent(question="What is square(7) + cube(2)?")
    print(f"ReAct: {acted.answer} ({tool_calls} tool calls)")
    acted = agent(question="What is isqrt(-4) + isqrt(81)?")
    print(f"ReAct with a failing tool: {acted.trajectory['observation_0']}, then "
          f"{acted.trajectory['observation_1']}")

    devset = [
        dspy.Example(question="What is 2 + 3?", answer="5").with_inputs("question"),
        dspy.Example(question="What is 2 + 2?", answer="5").with_inputs("question"),
        dspy.Example(question="What is the capital of Italy?", answer="Rome").with_inputs("question"),
    ]
    scored = 0

    def metric(example, prediction):
        nonlocal scored
        scored += 1
        return example.answer == prediction.answer

    score = dspy.Evaluate(devset=devset)(qa, metric)
    print(f"Evaluate: {score}% of {scored} examples")

    try:
        dspy.Predict("question answer")
    except ValueError as error:
        print(f"bad signature: {type(error).__name__}")


def main():
    try:
        run(sys.argv[1] if len(sys.argv) > 1 else "fake/deterministic")
    except Exception as error:
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
