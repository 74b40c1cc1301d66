"""Read marketplace order notifications ("Sold, ship now", AbeBooks purchase orders, eBay sales) into order
facts.

A shop's inbox already holds the facts a reply needs: these mails carry the order id, the title, the buyer and
the dates.  The parser reads "Label: value" lines in the layouts the marketplaces use (and their
translations); it returns None for anything that is not such a notification.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from calmdraft.message import Inbound
from calmdraft.orders import PATTERNS, marketplace_of, parse_date

_SUBJECTS = (
    ("amazon", re.compile(r"sold[,!]? ship now|vendido[,!]? env[ií]alo ya|verkauft[,!]? jetzt versenden|"
                          r"vendu[,!]? exp[ée]diez maintenant|vendu, exp[ée]dier maintenant", re.IGNORECASE)),
    ("abebooks", re.compile(r"(new )?purchase order|abebooks order|neue bestellung.*zvab|"
                            r"nuevo pedido.*iberlibro|nouvelle commande.*abebooks", re.IGNORECASE)),
    ("ebay", re.compile(r"you'?ve sold|you made the sale|sie haben .*verkauft|has vendido|vous avez vendu",
                        re.IGNORECASE)),
    ("biblio", re.compile(r"biblio.*(order|sale)", re.IGNORECASE)),
)
_FIELDS: dict[str, tuple[str, ...]] = {
    "order_id": ("order id", "order number", "order #", "purchase order #", "purchase order number", "po #",
                 "po number", "bestellnummer", "número de pedido", "numero de pedido", "n° de commande",
                 "numéro de commande", "id del pedido", "order"),
    "title": ("item", "title", "item name", "product", "titel", "artikel", "título", "titulo", "titre",
              "article", "producto"),
    "buyer": ("buyer", "buyer name", "ship to", "sold to", "käufer", "kaeufer", "comprador", "acheteur",
              "destinataire", "lieferadresse", "customer"),
    "order_date": ("order date", "date ordered", "purchase date", "bestelldatum", "fecha del pedido",
                   "fecha de pedido", "date de commande", "sale date"),
    "ship_by": ("ship by", "ship-by", "ship by date", "dispatch by", "versand bis", "enviar antes del",
                "enviar antes de", "expédier avant le", "expédier avant"),
    "method": ("shipping service", "shipping method", "shipping", "service", "versandart", "método de envío",
               "mode de livraison", "ship method"),
}
_LINE = re.compile(r"^\s*[*•-]?\s*([^:\n]{2,40}?)\s*:\s*(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class OrderNotice:
    """The order a notification announced."""

    order_id: str
    marketplace: str
    title: str | None = None
    buyer: str | None = None
    order_date: date | None = None
    ship_by: date | None = None
    method: str | None = None

    def as_row(self) -> dict[str, str]:
        row = {"order_id": self.order_id, "marketplace": self.marketplace}
        for key in ("title", "buyer", "method"):
            value = getattr(self, key)
            if value:
                row[key] = value
        for key in ("order_date", "ship_by"):
            value = getattr(self, key)
            if value:
                row[key] = value.isoformat()
        return row


_BUYER_RELAYS = re.compile(r"@(?:marketplace\.amazon|members\.ebay)\.")
_SYSTEM_SENDERS = re.compile(r"@(?:[\w-]+\.)*(?:amazon|ebay|abebooks|zvab|iberlibro|biblio)\.[a-z.]+$")


def marketplace_notice(inbound: Inbound) -> str | None:
    """The marketplace whose sale notification this is, or None.

    Only the marketplaces' own system addresses count: a buyer writing through a relay, or anyone else using a
    look-alike subject ("Purchase order 4471223 - wrong book"), is a customer and takes the normal flow.
    """
    sender = inbound.sender.lower()
    if not _SYSTEM_SENDERS.search(sender) or _BUYER_RELAYS.search(sender):
        return None
    for name, rx in _SUBJECTS:
        if rx.search(inbound.subject):
            return name
    return None


def _lookup(fields: dict[str, str], key: str) -> str | None:
    for label in _FIELDS[key]:
        if label in fields:
            return fields[label]
    return None


def parse_notice(inbound: Inbound) -> OrderNotice | None:
    """Order facts from a sale notification; None when the mail is not one or names no order id."""
    market = marketplace_notice(inbound)
    if market is None:
        return None
    fields: dict[str, str] = {}
    for m in _LINE.finditer(inbound.text):
        fields.setdefault(m.group(1).strip().lower().rstrip("."), m.group(2).strip())
    order_id = None
    raw_id = _lookup(fields, "order_id")
    for text in (raw_id or "", inbound.subject, inbound.text):
        for _, rx in PATTERNS[:2]:
            found = rx.search(text)
            if found:
                order_id = found.group(1)
                break
        if order_id:
            break
    if order_id is None and raw_id:
        digits = re.search(r"\d{5,}", raw_id)
        order_id = digits.group(0) if digits else None
    if order_id is None:
        return None

    def when(key: str) -> date | None:
        value = _lookup(fields, key)
        if not value:
            return None
        try:
            return parse_date(value)
        except ValueError:
            return None

    return OrderNotice(order_id=order_id, marketplace=marketplace_of(inbound.sender) or market,
                       title=_lookup(fields, "title"), buyer=_lookup(fields, "buyer"),
                       order_date=when("order_date"), ship_by=when("ship_by"),
                       method=_lookup(fields, "method"))
