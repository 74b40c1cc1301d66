"""The draft as the bookseller's mail client gets it: threaded headers, plain text, nothing for the reviewer.

Whatever is in a draft is sent as it is by some client (mutt and aerc keep every header they find), so the
draft carries only what a letter from the shop would carry: no labels, scores or tool names (those live in
keywords and the state store), and a Message-ID derived from the original, so a lost APPEND is found again.

The body is ``text/plain; format=flowed; delsp=no`` (RFC 3676), wrapped at 72 with the quote wrapped too, so
vim, mutt, Thunderbird and Apple Mail all re-flow it; headers are folded at a space with the first word on the
header's own line (Python folds a long To or Subject right after the colon, which line tools read as empty).
An HTML alternative is added only when the configuration asks for it: a text client edits the plain part and
sends the stale HTML beside it, so a bookseller who edits in mutt or aerc should leave it off.
"""

from __future__ import annotations

import html
import re
import textwrap
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime
from typing import Any

from calmdraft.config import Account
from calmdraft.message import Inbound
from calmdraft.message.parse import CachedHeaders
from calmdraft.message.quotes import unwrap_relay

WIDTH = 72            # where flowed lines are wrapped (RFC 3676 recommends 66-72 and at most 78)
HEADER_WIDTH = 78     # RFC 5322's recommended limit for a header line
# A reply quotes the customer's mail; a mail of thousands of lines is quoted up to here, then "[...]".
QUOTE_LINES, QUOTE_CHARS = 400, 20_000


class _DraftPolicy(EmailPolicy):
    """SMTP line endings and headers folded only at a space, never leaving a header line empty."""

    def _fold(self, name: str, value: Any, refold_binary: bool = False) -> str:
        folded = super()._fold(name, value, refold_binary)  # type: ignore[misc]
        return refold(folded, self.linesep, self.max_line_length or 998)


DRAFT_POLICY = _DraftPolicy(linesep="\r\n", max_line_length=HEADER_WIDTH, header_factory=CachedHeaders())


def _tokens(line: str) -> list[str]:
    """``line`` split at the spaces outside double quotes (a display name "Doe, Jane" stays whole)."""
    out, start, quoted, escaped = [], 0, False, False
    for i, ch in enumerate(line):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == " " and not quoted:
            out.append(line[start:i])
            start = i + 1
    out.append(line[start:])
    return out


def refold(folded: str, linesep: str = "\r\n", width: int = HEADER_WIDTH) -> str:
    """One header, as Python folded it, folded again: before a space, the first word on the name's line.

    Unfolding Python's output restores the header's one logical line (its folds are all before a space, and
    an encoded word never contains one), so folding again changes nothing a reader decodes."""
    logical = re.sub(r"\r?\n(?=[ \t])", "", folded.rstrip("\r\n"))
    name, _, value = logical.partition(":")
    tokens = _tokens(value[1:] if value.startswith(" ") else value)
    lines, current = [], f"{name}:"
    for i, token in enumerate(tokens):
        piece = f" {token}"
        if i > 0 and len(current) + len(piece) > width and current.strip():
            lines.append(current)
            current = piece
        else:
            current += piece
    lines.append(current)
    return linesep.join(lines) + linesep


_GLUE = "\x00"
_FRENCH_SPACE = re.compile(r"(?<=«) | (?=[»:;!?](?:\s|$))")


def _wrap(content: str, prefix: str) -> list[str]:
    """One hard line of ``content`` as flowed lines: all but the last end in a space (a soft break)."""
    content = content.rstrip()
    if not content:
        return [prefix.rstrip()]
    room = max(WIDTH - len(prefix), 20)
    # French spacing ("« Stiller »", "refuser le colis : il") is never a place to break the line.
    glued = _FRENCH_SPACE.sub(_GLUE, content)
    pieces = [piece.replace(_GLUE, " ") for piece in textwrap.wrap(
        glued, room, break_long_words=False, break_on_hyphens=False, replace_whitespace=False)]
    out = []
    for i, piece in enumerate(pieces):
        # Space-stuffing (RFC 3676 4.4): a line that would begin with a space, ">" or "From " gets one more.
        if not prefix and piece.startswith((" ", ">", "From ")):
            piece = " " + piece
        out.append(prefix + piece + (" " if i < len(pieces) - 1 else ""))
    return out


def flowed(text: str) -> str:
    """``text`` as a format=flowed body (delsp=no): paragraphs and quoted lines wrapped at 72.

    A line starting with ">" is a quote of that depth; its content is wrapped behind the same "> " prefix."""
    out: list[str] = []
    for line in text.splitlines():
        if line.rstrip() == "-- ":
            out.append("-- ")
            continue
        match = re.match(r"(>+) ?", line)
        if match:
            out += _wrap(line[match.end():], match.group(1) + " ")
        else:
            out += _wrap(line, "")
    return "\n".join(out) + "\n"


def reflowed(body: str) -> str:
    """A format=flowed body as a reading client shows it: soft-broken lines joined, quotes as "> " lines."""
    out: list[str] = []
    held: tuple[int, str] | None = None
    for line in body.replace("\r\n", "\n").split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        content = content[1:] if content.startswith(" ") else content
        if held is not None and held[0] == depth:
            content = held[1] + content
        elif held is not None:
            out.append(">" * held[0] + (" " if held[0] else "") + held[1])
        held = None
        if content.endswith(" ") and content != "-- ":
            held = (depth, content)
        else:
            out.append(">" * depth + (" " if depth and content else "") + content)
    if held is not None:
        out.append(">" * held[0] + (" " if held[0] else "") + held[1])
    return "\n".join(out)


def quotable(inbound: Inbound) -> str:
    """The customer's words as the draft quotes them: no marketplace frame, only the start of a huge mail."""
    text = (unwrap_relay(inbound.text) or inbound.text).strip() or "(no text)"
    lines = text.splitlines()
    if len(text) <= QUOTE_CHARS and len(lines) <= QUOTE_LINES:
        return text
    kept = "\n".join(lines[:QUOTE_LINES])[:QUOTE_CHARS]
    return kept.rstrip() + "\n[...]"


def quoted(inbound: Inbound) -> str:
    """The quotable text with one more level of "> " (">>" for what the customer had quoted already)."""
    return "\n".join((f">{ln}" if ln.startswith(">") else f"> {ln}") if ln.strip() else ">"
                     for ln in quotable(inbound).splitlines())


def reply_subject(subject: str) -> str:
    """"Re: " plus the subject with any existing reply/forward prefixes removed (no "Re: Re:")."""
    stripped = _RE_PREFIX.sub("", subject or "").strip()
    return f"Re: {stripped}" if stripped else "Re: your message"


_RE_PREFIX = re.compile(r"^\s*((re|aw|sv|antw|r|rif|vs|odp|ynt|fw|fwd|wg|tr|rv)\s*(\[\d+\])?\s*:\s*)+",
                        re.IGNORECASE)


def build_message(inbound: Inbound, text: str, attribution: str, account: Account, did: str, when: datetime,
                  language: str, html_alternative: bool = False) -> EmailMessage:
    """The threaded draft: the reply ``text``, the ``attribution`` line and the customer's words quoted."""
    msg = EmailMessage(policy=DRAFT_POLICY)
    domain = account.address.rsplit("@", 1)[-1]
    msg["From"] = Address(display_name=account.shop_name, addr_spec=account.address)
    name, addr = inbound.answer_to
    msg["To"] = Address(display_name=name, addr_spec=addr) if _safe_addr(addr) else addr
    msg["Subject"] = reply_subject(inbound.subject)
    msg["Date"] = format_datetime(when)
    # Deterministic, so a lost APPEND is found again in Drafts; and like any other id, naming no tool.
    msg["Message-ID"] = f"<{did}@{domain}>"
    if inbound.message_id:
        msg["In-Reply-To"] = inbound.message_id
        refs = [r for r in inbound.references if r != inbound.message_id][-20:]
        msg["References"] = " ".join([*refs, inbound.message_id])
    msg["Auto-Submitted"] = "no"
    body = flowed(f"{text}\n{attribution}\n{quoted(inbound)}")
    msg.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable",
                    params={"format": "flowed", "delsp": "no"})
    msg["Content-Language"] = language  # after set_content, which clears every Content-* header
    if html_alternative:
        paragraphs = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>"
                             for p in text.strip().split("\n\n"))
        original = html.escape(quotable(inbound)).replace("\n", "<br>")
        msg.add_alternative(
            f"<html><body>{paragraphs}<div>{html.escape(attribution)}</div>"
            f"<blockquote type=\"cite\" "
            f"style=\"margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex\">"
            f"{original}</blockquote></body></html>", subtype="html", charset="utf-8", cte="quoted-printable")
    return msg


def _safe_addr(addr: str) -> bool:
    try:
        Address(addr_spec=addr)
    except (ValueError, IndexError, TypeError):
        return False
    return True
