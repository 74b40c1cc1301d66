"""Compiled patterns that are cheap to try: each knows the literal words (any one of which) it cannot match
without, read from the stdlib's own parse of the pattern.  One scan of a text finds which of all those words
it contains (`present`), so a set test rules most patterns out before any of them is tried.  The reply stage
tries about a thousand patterns on every message."""

from __future__ import annotations

import re
import re._parser as re_parser  # type: ignore[import-not-found]  # read for literals only
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
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
        _WORDS.update(needs or ())
    return out


def hits(rule: Rule, low: str) -> bool:
    """False when ``low`` (lower-cased text) cannot match: none of the rule's literal words is in it."""
    return rule.needs is None or not rule.needs.isdisjoint(present(low))


_WORDS: set[str] = set()  # every literal word some compiled rule needs


def _trie(words: list[str]) -> str:
    """A regex that matches the longest of ``words`` starting at a position: a trie, so each position costs
    a walk down one branch instead of a try of every word."""
    tree: dict[str, Any] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = ("(?:" + body + ")" if len(branches) == 1 else body) + "?"
        return body

    return walk(tree)


@lru_cache(maxsize=4)
def _scanner(count: int) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """The scan for the words known when ``count`` of them were registered, and for each word the known
    words it begins with (found at the same place, so found with it)."""
    words = sorted(_WORDS)
    rx = re.compile("(?=(" + _trie(words) + "))", re.DOTALL)
    known = set(words)
    starts = {w: tuple(w[:i] for i in range(1, len(w) + 1) if w[:i] in known) for w in words}
    return rx, starts


@lru_cache(maxsize=32)
def _present(low: str, count: int) -> frozenset[str]:
    rx, starts = _scanner(count)
    found: set[str] = set()
    for longest in set(rx.findall(low)):
        if longest:
            found.update(starts[longest])
    return frozenset(found)


def present(low: str) -> frozenset[str]:
    """Which of the words any compiled rule needs occur in ``low`` (lower-cased text), found in one scan and
    kept for the last few texts, since one message is read by many tables."""
    return _present(low, len(_WORDS))
