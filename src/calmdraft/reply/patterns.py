"""Compiled patterns that are cheap to try: each knows the literal words (any one of which) it cannot match
without, read from the stdlib's own parse of the pattern, so a substring test rules most of them out before
any scan.  The reply stage tries about a thousand patterns on every message."""

from __future__ import annotations

import re
import re._parser as re_parser  # type: ignore[import-not-found]  # read for literals only
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rule:
    """One compiled pattern: whether a negation before it cancels it, and the literal words (any one of which)
    it cannot match without, so that most patterns are ruled out by a substring test instead of a scan."""

    rx: re.Pattern[str]
    guarded: bool
    needs: frozenset[str] | None


def required(items: Any) -> frozenset[str] | None:
    """Literal strings one of which every match of the parsed sequence ``items`` contains, or None."""
    best: frozenset[str] | None = None
    run = ""

    def consider(cand: frozenset[str] | None) -> None:
        nonlocal best
        if cand and min(map(len, cand)) >= 2 and len(cand) <= 40 and (
                best is None or min(map(len, cand)) > min(map(len, best))):
            best = cand

    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run += chr(arg).lower()
            continue
        consider(frozenset([run]) if run else None)
        run = ""
        if name == "SUBPATTERN":
            consider(required(arg[-1]))
        elif name == "BRANCH":
            branches = [required(b) for b in arg[1]]
            if all(branches):
                consider(frozenset().union(*branches))  # type: ignore[arg-type]
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
            consider(required(arg[2]))
    consider(frozenset([run]) if run else None)
    return best


def compile_rules(patterns: Iterable[str]) -> list[Rule]:
    out = []
    for p in patterns:
        guarded = p.startswith("!")
        source = p[1:] if guarded else p
        try:
            needs = required(re_parser.parse(source, re.IGNORECASE))
        except Exception:  # the stdlib parser's internals are not an API: without it, scan every time
            needs = None
        out.append(Rule(re.compile(source, re.IGNORECASE), guarded, needs or None))
    return out


def hits(rule: Rule, low: str) -> bool:
    """False when ``low`` (lower-cased text) cannot match: none of the rule's literal words is in it."""
    return rule.needs is None or any(w in low for w in rule.needs)
