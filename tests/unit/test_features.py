"""The model's input and decision rules: cue lexicons, phrase markers, the gate and threshold choice."""

from __future__ import annotations

import re

import numpy as np
import pytest

from calmdraft import LABELS, train
from calmdraft.classifier import Classifier
from calmdraft.features import _CUES_LOWER, CUES, cue_vector, document


def test_cue_sources_are_lower_case_so_lowercased_matching_equals_ignorecase():
    for name, pattern in CUES.items():
        literal = re.sub(r"\\.", "", pattern.pattern)  # escapes such as \b, \d, \W are not letters to fold
        assert literal == literal.lower(), name
    text = "WHERE IS MY BOOK?? I will open a PayPal DISPUTE and leave NEGATIVE FEEDBACK. Royal Mail. Danke!"
    lowered = text.lower()
    assert [len(p.findall(text)) for p in CUES.values()] == [len(p.findall(lowered)) for p in _CUES_LOWER]
    assert cue_vector(text) == cue_vector(text.lower())[:len(CUES)] + cue_vector(text)[len(CUES):]


@pytest.mark.parametrize("text", [
    "Refund received. Thanks.",
    "the refund for the cancelled order landed in my account today",
    "just seen the refund in my PayPal, thanks for sorting it",
    "Gracias por el reembolso, todo bien.",
    "Erstattung ist heute eingegangen, danke.",
    "Remboursement bien reçu, merci !",
])
def test_a_refund_already_received_is_one_marker(text):
    assert "zzrefdone" in document("", text)


@pytest.mark.parametrize("text", [
    "Where is my refund? You said it was processed two weeks ago.",
    "The refund has not come through yet.",
    "I want a refund.",
])
def test_a_refund_still_wanted_is_not_marked_received(text):
    assert "zzrefdone" not in document("", text)


def _bundle_stub(gate_threshold: float) -> Classifier:
    """A real trained model with its gate threshold moved, to test the decision rule around it."""
    model = Classifier.load()
    model.gate_threshold = gate_threshold
    return model


def test_the_gate_blocks_labels_and_a_close_call_asks_for_review():
    model = Classifier.load()
    doc = document("Order 1234", "Hello, my order 1234 has not arrived yet, it has been three weeks. "
                                 "Could you check where it is? Thanks, Ann")
    scores, gates = model._probabilities([doc])
    assert "shipping_delay" in model.verdicts([doc])[0].labels
    # A gate the message cannot pass: no label; only a close call (within the margin) asks for a second look.
    closed = _bundle_stub(gates[0] + model.margin + 0.01).verdicts([doc])[0]
    assert closed.labels == () and not closed.needs_review
    near = _bundle_stub(gates[0] + model.margin / 2).verdicts([doc])[0]
    assert near.labels == () and near.needs_review and "shipping_delay" in near.uncertain
    assert scores[0]["shipping_delay"] >= model.thresholds["shipping_delay"]


def test_five_way_macro_counts_no_label_as_an_outcome():
    y = np.array([[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]])
    perfect = y.astype(bool)
    assert train.five_way_macro_f1(y, perfect) == pytest.approx(2 / 5)  # three labels never present score 0
    noisy = perfect.copy()
    noisy[1, 0] = True  # a harmless message labelled: hurts irate and "no label"
    assert train.five_way_macro_f1(y, noisy) < train.five_way_macro_f1(y, perfect)


def test_choose_gate_closes_on_messages_only_the_gate_knows_are_harmless():
    rng = np.random.default_rng(0)
    n = 400
    y = np.zeros((n, len(LABELS)), dtype=np.int64)
    y[: n // 2, 0] = 1
    prob = np.zeros((n, len(LABELS)))
    prob[:, 0] = np.where(y[:, 0] == 1, 0.9, 0.0)
    prob[n // 2: n // 2 + 40, 0] = 0.9  # harmless messages the label model gets wrong...
    # ...which the gate gets right.
    gate = np.where(y.sum(axis=1) > 0, rng.uniform(0.6, 1.0, n), rng.uniform(0.0, 0.2, n))
    threshold, thresholds = train.choose_gate(prob, gate, y)
    assert 0.2 <= threshold <= 0.6
    assert set(thresholds) == set(LABELS)


def test_threat_threshold_is_the_lowest_meeting_the_precision_floor():
    truth = np.array([1] * 20 + [0] * 80)
    prob = np.concatenate([np.linspace(0.3, 0.95, 20), np.linspace(0.0, 0.5, 80)])
    t = train.choose_threshold(prob, truth, min_precision=0.85)
    pred = prob >= t
    precision = (pred & (truth == 1)).sum() / pred.sum()
    assert precision >= 0.85
    lower = prob >= t - 0.01
    assert (lower & (truth == 1)).sum() / lower.sum() < 0.85 or lower.sum() == pred.sum()
