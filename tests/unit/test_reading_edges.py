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


def test_the_difference_asked_back_is_a_partial_refund_and_a_return_ruled_out_stays_out():
    _, u = _read("It is the book-club edition, not the first. I don't really want to go through mailing it back. "
                 "What I'd like is for you to refund me the difference between what I paid and what it is worth.")
    assert "partial_refund" in u.asks and "refund" not in u.asks and "return" in u.ruled_out


def test_a_corner_of_the_board_is_not_a_damaged_corner():
    _, u = _read("There is the little blind-stamped square on the lower corner of the back board: a book club "
                 "edition, not the first edition you listed.")
    assert "bumped_corners" not in u.defects and "book_club" in u.defects


def test_a_part_said_to_be_fine_in_its_own_clause_is_not_the_missing_one():
    _, u = _read("Box came today. The outer box and slipcase are fine but the Pink Moon sleeve is empty, no CD in "
                 "it. Also there's no booklet at all. The listing said complete.")
    assert u.situations == ("part_missing",) and u.missing == ("disc", "booklet")


def test_the_listing_promising_free_postage_is_not_a_condition_complaint():
    _, u = _read("An Post is holding the parcel at customs and wants VAT before they deliver it. The listing "
                 "says free postage to Ireland. Will you sort the charge or do I let it go back?")
    assert "customs_or_returning" in u.situations and "condition_not_as_described" not in u.situations


@pytest.mark.parametrize("body, call", [
    ("Your two-line answer is not much of a reply. The woman at my bank read both charges to me over the "
     "phone.", False),
    ("When I phoned you on the 12th, the woman I spoke to was rude and hung up on me.", True),
])
def test_a_phone_call_is_the_shops_only_when_the_sentence_says_so(body, call):
    _, u = _read(body)
    assert "service_complaint" in u.situations and u.service_call is call


def test_a_french_album_is_a_comic_and_a_missing_map_leaves_a_guide_book_a_book():
    assert _read("J'ai reçu l'album « Tintin au Tibet » abîmé, la couverture est déchirée.")[1].item_kind == "comic"
    assert _read("The book arrived but the folding map in the pocket at the back is missing.")[1].item_kind == "book"
    assert _read("The map of Cork is held at customs.")[1].item_kind == "map"


def test_a_day_to_hear_back_by_is_not_a_day_the_parcel_is_needed_by():
    assert _read("Can you let me know before the weekend as I need to tell them?")[1].deadline is None
    assert _read("I need it by Friday for my father's birthday.")[1].deadline == "Friday"
