"""Sample data every template must render with, used by ``check-config`` and the template tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import combinations

from calmdraft import LABELS
from calmdraft.config import Account, Config
from calmdraft.errors import TemplateProblem
from calmdraft.message import Inbound
from calmdraft.message.language import SUPPORTED
from calmdraft.orders import OrderFacts
from calmdraft.reply.compose import Composer

LABEL_SETS: list[tuple[str, ...]] = [()] + [c for n in range(1, 5) for c in combinations(LABELS, n)]
_BAD_OUTPUT = ("None", "{{", "}}", "{%", "%}", "  .", " ,", "Undefined")


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
                      today=today or date(2026, 3, 5))


def sample_account(config: Config | None) -> Account:
    if config and config.accounts:
        return config.accounts[0]
    return Account(name="sample", address="books@example.com", shop_name="Example Books", aliases=(),
                   signer="Example Books", order_pattern=None, imap=None, maildir=None)


def check_templates(composer: Composer, config: Config | None = None) -> list[str]:
    """Render every language x label set x facts variant; return every problem found."""
    problems: list[str] = []
    account = sample_account(config)
    variants = [None, sample_facts(), sample_facts(date(2026, 4, 1)), sample_facts(shipped=False)]
    for lang in SUPPORTED:
        for labels in LABEL_SETS:
            for facts in variants:
                for name in ("Jane Doe", ""):
                    try:
                        text = composer.render_text(lang, composer.context(sample_inbound(lang, name), labels,
                                                                           facts, account, lang))
                    except TemplateProblem as exc:
                        problems.append(exc.message)
                        continue
                    bad = [b for b in _BAD_OUTPUT if b in text]
                    if bad or not text.strip():
                        problems.append(f"{lang} {'+'.join(labels) or 'no label'}: "
                                        f"output contains {bad or 'nothing'}")
    return sorted(set(problems))
