"""Order references in a customer's mail: marketplace formats, the shop's own pattern, relay senders."""

from __future__ import annotations

import re
from dataclasses import dataclass

from calmdraft.message import Inbound

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("amazon", re.compile(r"(?<![\d-])(\d{3}-\d{7}-\d{7})(?![\d-])")),
    ("ebay", re.compile(r"(?<![\d-])(\d{2}-\d{5}-\d{5})(?![\d-])")),
    # AbeBooks / Biblio / ZVAB / Iberlibro ids are plain numbers: only trust them next to the word "order".
    ("numeric", re.compile(r"(?:order|purchase order|po|bestellnummer|auftragsnummer|bestellung|pedido|"
                           r"commande|ordine|bestelling)"
                           r"\s*(?:no\.?|number|nr\.?|n\.?[º°o]\.?|#|id|num[eé]ro|nummer|n[uú]mero)?\s*[:#]?\s*"
                           r"(\d{6,12})\b", re.IGNORECASE)),
)
_MARKETPLACE_SENDERS = (
    ("amazon", re.compile(r"@marketplace\.amazon\.[a-z.]+$")),
    ("ebay", re.compile(r"@(members\.)?ebay\.[a-z.]+$")),
    ("abebooks", re.compile(r"@(\w+\.)?abebooks\.[a-z.]+$")),
    ("biblio", re.compile(r"@(\w+\.)?biblio\.com$")),
)


# Marketplaces a draft may name, by the key ``market_key`` gives, with the spelling each uses for itself.
MARKETPLACES = {"amazon": "Amazon", "ebay": "eBay", "abebooks": "AbeBooks", "iberlibro": "IberLibro",
                "zvab": "ZVAB", "biblio": "Biblio", "etsy": "Etsy", "discogs": "Discogs",
                "rakuten": "Rakuten", "booklooker": "booklooker", "todocoleccion": "todocoleccion"}
_MARKET_KEY = re.compile(r"\b(" + "|".join(MARKETPLACES) + r")\b")


@dataclass(frozen=True)
class OrderRef:
    order_id: str
    marketplace: str


def marketplace_of(sender: str) -> str | None:
    """The marketplace whose relay address sent this mail, if any."""
    for name, rx in _MARKETPLACE_SENDERS:
        if rx.search(sender.lower()):
            return name
    return None


def market_key(value: str | None) -> str | None:
    """The one marketplace a relay, an order record or a reference names, as a ``MARKETPLACES`` key
    ("Amazon.co.uk", "AMAZON_EU" -> "amazon"), or None for the shop's own orders, an unknown channel and a
    guess between several ("abebooks/biblio", what a bare order number may be)."""
    found = set(_MARKET_KEY.findall((value or "").lower().replace("_", " ")))
    return found.pop() if len(found) == 1 else None


def extract(text: str, own_pattern: str | None = None) -> list[OrderRef]:
    """Order references in ``text``, most specific formats first, without duplicates."""
    found: list[OrderRef] = []
    patterns = list(PATTERNS)
    if own_pattern:
        patterns.insert(0, ("shop", re.compile(own_pattern)))
    for name, rx in patterns:
        for m in rx.finditer(text):
            value = m.group(1) if rx.groups else m.group(0)
            if not any(r.order_id == value for r in found):
                found.append(OrderRef(value, "abebooks/biblio" if name == "numeric" else name))
    return found


def refs_in(inbound: Inbound, own_pattern: str | None = None) -> list[OrderRef]:
    """Order references from the subject, then the new text, then the quoted history."""
    return extract(f"{inbound.subject}\n{inbound.new_text}\n{inbound.quoted_text}", own_pattern)
