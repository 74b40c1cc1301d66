"""Raw MIME bytes to an ``Inbound``: parsing, HTML to text, quotes and signatures, language, reply guards."""

from __future__ import annotations

from calmdraft.message.parse import HEADER_CAP, MAX_TEXT, Inbound, Unparseable, fingerprint, parse

__all__ = ["HEADER_CAP", "MAX_TEXT", "Inbound", "Unparseable", "fingerprint", "parse"]
