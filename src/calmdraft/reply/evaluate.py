"""Precision and recall of the reply stage's reading (situations, asks, escalation channels) against mail
annotated by hand: the JSONL the draft evaluation keeps (``bench/drafts/mail``), one message per line with
``subject``, ``body``, ``from`` and ``annotation`` (``situations``, ``asks``, ``escalations``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from calmdraft import message
from calmdraft.errors import CalmdraftError
from calmdraft.reply.understand import understand


def load(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Annotated messages from JSONL files or folders of them."""
    items: list[dict[str, Any]] = []
    for path in paths:
        files = sorted(path.glob("**/*.jsonl")) if path.is_dir() else [path]
        for f in files:
            try:
                lines = f.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise CalmdraftError(f"cannot read {f}: {exc.strerror}") from None
            for n, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CalmdraftError(f"{f}:{n}: not JSON ({exc.msg})") from None
                if "annotation" in item:
                    items.append(item)
    return items


def _inbound(item: dict[str, Any]) -> message.Inbound | None:
    msg = EmailMessage()
    msg["From"] = item.get("from") or "customer@example.org"
    msg["To"] = "shop@example.org"
    msg["Subject"] = item.get("subject", "")
    msg["Message-ID"] = f"<{item.get('id', 'x')}@evaluate.invalid>"
    msg.set_content(item.get("body", ""))
    parsed = message.parse(msg.as_bytes())
    return None if isinstance(parsed, message.Unparseable) else parsed


def situation_report(items: list[dict[str, Any]], tick: Callable[[], None] | None = None,
                     ) -> dict[str, dict[str, dict[str, float | int]]]:
    """{"situations"|"asks"|"escalations": {name: {precision, recall, f1, support}}}."""
    counts: dict[str, dict[str, Counter[str]]] = {
        kind: {"tp": Counter(), "fp": Counter(), "fn": Counter()}
        for kind in ("situations", "asks", "escalations")}
    for item in items:
        if tick:
            tick()
        inbound = _inbound(item)
        if inbound is None:
            continue
        u = understand(inbound)
        ann = item["annotation"]
        got = {"situations": set(u.situations), "asks": set(u.asks),
               "escalations": {e.channel for e in u.escalations if e.state != "ruled_out"}}
        want = {"situations": set(ann.get("situations", [])), "asks": set(ann.get("asks", [])),
                "escalations": {e["channel"] for e in ann.get("escalations", [])
                                if e.get("state") != "ruled_out"}}
        for kind in counts:
            c = counts[kind]
            c["tp"].update(got[kind] & want[kind])
            c["fp"].update(got[kind] - want[kind])
            c["fn"].update(want[kind] - got[kind])
    report: dict[str, dict[str, dict[str, float | int]]] = {}
    for kind, c in counts.items():
        rows = {}
        for name in sorted(set(c["tp"]) | set(c["fn"])):
            tp, fp, fn = c["tp"][name], c["fp"][name], c["fn"][name]
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            rows[name] = {"precision": round(p, 3), "recall": round(r, 3),
                          "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "support": tp + fn}
        report[kind] = rows
    return report


def format_situation_report(report: dict[str, dict[str, dict[str, float | int]]], n: int) -> str:
    lines = [f"reply stage on {n} annotated messages (precision / recall / F1, support)"]
    for kind, rows in report.items():
        lines.append(f"\n{kind}:")
        for name, r in rows.items():
            lines.append(f"  {name:28} {r['precision']:.2f}  {r['recall']:.2f}  {r['f1']:.2f}  "
                         f"({r['support']})")
    return "\n".join(lines)
