"""Sample data every template must render with, used by ``check-config`` and the template tests: every
situation, ask, escalation and register, with and without the shop's order record, in every language."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from itertools import combinations

from calmdraft import LABELS
from calmdraft.config import Account, Config
from calmdraft.errors import TemplateProblem
from calmdraft.message import Inbound
from calmdraft.message.language import SUPPORTED
from calmdraft.orders import OrderFacts
from calmdraft.reply.compose import Composer
from calmdraft.reply.people import Person
from calmdraft.reply.plan import PRIMARY
from calmdraft.reply.understand import Escalation, Understanding

LABEL_SETS: list[tuple[str, ...]] = [()] + [c for n in range(1, 5) for c in combinations(LABELS, n)]
_BAD_OUTPUT = ("None", "{{", "}}", "{%", "%}", "  .", " ,", " .", "Undefined", "..", ",,", " ;.", "[]")


def sample_inbound(lang: str = "en", name: str = "Jane Doe") -> Inbound:
    return Inbound(message_id="<sample@example.net>", sender_name=name, sender="jane@example.net",
                   reply_to=None, reply_to_name="", subject="Where is my order?",
                   date=datetime(2026, 3, 10, 9, 30, tzinfo=UTC),
                   date_header="Tue, 10 Mar 2026 09:30:00 +0000", references=(), in_reply_to=None,
                   text="Where is my book?", new_text="Where is my book?", quoted_text="", signature="",
                   is_html=False, html_body=None, language=lang, headers={})


def sample_facts(today: date | None = None, shipped: bool = True) -> OrderFacts:
    return OrderFacts("113-4827716-2290431", marketplace="amazon", title="The Secret History",
                      ship_date=date(2026, 3, 3) if shipped else None,
                      method="Media Mail" if shipped else None,
                      tracking="9400 1112 0206 2736 9811 42" if shipped else None, window=(2, 8),
                      today=today or date(2026, 3, 5), price=18.5, currency="USD")


def sample_account(config: Config | None) -> Account:
    if config and config.accounts:
        return config.accounts[0]
    return Account(name="sample", address="books@example.com", shop_name="Example Books", aliases=(),
                   signer="Example Books", order_pattern=None, imap=None, maildir=None)


_PEOPLE = (Person("Jane", "Doe", "Mrs", "mrs", "f", True), Person("Jürgen", "Brandl", "", "", "m", True),
           Person("Alex", "", "", "", None, False), Person(formal=True),
           Person("", "Okafor", "Dr", "dr", None, True))
_ASKS = ((), ("refund",), ("replacement",), ("partial_refund", "keep_item"), ("cancel",), ("return",))
_ESCALATIONS = ((), (Escalation("a_to_z", "threatened"),), (Escalation("chargeback", "filed"),),
                (Escalation("paypal", "filed"),), (Escalation("feedback", "threatened"),),
                (Escalation("lawyer_court", "threatened"),), (Escalation("feedback", "filed"),),
                (Escalation("consumer_body", "filed"),))


def sample_understandings() -> Iterator[tuple[Understanding, tuple[str, ...]]]:
    """Understandings (with labels) that together reach every step, opening and escalation."""
    base = Understanding(item_kind="book", order_refs=("113-4827716-2290431",), amounts=(("18.40", "USD"),),
                         defects=("cracked_spine", "smoke_smell"), missing=("dust_jacket",),
                         waited="three weeks", occasion="gift", marketplace="amazon")
    kinds = ("book", "books", "record", "yarn", "unknown", "boxset")
    for i, situation in enumerate((*PRIMARY, None)):
        for j, asks in enumerate(_ASKS):
            person = _PEOPLE[(i + j) % len(_PEOPLE)]
            escalation = _ESCALATIONS[(i * 3 + j) % len(_ESCALATIONS)]
            extra = ("earlier_unanswered", "service_complaint") if j % 3 == 0 else ()
            u = replace(base, situations=tuple(s for s in (situation, *extra) if s), asks=asks,
                        ruled_out=("refund",) if j == 2 else ("return",) if j == 4 else (),
                        escalations=escalation, person=person,
                        item_kind=kinds[(i + j) % len(kinds)], wrote_before=bool(extra),
                        returning=j % 2 == 0, wrong_what=("edition", None, "volume")[j % 3],
                        postage_refund=(None, "postage", None, "difference")[(i + j) % 4] if situation in (
                            "arrived_late", None) else None,
                        invoice=situation == "customs_or_returning" and j % 2 == 1, declared_value=j % 4 == 1,
                        deadline=("Friday", None, "6 December")[(i + j) % 3],
                        broken_promise=bool(extra) and j % 2 == 0,
                        carrier=("DHL", None)[j % 2],
                        customs_fee=situation == "customs_or_returning" and j % 3 == 2,
                        dye_lot="0923" if kinds[(i + j) % len(kinds)] == "yarn" else None,
                        refund_waiting=j % 2 == 1, postage_figure=j % 5 == 3,
                        short_postage=("7.95", "", None)[j % 3] if situation == "refund_not_received"
                        else None,
                        poor_packing=j % 2 == 1, if_lost=j % 3 == 1, another_copy="replacement" in asks)
            labels = ("irate", "shipping_delay", "refund_request", "threat")[: 1 + (i + j) % 4]
            yield u, labels


def check_templates(composer: Composer, config: Config | None = None) -> list[str]:
    """Render every language against every sample; return every problem found."""
    problems: list[str] = []
    account = sample_account(config)
    facts_variants = (None, sample_facts(), sample_facts(date(2026, 4, 1)), sample_facts(shipped=False))
    for lang in SUPPORTED:
        try:
            line = composer.render_attribution(lang, sample_inbound(lang, "Jane Doe"), account)
            if not line or any(b in line for b in _BAD_OUTPUT):
                problems.append(f"{lang}/attribution.j2: output is {line!r}")
        except TemplateProblem as exc:
            problems.append(exc.message)
        for n, (u, labels) in enumerate(sample_understandings()):
            for k in (n, n + 1):
                facts = facts_variants[k % len(facts_variants)]
                name = "Jane Doe" if u.person.known else ""
                try:
                    context = composer.context(sample_inbound(lang, name), labels, facts, account, lang, u,
                                               date(2026, 3, 10))
                    text = composer.render_text(lang, context)
                except TemplateProblem as exc:
                    problems.append(exc.message)
                    continue
                bad = [b for b in _BAD_OUTPUT if b in text]
                if bad or not text.strip():
                    situation = u.situations[0] if u.situations else "no situation"
                    problems.append(f"{lang} {situation} asks={'+'.join(u.asks) or '-'}: output contains "
                                    f"{bad or 'nothing'}")
    return sorted(set(problems))
