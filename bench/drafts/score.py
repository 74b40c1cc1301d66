"""Figures from the blind judgements of one run: the share of drafts sendable with at most a word or two
changed, overall and by language, how many address the problem and answer the ask, how many are unsafe, and
the faults the judges marked most often.

    .venv/bin/python bench/drafts/score.py RUN [RUN ...]      # e.g. holdout-final r3
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def languages() -> dict[str, str]:
    out = {}
    for f in (HERE / "mail").glob("**/*.jsonl"):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                out[item["id"]] = item["lang"]
    return out


def score(run: str, lang_of: dict[str, str]) -> dict:
    rows = [json.loads(line) for f in sorted((HERE / "judged" / run).glob("batch-*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    drafts = [r for r in rows if not r.get("no_draft")]
    by_lang: dict[str, list[int]] = {}
    for r in drafts:
        key = "en" if lang_of.get(r["id"], "en") == "en" else "es/de/fr"
        pair = by_lang.setdefault(key, [0, 0])
        pair[0] += r.get("sendable") == "yes"
        pair[1] += 1
    n = len(drafts) or 1
    problems = Counter(p for r in drafts for p in r.get("problems", []))
    return {
        "run": run, "items": len(rows), "drafts": len(drafts), "no_draft": len(rows) - len(drafts),
        "sendable": round(sum(r.get("sendable") == "yes" for r in drafts) / n, 3),
        "sendable_by_language": {k: f"{a}/{b}" for k, (a, b) in sorted(by_lang.items())},
        "addresses_problem": round(sum(r.get("specific") == "yes" for r in drafts) / n, 3),
        "answers_ask": round(sum(r.get("ask") == "yes" for r in drafts) / n, 3),
        "unsafe": round(sum(r.get("safe") == "no" for r in drafts) / n, 3),
        "contradicts_customer": sum(bool({"wrong_problem", "refused_remedy", "asks_for_given_info"}
                                         & set(r.get("problems", []))) for r in drafts),
        "policy_misstated": problems["policy_misstated"],
        "top_problems": problems.most_common(8),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("runs", nargs="+", help="run names under bench/drafts/judged/")
    args = ap.parse_args()
    lang_of = languages()
    for run in args.runs:
        result = score(run, lang_of)
        summary = HERE / "judged" / run / "summary.json"
        summary.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(result))


if __name__ == "__main__":
    main()
