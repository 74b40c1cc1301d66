"""The state store: cursors, one outcome row per message, orders and acknowledgements, one interface."""

from __future__ import annotations

from calmdraft.store.sqlite import (
    DRAFTED,
    DRAFTING,
    FAILED,
    MAX_ATTEMPTS,
    NEEDS_REVIEW,
    SCHEMA_VERSION,
    SKIPPED,
    Cursor,
    Key,
    Pending,
    Row,
    Store,
    now,
)

__all__ = ["DRAFTED", "DRAFTING", "FAILED", "MAX_ATTEMPTS", "NEEDS_REVIEW", "SCHEMA_VERSION", "SKIPPED",
           "Cursor", "Key", "Pending", "Row", "Store", "now"]
