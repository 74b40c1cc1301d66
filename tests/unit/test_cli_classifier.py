"""The CLI contract (classify --format jsonl), a light --help, the committed model and its card."""

from __future__ import annotations

import json
import subprocess
import sys

from calmdraft import LABELS
from calmdraft.classifier import TRUSTED_TYPES, Classifier, default_model_path
from calmdraft.cli import main
from calmdraft.errors import ModelError
from conftest import ROOT
from helpers import customer_mail


def test_help_does_not_import_scikit_learn():
    code = (
        "import sys; from calmdraft.cli import build_parser; build_parser().format_help(); "
        "print('sklearn' in sys.modules, 'skops' in sys.modules, 'imapclient' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False False False"
    run = subprocess.run([sys.executable, "-m", "calmdraft", "--help"], capture_output=True, text=True)
    assert run.returncode == 0 and "demo" in run.stdout and "classify" in run.stdout


def test_every_subcommand_has_help():
    for cmd in (
        "demo",
        "once",
        "run",
        "check-config",
        "classify",
        "preview",
        "train",
        "evaluate",
        "status",
        "orders",
    ):
        run = subprocess.run(
            [sys.executable, "-m", "calmdraft", cmd, "--help"], capture_output=True, text=True
        )
        assert run.returncode == 0 and "usage:" in run.stdout, cmd


def test_classify_jsonl_contract(tmp_path, capsys):
    angry = tmp_path / "angry.eml"
    angry.write_bytes(
        customer_mail(
            "WHERE IS MY BOOK",
            "Three weeks and NOTHING. This is a joke. Where is my "
            "order?? I want my money back or I will open an A-to-z claim.",
        )
    )
    thanks = tmp_path / "thanks.eml"
    thanks.write_bytes(customer_mail("Thank you", "The book arrived today in lovely condition, thank you!"))
    broken = tmp_path / "broken.eml"
    broken.write_bytes(b"")
    assert main(["classify", "--format", "jsonl", str(angry), str(thanks), str(broken)]) == 1
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["path"] for x in lines] == [str(angry), str(thanks), str(broken)]
    for x in lines:
        assert set(x) >= {"path", "labels", "scores", "needs_review"}
        assert set(x["scores"]) == set(LABELS) and all(0.0 <= v <= 1.0 for v in x["scores"].values())
        assert set(x["labels"]) <= set(LABELS) and isinstance(x["needs_review"], bool)
    assert {"shipping_delay", "threat"} <= set(lines[0]["labels"])
    assert lines[1]["labels"] == []


def test_model_card_matches_committed_corpus():
    from calmdraft import train

    card = json.loads(default_model_path().with_suffix(".json").read_text())
    examples = train.load_corpus([ROOT / "data" / "corpus"])
    assert card["corpus"]["sha256"] == train.corpus_hash(examples), (
        "run `calmdraft train` and commit the model"
    )
    assert card["corpus"]["examples"] == len(examples)
    assert set(card["thresholds"]) == set(LABELS)
    assert 0 <= card["gate"]["threshold"] < 1
    # Metrics: out of fold from `train`, nested cross-validation and the holdout from `evaluate`.
    for key in ("out_of_fold", "evaluation", "holdout"):
        assert set(card[key]["labels"]) == set(LABELS), key
        assert 0 < card[key]["macro_f1"] <= 1, key


def test_untrusted_model_is_refused(tmp_path):
    import operator

    import skops.io as sio
    from sklearn.preprocessing import FunctionTransformer

    path = tmp_path / "evil.skops"
    sio.dump({"format": 1, "x": FunctionTransformer(func=operator.add)}, str(path))
    try:
        Classifier.load(path)
    except ModelError as exc:
        assert "does not trust" in exc.message
    else:
        raise AssertionError("an untrusted type was loaded")
    assert "_operator.add" not in TRUSTED_TYPES


def test_missing_model_says_what_to_do(tmp_path):
    try:
        Classifier.load(tmp_path / "nope.skops")
    except ModelError as exc:
        assert "calmdraft train" in (exc.hint or "")


def test_preview_shows_labels_facts_and_courtesy(capsys):
    sample = ROOT / "src" / "calmdraft" / "demo_mail" / "02-furious-relay.eml"
    assert main(["preview", str(sample)]) == 0
    out = capsys.readouterr().out
    assert "# labels:" in out and "threat" in out
    assert "id=112-9938120-5561172" in out and "marketplace=amazon" in out
    assert "# courtesy: ok" in out
    assert "Subject: Re: Inquiry from Amazon customer Derek Pollard" in out and "Dear Derek," in out


def test_evaluation_figures_are_recorded_only_for_the_models_own_corpus(tmp_path):
    from calmdraft.training_cli import _record, _summary

    card = tmp_path / "classifier.json"
    card.write_text(json.dumps({"corpus": {"sha256": "abc"}, "thresholds": {}}), encoding="utf-8")
    threat = {"precision": 0.9, "recall": 0.96, "f1": 0.93, "pr_auc": 0.97, "support": 10,
              "tp": 9, "fp": 1, "fn": 1, "tn": 89}
    report = {"labels": {"threat": threat},
              "macro_f1": 0.92, "no_label_correct": 0.94, "n_examples": 100}
    said: list[str] = []
    _record(card, "other", {"evaluation": _summary(report)}, said.append)
    assert "evaluation" not in json.loads(card.read_text(encoding="utf-8"))
    assert said and "another corpus" in said.pop()
    _record(card, "abc", {"evaluation": _summary(report)}, said.append)
    recorded = json.loads(card.read_text(encoding="utf-8"))["evaluation"]
    assert recorded["labels"]["threat"] == {"precision": 0.9, "recall": 0.96, "f1": 0.93, "pr_auc": 0.97,
                                            "support": 10}
    assert recorded["macro_f1"] == 0.92 and said == [f"recorded in {card}"]
