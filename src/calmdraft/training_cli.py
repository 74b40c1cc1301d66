"""``calmdraft train`` and ``calmdraft evaluate``: the commands around train.py, with progress and reports."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from calmdraft import LABELS
from calmdraft.classifier import CARD_FILE, MODEL_FILE, Classifier
from calmdraft.errors import CalmdraftError
from calmdraft.progress import Progress
from calmdraft.resources import repo_root, resource_path


def _data_paths(args: argparse.Namespace) -> list[Path]:
    if args.data:
        return [Path(p) for p in args.data]
    root = repo_root()
    if root is None or not (root / "data" / "corpus").is_dir():
        raise CalmdraftError("no corpus found", hint="pass --data PATH (a JSONL file or a directory of them)")
    return [root / "data" / "corpus"]


def train_command(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from calmdraft import train

    examples = train.load_corpus(_data_paths(args))
    model_path = Path(args.out) if args.out else resource_path("models") / MODEL_FILE
    with Progress(6, "training") as bar:
        bundle = train.fit(examples, n_splits=5, tick=lambda: bar.advance(note="fold"))
    card = {
        "model": MODEL_FILE, "trained_at": datetime.now(UTC).date().isoformat(),
        "corpus": {"examples": len(examples), "sha256": train.corpus_hash(examples),
                   "per_label": {lb: sum(lb in e.labels for e in examples) for lb in LABELS},
                   "no_label": sum(not e.labels for e in examples),
                   "languages": _count(e.lang for e in examples)},
        "thresholds": bundle["thresholds"], "review_margin": bundle["review_margin"],
        "platt": dict(zip(LABELS, bundle["platt"], strict=True)),
        "gate": {"threshold": bundle["gate_threshold"], "platt": bundle["gate_platt"]},
        # Scored with the thresholds chosen on these same out-of-fold scores: a little optimistic.  The
        # "evaluation" entry (nested cross-validation) comes from `calmdraft evaluate`.
        "out_of_fold": _summary(bundle.pop("out_of_fold")),
        "libraries": train.library_versions(),
        "features": "hashed word 1-2 grams + char_wb 2-5 grams (TF-IDF) of subject + new text, "
                    "multilingual cue lexicons",
        "estimator": "one logistic regression per label and one for 'any label' (the gate), liblinear, "
                     "balanced, Platt-calibrated out of fold; a label needs its own threshold and the gate",
    }
    train.save(bundle, model_path, card)
    out(f"wrote {model_path} ({model_path.stat().st_size // 1024} KiB) and "
        f"{model_path.with_suffix('.json').name}")
    out("thresholds: " + ", ".join(f"{k}={v}" for k, v in bundle["thresholds"].items())
        + f"; gate={bundle['gate_threshold']}")
    return 0


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    """The figures a model card keeps from a report: per-label P/R/F1/PR-AUC, macro-F1, no-label accuracy."""
    keep = ("precision", "recall", "f1", "pr_auc", "support")
    out = {"labels": {lb: {k: m[k] for k in keep} for lb, m in report["labels"].items()},
           "macro_f1": report["macro_f1"], "no_label_correct": report["no_label_correct"]}
    for key in ("n_examples", "n_splits", "n_repeats", "needs_review", "by_language"):
        if key in report:
            out[key] = report[key]
    return out


def _record(card_path: Path, corpus_sha: str, entries: dict[str, Any], out: Callable[[str], None]) -> None:
    """Keep evaluation figures in the model card when they were measured on the corpus the model came from."""
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if card.get("corpus", {}).get("sha256") != corpus_sha:
        out(f"(not recorded in {card_path}: the model was trained on another corpus; run `calmdraft train`)")
        return
    card.update(entries)
    try:
        card_path.write_text(json.dumps(card, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    except OSError as exc:
        out(f"(not recorded in {card_path}: {exc.strerror})")
        return
    out(f"recorded in {card_path}")


def _count(values: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return dict(sorted(counts.items()))


def format_report(report: dict[str, Any]) -> str:
    lines = [f"{report['n_examples']} examples, {report.get('n_splits', '-')}-fold x "
             f"{report.get('n_repeats', 1)} repeats (thresholds chosen inside each training fold)", "",
             f"{'label':<16}{'precision':>10}{'recall':>9}{'F1':>8}{'PR-AUC':>9}{'support':>9}"
             f"{'TP':>7}{'FP':>6}{'FN':>6}"]
    for label, m in report["labels"].items():
        auc = f"{m['pr_auc']:.3f}" if m["pr_auc"] is not None else "-"
        lines.append(f"{label:<16}{m['precision']:>10.3f}{m['recall']:>9.3f}{m['f1']:>8.3f}{auc:>9}"
                     f"{m['support']:>9}{m['tp']:>7}{m['fp']:>6}{m['fn']:>6}")
    lines.append("")
    lines.append(f"macro-F1 {report['macro_f1']:.3f}   exact match {report['exact_match']:.3f}   "
                 f"no-label mail left unlabelled {report['no_label_correct']:.3f} "
                 f"(n={report['no_label_support']})")
    if "needs_review" in report:
        lines.append(f"flagged for review (a score near its threshold, or a language not trained on): "
                     f"{report['needs_review']:.1%}")
    if "fold_macro_f1_min" in report:
        lines.append(f"macro-F1 per fold: {report['fold_macro_f1_min']:.3f} - "
                     f"{report['fold_macro_f1_max']:.3f}")
    if report.get("by_language"):
        lines.append("by language: " + ", ".join(f"{k} {v['macro_f1']:.3f} (n={v['n']})"
                                                 for k, v in report["by_language"].items()))
    return "\n".join(lines)


def _situations_command(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    """``evaluate --situations``: precision and recall of the reply stage's reading on annotated mail."""
    from calmdraft.reply.evaluate import format_situation_report, load, situation_report

    items = load(Path(p) for p in args.situations)
    if not items:
        raise CalmdraftError("no annotated messages found in " + ", ".join(args.situations)
                             + " (each JSONL line needs an \"annotation\")")
    with Progress(len(items), "reading the annotated mail") as bar:
        report = situation_report(items, tick=lambda: bar.advance())
    if args.format == "json":
        out(json.dumps(report, indent=2))
    else:
        out(format_situation_report(report, len(items)))
    return 0


def evaluate_command(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from calmdraft import train

    if args.situations:
        return _situations_command(args, out)
    examples = train.load_corpus(_data_paths(args))
    total = args.folds * args.repeats
    with Progress(total, "cross-validating") as bar:
        report = train.evaluate(examples, n_splits=args.folds, n_repeats=args.repeats,
                                tick=lambda: bar.advance())
    result: dict[str, Any] = {"cross_validation": report}
    if args.holdout:
        held = train.load_corpus([Path(args.holdout)])
        result["holdout"] = train.holdout_report(Classifier.load(), held)
    if args.format == "json":
        out(json.dumps(result, indent=2))
    else:
        out(format_report(report))
        if "holdout" in result:
            out("")
            out(f"bundled model on {args.holdout} (never trained on):")
            h = result["holdout"]
            out(format_report({"n_splits": "-", **h, "n_repeats": 0}).split("\n", 2)[2])
    if not args.data:
        entries = {"evaluation": _summary(report)}
        if "holdout" in result:
            entries["holdout"] = {"file": Path(args.holdout).name, **_summary(result["holdout"])}
        _record(resource_path("models") / CARD_FILE, train.corpus_hash(examples),
                entries, out if args.format != "json" else lambda _: None)
    return 0
