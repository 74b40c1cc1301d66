"""Render the reply draft with Jinja2 and wrap it in a threaded, UTF-8 quoted-printable e-mail.

Templates live in ``templates/<language>/``; a directory named in config overrides any file by name.
``StrictUndefined`` turns a template typo into an error at start-up (``check-config`` renders every template
against sample data), never into a hole in a customer's letter.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import jinja2

from calmdraft.config import Account, Config
from calmdraft.errors import TemplateProblem
from calmdraft.message import Inbound
from calmdraft.message.language import SUPPORTED
from calmdraft.orders import OrderFacts
from calmdraft.reply import courtesy
from calmdraft.resources import resource_path

# A reply quotes the customer's mail; a mail of thousands of lines is quoted up to here, then "[...]".
QUOTE_LINES, QUOTE_CHARS = 400, 20_000
_RE_PREFIX = re.compile(r"^\s*((re|aw|sv|antw|r|rif|vs|odp|ynt|fw|fwd|wg|tr|rv)\s*(\[\d+\])?\s*:\s*)+",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Draft:
    """A rendered draft: the e-mail, its reply text alone, and the courtesy verdict."""

    message: EmailMessage
    reply_text: str
    draft_id: str
    language: str
    language_fallback: bool
    courtesy: courtesy.CourtesyResult

    def as_bytes(self) -> bytes:
        return self.message.as_bytes()


def reply_subject(subject: str) -> str:
    """"Re: " plus the subject with any existing reply/forward prefixes removed (no "Re: Re:")."""
    core = _RE_PREFIX.sub("", subject or "").strip()
    return f"Re: {core}" if core else "Re: your message"


def first_name(name: str) -> str:
    """A safe salutation name: the display name's first word, or "" when it looks like an address or
    handle."""
    name = (name or "").strip().strip('"')
    if not name or "@" in name or any(ch.isdigit() for ch in name):
        return ""
    if "," in name:  # "Doe, Jane"
        name = name.split(",", 1)[1].strip() or name
    word = name.split()[0]
    if len(word) < 2 or not word[0].isalpha():
        return ""
    return word if not word.isupper() and not word.islower() else word.capitalize()


class Composer:
    """Loads templates once and renders drafts for one configuration."""

    def __init__(self, config: Config | None = None, templates_dir: Path | None = None) -> None:
        self.config = config
        bundled = resource_path("templates")
        self.override = templates_dir or (config.templates_dir if config else None)
        self.envs: dict[str, jinja2.Environment] = {}
        for lang in SUPPORTED:
            paths = []
            if self.override:
                paths += [str(self.override / lang), str(self.override)]
            paths.append(str(bundled / lang))
            if lang != "en":
                paths.append(str(bundled / "en"))
            self.envs[lang] = jinja2.Environment(
                loader=jinja2.FileSystemLoader(paths), undefined=jinja2.StrictUndefined, autoescape=False,
                keep_trailing_newline=False, trim_blocks=False, lstrip_blocks=False)
        self.available = {lang for lang in SUPPORTED if (bundled / lang / "reply.txt.j2").is_file()
                          or (self.override is not None
                              and (self.override / lang / "reply.txt.j2").is_file())}

    def render_text(self, lang: str, context: dict[str, Any]) -> str:
        try:
            text = self.envs[lang].get_template("reply.txt.j2").render(**context)
        except jinja2.TemplateError as exc:
            where = getattr(exc, "filename", None) or getattr(exc, "name", None) or "reply.txt.j2"
            raise TemplateProblem(f"template {lang}/{where} failed: {exc}",
                                  hint="fix the template, then run `calmdraft check-config`") from exc
        lines = [ln.rstrip() for ln in text.splitlines()]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"

    def context(self, inbound: Inbound, labels: tuple[str, ...], facts: OrderFacts | None, account: Account,
                lang: str) -> dict[str, Any]:
        policy = self.config.policy if self.config else None
        remedy_key = policy.late_remedy if policy else "replacement_or_refund"
        name, _ = inbound.answer_to
        return {
            "customer_name": first_name(name or inbound.sender_name),
            "shop_name": account.shop_name,
            "signer": account.signer or account.shop_name,
            "labels": list(labels),
            "order": facts.as_context(lang) if facts else None,
            "policy": {
                "return_window_days": policy.return_window_days if policy else 30,
                "refund_without_return_below": policy.refund_without_return_below if policy else 15.0,
                "currency": policy.currency if policy else "USD",
            },
            "remedy": remedy_key,
            "language": lang,
            "subject": inbound.subject,
        }

    def compose(self, inbound: Inbound, labels: tuple[str, ...], facts: OrderFacts | None, account: Account,
                did: str, when: datetime | None = None) -> Draft:
        """Render the reply for ``inbound`` and build the threaded draft message with the id ``did``."""
        lang = inbound.language if inbound.language in self.available else "en"
        fallback = lang != inbound.language and inbound.language not in ("en", "und")
        text = self.render_text(lang, self.context(inbound, labels, facts, account, lang))
        verdict = courtesy.check(text, allowed_caps=frozenset(account.shop_name.split()))
        msg = build_message(inbound, text, account, did, when or datetime.now(UTC))
        return Draft(msg, text, did, lang, fallback, verdict)


def quotable(inbound: Inbound) -> str:
    """The original's text as the draft quotes it: the whole of an ordinary mail, the start of a huge one."""
    text = inbound.text.strip() or "(no text)"
    lines = text.splitlines()
    if len(text) <= QUOTE_CHARS and len(lines) <= QUOTE_LINES:
        return text
    kept = "\n".join(lines[:QUOTE_LINES])[:QUOTE_CHARS]
    return kept.rstrip() + "\n[...]"


def quote_original(inbound: Inbound) -> str:
    """"On <date>, <name> wrote:" followed by the original text with "> " prefixes."""
    who = inbound.sender_name or inbound.sender
    when = inbound.date.strftime("%a, %d %b %Y at %H:%M") if inbound.date else "an earlier date"
    quoted = "\n".join(f"> {ln}" if ln.strip() else ">" for ln in quotable(inbound).splitlines())
    return f"On {when}, {who} wrote:\n{quoted}\n"


def build_message(inbound: Inbound, text: str, account: Account, did: str, when: datetime) -> EmailMessage:
    msg = EmailMessage()
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
    body = f"{text}\n{quote_original(inbound)}"
    msg.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    if inbound.is_html:
        paragraphs = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>"
                             for p in text.strip().split("\n\n"))
        original = html.escape(quotable(inbound)).replace("\n", "<br>")
        who = html.escape(quote_original(inbound).splitlines()[0])
        msg.add_alternative(
            f"<html><body>{paragraphs}<div>{who}</div>"
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
