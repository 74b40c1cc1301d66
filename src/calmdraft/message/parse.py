"""Turn raw RFC 5322 bytes into an ``Inbound`` (or an ``Unparseable`` with a reason), never raising.

Real mail is often broken: unknown charsets, multiparts without boundaries, bad base64, headers that do not
parse.  Every header and body access here is defensive; the worst case is an ``Unparseable`` outcome with a
clear reason, never an exception that would stop the worker.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from calmdraft.message import language, quotes
from calmdraft.message.html_text import html_to_text

log = logging.getLogger(__name__)

_FALLBACK_CHARSETS = ("utf-8", "cp1252", "latin-1")
_MSGID = re.compile(r"<[^<>\s]+>")


@dataclass(frozen=True)
class Inbound:
    """A customer message reduced to what the later stages need."""

    message_id: str | None
    sender_name: str
    sender: str
    reply_to: str | None
    reply_to_name: str
    subject: str
    date: datetime | None
    date_header: str
    references: tuple[str, ...]
    in_reply_to: str | None
    text: str
    new_text: str
    quoted_text: str
    signature: str
    is_html: bool
    html_body: str | None
    language: str
    headers: dict[str, list[str]] = field(repr=False)
    content_type: str = "text/plain"

    def header(self, name: str) -> str | None:
        values = self.headers.get(name.lower())
        return values[0] if values else None

    @property
    def answer_to(self) -> tuple[str, str]:
        """The (name, address) a reply goes to: Reply-To when present, otherwise From."""
        if self.reply_to:
            return self.reply_to_name, self.reply_to
        return self.sender_name, self.sender


@dataclass(frozen=True)
class Unparseable:
    """A message calmdraft could not read, with the reason it gives in logs and status."""

    reason: str


def _decode_part(part: Message) -> str:
    """Decode a leaf part's payload, repairing unknown or lying charsets instead of failing."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - broken transfer encodings raise assorted errors
        payload = None
    if not isinstance(payload, bytes):
        raw = part.get_payload()
        return raw if isinstance(raw, str) else ""
    charset = None
    try:
        charset = part.get_content_charset()
    except Exception:  # noqa: BLE001
        charset = None
    for cs in ((charset,) if charset else ()) + _FALLBACK_CHARSETS:
        try:
            return payload.decode(cs)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("utf-8", errors="replace")


def _raw_header(msg: Message, name: str) -> str:
    """The header's value decoded from RFC 2047 without the structured parser (which rejects some real
    mail)."""
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            try:
                return _fold(str(make_header(decode_header(str(value)))))
            except Exception:  # noqa: BLE001 - undecodable encoded-words: keep the raw text
                return _fold(str(value))
    return ""


def _safe_header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
        return _fold(str(value)) if value is not None else ""
    except Exception:  # noqa: BLE001 - header parsing in policy.default can raise on malformed values
        return _raw_header(msg, name)


def _fold(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _all_headers(msg: Message) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in msg.raw_items():
        out.setdefault(key.lower(), []).append(_fold(str(value)))
    return out


def _address(value: str) -> tuple[str, str]:
    try:
        pairs = getaddresses([value])
    except Exception:  # noqa: BLE001
        pairs = [parseaddr(value)]
    for name, addr in pairs:
        if "@" in addr:
            return name.strip().strip('"'), addr.strip().lower()
    return "", ""


def _choose_body(msg: Message) -> tuple[str, bool, str | None, str]:
    """Return (text, was_html, html_source, content_type) from the best text part."""
    plain: Message | None = None
    rich: Message | None = None
    if isinstance(msg, EmailMessage):
        try:
            plain = msg.get_body(preferencelist=("plain",))
            rich = msg.get_body(preferencelist=("html",))
        except Exception:  # noqa: BLE001 - malformed multiparts confuse get_body
            plain = rich = None
    if plain is None and rich is None:
        for part in msg.walk():
            if part.is_multipart():
                continue
            try:
                ctype = part.get_content_type()
                disposition = part.get_content_disposition()
            except Exception:  # noqa: BLE001
                continue
            if disposition == "attachment":
                continue
            if ctype == "text/plain" and plain is None:
                plain = part
            elif ctype == "text/html" and rich is None:
                rich = part
    html_source = _decode_part(rich) if rich is not None else None
    if plain is not None:
        text = _decode_part(plain)
        if text.strip() or html_source is None:
            return text, False, html_source, "text/plain"
    if html_source is not None:
        return html_to_text(html_source), True, html_source, "text/html"
    return "", False, None, "none"


def fingerprint(raw: bytes, message_id: str | None) -> str:
    """What identifies one message across UIDs and folders: its Message-ID, else a hash of its bytes."""
    return f"mid:{message_id}" if message_id else hashlib.sha256(raw).hexdigest()[:40]


def parse(raw: bytes, *, max_bytes: int | None = None) -> Inbound | Unparseable:
    """Parse raw message bytes; malformed input yields ``Unparseable`` with a reason, never an exception."""
    if max_bytes is not None and len(raw) > max_bytes:
        return Unparseable(f"too large: {len(raw)} bytes exceeds max_message_bytes={max_bytes}")
    if not raw.strip():
        return Unparseable("empty message")
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as exc:  # noqa: BLE001 - the stdlib parser is lenient, but be certain
        return Unparseable(f"MIME parser failed: {type(exc).__name__}")
    try:
        return _inbound(msg)
    except Exception as exc:  # noqa: BLE001 - a last line of defence: log the kind, never the content
        log.debug("parse failure", exc_info=True)
        return Unparseable(f"unreadable message structure: {type(exc).__name__}")


def _inbound(msg: Message) -> Inbound | Unparseable:
    headers = _all_headers(msg)
    sender_name, sender = _address(_safe_header(msg, "From"))
    if not sender:
        sender_name, sender = _address(_safe_header(msg, "Sender"))
    if not sender:
        return Unparseable("no sender address in From or Sender")
    rt_name, reply_to = _address(_safe_header(msg, "Reply-To"))
    subject = _fold(_safe_header(msg, "Subject"))
    date_header = _safe_header(msg, "Date")
    try:
        date = parsedate_to_datetime(date_header) if date_header else None
    except (TypeError, ValueError, IndexError):
        date = None
    mid = _MSGID.search(_safe_header(msg, "Message-ID"))
    references = tuple(_MSGID.findall(_safe_header(msg, "References")))
    irt = _MSGID.search(_safe_header(msg, "In-Reply-To"))
    text, was_html, html_source, ctype = _choose_body(msg)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    parts = quotes.split(text)
    return Inbound(
        message_id=mid.group(0) if mid else None,
        sender_name=sender_name, sender=sender,
        reply_to=reply_to or None, reply_to_name=rt_name,
        subject=subject, date=date, date_header=date_header,
        references=references, in_reply_to=irt.group(0) if irt else None,
        text=text, new_text=parts.new_text, quoted_text=parts.quoted, signature=parts.signature,
        is_html=was_html, html_body=html_source,
        language=language.detect(f"{subject}\n{parts.new_text}"),
        headers=headers, content_type=ctype,
    )
