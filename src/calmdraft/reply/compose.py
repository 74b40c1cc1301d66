"""Render the reply draft with Jinja2 and wrap it in a threaded, UTF-8 quoted-printable e-mail.

Templates live in ``templates/<language>/``; a directory named in config overrides any file by name.
``StrictUndefined`` turns a template typo into an error at start-up (``check-config`` renders every template
against sample data), never into a hole in a customer's letter.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from calmdraft.config import Account, Config, Policy
from calmdraft.errors import TemplateProblem
from calmdraft.message import Inbound
from calmdraft.message.language import SUPPORTED
from calmdraft.orders import OrderFacts, format_date
from calmdraft.reply import courtesy
from calmdraft.reply.plan import build
from calmdraft.reply.understand import Understanding, understand
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


# Every step variable a template may read, so an override can test any of them (StrictUndefined).
STEP_DEFAULTS: dict[str, Any] = {
    "via": None, "amount": None, "if_arrives": False, "keep": False, "with_return": False, "reason": None,
    "estimated": False, "returning": False, "sure": False, "problem": None, "shipped": False,
    "overdue": False,
    "date": None, "remedy": None, "fault": False, "options": [], "no_return": False, "percent": 0,
    "sure_replacement": False, "replacement": False, "no_refund": False, "changed_mind": False,
}


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
            self.envs[lang].filters["after_salutation"] = after_salutation
            self.envs[lang].filters["money"] = partial(money, lang)
            self.envs[lang].filters["ucfirst"] = ucfirst
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
                lang: str, understanding: Understanding | None = None, today: date | None = None,
                ) -> dict[str, Any]:
        """The template variables for one letter (README, "Templates", lists them)."""
        policy = self.config.policy if self.config else Policy()
        u = understanding or understand(inbound, account.order_pattern, (account.shop_name, account.signer))
        plan = build(u, labels, facts, policy, today)
        steps = [{"key": s.key, **STEP_DEFAULTS, **{k: (format_date(v, lang) if isinstance(v, date) else v)
                                                    for k, v in s.vars.items()}} for s in plan.steps]
        person = u.person
        signer = account.signer or account.shop_name
        return {
            # the person and the shop
            "person": {"first": person.first, "last": person.last, "title": person.title,
                       "title_key": person.title_key, "gender": person.gender, "academic": person.academic,
                       "known": person.known, "casual": person.casual},
            "formal": person.formal,
            "customer_name": person.first or first_name(inbound.answer_to[0] or inbound.sender_name),
            "shop_name": account.shop_name, "signer": signer, "signer_is_person": signer != account.shop_name,
            # what happened and what the letter does
            "primary": plan.primary, "problems": plan.problems, "situations": list(u.situations),
            "asks": list(u.asks), "ruled_out": list(u.ruled_out),
            "apologise_slow": plan.apologise_slow, "apologise_service": plan.apologise_service,
            "irate": plan.irate, "steps": steps,
            "escalation": ({"channel": plan.escalation.channel, "state": plan.escalation.state}
                           if plan.escalation else None),
            "item": plan.item, "defects": plan.defects, "missing": plan.missing, "volume": plan.volume,
            "waited": plan.waited, "long_wait": plan.long_wait, "occasion": plan.occasion,
            "returning": u.returning, "checked_around": u.checked_around, "wrong_what": plan.wrong_what,
            "amount": plan.amount, "refund_to": plan.refund_to,
            "marketplace": (facts.marketplace if facts else None) or u.marketplace,
            "order": facts.as_context(lang) if facts else None, "order_ref": plan.order_ref,
            "policy": plan.policy, "remedy": policy.late_remedy,
            "labels": list(labels), "language": lang, "subject": inbound.subject,
        }

    def compose(self, inbound: Inbound, labels: tuple[str, ...], facts: OrderFacts | None, account: Account,
                did: str, when: datetime | None = None, understanding: Understanding | None = None,
                today: date | None = None) -> Draft:
        """Render the reply for ``inbound`` and build the threaded draft message with the id ``did``."""
        lang = inbound.language if inbound.language in self.available else "en"
        fallback = lang != inbound.language and inbound.language not in ("en", "und")
        context = self.context(inbound, labels, facts, account, lang, understanding,
                               today or (when.date() if when else None))
        text = self.render_text(lang, context)
        verdict = courtesy.check(text, allowed_caps=frozenset(account.shop_name.split()))
        msg = build_message(inbound, text, account, did, when or datetime.now(UTC))
        return Draft(msg, text, did, lang, fallback, verdict)


# German letters go on in lower case after "Sehr geehrte Frau Weber,": "es tut mir leid", "vielen Dank".
_LOWER_AFTER_COMMA = ("Es ", "Vielen ", "Bitte ", "Selbstverständlich ", "Danke ", "Leider ", "Ich ",
                      "Entschuldige ")


_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "CA$", "AUD": "A$", "CHF": "CHF"}


def money(lang: str, amount: dict[str, Any] | None) -> str:
    """An amount as the letter's language writes it: "$18.40" in English, "18,40 €" in German."""
    if not amount:
        return ""
    value, currency = float(amount["value"]), str(amount.get("currency") or "")
    symbol = _SYMBOLS.get(currency, currency)
    if lang == "en":
        return f"{symbol}{value:.2f}" if len(symbol) <= 3 and symbol != "CHF" else f"{value:.2f} {symbol}"
    return f"{value:.2f}".replace(".", ",") + f" {symbol}"


def ucfirst(text: str) -> str:
    """The first letter in upper case and the rest as it was (Jinja's capitalize lowers the rest: titles)."""
    body = str(text)
    return body[:1].upper() + body[1:]


def after_salutation(text: str) -> str:
    """The first word after a salutation ending in a comma, in lower case where German wants it."""
    body = str(text)
    if body.startswith(_LOWER_AFTER_COMMA):
        return body[:1].lower() + body[1:]
    return body


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
