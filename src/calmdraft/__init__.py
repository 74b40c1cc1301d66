"""calmdraft: drafts calm, courteous, threaded replies to difficult customer mail."""

from __future__ import annotations

__version__ = "0.1.0"
LABELS: tuple[str, ...] = ("irate", "shipping_delay", "refund_request", "threat")
