"""The model's input and decision rules: cue lexicons, phrase markers, the gate and threshold choice."""

from __future__ import annotations

import copy
import re
import time
from functools import cache

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
    assert cue_vector(text)[:len(CUES)] == [float(np.log1p(len(p.findall(text)))) for p in CUES.values()]


@pytest.mark.parametrize("text", [
    "Refund received. Thanks.",
    "the refund for the cancelled order landed in my account today",
    "just got the refund in my PayPal, thanks for sorting it",
    "Gracias por el reembolso, todo bien.",
    "Erstattung ist heute eingegangen, danke.",
    "Remboursement bien reçu, merci !",
])
def test_a_refund_already_received_is_one_marker(text):
    assert "zzrefdone" in document("", text)


@pytest.mark.parametrize("text", [
    "Where is my refund? You said it was processed two weeks ago.",
    "The refund has not come through yet.",
    "The refund for the order has not come through yet. Please sort it out.",
    "I haven't received the refund.",
    "I still don't see my refund in my account.",
    "When will I see the refund?",
    "The refund is showing as pending.",
    "No he recibido el reembolso.",
    "I want a refund.",
    "I haven\u2019t received the refund yet, please check.",
    "When will my refund come through? You cancelled the order ten days ago.",
    "Has my refund come through yet?",
])
def test_a_refund_still_wanted_is_not_marked_received(text):
    assert "zzrefdone" not in document("", text)


@pytest.mark.parametrize(("text", "marker", "expected"), [
    ("I won't leave negative feedback, don't worry.", "zznothreat", True),
    ("No voy a poner ninguna valoración negativa.", "zznothreat", True),
    ("I don't want to open a dispute, but if you don't answer by Friday I will open one.", "zznothreat",
     False),
    ("No quiero abrir una disputa, pero lo haré si no responden mañana.", "zznothreat", False),
    ("I've closed the PayPal dispute, all good.", "zzclosed", True),
    ("Der Fall ist jetzt geschlossen.", "zzclosed", True),
    ("I have NOT closed the dispute.", "zzclosed", False),
    ("The book arrived today, thanks!", "zzarrived", True),
    ("Tracking says it arrived but I don't have it.", "zzarrived", False),
    ("No problem, the refund arrived today.", "zzrefdone", True),
    ("Just to say the refund has come through, thanks.", "zzrefdone", True),
    ("Just a quick note to say the book arrived today.", "zzarrived", True),
    ("Will it come before Christmas?", "zzarrived", False),
    ("The parcel came back to you, sorry.", "zzarrived", False),
    ("I've withdrawn the A-to-z claim.", "zzclosed", True),
    ("Don't worry, I won't leave negative feedback. If you have more by her I'll happily buy them.",
     "zznothreat", True),
    ("I won't open a dispute, these things happen. If it turns up I'll let you know.", "zznothreat", True),
    ("I won\u2019t leave negative feedback, these things happen.", "zznothreat", True),
    ("Before I order: is it signed?", "zzpresale", True),
    ("Before I ordered I asked you twice about the jacket.", "zzpresale", False),
])
def test_phrase_markers_respect_negation_condition_and_word_ends(text, marker, expected):
    assert (marker in document("", text)) is expected


def test_feature_preparation_stays_linear_on_crafted_input():
    started = time.perf_counter()
    crafted = ("a" * 200_000, "<a" * 100_000, "refund for the " * 13_000,
               "I won't leave a review but " * 7_000)
    for body in crafted:
        document("", body)
    # Each of these took seconds to minutes with unbounded patterns; linear work is a small fraction of that.
    assert time.perf_counter() - started < 5


@cache
def _model() -> Classifier:
    return Classifier.load()


def _with_gate(threshold: float) -> Classifier:
    """The trained model with its gate threshold moved, to test the decision rule around it."""
    model = copy.copy(_model())
    model.gate_threshold = threshold
    return model


def _gate_logit_offset(p: float, offset: float) -> float:
    z = np.log(p / (1 - p)) + offset
    return float(1 / (1 + np.exp(-z)))


def _passing(label: str, subject: str, text: str) -> tuple[str, float]:
    """A prepared message whose ``label`` score passes its threshold, and its gate probability."""
    doc = document(subject, text)
    scores, gates = _model()._probabilities([doc])
    assert scores[0][label] >= _model().thresholds[label]
    return doc, gates[0]


def test_the_gate_blocks_labels_and_a_close_call_asks_for_review():
    model = _model()
    doc, gate = _passing("shipping_delay", "Order 1234", "Hello, my order 1234 has not arrived yet, it has "
                         "been three weeks. Could you check where it is? Thanks, Ann")
    assert "shipping_delay" in model.verdicts([doc])[0].labels
    # A gate the message cannot pass: no label; only a close call (within the margin) asks for a second look.
    closed = _with_gate(_gate_logit_offset(gate, model.margin + 0.2)).verdicts([doc])[0]
    assert closed.labels == () and not closed.needs_review
    near = _with_gate(_gate_logit_offset(gate, model.margin / 2)).verdicts([doc])[0]
    assert near.labels == () and near.needs_review and "shipping_delay" in near.uncertain
    barely_open = _with_gate(_gate_logit_offset(gate, -model.margin / 2)).verdicts([doc])[0]
    assert "shipping_delay" in barely_open.labels and "shipping_delay" in barely_open.uncertain


def test_a_closed_gate_never_drops_a_threat_silently():
    doc, gate = _passing("threat", "Order 4471", "If the book is not here by Friday I will open a PayPal "
                         "dispute and leave negative feedback.")
    closed = _with_gate(_gate_logit_offset(gate, _model().margin + 0.5)).verdicts([doc])[0]
    assert "threat" not in closed.labels
    assert closed.needs_review and "threat" in closed.uncertain


def test_labels_on_a_language_not_trained_on_always_ask_for_review():
    model = _model()
    doc = document("Zamówienie", "Gdzie jest moja książka? Czekam już trzy tygodnie, to skandal. "
                                 "Where is my book, three weeks now.")
    verdict = model.verdicts([doc], ["pl"])[0]
    passed = {lb for lb in verdict.scores if verdict.scores[lb] >= model.thresholds[lb]}
    assert passed, verdict
    assert passed <= set(verdict.uncertain) and verdict.needs_review


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
