"""R17: the courtesy check on the labelled corpus (tests/corpus/tone.toml, issue 9).

The goal is measured on the held-out third, set aside before the check was
tuned: recall >= 0.9 on pushy, passive-aggressive and hostile sentences, and
no error on a polite, neutral or non-native polite one (in any split).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from followup.domain.messages import Severity, check

BENCH = Path(__file__).resolve().parent.parent / "bench" / "check_corpus.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_corpus", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_corpus"] = module
    spec.loader.exec_module(module)
    return module


corpus = _bench()
JUDGED = [corpus.judge(entry) for entry in corpus.sentences()]


def test_the_corpus_has_enough_sentences_in_every_style_and_a_third_held_out() -> None:
    original = [j for j in JUDGED if j.split in ("train", "held_out")]
    held = [j for j in original if j.split == "held_out"]
    assert len(original) >= 150
    assert abs(len(held) / len(original) - 1 / 3) < 0.03
    labels = {"polite", "neutral", "non_native", "needy", "pushy", "passive_aggressive",
              "hostile"}
    assert {j.label for j in held} == labels


def test_the_frame_alone_passes_every_check() -> None:
    assert corpus.base_findings() == []


def test_r17_held_out_recall_on_pressure_is_at_least_ninety_percent() -> None:
    score = corpus.score(corpus.of_split(JUDGED, "held_out"))
    assert score.recall >= 0.9
    assert score.precision >= 0.9


def test_r17_no_courteous_sentence_gets_an_error_in_any_split() -> None:
    wrong = [j.text for j in JUDGED if j.label in corpus.COURTEOUS and j.errors]
    assert wrong == []


def test_r17_needy_sentences_get_a_warning_not_an_error() -> None:
    needy = [j for j in JUDGED if j.label == "needy"]
    assert sum(bool(j.warnings or j.errors) for j in needy) / len(needy) >= 0.9
    assert [j.text for j in needy if j.errors] == []


def test_r17_the_ultimatum_from_the_issue_is_stopped() -> None:
    text = ("Subject: Following up\n\nHi Jane,\n\nI have had zero response from you. I will "
            "need a yes or no by tomorrow, otherwise I will assume you are not serious about "
            "hiring.\n\nSam\n")
    tone = {f.code for f in check("follow_up", text)
            if f.code.startswith("tone-") and f.severity is Severity.ERROR}
    assert {"tone-guilt", "tone-pressure"} <= tone


@pytest.mark.parametrize("sentence", [
    "You mentioned the team would decide in early December, so I thought I would check in.",
    "I'll have the writing sample with you by Monday morning.",
    "Your third question, about on-call, made me think about how I would set up the rota.",
    "I moved our reporting to SQL on AWS for the NYC office.",
])
def test_r17_sentences_that_only_look_like_pressure_pass(sentence: str) -> None:
    judged = corpus.judge({"label": "polite", "split": "train", "text": sentence})
    assert judged.errors == () and judged.warnings == ()


@pytest.mark.parametrize(("sentence", "code"), [
    ("Please reply by Friday or I will withdraw my application.", "tone-pressure"),
    ("You said you would get back to me last week, but I haven't heard anything.", "tone-guilt"),
    ("This is my third email about this.", "tone-guilt"),
    ("I deserve to know where I stand.", "tone-pressure"),
    ("I have another offer on the table, so you need to decide quickly.", "tone-pressure"),
    ("I guess my application got lost somewhere.", "tone-sarcasm"),
    ("I HAVE BEEN WAITING FOR THREE WEEKS.", "tone-shouting"),
])
def test_r17_each_pattern_names_its_kind_of_pressure(sentence: str, code: str) -> None:
    judged = corpus.judge({"label": "pushy", "split": "train", "text": sentence})
    assert code in judged.errors
