"""Tests of the DSPy-shaped fixture package in test/fixtures/python/dspy.

Run with Debian's interpreter:
    /usr/bin/python3 -m pytest test/python/test_dspy_fixture.py
"""

import collections.abc
import inspect
import os
import subprocess
import sys
import threading
import typing
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "python"
sys.path.insert(0, str(FIXTURES))

import pytest  # noqa: E402

import dspy  # noqa: E402


@pytest.fixture(autouse=True)
def _restore_settings():
    saved = dspy.settings.config
    dspy.configure(lm=None, adapter=None)
    yield
    dspy.configure(**saved)


@pytest.fixture
def lm():
    lm = dspy.LM("fake/deterministic")
    dspy.configure(lm=lm)
    return lm


# --------------------------------------------------------------------------------------
# Package
# --------------------------------------------------------------------------------------


def test_imports_the_fixture_not_a_real_dspy():
    assert Path(dspy.__file__).resolve().parent == FIXTURES / "dspy"
    assert dspy.__version__ == "2.6.0-fixture"


@pytest.mark.parametrize(
    "name",
    ["Signature", "InputField", "OutputField", "Predict", "ChainOfThought", "Prediction", "Example",
     "LM", "configure", "context", "settings", "Module", "streamify", "ChatAdapter", "make_signature"],
)
def test_public_names(name):
    assert name in dspy.__all__
    assert hasattr(dspy, name)


# --------------------------------------------------------------------------------------
# Signatures
# --------------------------------------------------------------------------------------


def test_simple_signature_string():
    sig = dspy.Signature("question -> answer")
    assert isinstance(sig, type) and issubclass(sig, dspy.Signature)
    assert list(sig.input_fields) == ["question"]
    assert list(sig.output_fields) == ["answer"]
    assert list(sig.fields) == ["question", "answer"]
    assert sig.signature == "question -> answer"
    assert sig.instructions == "Given the fields `question`, produce the fields `answer`."
    assert sig.input_fields["question"].annotation is str
    assert sig.input_fields["question"].json_schema_extra["__dspy_field_type"] == "input"
    assert sig.output_fields["answer"].prefix == "Answer:"
    assert sig.output_fields["answer"].desc == "${answer}"


def test_multi_input_signature():
    sig = dspy.Signature("context, question -> answer")
    assert list(sig.input_fields) == ["context", "question"]
    assert sig.signature == "context, question -> answer"
    assert sig.instructions == "Given the fields `context`, `question`, produce the fields `answer`."


def test_typed_signature():
    sig = dspy.Signature("question: str -> answer: str, confidence: float")
    assert {k: f.annotation for k, f in sig.fields.items()} == {"question": str, "answer": str, "confidence": float}
    sig2 = dspy.Signature("items: list[str], k: int -> ranked: list[str], scores: dict[str, float], note: Optional[str]")
    assert sig2.input_fields["items"].annotation == list[str]
    assert sig2.input_fields["k"].annotation is int
    assert sig2.output_fields["scores"].annotation == dict[str, float]
    assert sig2.output_fields["note"].annotation == typing.Optional[str]
    sig3 = dspy.Signature("q -> label: Literal['yes', 'no'], maybe: int | None")
    assert sig3.output_fields["label"].annotation == typing.Literal["yes", "no"]
    assert sig3.output_fields["maybe"].annotation == typing.Optional[int]


def test_signature_instructions_and_custom_types():
    sig = dspy.Signature("question -> answer", "Answer in one word.")
    assert sig.instructions == "Answer in one word."

    class Point:
        pass

    sig = dspy.make_signature("p: Point -> q: Point", custom_types={"Point": Point})
    assert sig.input_fields["p"].annotation is Point


def test_class_based_signature():
    class QA(dspy.Signature):
        """Answer questions with short factoid answers."""

        question: str = dspy.InputField()
        answer: str = dspy.OutputField(desc="often between 1 and 5 words")
        confidence: float = dspy.OutputField()

    assert QA.instructions == "Answer questions with short factoid answers."
    assert QA.signature == "question -> answer, confidence"
    assert QA.output_fields["answer"].desc == "often between 1 and 5 words"
    assert QA.output_fields["confidence"].annotation is float
    instance = QA(question="q")
    assert instance.question == "q"


def test_class_based_signature_requires_fields():
    with pytest.raises(TypeError, match="must be declared with dspy.InputField"):
        class Bad(dspy.Signature):  # noqa: F841
            question: str


def test_signature_manipulation():
    sig = dspy.Signature("question -> answer")
    pre = sig.prepend("reasoning", dspy.OutputField(), type_=str)
    assert pre.signature == "question -> reasoning, answer"
    app = sig.append("context", dspy.InputField())
    assert app.signature == "question, context -> answer"
    assert app.delete("context").equals(sig)
    assert sig.with_instructions("Be brief.").instructions == "Be brief."
    assert sig.signature == "question -> answer"  # the original is unchanged
    upd = sig.with_updated_fields("answer", desc="one word")
    assert upd.output_fields["answer"].desc == "one word"
    with pytest.raises(ValueError, match="already has a field"):
        sig.append("answer", dspy.OutputField())


@pytest.mark.parametrize(
    "text, message",
    [
        ("question answer", "exactly one '->'"),
        ("a -> b -> c", "exactly one '->'"),
        ("", "exactly one '->'"),
        ("question ->", "no output fields"),
        ("question ->  ", "no output fields"),
        ("q answer -> a", "cannot parse 'q answer'"),
        ("q -> a b", "cannot parse 'a b'"),
        ("q, -> , a", "cannot parse"),
        ("a, a -> b", "'a' is declared more than once"),
        ("a -> a", "'a' is both an input and an output"),
        ("q: Foo -> a", "Unknown type 'Foo'"),
        ("q -> a: list[", "cannot parse"),
        ("q=1 -> a", "default values"),
        ("*q -> a", "only plain field names"),
        ("class -> a", "cannot parse"),
        ("q -> a: __import__('os')", "Unsupported type expression"),
    ],
)
def test_invalid_signature_strings(text, message):
    with pytest.raises(ValueError, match="Invalid signature|Unknown type|Unsupported type") as info:
        dspy.Signature(text)
    assert message in str(info.value)
    assert repr(text) in str(info.value)


def test_signature_wrong_type():
    with pytest.raises(TypeError):
        dspy.Signature(42)
    with pytest.raises(TypeError):
        dspy.Predict(42)


def test_input_only_side_may_be_empty_like_dspy():
    sig = dspy.Signature(" -> answer")
    assert sig.input_fields == {}
    assert list(sig.output_fields) == ["answer"]


# --------------------------------------------------------------------------------------
# LM and settings
# --------------------------------------------------------------------------------------


def test_lm_defaults():
    lm = dspy.LM()
    assert lm.model == "fake/deterministic"
    assert lm.provider == "fake"
    assert lm.kwargs["temperature"] == 0.0 and lm.kwargs["max_tokens"] == 1000
    assert repr(lm) == "LM(model='fake/deterministic')"


@pytest.mark.parametrize(
    "question, answer",
    [
        ("What is 2 + 3?", "5"),
        ("What is 2+2?", "4"),
        ("What is 10 - 4?", "6"),
        ("What is 6 * 7?", "42"),
        ("What is 7 / 2?", "3.5"),
        ("What is 1/3?", "0.3333333333"),
        ("What is (1 + 2) * 3?", "9"),
        ("What is 2 ** 10?", "1024"),
        ("What is -4 * 2?", "-8"),
        ("What is 2 plus 3?", "5"),
        ("What is 9 divided by 3?", "3"),
        ("What is 5 multiplied by 5?", "25"),
        ("What is 1 / 0?", "undefined"),
        ("What is the capital of France?", "Paris"),
        ("what is the capital of japan", "Tokyo"),
        ("What's the capital city of the United Kingdom?", "London"),
        ("What is the capital of Brazil?", "Brasília"),
        ("Count to 5", "1 2 3 4 5"),
        ("What is the capital of Atlantis?", "I don't know: What is the capital of Atlantis?"),
        ("Who wrote Hamlet?", "I don't know: Who wrote Hamlet?"),
        ("In 2024, what is 3 + 4?", "7"),
    ],
)
def test_fake_lm_rules(question, answer):
    assert dspy.LM("fake/x")(question) == [answer]
    assert dspy.LM("fake/x")(messages=[{"role": "user", "content": question}]) == [answer]


def test_lm_call_validation_and_history():
    lm = dspy.LM("fake/deterministic")
    with pytest.raises(ValueError, match="Exactly one"):
        lm()
    with pytest.raises(ValueError, match="Exactly one"):
        lm("a", messages=[])
    assert lm("What is 2 + 3?", n=3) == ["5", "5", "5"]
    assert len(lm.history) == 1
    assert lm.history[0]["outputs"] == ["5", "5", "5"]
    assert lm.copy(temperature=0.5).kwargs["temperature"] == 0.5


def test_non_fake_model_constructs_but_cannot_be_called():
    lm = dspy.LM("openai/gpt-4o-mini", temperature=0.7)
    assert lm.model == "openai/gpt-4o-mini"
    with pytest.raises(RuntimeError, match="network access is disabled"):
        lm("hello")
    with pytest.raises(TypeError):
        dspy.LM(3)
    with pytest.raises(ValueError):
        dspy.LM("  ")


def test_no_lm_configured_raises_runtime_error():
    assert dspy.settings.lm is None
    with pytest.raises(RuntimeError) as info:
        dspy.Predict("question -> answer")(question="What is 2 + 3?")
    assert str(info.value) == (
        "No LM is loaded. Please configure the LM using `dspy.configure(lm=dspy.LM(...))`."
    )


def test_lm_as_string_is_rejected(lm):
    dspy.configure(lm="openai/gpt-4o-mini")
    with pytest.raises(ValueError, match=r"dspy.LM\('openai/gpt-4o-mini'\)"):
        dspy.Predict("q -> a")(q="x")


def test_configure_and_settings(lm):
    assert dspy.settings.lm is lm
    assert dspy.settings["lm"] is lm
    assert "lm" in dspy.settings
    other = dspy.LM("fake/other")
    dspy.settings.configure(lm=other)
    assert dspy.settings.lm is other
    with pytest.raises(AttributeError):
        dspy.settings.no_such_setting


def test_context_overrides_for_this_thread_only(lm):
    other = dspy.LM("fake/other")
    seen = {}
    with dspy.context(lm=other):
        assert dspy.settings.lm is other
        t = threading.Thread(target=lambda: seen.setdefault("lm", dspy.settings.lm))
        t.start()
        t.join()
        dspy.Predict("question -> answer")(question="What is 2 + 3?")
    assert seen["lm"] is lm
    assert dspy.settings.lm is lm
    assert len(other.history) == 1 and len(lm.history) == 0


def test_env_var_configures_lm():
    code = "import dspy; print(dspy.settings.lm.model, dspy.Predict('question -> answer')(question='What is 2 + 3?').answer)"
    env = dict(os.environ, PYTHONPATH=str(FIXTURES), DSPY_FIXTURE_LM="fake/env")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["fake/env", "5"]


# --------------------------------------------------------------------------------------
# Predict and Prediction
# --------------------------------------------------------------------------------------


def test_predict_answers(lm):
    predict = dspy.Predict("question -> answer")
    pred = predict(question="What is 2 + 3?")
    assert isinstance(pred, dspy.Prediction) and isinstance(pred, dspy.Example)
    assert pred.answer == "5"
    assert pred["answer"] == "5"
    assert pred.keys() == ["answer"]
    assert pred.toDict() == {"answer": "5"}
    assert len(pred) == 1
    assert "answer" in pred
    assert repr(pred) == "Prediction(\n    answer='5'\n)"
    assert str(pred) == repr(pred)
    assert predict.forward(question="What is the capital of France?").answer == "Paris"
    assert repr(predict) == "Predict(question -> answer)"


def test_prediction_missing_attribute(lm):
    pred = dspy.Predict("question -> answer")(question="hi")
    with pytest.raises(AttributeError, match="'Prediction' object has no attribute 'nope'"):
        pred.nope
    with pytest.raises(KeyError):
        pred["nope"]
    assert pred.answer == "I don't know: hi"


def test_predict_typed_outputs(lm):
    predict = dspy.Predict("question: str -> answer: str, confidence: float")
    pred = predict(question="What is the capital of France?")
    assert pred.toDict() == {"answer": "Paris", "confidence": 0.95}
    assert isinstance(pred.confidence, float)
    assert predict(question="What is 2 + 3?").confidence == 0.99
    assert predict(question="Who are you?").confidence == 0.1
    assert repr(pred) == "Prediction(\n    answer='Paris',\n    confidence=0.95\n)"

    typed = dspy.Predict("question -> value: int, known: bool, items: list[str], label: Literal['5', 'other']")
    assert typed(question="What is 2 + 3?").toDict() == {"value": 5, "known": True, "items": ["5"], "label": "5"}
    assert typed(question="Who?").toDict() == {"value": 0, "known": False, "items": ["I don't know: Who?"], "label": "5"}


def test_predict_uses_question_field_with_context(lm):
    pred = dspy.Predict("context, question -> answer")(context="Geography.", question="What is the capital of Italy?")
    assert pred.answer == "Rome"


def test_predict_missing_and_unknown_inputs(lm):
    predict = dspy.Predict("context, question -> answer")
    with pytest.raises(ValueError, match=r"Missing input field\(s\) for Predict\(context, question -> answer\): 'context'"):
        predict(question="q")
    with pytest.raises(ValueError, match=r"Unknown input field\(s\) .*'query'.*Expected input fields: 'context', 'question'"):
        predict(context="c", question="q", query="x")
    with pytest.raises(TypeError):
        predict("positional")


def test_predict_is_deterministic(lm):
    predict = dspy.Predict("question -> answer, confidence: float")
    assert predict(question="What is 2 + 3?") == predict(question="What is 2 + 3?")


def test_predict_lm_overrides():
    per_call = dspy.LM("fake/a")
    predict = dspy.Predict("question -> answer")
    assert predict(question="What is 1 + 1?", lm=per_call).answer == "2"
    assert len(per_call.history) == 1
    predict.set_lm(dspy.LM("fake/b"))
    assert predict.get_lm().model == "fake/b"
    assert predict(question="What is 1 + 1?").answer == "2"


def test_predict_config_n_gives_completions(lm):
    pred = dspy.Predict("question -> answer", n=3)(question="What is 2 + 3?")
    assert pred.answer == "5"
    assert len(pred.completions) == 3
    assert "(2 completions omitted)" in repr(pred)


def test_predict_with_demos_and_state(lm):
    predict = dspy.Predict("question -> answer")
    predict.demos = [dspy.Example(question="What is 1 + 1?", answer="2")]
    assert predict(question="What is 2 + 3?").answer == "5"
    messages = lm.history[-1]["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    state = predict.dump_state()
    assert state["demos"] == [{"question": "What is 1 + 1?", "answer": "2"}]
    fresh = dspy.Predict("question -> answer").load_state(state)
    assert fresh.demos[0].answer == "2"


def test_prompt_format_is_dspy_chat_adapter_style(lm):
    dspy.Predict("question -> answer: int")(question="What is 2 + 3?")
    system, user = lm.history[-1]["messages"]
    assert "Your output fields are:\n1. `answer` (int)" in system["content"]
    assert user["content"].startswith("[[ ## question ## ]]\nWhat is 2 + 3?")
    assert "`[[ ## answer ## ]]` (must be formatted as a valid Python int)" in user["content"]
    assert lm.history[-1]["outputs"] == ["[[ ## answer ## ]]\n5\n\n[[ ## completed ## ]]"]


def test_adapter_parse_error():
    sig = dspy.Signature("q -> a: int")
    with pytest.raises(dspy.AdapterParseError, match="missing"):
        dspy.ChatAdapter().parse(sig, "no markers here")
    with pytest.raises(ValueError, match="Failed to parse field 'a' as int"):
        dspy.ChatAdapter().parse(sig, "[[ ## a ## ]]\nfive")


# --------------------------------------------------------------------------------------
# ChainOfThought
# --------------------------------------------------------------------------------------


def test_chain_of_thought(lm):
    cot = dspy.ChainOfThought("question -> answer")
    assert list(cot.signature.output_fields) == ["reasoning", "answer"]
    pred = cot(question="What is 2 + 3?")
    assert pred.keys() == ["reasoning", "answer"]
    assert pred.answer == "5"
    assert pred.reasoning == "Let's think step by step. The question asks for 2 + 3. Computing it gives 5."
    capital = cot.forward(question="What is the capital of France?")
    assert capital.reasoning == (
        "Let's think step by step. The question asks for the capital of France. The capital of France is Paris."
    )
    assert cot.named_predictors() == [("predict", cot.predict)]
    assert repr(cot) == "ChainOfThought(question -> reasoning, answer)"


def test_chain_of_thought_typed(lm):
    cot = dspy.ChainOfThought("question: str -> answer: str, confidence: float")
    pred = cot(question="What is 6 * 7?")
    assert pred.keys() == ["reasoning", "answer", "confidence"]
    assert (pred.answer, pred.confidence) == ("42", 0.99)
    with pytest.raises(ValueError, match="Missing input"):
        cot()


# --------------------------------------------------------------------------------------
# Streaming
# --------------------------------------------------------------------------------------


def test_stream_is_an_annotated_generator():
    assert inspect.isgeneratorfunction(dspy.Predict.stream)
    assert inspect.isgeneratorfunction(dspy.ChainOfThought.stream)
    assert typing.get_type_hints(dspy.Predict.stream)["return"] == collections.abc.Iterator[str]


def test_stream_chunks_join_to_the_answer(lm):
    predict = dspy.Predict("question -> answer")
    chunks = list(predict.stream(question="What is the capital of Atlantis?"))
    assert chunks == ["I ", "don't ", "know: ", "What ", "is ", "the ", "capital ", "of ", "Atlantis?"]
    assert "".join(chunks) == predict(question="What is the capital of Atlantis?").answer
    assert list(predict.stream(question="What is 2 + 3?")) == ["5"]
    assert list(dspy.ChainOfThought("question -> answer").stream(question="Count to 3")) == ["1 ", "2 ", "3"]


def test_stream_field_choice(lm):
    assert list(dspy.Predict("question -> confidence: float, summary").stream(question="Count to 2")) == ["1 ", "2"]


def test_long_stream_can_be_closed_early(lm):
    stream = dspy.Predict("question -> answer").stream(question="Count to 100000")
    assert [next(stream) for _ in range(3)] == ["1 ", "2 ", "3 "]
    stream.close()
    with pytest.raises(StopIteration):
        next(stream)


def test_stream_fails_mid_stream(lm):
    stream = dspy.Predict("question -> answer").stream(question="Please FAIL now")
    assert next(stream) == "I "
    assert next(stream) == "don't "
    with pytest.raises(RuntimeError, match="^stream failed$"):
        next(stream)


def test_stream_errors_surface_on_first_item():
    stream = dspy.Predict("question -> answer").stream(question="What is 2 + 3?")
    with pytest.raises(RuntimeError, match="No LM is loaded"):
        next(stream)
    dspy.configure(lm=dspy.LM())
    with pytest.raises(ValueError, match="Missing input"):
        next(dspy.Predict("question -> answer").stream(query="x"))


def test_stream_delay(lm):
    import time

    dspy.configure(lm=dspy.LM("fake/slow", stream_delay=0.02))
    start = time.monotonic()
    assert len(list(dspy.Predict("question -> answer").stream(question="Count to 4"))) == 4
    assert time.monotonic() - start >= 0.06


def test_streamify(lm):
    program = dspy.streamify(dspy.ChainOfThought("question -> answer"))
    items = list(program(question="What is the capital of Spain?"))
    assert items[:-1] == ["Madrid"]
    assert isinstance(items[-1], dspy.Prediction) and items[-1].answer == "Madrid"
    quiet = dspy.streamify(dspy.Predict("question -> answer"), include_final_prediction_in_output_stream=False)
    assert list(quiet(question="Count to 2")) == ["1 ", "2"]


# --------------------------------------------------------------------------------------
# Example and Module
# --------------------------------------------------------------------------------------


def test_example():
    ex = dspy.Example(question="What is 2 + 3?", answer="5").with_inputs("question")
    assert ex.question == "What is 2 + 3?" and ex["answer"] == "5"
    assert ex.inputs().toDict() == {"question": "What is 2 + 3?"}
    assert ex.labels().toDict() == {"answer": "5"}
    assert ex.copy(answer="6").answer == "6" and ex.answer == "5"
    assert ex.without("answer").keys() == ["question"]
    assert ex == dspy.Example(question="What is 2 + 3?", answer="5")
    assert hash(ex) == hash(dspy.Example(question="What is 2 + 3?", answer="5"))
    assert ex.get("missing", "dflt") == "dflt"
    assert repr(dspy.Example(a=1)) == "Example({'a': 1}) (input_keys=None)"
    with pytest.raises(ValueError, match="with_inputs"):
        dspy.Example(a=1).inputs()
    ex.extra = 3
    assert ex.items()[-1] == ("extra", 3)


def test_custom_module(lm):
    class QA(dspy.Module):
        def __init__(self):
            super().__init__()
            self.think = dspy.ChainOfThought("question -> answer")
            self.check = dspy.Predict("question, answer -> verdict: bool")

        def forward(self, question: str) -> dspy.Prediction:
            answer = self.think(question=question).answer
            return dspy.Prediction(answer=answer, verdict=self.check(question=question, answer=answer).verdict)

    qa = QA()
    assert [name for name, _ in qa.named_predictors()] == ["think.predict", "check"]
    assert qa(question="What is 2 + 3?").toDict() == {"answer": "5", "verdict": True}
    assert qa.get_lm() is None
    qa.set_lm(dspy.LM("fake/module"))
    assert qa.get_lm().model == "fake/module"
    copy = qa.deepcopy()
    assert copy.think.predict is not qa.think.predict and copy.get_lm() is qa.get_lm()
    with pytest.raises(NotImplementedError):
        dspy.Module()()


def test_concurrent_calls(lm):
    predict = dspy.Predict("question -> answer")
    results = {}

    def work(i):
        results[i] = predict(question=f"What is {i} + {i}?").answer

    threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {i: str(2 * i) for i in range(16)}


# --------------------------------------------------------------------------------------
# Annotations (what PyBridge's introspection sees)
# --------------------------------------------------------------------------------------


def test_public_annotations():
    sig = inspect.signature(dspy.Predict)
    assert str(sig) == "(signature: str | type[dspy.signatures.Signature], **config: Any) -> None"
    assert typing.get_type_hints(dspy.Predict.__call__) == {"kwargs": typing.Any, "return": dspy.Prediction}
    assert typing.get_type_hints(dspy.Predict.forward)["return"] is dspy.Prediction
    assert typing.get_type_hints(dspy.ChainOfThought.forward)["return"] is dspy.Prediction
    lm_sig = inspect.signature(dspy.LM)
    assert lm_sig.parameters["model"].annotation is str
    assert lm_sig.parameters["model"].default == "fake/deterministic"
    assert typing.get_type_hints(dspy.LM.__call__)["return"] == list[str]
    assert typing.get_type_hints(dspy.Example.__init__)["base"] == dspy.Example | dict[str, typing.Any] | None
    for func in (dspy.Predict.__init__, dspy.Predict.forward, dspy.Predict.stream, dspy.ChainOfThought.__init__,
                 dspy.LM.__init__, dspy.LM.__call__, dspy.Example.toDict, dspy.make_signature, dspy.configure):
        assert func.__doc__, func
        assert "return" in typing.get_type_hints(func), func


# -- ReAct, Tool, Evaluate --------------------------------------------------------------------

def test_react_calls_the_tools_the_question_names_in_order(lm):
    calls = []

    def square(x):
        calls.append(("square", x))
        return x * x

    agent = dspy.ReAct("question -> answer",
                       [dspy.Tool(square), dspy.Tool(lambda x: x ** 3, name="cube")])
    result = agent(question="What is square(7) + cube(2)?")
    assert result.answer == "57"
    assert calls == [("square", 7)]
    assert result.trajectory["tool_name_1"] == "cube"
    assert result.trajectory["observation_1"] == 8


def test_react_sees_a_failing_tool_and_stops_at_max_iters(lm):
    def fail(x):
        raise ValueError(f"bad {x}")

    agent = dspy.ReAct("question -> answer", [dspy.Tool(fail, name="check")], max_iters=1)
    result = agent(question="Is check(1) or check(2)?")
    assert result.trajectory["observation_0"] == "Failed to execute: bad 1"
    assert "tool_name_1" not in result.trajectory


def test_tool_needs_a_name():
    class Unnamed:
        def __call__(self):
            return 1

    with pytest.raises(ValueError, match="needs a name"):
        dspy.Tool(Unnamed())
    with pytest.raises(TypeError, match="must be callable"):
        dspy.Tool(3, name="three")


def test_evaluate_scores_with_the_metric(lm):
    devset = [dspy.Example(question=f"What is {i} + 1?", answer=str(i + 1 if i else 7))
              .with_inputs("question") for i in range(4)]
    seen = []

    def metric(example, prediction):
        seen.append(example.question)
        return example.answer == prediction.answer

    score = dspy.Evaluate(devset=devset)(dspy.Predict("question -> answer"), metric)
    assert score == 75.0
    assert len(seen) == 4
    with pytest.raises(ValueError, match="needs a metric"):
        dspy.Evaluate(devset=devset)(dspy.Predict("question -> answer"))
