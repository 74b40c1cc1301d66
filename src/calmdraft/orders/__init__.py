"""Order facts for drafts: references in the mail, the orders store, delivery windows, notices and imports."""

from __future__ import annotations

from calmdraft.orders.facts import (
    OrderFacts,
    add_business_days,
    business_days_between,
    format_date,
    lookup,
    window_for,
)
from calmdraft.orders.records import parse_date, save_orders
from calmdraft.orders.refs import (
    MARKETPLACES,
    PATTERNS,
    OrderRef,
    extract,
    market_key,
    marketplace_of,
    refs_in,
)

__all__ = ["MARKETPLACES", "PATTERNS", "OrderFacts", "OrderRef", "add_business_days", "business_days_between",
           "extract", "format_date", "lookup", "market_key", "marketplace_of", "parse_date", "refs_in",
           "save_orders", "window_for"]
