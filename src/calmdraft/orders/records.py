"""The orders store: saving order facts from imports and notices, and reading dates in export formats."""

from __future__ import annotations

from datetime import date, datetime

from calmdraft.store import Store

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%b %d, %Y", "%B %d, %Y", "%d %B %Y",
                 "%d %b %Y", "%d-%b-%y", "%b-%d-%y", "%m/%d/%y")


def parse_date(value: str) -> date:
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)")


ORDER_FIELDS = ("marketplace", "title", "buyer", "buyer_email", "order_date", "ship_by", "ship_date",
                "method", "tracking", "price", "currency", "item_kind")


def save_orders(db: Store, orders: list[dict[str, str]], source: str, overwrite: bool = True) -> None:
    """Insert or update orders; empty values never erase stored ones.

    With ``overwrite=False`` (facts read from mail) stored values also win over new ones, so a forged
    notification cannot rewrite an imported order.
    """
    pick = "coalesce(excluded.{0}, {0})" if overwrite else "coalesce({0}, excluded.{0})"
    updates = ", ".join(f"{f}={pick.format(f)}" for f in ORDER_FIELDS)
    sql = (f"INSERT INTO orders (order_id, {', '.join(ORDER_FIELDS)}, source, updated_at) "
           f"VALUES (?,{','.join('?' * len(ORDER_FIELDS))},?,datetime('now')) "
           f"ON CONFLICT(order_id) DO UPDATE SET {updates}, source=excluded.source, "
           f"updated_at=datetime('now')")
    for o in orders:
        db.execute(sql, (o["order_id"], *((o.get(f) or None) for f in ORDER_FIELDS), source))
