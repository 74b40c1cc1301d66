"""Edges of the reading found by review: negations across clauses, a dispute not yet opened, amounts with
thousands separators, 29 February, initials and given names that look like titles, French first person, and
long lines that must stay linear."""

from __future__ import annotations

import re
from email.message import EmailMessage

import pytest

from calmdraft import message
from calmdraft.reply import lexicon
from calmdraft.reply.details import amount_value
from calmdraft.reply.understand import READ_CAP, customer_text, needs_answer, understand


def _read(body: str, sender: str = "Jo Reader <jo@example.org>", date: str | None = None):
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "shop@example.com"
    msg["Subject"] = "Order"
    msg["Message-ID"] = "<edge@example.org>"
    if date:
        msg["Date"] = date
    msg.set_content(body)
    inbound = message.parse(msg.as_bytes())
    assert isinstance(inbound, message.Inbound)
    return inbound, understand(inbound)


def test_a_dispute_not_yet_opened_is_not_filed():
    _, u = _read("Wrong edition. I haven't opened a PayPal dispute yet, I'd prefer to sort it out with you. "
                 "Please refund me.")
    assert [(e.channel, e.state) for e in u.escalations] == [("paypal", "threatened")]


def test_not_hesitating_is_a_threat_not_a_refusal():
    _, u = _read("I will not hesitate to open a PayPal dispute if this is not sorted out by Friday.")
    assert [(e.channel, e.state) for e in u.escalations] == [("paypal", "threatened")]


@pytest.mark.parametrize("body", [
    "The book hasn't arrived so I want a refund.",
    "Le livre n'est pas arrivé donc je veux un remboursement.",
    "El libro no ha llegado así que quiero un reembolso.",
])
def test_a_negation_does_not_reach_past_so_or_since(body):
    assert "refund" in _read(body)[1].asks


@pytest.mark.parametrize("written, value", [("1,234.56", 1234.56), ("1.234,56", 1234.56), ("18,50", 18.5),
                                            ("18.50", 18.5), ("1 234,56", 1234.56), ("300", 300.0)])
def test_amounts_are_read_with_their_separators(written, value):
    assert amount_value(written) == value


def test_a_thousands_amount_is_one_amount():
    assert _read("I was charged twice, $1,234.56 each time.")[1].amounts == (("1,234.56", "USD"),)


def test_29_february_does_not_break_the_reading():
    _, u = _read("I ordered the book on 29 February and it has not arrived.", date="Wed, 28 Feb 2024 10:00 +0000")
    assert "not_arrived" in u.situations


@pytest.mark.parametrize("sender, body, lang_first, title", [
    ("Maria Schmidt <m@example.de>", "Guten Tag, wo ist mein Buch?\n\nMit freundlichen Grüßen\nM. Schmidt", "Maria", ""),
    ("Don Johnson <d@example.com>", "Where is my book?\n\nRegards,\nDon Johnson", "Don", ""),
    ("Jean Dupont <j@example.fr>", "Bonjour, où est ma commande ?\n\nCordialement,\nM. Jean Dupont", "Jean", "M."),
])
def test_an_initial_or_a_given_name_is_not_a_title(sender, body, lang_first, title):
    person = _read(body, sender)[1].person
    assert (person.first, person.title) == (lang_first, title)


def test_french_first_person_is_an_after_sale_request():
    inbound, u = _read("J’ai reçu le mauvais tome. Pouvez-vous m’envoyer le bon ?\n\nCordialement\nPaul Martin")
    assert "wrong_item" in u.situations and needs_answer(u, inbound)


def test_a_huge_mail_is_read_only_up_to_the_cap_and_no_pattern_runs_unbounded_to_a_question_mark():
    inbound, _ = _read("word " * 40_000)
    assert len(customer_text(inbound)) <= READ_CAP + len("Order") + 1
    # A run with no upper bound before a literal is quadratic on a long line that lacks the literal.
    unbounded = [p for patterns in lexicon.ASKS.values() for p in patterns if re.search(r"\{\d+,\}\\\?", p)]
    assert unbounded == []
