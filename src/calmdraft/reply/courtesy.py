"""Flag draft wording that blames, lectures or bargains: the check every rendered draft passes through.

A failing draft is still written (the owner edits it); the original gets a warning tag and the log says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLAME = [
    r"you should have", r"you should've", r"as i (already|previously) (told|said|explained)",
    r"as previously stated", r"calm down", r"obviously", r"clearly you", r"you failed to", r"your fault",
    r"you didn'?t read",
    r"as stated (in|on) (our|the) (listing|policy)", r"there is nothing (we|i) can do", r"not our problem",
    r"you need to understand", r"with all due respect", r"if you had (read|bothered)", r"read the listing",
    r"tranquil[íi]cese", r"c[áa]lmese", r"obviamente", r"como ya le (dije|expliqu[ée])", r"deber[íi]a haber",
    r"beruhigen sie sich", r"offensichtlich", r"wie (ich )?bereits (gesagt|erkl[äa]rt)", r"h[äa]tten sie",
    r"calmez-vous", r"[ée]videmment", r"comme je vous l'ai d[ée]j[àa] dit", r"vous auriez d[ûu]",
]
_FEEDBACK_BARGAIN = [
    r"(remove|delete|change|revise|retract|update|withdraw)\w* (your|the) (negative |bad )?"
    r"(feedback|review|rating)",
    r"(refund|money|discount|compensation)[^.]{0,60}(if|once|when|provided) you[^.]{0,40}(feedback|review)",
    r"(feedback|review)[^.]{0,60}(in exchange|in return)",
    r"(retire|elimine|borre) (su|la) (valoraci[oó]n|rese[ñn]a)",
    r"(bewertung|rezension) (zur[üu]ckziehen|l[öo]schen|entfernen|[äa]ndern)",
    r"(retirer|supprimer|modifier) (votre|l')(avis|[ée]valuation)",
]
_BLAME_RX = re.compile("|".join(f"(?:{p})" for p in _BLAME), re.IGNORECASE)
_BARGAIN_RX = re.compile("|".join(f"(?:{p})" for p in _FEEDBACK_BARGAIN), re.IGNORECASE)
_CAPS_WORD = re.compile(r"\b[A-ZÄÖÜÉÈÀÑ]{3,}\b")
# Capitalised tokens that are not shouting: carriers, marketplaces, order ids and the like.
_CAPS_OK = {"USPS", "UPS", "DHL", "FEDEX", "DPD", "GLS", "TNT", "EMS", "ASAP", "PAYPAL", "ISBN", "HTML",
            "VAT", "IMAP", "SMTP", "GPS", "FAQ", "PDF", "BBB", "ISO", "EUR", "USD", "GBP", "CAD",
            "AUD", "APO", "FPO", "ABEBOOKS", "NOTE", "USA", "UK", "EU", "HERMES", "SEUR", "CORREOS"}


@dataclass(frozen=True)
class CourtesyResult:
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check(text: str, allowed_caps: frozenset[str] = frozenset()) -> CourtesyResult:
    """Return the problems found in the reviewer-facing reply text (quoted original excluded)."""
    problems: list[str] = []
    for m in _BLAME_RX.finditer(text):
        problems.append(f"blaming or condescending phrase: {m.group(0)!r}")
    for m in _BARGAIN_RX.finditer(text):
        problems.append(f"offers something for changing feedback: {m.group(0)!r}")
    allowed = _CAPS_OK | {w.upper() for w in allowed_caps}
    for m in _CAPS_WORD.finditer(text):
        if m.group(0) not in allowed and not any(ch.isdigit() for ch in m.group(0)):
            problems.append(f"ALL CAPS word: {m.group(0)!r}")
    return CourtesyResult(tuple(problems))
