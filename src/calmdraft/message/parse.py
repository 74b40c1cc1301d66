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
from email.headerregistry import HeaderRegistry
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any

from calmdraft.message import language, quotes
from calmdraft.message.html_text import html_to_text

log = logging.getLogger(__name__)

_FALLBACK_CHARSETS = ("utf-8", "cp1252", "latin-1")
_MSGID = re.compile(r"<[^<>\s]+>")
HEADER_CAP = 4096
MAX_TEXT = 200_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SPACES = re.compile(r"\s+")
# One address: no spaces, brackets, quotes, commas or control characters, exactly one "@" between two parts.
_ADDRESS = re.compile(r"[^\s@<>()\[\],;:\"\\\x00-\x1f]+@[^\s@<>()\[\],;:\"\\\x00-\x1f]+")


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


def _raw_value(msg: Message, name: str) -> str | None:
    """The first raw (undecoded) value of header ``name``, capped: no real header is longer, and the stdlib's
    header parsers are superlinear on huge ones."""
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            return str(value)[:HEADER_CAP]
    return None


def _unescape(raw: str) -> str:
    """Raw 8-bit bytes in a header (kept by the parser as surrogates) read as UTF-8, else Latin-1."""
    if not any("\udc80" <= ch <= "\udcff" for ch in raw):
        return raw
    data = raw.encode("ascii", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _text_of(raw: str) -> str:
    """Decode the RFC 2047 words and raw 8-bit bytes of a header value."""
    raw = _unescape(raw)
    try:
        return str(make_header(decode_header(raw)))
    except Exception:  # noqa: BLE001 - undecodable encoded-words: keep the raw text
        return raw


def _header(msg: Message, name: str) -> str:
    """A header's value as text on one line, decoded without the structured parser (which rejects some real
    mail and is slow on long values)."""
    raw = _raw_value(msg, name)
    return _clean(_text_of(raw)) if raw is not None else ""


def _clean(value: str) -> str:
    """One line of text: control characters (CR, LF included) become spaces, runs of space become one."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", value)).strip()


def _all_headers(msg: Message) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in msg.raw_items():
        out.setdefault(key.lower(), []).append(_clean(_unescape(str(value)[:HEADER_CAP])))
    return out


def _mailbox(msg: Message, name: str) -> tuple[str, str]:
    """The first (display name, address) of an address header.

    The raw value is split into addresses *before* any encoded-word is decoded: a display name such as
    ``=?utf-8?q?Jane=0D=0ABcc=3A_evil=40x=2Eexample?=`` is one atom of the header and can never become an
    address, however it decodes.
    """
    raw = _raw_value(msg, name)
    if not raw:
        return "", ""
    try:
        pairs = getaddresses([_SPACES.sub(" ", _unescape(raw))])
    except Exception:  # noqa: BLE001 - the stdlib parser raises on some malformed input
        pairs = []
    for display, addr in pairs:
        addr = addr.strip()
        if _ADDRESS.fullmatch(addr):
            return _clean(_text_of(display)).strip('"').strip(), addr.lower()
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


class CachedHeaders(HeaderRegistry):
    """The stdlib's header registry makes a new class on every lookup (a dozen a message); make each once."""

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        key = name.lower()
        if key not in self._made:
            self._made[key] = super().__getitem__(name)
        return self._made[key]


READ_POLICY = email.policy.default.clone(header_factory=CachedHeaders())


def fingerprint(raw: bytes) -> str:
    """What makes two copies the same message: its Message-ID, sender, date, subject and body together.

    Copies of one mail (in two folders, or renumbered by a UIDVALIDITY change) share all of them; two
    customers whose mailers reuse or omit a Message-ID do not, so each still gets a draft.
    """
    data = raw.replace(b"\r\n", b"\n")
    head, _, body = data.partition(b"\n\n")
    wanted = {b"message-id": b"", b"from": b"", b"date": b"", b"subject": b""}
    current: bytes | None = None
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            if current is not None:
                wanted[current] += line
            continue
        key, sep, value = line.partition(b":")
        name = key.strip().lower()
        current = name if sep and name in wanted and not wanted[name] else None
        if current is not None:
            wanted[current] = value
    digest = hashlib.sha256()
    for name, value in wanted.items():
        digest.update(name + b"\0" + b" ".join(value.split()) + b"\0")
    digest.update(b" ".join(body.split()))
    return digest.hexdigest()[:40]


def parse(raw: bytes, *, max_bytes: int | None = None) -> Inbound | Unparseable:
    """Parse raw message bytes; malformed input yields ``Unparseable`` with a reason, never an exception."""
    if max_bytes is not None and len(raw) > max_bytes:
        return Unparseable(f"too large: {len(raw)} bytes exceeds max_message_bytes={max_bytes}")
    if not raw.strip():
        return Unparseable("empty message")
    try:
        msg = email.message_from_bytes(raw, policy=READ_POLICY)
    except Exception as exc:  # noqa: BLE001 - the stdlib parser is lenient, but be certain
        return Unparseable(f"MIME parser failed: {type(exc).__name__}")
    try:
        return _inbound(msg)
    except Exception as exc:  # noqa: BLE001 - a last line of defence: log the kind, never the content
        log.debug("parse failure", exc_info=True)
        return Unparseable(f"unreadable message structure: {type(exc).__name__}")


def _inbound(msg: Message) -> Inbound | Unparseable:
    headers = _all_headers(msg)
    sender_name, sender = _mailbox(msg, "From")
    if not sender:
        sender_name, sender = _mailbox(msg, "Sender")
    if not sender:
        return Unparseable("no sender address in From or Sender")
    rt_name, reply_to = _mailbox(msg, "Reply-To")
    subject = _header(msg, "Subject")
    date_header = _header(msg, "Date")
    try:
        date = parsedate_to_datetime(date_header) if date_header else None
    except (TypeError, ValueError, IndexError):
        date = None
    mid = _MSGID.search(_header(msg, "Message-ID"))
    references = tuple(_MSGID.findall(_header(msg, "References")))
    irt = _MSGID.search(_header(msg, "In-Reply-To"))
    text, was_html, html_source, ctype = _choose_body(msg)
    # A customer's mail is a few kilobytes of text; capping it keeps every later stage linear and bounded.
    text = text[:MAX_TEXT].replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
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
