"""Load the trained model safely (skops with an explicit trusted-type list, never pickle) and predict labels.

A prediction is a ``Verdict``: calibrated probabilities for all four labels and for "needs any label"
(the gate); the labels whose score passes its threshold, provided the gate is open; and ``needs_review`` when
a label score falls in the uncertain band around its threshold, when a label passed and the gate is in its own
band, when the gate closes on a threat, or when the message is in a language the model was not trained on.
Uncertain labels are listed so the draft can avoid relying on them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calmdraft import LABELS
from calmdraft.errors import ModelError
from calmdraft.resources import resource_path

MODEL_FILE = "classifier.skops"
CARD_FILE = "classifier.json"
TRAINED_LANGUAGES = frozenset({"en", "es", "de", "fr", "und"})
FORMAT = 3  # 3: the review margin is in log-odds

# Every type the model file may contain.  Anything else in a file is refused before it is loaded.
TRUSTED_TYPES = [
    "calmdraft.features.CueFeatures",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.pipeline.Pipeline",
    "sklearn.feature_extraction.text.HashingVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "numpy.float64",
    "numpy.int64",
    "numpy.dtype",
    "numpy.ndarray",
    "builtins.float",
    "builtins.int",
    "builtins.str",
    "builtins.list",
    "builtins.dict",
    "builtins.tuple",
]


@dataclass(frozen=True)
class Verdict:
    """What the classifier says about one message."""

    labels: tuple[str, ...]
    scores: dict[str, float]
    needs_review: bool = False
    uncertain: tuple[str, ...] = field(default=())
    gate: float | None = None  # calibrated probability that the message needs any label at all

    @property
    def confident_labels(self) -> tuple[str, ...]:
        """Labels the draft may rely on."""
        return tuple(label for label in self.labels if label not in self.uncertain)


def default_model_path() -> Path:
    return resource_path("models") / MODEL_FILE


class Classifier:
    """A loaded model: a feature union, one logistic regression per label and one for the gate, Platt scalers
    and thresholds."""

    def __init__(self, bundle: dict[str, Any], path: Path | None = None) -> None:
        if bundle.get("format") != FORMAT or list(bundle.get("labels", [])) != list(LABELS):
            raise ModelError(f"{path or 'model'} has an unexpected format or label set",
                             hint="rebuild it with `calmdraft train`")
        from calmdraft.features import CUE_NAMES

        if list(bundle.get("cues", [])) != list(CUE_NAMES):
            raise ModelError(f"{path or 'model'} was built with different cue features than this calmdraft",
                             hint="rebuild it with `calmdraft train`")
        self.features = bundle["features"]
        self.models = bundle["models"]
        self.platt = [tuple(p) for p in bundle["platt"]]
        self.thresholds = dict(bundle["thresholds"])
        self.margin = float(bundle["review_margin"])
        # The gate: a model of "does this message need any label at all?", which every label must pass too.
        self.gate_model = bundle["gate_model"]
        self.gate_platt = tuple(bundle["gate_platt"])
        self.gate_threshold = float(bundle["gate_threshold"])
        self.path = path
        self.load_seconds = 0.0

    @classmethod
    def load(cls, path: Path | None = None) -> Classifier:
        """Load a model file, refusing any type outside TRUSTED_TYPES."""
        import skops.io as sio

        path = path or default_model_path()
        started = time.perf_counter()
        if not path.is_file():
            raise ModelError(f"no model at {path}", hint="run `calmdraft train` to build it from data/")
        try:
            untrusted = sio.get_untrusted_types(file=str(path))
        except Exception as exc:  # noqa: BLE001 - a corrupt archive raises assorted errors
            raise ModelError(f"{path} is not a readable skops file ({type(exc).__name__})",
                             hint="rebuild it with `calmdraft train`") from exc
        refused = sorted(set(untrusted) - set(TRUSTED_TYPES))
        if refused:
            raise ModelError(f"{path} contains types calmdraft does not trust: {', '.join(refused)}",
                             hint="only load models built by `calmdraft train`")
        try:
            bundle = sio.load(str(path), trusted=TRUSTED_TYPES)
        except Exception as exc:  # noqa: BLE001
            raise ModelError(f"cannot load {path}: {type(exc).__name__}: {exc}",
                             hint="rebuild it with `calmdraft train`") from exc
        model = cls(bundle, path)
        model.load_seconds = time.perf_counter() - started
        return model

    def _probabilities(self, docs: list[str]) -> tuple[list[dict[str, float]], list[float]]:
        """Calibrated probability of each label, and of "any label" (the gate), for each prepared document."""
        if not docs:
            return [], []
        x = self.features.transform(docs)
        columns = []
        for model, (a, b) in zip(self.models, self.platt, strict=True):
            raw = model.decision_function(x)
            columns.append([_sigmoid(a * float(v) + b) for v in raw])
        ga, gb = self.gate_platt
        gate = [_sigmoid(ga * float(v) + gb) for v in self.gate_model.decision_function(x)]
        scores = [{label: round(columns[j][i], 4) for j, label in enumerate(LABELS)}
                  for i in range(len(docs))]
        return scores, gate

    def _close(self, score: float, threshold: float) -> bool:
        """Within the review margin of a threshold, measured in log-odds so the band is as wide in evidence
        at a threshold of 0.15 as at 0.5 (where 0.4 log-odds is about ±0.1)."""
        return abs(_logit(score) - _logit(threshold)) < self.margin

    def verdicts(self, docs: list[str], languages: list[str] | None = None) -> list[Verdict]:
        languages = languages or ["und"] * len(docs)
        out = []
        all_scores, gates = self._probabilities(docs)
        for scores, gate, lang in zip(all_scores, gates, languages, strict=True):
            passed = tuple(lb for lb in LABELS if scores[lb] >= self.thresholds[lb])
            open_ = gate >= self.gate_threshold
            labels = passed if open_ else ()
            uncertain = {lb for lb in LABELS if self._close(scores[lb], self.thresholds[lb])}
            if self.gate_threshold > 0 and self._close(gate, self.gate_threshold):
                # A close call on "needs any label": whatever passed its own threshold wants a second look.
                uncertain |= set(passed)
            if not open_ and "threat" in passed:
                # A threat is never dropped silently: the gate may only turn it into a second look.
                uncertain.add("threat")
            if lang not in TRAINED_LANGUAGES:
                # Unknown language: nothing the model says about it is relied on without a human.
                uncertain |= set(passed)
            ordered = tuple(lb for lb in LABELS if lb in uncertain)
            out.append(Verdict(labels, scores, needs_review=bool(ordered), uncertain=ordered,
                               gate=round(gate, 4)))
        return out

    def predict(self, subject: str, new_text: str, language: str = "und") -> Verdict:
        return self.predict_many([(subject, new_text, language)])[0]

    def predict_many(self, messages: Sequence[tuple[str, str, str]]) -> list[Verdict]:
        """Verdicts for (subject, new text, language) triples in one call: scikit-learn's per-call overhead is
        paid once per batch, not once per message."""
        from calmdraft.features import document

        return self.verdicts([document(subject, text) for subject, text, _ in messages],
                             [lang for _, _, lang in messages])


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
