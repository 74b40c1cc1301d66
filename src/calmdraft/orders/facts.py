"""Order facts for a draft: order references in the mail, the orders store, and delivery windows.

Windows are counted in business days (Monday to Friday) from the ship date, the way carriers quote them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from calmdraft.message import Inbound
from calmdraft.orders.refs import marketplace_of, refs_in
from calmdraft.store import Store


def add_business_days(start: date, days: int) -> date:
    current = start
    added = 0
    while added < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def business_days_between(start: date, end: date) -> int:
    days = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


@dataclass(frozen=True)
class OrderFacts:
    """What the shop knows about the order a message is about."""

    order_id: str
    marketplace: str | None = None
    title: str | None = None
    buyer: str | None = None
    order_date: date | None = None
    ship_by: date | None = None
    ship_date: date | None = None
    method: str | None = None
    tracking: str | None = None
    window: tuple[int, int] | None = None
    today: date | None = None
    price: float | None = None
    currency: str | None = None
    item_kind: str | None = None

    @property
    def expected_by(self) -> date | None:
        if self.ship_date and self.window:
            return add_business_days(self.ship_date, self.window[1])
        return None

    @property
    def overdue(self) -> bool:
        due = self.expected_by
        return bool(due and (self.today or date.today()) > due)

    def as_context(self, lang: str = "en") -> dict[str, Any]:
        """Template variables; dates are formatted for ``lang``."""
        return {
            "id": self.order_id, "marketplace": self.marketplace, "title": self.title, "buyer": self.buyer,
            "order_date": format_date(self.order_date, lang) if self.order_date else None,
            "ship_date": format_date(self.ship_date, lang) if self.ship_date else None,
            "method": self.method, "tracking": self.tracking,
            "window_known": self.window is not None and self.ship_date is not None,
            "window_min": self.window[0] if self.window else None,
            "window_max": self.window[1] if self.window else None,
            "expected_by": format_date(self.expected_by, lang) if self.expected_by else None,
            "overdue": self.overdue,
        }


_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
}


def format_date(d: date, lang: str = "en") -> str:
    month = _MONTHS.get(lang, _MONTHS["en"])[d.month - 1]
    if lang == "en":
        return f"{d.day} {month}"
    if lang == "de":
        return f"{d.day}. {month}"
    if lang == "es":
        return f"{d.day} de {month}"
    return f"{d.day} {month}"


def _date(value: object) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def window_for(method: str | None, methods: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    """The delivery window of a shipping method, matched case-insensitively and by containment."""
    if not method:
        return None
    low = method.lower().strip()
    for name, window in methods.items():
        if name.lower() == low:
            return window
    for name, window in sorted(methods.items(), key=lambda kv: -len(kv[0])):
        if name.lower() in low or low in name.lower():
            return window
    return None


_COLUMNS = ("order_id, marketplace, title, buyer, order_date, ship_by, ship_date, method, tracking, price, "
            "currency, item_kind")


def lookup(db: Store, inbound: Inbound, own_pattern: str | None, methods: dict[str, tuple[int, int]],
           today: date | None = None, refs: list[str] | None = None) -> OrderFacts | None:
    """Facts for the first order referenced by the message (``refs``, else the marketplace formats and the
    shop's pattern) that the store knows, else for the buyer's latest order, else the reference alone."""
    found = refs if refs is not None else [r.order_id for r in refs_in(inbound, own_pattern)]
    rows = []
    for ref in found:
        rows = db.query(f"SELECT {_COLUMNS} FROM orders WHERE order_id=? OR order_id=?",
                        (ref, ref.lstrip("#")))
        if rows:
            break
    if not rows and inbound.sender:
        rows = db.query(f"SELECT {_COLUMNS} FROM orders WHERE lower(buyer_email)=? ORDER BY order_date DESC "
                        "LIMIT 1", (inbound.sender.lower(),))
    if not rows:
        if not found:
            return None
        by_format = refs_in(inbound, own_pattern)
        market = marketplace_of(inbound.sender) or (by_format[0].marketplace if by_format else None)
        return OrderFacts(found[0], marketplace=market, today=today)
    oid, market, title, buyer, odate, ship_by, ship_date, method, tracking, price, currency, kind = rows[0]
    try:
        amount = float(price) if price not in (None, "") else None
    except (TypeError, ValueError):
        amount = None
    return OrderFacts(oid, marketplace=market, title=title, buyer=buyer, order_date=_date(odate),
                      ship_by=_date(ship_by), ship_date=_date(ship_date), method=method, tracking=tracking,
                      window=window_for(method, methods), today=today, price=amount, currency=currency,
                      item_kind=kind)


