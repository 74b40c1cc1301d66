"""Drafts: one coherent letter per label set, threading headers, no holes, and the courtesy check."""

from __future__ import annotations

from datetime import date

import pytest

from calmdraft import message
from calmdraft.reply import courtesy
from calmdraft.reply.compose import Composer, first_name
from calmdraft.reply.mime import reply_subject
from calmdraft.reply.samples import LABEL_SETS, check_templates, sample_account, sample_facts, sample_inbound
from helpers import customer_mail, plain_text


@pytest.fixture(scope="module")
def composer() -> Composer:
    return Composer()


def test_every_template_renders_cleanly(composer):
    assert check_templates(composer) == []


@pytest.mark.parametrize(
    "subject, expected",
    [
        ("Where is my book", "Re: Where is my book"),
        ("Re: Re: RE: order", "Re: order"),
        ("AW: Bestellung", "Re: Bestellung"),
        ("Fwd: Re: x", "Re: x"),
        ("", "Re: your message"),
    ],
)
def test_reply_subject_never_stacks(subject, expected):
    assert reply_subject(subject) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Jane Doe", "Jane"),
        ("DOE, JANE", "Jane"),
        ("jane@x.com", ""),
        ("", ""),
        ("buyer123", ""),
        ("Ms. Smith", "Ms."),
    ],
)
def test_first_name(name, expected):
    assert first_name(name) == expected


def test_draft_headers_and_quote(composer):
    raw = customer_mail(
        "Re: Where is my book?",
        "Still nothing.",
        sender="Jane Doe <jane@example.net>",
        headers={"References": "<a@x>", "Reply-To": "Jane <jane.work@example.org>"},
        msgid="<m1@x>",
    )
    inbound = message.parse(raw)
    assert isinstance(inbound, message.Inbound)
    draft = composer.compose(inbound, ("shipping_delay",), sample_facts(), sample_account(None), "d" * 32)
    msg = draft.message
    assert msg["Subject"] == "Re: Where is my book?"
    assert msg["In-Reply-To"] == "<m1@x>" and msg["References"] == "<a@x> <m1@x>"
    assert "jane.work@example.org" in msg["To"]
    # Deterministic (crash recovery searches Drafts for it) and, like every header, naming no tool.
    assert msg["Message-ID"] == f"<{'d' * 32}@example.com>"
    assert not [k for k, v in msg.items() if "calmdraft" in f"{k}: {v}".lower()]
    text = plain_text(msg)
    assert "3 March by Media Mail" in text and "9400 1112 0206 2736 9811 42" in text
    assert "> Still nothing." in text


def test_delivery_window_and_overdue_remedy(composer):
    acct = sample_account(None)
    on_time = composer.render_text(
        "en",
        composer.context(sample_inbound(), ("shipping_delay",), sample_facts(date(2026, 3, 5)), acct, "en"),
    )
    assert "2–8 business days" in on_time and "by 13 March" in on_time  # 8 business days after Tue 3 March
    late = composer.render_text(
        "en",
        composer.context(sample_inbound(), ("shipping_delay",), sample_facts(date(2026, 4, 1)), acct, "en"),
    )
    assert "replacement, if I have another copy, or refund you in full" in late
    assert "should reach you" not in late


def test_several_labels_make_one_letter(composer):
    text = composer.render_text(
        "en",
        composer.context(
            sample_inbound(),
            ("irate", "shipping_delay", "refund_request", "threat"),
            None,
            sample_account(None),
            "en",
        ),
    )
    assert text.count("Dear Jane") == 1 and text.count("Kind regards") == 1
    assert text.lower().count("sorry") <= 2


@pytest.mark.parametrize("labels", LABEL_SETS)
def test_no_draft_fails_courtesy(composer, labels):
    for facts in (None, sample_facts()):
        text = composer.render_text(
            "en", composer.context(sample_inbound(), labels, facts, sample_account(None), "en")
        )
        assert courtesy.check(text).ok, courtesy.check(text).problems


@pytest.mark.parametrize(
    "text",
    [
        "You should have read the listing.",
        "As I already told you, it shipped.",
        "Please calm down.",
        "Obviously the carrier is at fault.",
        "We will refund you if you remove your negative feedback.",
        "This is NOT our fault.",
    ],
)
def test_courtesy_flags_bad_wording(text):
    assert not courtesy.check(text).ok


def test_courtesy_passes_carrier_names():
    assert courtesy.check("It went by USPS Media Mail and DHL.").ok
