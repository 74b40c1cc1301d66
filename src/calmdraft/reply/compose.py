"""Render the reply draft with Jinja2 and wrap it in a threaded, UTF-8 quoted-printable e-mail.

Templates live in ``templates/<language>/``; a directory named in config overrides any file by name.
``StrictUndefined`` turns a template typo into an error at start-up (``check-config`` renders every template
against sample data), never into a hole in a customer's letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from email.message import EmailMessage
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import babel.dates
import jinja2

from calmdraft.config import Account, Config, Policy
from calmdraft.errors import TemplateProblem
from calmdraft.message import Inbound
from calmdraft.message.language import SUPPORTED
from calmdraft.orders import MARKETPLACES, OrderFacts, format_date
from calmdraft.reply import courtesy
from calmdraft.reply.mime import DRAFT_POLICY, build_message
from calmdraft.reply.plan import build
from calmdraft.reply.understand import Understanding, understand
from calmdraft.resources import resource_path


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
        return self.message.as_bytes(policy=DRAFT_POLICY)


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
    "difference": False, "declared": False, "carrier": None, "delivered": False, "fee": False,
    "lot": None, "refund": False, "cancel": False, "search": False,
    "postage": False, "part": False, "refuse": False, "service": False, "resend_only": False,
    "conditional": False, "dated": False, "untracked": False, "unwanted": False, "to": None,
    "after_invoice": False, "if_sent": False, "none": False, "rest": False,
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
            self.envs[lang].filters["market"] = market_name
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
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
        item = context.get("item") or {}
        return _named_once(text, item.get("title")) if lang == "en" else text

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
            "deadline": plan.deadline,
            "broken_promise": u.broken_promise, "poor_packing": u.poor_packing,
            "returning": u.returning, "checked_around": u.checked_around, "wrong_what": plan.wrong_what,
            "swapped": list(u.swapped) if u.swapped else None,
            "refund_waiting": u.refund_waiting, "refund_short": u.short_postage is not None,
            "amount": plan.amount, "refund_to": plan.refund_to,
            "marketplace": plan.market,
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
        attribution = self.render_attribution(lang, inbound, account)
        msg = build_message(inbound, text, attribution, account, did, when or datetime.now(UTC), lang,
                            html_alternative=bool(self.config and self.config.html_drafts))
        return Draft(msg, text, did, lang, fallback, verdict)

    def render_attribution(self, lang: str, inbound: Inbound, account: Account) -> str:
        """The "On <date>, <name> wrote:" line in the letter's language, dated in the shop's time zone."""
        when = inbound.date.astimezone(shop_zone(account)) if inbound.date else None
        context = {"who": inbound.sender_name or inbound.sender, "when": when is not None,
                   "date": format_date_long(when, lang) if when else "",
                   "time": format_time_short(when, lang) if when else "",
                   "zone": zone_name(when) if when else ""}
        try:
            line = self.envs[lang].get_template("attribution.j2").render(**context)
        except jinja2.TemplateError as exc:
            raise TemplateProblem(f"template {lang}/attribution.j2 failed: {exc}",
                                  hint="fix the template, then run `calmdraft check-config`") from exc
        return " ".join(line.split())


def shop_zone(account: Account) -> tzinfo:
    """The shop's time zone: ``timezone`` from its account, else the machine's own."""
    if account.timezone:
        return ZoneInfo(account.timezone)
    return datetime.now().astimezone().tzinfo or UTC


def format_date_long(when: datetime, lang: str) -> str:
    """"Wednesday, December 2, 2026", "Mittwoch, 2. Dezember 2026" (CLDR's full date, through Babel)."""
    return _plain_spaces(babel.dates.format_date(when, "full", locale=lang))


def format_time_short(when: datetime, lang: str) -> str:
    """"3:07 AM", "03:07": the language's short time."""
    return _plain_spaces(babel.dates.format_time(when, "short", locale=lang))


def zone_name(when: datetime) -> str:
    """The zone's abbreviation ("CET", "EST"), or its offset ("+03:00") where the zone has none."""
    name = when.tzname() or ""
    if re.fullmatch(r"[A-Z]{2,5}", name):
        return name
    offset = when.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


def _named_once(text: str, title: str | None) -> str:
    """"Your copy of Wolf Hall" once: a later sentence that starts with it says "It" ("It left us on...")."""
    if not title:
        return text
    phrase = re.compile(rf"\byour copy of {re.escape(title)}", re.IGNORECASE)
    first = phrase.search(text)
    if first is None:
        return text
    later = re.compile(rf"(?:(?<=[.!?] )|(?<=\n\n))Your copy of {re.escape(title)}(?= \w)")
    return text[:first.end()] + later.sub("It", text[first.end():])


def _plain_spaces(text: str) -> str:
    # CLDR puts narrow no-break spaces in times ("3:07\u202fAM"); plain-text readers show them oddly.
    return text.replace("\u202f", " ").replace("\xa0", " ")


# German letters go on in lower case after "Sehr geehrte Frau Weber,": "es tut mir leid", "vielen Dank".
_LOWER_AFTER_COMMA = ("Es ", "Vielen ", "Bitte ", "Selbstverständlich ", "Danke ", "Leider ", "Ich ",
                      "Entschuldige ")


_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "CA$", "AUD": "A$", "CHF": "CHF"}


def market_name(marketplace: str) -> str:
    """How the marketplace spells itself: "ebay" -> "eBay"."""
    return MARKETPLACES.get(marketplace, marketplace)


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
