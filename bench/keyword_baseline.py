"""What keyword rules score on the same mail, for comparison with the classifier.

The rules are the kind a Sieve or imapfilter user writes: English keywords matched anywhere in the subject or
body (quoted history included, as `body :text :contains` does).  Run it on the holdout (the default) or on any
JSONL file of the corpus format: `python bench/keyword_baseline.py [FILE]`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

from calmdraft import LABELS
from calmdraft.train import Example, label_matrix, load_corpus, metrics

ROOT = Path(__file__).resolve().parent.parent

RULES = {
    "irate": ["unacceptable", "ridiculous", "disgusted", "disgusting", "furious", "angry", "worst",
              "terrible", "appalling", "outrageous", "rip off", "scam", "useless", "pathetic", "fed up",
              "joke", "!!!"],
    "shipping_delay": ["where is", "not arrived", "hasn't arrived", "has not arrived", "not received",
                       "haven't received", "still waiting", "still not", "still no ", "not delivered",
                       "never arrived", "not here", "delayed", "late", "lost", "tracking"],
    "refund_request": ["refund", "money back", "reimburse"],
    "threat": ["a-to-z", "a to z", "chargeback", "paypal dispute", "paypal claim", "lawyer", "solicitor",
               "legal action", "negative feedback", "bad review", "trading standards", "bbb", "small claims"],
}


def classify(subject: str, body: str) -> list[int]:
    text = f"{subject}\n{body}".lower()
    return [int(any(re.search(r"(?<!\w)" + re.escape(w), text) for w in RULES[label])) for label in LABELS]


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "holdout" / "holdout.jsonl"
    examples = load_corpus([path])
    report_on(f"{path.name}, all languages", examples)
    english = [e for e in examples if e.lang == "en"]
    if english and len(english) < len(examples):
        report_on(f"{path.name}, English only", english)


def report_on(title: str, examples: list[Example]) -> None:
    pred = np.array([classify(e.subject, e.body) for e in examples])
    report = metrics(label_matrix(examples), pred, pred.astype(float))
    print(f"keyword rules on {title} ({len(examples)} messages)")
    for label, m in report["labels"].items():
        print(f"  {label:15s} precision {m['precision']:.3f}  recall {m['recall']:.3f}  F1 {m['f1']:.3f}")
    print(f"  macro-F1 {report['macro_f1']:.3f}; mail without a label left unlabelled: "
          f"{report['no_label_correct']:.1%}")


if __name__ == "__main__":
    main()
