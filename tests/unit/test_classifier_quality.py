"""Classifier quality on mail it never saw: the boundary cases, the independent holdout, and cross-validation.

tests/data/hard_cases.jsonl and data/holdout/ were written separately from the training corpus; the first test
checks that none of their texts leaked into data/corpus.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache

import pytest

from calmdraft import LABELS, train
from calmdraft.classifier import Classifier
from conftest import ROOT

HARD = ROOT / "tests" / "data" / "hard_cases.jsonl"
HOLDOUT = ROOT / "data" / "holdout" / "holdout.jsonl"

# What must hold for each boundary case, whatever else the model says.
PROPERTIES: dict[str, Callable[[set[str], set[str]], bool]] = {
    "keyword_in_quote": lambda got, want: got <= want,
    "lawyer_by_profession": lambda got, want: "threat" not in got,
    "refund_refused": lambda got, want: "refund_request" not in got,
    "carrier_anger": lambda got, want: "irate" not in got,
    "polite_conditional_threat": lambda got, want: "threat" in got,
    "feedback_praise": lambda got, want: "threat" not in got,
    "apology_for_anger": lambda got, want: "irate" not in got,
    "clear_threat": lambda got, want: "threat" in got,
}


@cache
def model() -> Classifier:
    return Classifier.load()


def _cases() -> list[dict[str, str]]:
    return [json.loads(line) for line in HARD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_evaluation_sets_are_not_in_the_training_corpus():
    corpus = {e.body.strip() for e in train.load_corpus([ROOT / "data" / "corpus"])}
    held = [c["body"].strip() for c in _cases()] + [e.body.strip() for e in train.load_corpus([HOLDOUT])]
    assert not [b for b in held if b in corpus]


@pytest.mark.parametrize("case", sorted(PROPERTIES))
def test_boundary_case(case):
    examples = [c for c in _cases() if c["case"] == case]
    assert len(examples) == 8
    verdicts = [
        model().predict(
            c["subject"], train.Example(c["id"], c["subject"], c["body"], (), c["lang"]).new_text, c["lang"]
        )
        for c in examples
    ]
    failures = [
        (c["id"], v.labels)
        for c, v in zip(examples, verdicts, strict=True)
        if not PROPERTIES[case](set(v.labels), set(c["labels"]))
    ]
    # At most one of the eight may miss (two written in another language than the rest included).
    assert len(failures) <= 1, failures


def test_independent_holdout():
    """Regression floor on mail written apart from the corpus (measured: macro-F1 0.93, threat R 0.92)."""
    report = train.holdout_report(model(), train.load_corpus([HOLDOUT]))
    assert report["macro_f1"] >= 0.88, report
    assert report["labels"]["threat"]["recall"] >= 0.88, report["labels"]["threat"]
    assert report["no_label_correct"] >= 0.82, report["no_label_correct"]


@cache
def cross_validation() -> dict[str, object]:
    return train.evaluate(train.load_corpus([ROOT / "data" / "corpus"]), n_splits=5, n_repeats=1)


@pytest.mark.slow
def test_cross_validation_floor():
    """Regression floor at the level measured on the committed corpus (macro-F1 0.877, threat recall 0.86)."""
    report = cross_validation()
    assert report["macro_f1"] >= 0.86, report  # type: ignore[operator]
    assert report["labels"]["threat"]["recall"] >= 0.83, report["labels"]  # type: ignore[index]


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="issue targets (macro-F1 0.90, threat recall 0.95, every label F1 0.88, "
    "no-label 95 %) are not met yet on the committed corpus; see README",
)
def test_cross_validated_targets():
    report = cross_validation()
    assert report["macro_f1"] >= 0.90, report  # type: ignore[operator]
    assert report["labels"]["threat"]["recall"] >= 0.95, report["labels"]  # type: ignore[index]
    assert report["no_label_correct"] >= 0.95, report["no_label_correct"]  # type: ignore[index]
    for label in LABELS:
        assert report["labels"][label]["f1"] >= 0.88, (label, report["labels"][label])  # type: ignore[index]
