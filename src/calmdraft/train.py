"""Build the classifier from the labelled corpus in data/, evaluate it by repeated cross-validation, write the
card.

Training is deterministic for a given corpus and library versions: fixed seeds, sorted inputs, single-threaded
solvers.  Calibration (Platt scaling) and the per-label thresholds come from out-of-fold scores, so the model
never grades its own homework.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from calmdraft import LABELS, __version__, quotes
from calmdraft.classifier import FORMAT, Classifier
from calmdraft.errors import CalmdraftError
from calmdraft.features import CUE_NAMES, CueFeatures, document

SEED = 20261123
REVIEW_MARGIN = 0.1
# Threat is tuned for recall: a missed threat costs far more than a second look at a harmless message.
MIN_RECALL = {"threat": 0.985}
Y = np.ndarray


@dataclass(frozen=True)
class Example:
    id: str
    subject: str
    body: str
    labels: tuple[str, ...]
    lang: str

    @property
    def new_text(self) -> str:
        return quotes.split(self.body).new_text

    @property
    def doc(self) -> str:
        return document(self.subject, self.new_text)


def load_corpus(paths: Iterable[Path]) -> list[Example]:
    """Read JSONL files (or every *.jsonl in a directory), validating each line."""
    files: list[Path] = []
    for p in paths:
        files += sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    out: list[Example] = []
    seen: set[str] = set()
    for file in files:
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                labels = tuple(sorted(row.get("labels", [])))
                bad = set(labels) - set(LABELS)
                if bad:
                    raise ValueError(f"unknown label(s) {sorted(bad)}")
                ex = Example(str(row["id"]), str(row.get("subject", "")), str(row["body"]), labels,
                             str(row.get("lang", "und")))
            except (ValueError, KeyError, TypeError) as exc:
                raise CalmdraftError(f"{file}:{n}: {exc}",
                                     hint="each line needs id, body and labels") from exc
            if ex.id in seen:
                raise CalmdraftError(f"{file}:{n}: duplicate id {ex.id}")
            seen.add(ex.id)
            out.append(ex)
    if not out:
        raise CalmdraftError("no training examples found", hint="the corpus lives in data/corpus/*.jsonl")
    return sorted(out, key=lambda e: e.id)


def corpus_hash(examples: Sequence[Example]) -> str:
    h = hashlib.sha256()
    for e in examples:
        h.update(json.dumps([e.id, e.subject, e.body, e.labels, e.lang], ensure_ascii=False).encode())
    return h.hexdigest()


def label_matrix(examples: Sequence[Example]) -> Y:
    return np.array([[int(lb in e.labels) for lb in LABELS] for e in examples], dtype=np.int64)


def build_features() -> FeatureUnion:
    """Hashed word 1-2-grams and char 2-5-grams with TF-IDF weights, plus the cue features.

    Hashing instead of a learned vocabulary keeps the model file free of 100k-entry dictionaries: it loads in
    about a tenth of a second and classifies faster, for a cost within noise on held-out mail.
    """
    word = Pipeline([
        ("hash", HashingVectorizer(analyzer="word", ngram_range=(1, 2), n_features=2**18,
                                   alternate_sign=False, norm=None, strip_accents="unicode",
                                   token_pattern=r"(?u)\b\w[\w']*\b")),
        ("tfidf", TfidfTransformer(sublinear_tf=True))])
    char = Pipeline([
        ("hash", HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5), n_features=2**19,
                                   alternate_sign=False, norm=None)),
        ("tfidf", TfidfTransformer(sublinear_tf=True))])
    return FeatureUnion([("word", word), ("char", char), ("cues", CueFeatures(weight=0.6))])


def _fit_raw(docs: Sequence[str], y: Y, c: float = 30.0) -> tuple[FeatureUnion, list[LogisticRegression]]:
    features = build_features()
    x = features.fit_transform(list(docs))
    models = []
    for j in range(len(LABELS)):
        lr = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear",
                                random_state=SEED)
        lr.fit(x, y[:, j])
        models.append(lr)
    return features, models


def _decisions(features: FeatureUnion, models: list[LogisticRegression], docs: Sequence[str]) -> Y:
    x = features.transform(list(docs))
    return np.column_stack([m.decision_function(x) for m in models])


def stratify_keys(y: Y, n_splits: int) -> list[str]:
    """Label-powerset keys for multi-label stratification; combinations rarer than a fold fall back to one
    label."""
    keys = ["".join(map(str, row)) for row in y]
    counts = Counter(keys)
    out = []
    for key, row in zip(keys, y, strict=True):
        if counts[key] >= n_splits:
            out.append(key)
        else:
            # The rarest label present keeps rare combinations spread over the folds.
            present = [j for j in range(len(row)) if row[j]]
            out.append(f"L{min(present, key=lambda j: y[:, j].sum())}" if present else "none")
    return out


def _folds(y: Y, n_splits: int, seed: int) -> list[tuple[Y, Y]]:
    skf = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return list(skf.split(np.zeros(len(y)), stratify_keys(y, n_splits)))


def out_of_fold(docs: Sequence[str], y: Y, n_splits: int, seed: int,
                tick: Callable[[], None] | None = None) -> Y:
    """Decision scores for every document from models that did not see it."""
    scores = np.zeros(y.shape, dtype=np.float64)
    for train_idx, test_idx in _folds(y, n_splits, seed):
        features, models = _fit_raw([docs[i] for i in train_idx], y[train_idx])
        scores[test_idx] = _decisions(features, models, [docs[i] for i in test_idx])
        if tick:
            tick()
    return scores


def fit_platt(scores: Y, truth: Y) -> tuple[float, float]:
    """Platt scaling: a one-feature logistic regression from decision score to probability."""
    lr = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000)
    lr.fit(scores.reshape(-1, 1), truth)
    return float(lr.coef_[0][0]), float(lr.intercept_[0])


def choose_threshold(prob: Y, truth: Y, min_recall: float | None = None) -> float:
    """The F1-best threshold, or for recall-first labels the F1-best among those meeting the recall floor."""
    best, best_f1 = 0.5, -1.0
    floor_best, floor_f1 = None, -1.0
    for t in np.arange(0.10, 0.91, 0.01):
        pred = prob >= t
        tp = int((pred & (truth == 1)).sum())
        fp = int((pred & (truth == 0)).sum())
        fn = int((~pred & (truth == 1)).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        if f1 > best_f1:
            best, best_f1 = float(t), f1
        if min_recall is not None and recall >= min_recall and f1 > floor_f1:
            floor_best, floor_f1 = float(t), f1
    return round(floor_best if floor_best is not None else best, 2)


def fit(examples: Sequence[Example], n_splits: int = 5, seed: int = SEED,
        tick: Callable[[], None] | None = None) -> dict[str, Any]:
    """Train the full bundle: features, per-label models, calibration and thresholds from out-of-fold
    scores."""
    docs = [e.doc for e in examples]
    y = label_matrix(examples)
    oof = out_of_fold(docs, y, n_splits, seed, tick)
    platt, thresholds = [], {}
    for j, label in enumerate(LABELS):
        a, b = fit_platt(oof[:, j], y[:, j])
        platt.append([a, b])
        prob = 1 / (1 + np.exp(-(a * oof[:, j] + b)))
        thresholds[label] = choose_threshold(prob, y[:, j], MIN_RECALL.get(label))
    features, models = _fit_raw(docs, y)
    if tick:
        tick()
    return {"format": FORMAT, "labels": list(LABELS), "cues": list(CUE_NAMES), "features": features,
            "models": models, "platt": platt, "thresholds": thresholds, "review_margin": REVIEW_MARGIN}


def metrics(y: Y, pred: Y, prob: Y) -> dict[str, Any]:
    """Per-label precision/recall/F1/PR-AUC, macro-F1, confusion counts and the no-label accuracy."""
    out: dict[str, Any] = {"labels": {}}
    p, r, f, support = precision_recall_fscore_support(y, pred, average=None, zero_division=0)
    for j, label in enumerate(LABELS):
        tp = int(((pred[:, j] == 1) & (y[:, j] == 1)).sum())
        fp = int(((pred[:, j] == 1) & (y[:, j] == 0)).sum())
        fn = int(((pred[:, j] == 0) & (y[:, j] == 1)).sum())
        out["labels"][label] = {
            "precision": round(float(p[j]), 4), "recall": round(float(r[j]), 4), "f1": round(float(f[j]), 4),
            "pr_auc": (round(float(average_precision_score(y[:, j], prob[:, j])), 4) if y[:, j].any()
                       else None),
            "support": int(support[j]), "tp": tp, "fp": fp, "fn": fn, "tn": int(len(y) - tp - fp - fn),
        }
    out["macro_f1"] = round(float(np.mean(f)), 4)
    none = y.sum(axis=1) == 0
    out["no_label_support"] = int(none.sum())
    out["no_label_correct"] = round(float((pred[none].sum(axis=1) == 0).mean()), 4) if none.any() else None
    out["exact_match"] = round(float((pred == y).all(axis=1).mean()), 4)
    return out


def evaluate(examples: Sequence[Example], n_splits: int = 5, n_repeats: int = 2, seed: int = SEED,
             tick: Callable[[], None] | None = None,
             test_examples: Sequence[Example] | None = None) -> dict[str, Any]:
    """Repeated stratified cross-validation; thresholds are chosen inside each training fold (nested)."""
    y = label_matrix(examples)
    runs = []
    all_y, all_pred, all_prob, all_lang = [], [], [], []
    for rep in range(n_repeats):
        for train_idx, test_idx in _folds(y, n_splits, seed + rep):
            train = [examples[i] for i in train_idx]
            bundle = fit(train, n_splits=4, seed=seed + rep)
            model = Classifier(bundle)
            test = [examples[i] for i in test_idx]
            prob, pred = _predict(model, test)
            all_y.append(y[test_idx])
            all_pred.append(pred)
            all_prob.append(prob)
            all_lang += [e.lang for e in test]
            runs.append(metrics(y[test_idx], pred, prob)["macro_f1"])
            if tick:
                tick()
    yy, pp, pr = np.vstack(all_y), np.vstack(all_pred), np.vstack(all_prob)
    report = metrics(yy, pp, pr)
    report.update({"n_examples": len(examples), "n_splits": n_splits, "n_repeats": n_repeats,
                   "fold_macro_f1_min": round(min(runs), 4), "fold_macro_f1_max": round(max(runs), 4)})
    langs = np.array(all_lang)
    report["by_language"] = {
        lang: {"n": int((langs == lang).sum()), "macro_f1": metrics(yy[langs == lang], pp[langs == lang],
                                                                    pr[langs == lang])["macro_f1"]}
        for lang in sorted(set(all_lang)) if (langs == lang).sum() >= 20
    }
    return report


def _predict(model: Classifier, examples: Sequence[Example]) -> tuple[Y, Y]:
    from calmdraft import language

    docs = [e.doc for e in examples]
    langs = [language.detect(d) for d in docs]
    verdicts = model.verdicts(docs, langs)
    prob = np.array([[v.scores[lb] for lb in LABELS] for v in verdicts])
    pred = np.array([[int(lb in v.labels) for lb in LABELS] for v in verdicts])
    return prob, pred


def holdout_report(model: Classifier, examples: Sequence[Example]) -> dict[str, Any]:
    """Metrics of a trained model on examples it never saw."""
    prob, pred = _predict(model, examples)
    report = metrics(label_matrix(examples), pred, prob)
    report["n_examples"] = len(examples)
    return report


def library_versions() -> dict[str, str]:
    import scipy
    import sklearn
    import skops

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__, "numpy": np.__version__,
            "scipy": scipy.__version__, "skops": skops.__version__, "calmdraft": __version__}


def save(bundle: dict[str, Any], model_path: Path, card: dict[str, Any]) -> None:
    import skops.io as sio

    model_path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(bundle, str(model_path), compression=8)  # ZIP_DEFLATED
    card_path = model_path.with_suffix(".json")
    card_path.write_text(json.dumps(card, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                         encoding="utf-8")
