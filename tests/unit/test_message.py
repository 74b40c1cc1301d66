"""The parser never raises on real-world broken mail, and finds the customer's words."""

from __future__ import annotations

import time

import pytest

from calmdraft import message
from calmdraft.message import quotes
from conftest import CORPUS

MIME = sorted((CORPUS / "mime").glob("*.eml"))
REPLIES = CORPUS / "replies"


def test_corpus_is_present():
    assert len(MIME) > 100, f"shared corpus not found at {CORPUS}"


@pytest.mark.parametrize("path", MIME, ids=lambda p: p.name)
def test_parse_never_raises(path):
    result = message.parse(path.read_bytes())
    if isinstance(result, message.Unparseable):
        assert result.reason  # a reason for the log and status, never an exception
    else:
        assert result.sender and "@" in result.sender
        assert isinstance(result.new_text, str) and "\x00" not in result.text


def test_most_of_the_corpus_is_readable():
    parsed = [message.parse(p.read_bytes()) for p in MIME]
    ok = sum(isinstance(r, message.Inbound) for r in parsed)
    assert ok / len(parsed) > 0.85


def test_html_only_mail_becomes_text_with_quotes_marked():
    raw = (
        b"From: A <a@example.net>\r\nSubject: hi\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<p>Where is my <b>book</b>?</p><blockquote><p>Your order has shipped</p></blockquote>"
    )
    m = message.parse(raw)
    assert isinstance(m, message.Inbound) and m.is_html
    assert m.new_text == "Where is my book?"
    assert "Your order has shipped" in m.quoted_text


def test_unknown_charset_is_repaired():
    raw = (
        b"From: a@example.net\r\nSubject: x\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\n"
        b"Caf\xc3\xa9 order"
    )
    m = message.parse(raw)
    assert isinstance(m, message.Inbound) and "Café" in m.text


def test_huge_and_empty_mail_get_reasons():
    assert "too large" in message.parse(b"x" * 1000, max_bytes=10).reason  # type: ignore[union-attr]
    assert isinstance(message.parse(b""), message.Unparseable)


def test_reply_to_and_threading_headers():
    raw = (
        b"From: Jane <jane@example.net>\r\nReply-To: Jane Work <jw@example.org>\r\nSubject: Re: x\r\n"
        b"Message-ID: <a@b>\r\nReferences: <x@y> <z@w>\r\nIn-Reply-To: <z@w>\r\n\r\nhello"
    )
    m = message.parse(raw)
    assert isinstance(m, message.Inbound)
    assert m.answer_to == ("Jane Work", "jw@example.org")
    assert m.references == ("<x@y>", "<z@w>") and m.in_reply_to == "<z@w>" and m.message_id == "<a@b>"


def _trim_cases():
    for inp in sorted(REPLIES.glob("erttrimmer__*.input.txt")):
        expected = inp.with_name(inp.name.replace(".input.txt", ".trimmed.txt"))
        if expected.exists():
            yield inp, expected


def test_quote_and_signature_trimming_on_reference_pairs():
    cases = list(_trim_cases())
    assert len(cases) > 50
    hits = sum(
        quotes.split(i.read_bytes().decode("utf-8")).new_text.strip() == e.read_text("utf-8").strip()
        for i, e in cases
    )
    # Measured: 44 of 64 exact matches (the rest are mostly exotic embedded-forward layouts).
    assert hits / len(cases) >= 0.65


def test_talon_client_replies():
    for inp in sorted(REPLIES.glob("talon__*.input.eml")):
        expected = inp.with_name(inp.name.replace(".input.eml", ".expected.txt")).read_text("utf-8").strip()
        m = message.parse(inp.read_bytes())
        assert isinstance(m, message.Inbound)
        assert expected.splitlines()[0].strip() in m.new_text, inp.name


def test_keyword_only_in_quote_is_not_new_text():
    body = (
        "Thanks, all sorted now!\n\nOn Tue, 3 Mar 2026 at 10:12, Example Books <books@example.com> wrote:\n"
        "> We have issued your refund. Please do not open an A-to-z claim.\n"
    )
    s = quotes.split(body)
    assert s.new_text == "Thanks, all sorted now!"
    assert "A-to-z" in s.quoted


def test_bottom_posted_reply_keeps_only_the_answer_below_the_quote():
    body = (
        "Le 22 mars 2024 à 19:05, Vincent Leclerc <v@example.fr> a écrit :\n"
        "> ÇA FAIT 3 SEMAINES, JE VAIS FAIRE OPPOSITION À LA BANQUE\n"
        "> Le 22 mars 2024 à 09:11, Librairie Atalante a écrit :\n"
        "> > Nous avons relancé le transporteur.\n\n"
        "Reçu ce midi, merci et désolé pour mon message.\n\n--\nVincent\n"
    )
    s = quotes.split(body)
    assert s.new_text == "Reçu ce midi, merci et désolé pour mon message."
    assert "OPPOSITION" in s.quoted and "OPPOSITION" not in s.new_text
    assert s.signature.endswith("Vincent")


def test_bottom_posted_reply_keeps_the_history_below_the_answer():
    body = ("On Mon, 3 Mar 2026 at 10:12, Shop <books@example.com> wrote:\n> Your refund is issued.\n\n"
            "Thanks!\n\n-----Original Message-----\nFrom: me\nOrder 123-1234567-1234567, where is it?")
    s = quotes.split(body)
    assert s.new_text == "Thanks!"
    assert "Your refund is issued." in s.quoted and "123-1234567-1234567" in s.quoted


def test_a_quote_at_the_top_is_a_quote_however_long_the_answer():
    body = "> We have issued a full refund; no A-to-z claim is needed.\n\nThank you, that is very kind."
    s = quotes.split(body)
    assert s.new_text == "Thank you, that is very kind." and "A-to-z" in s.quoted


def test_an_empty_reply_under_a_quote_has_no_new_text():
    body = ("On Mon, 3 Mar 2026 at 10:12, Bookshop <books@example.com> wrote:\n"
            "> If it has not arrived by Friday we will refund you; no need for an A-to-z claim.\n\n"
            "Sent from my iPhone")
    s = quotes.split(body)
    assert s.new_text == "" and "A-to-z" in s.quoted


def test_a_one_line_look_alike_at_the_top_is_the_customers_text():
    assert quotes.split(">>> URGENT <<<\nWhere is my book?").new_text.endswith("Where is my book?")
    assert quotes.split(">:( where is my book").new_text == ">:( where is my book"


def test_splitting_stays_linear_on_long_runs_of_spaces():
    started = time.perf_counter()
    for body in ("Where is my book?\n" + " " * 150_000 + "x", "sent from my" + " " * 150_000 + "x\n",
                 ("On 2024 " + " " * 900 + "x\n") * 200):
        quotes.split(body)
    # Quadratic patterns took minutes on these; linear work is a small fraction of a second.
    assert time.perf_counter() - started < 5


def test_quote_only_mail_and_bare_forward_keep_their_text():
    assert quotes.split("> just a quote\n> more").new_text == "> just a quote\n> more"
    with_signature = quotes.split("> I WILL OPEN AN A-TO-Z CLAIM\n> today\n\nSent from my iPhone")
    assert with_signature.new_text == "> I WILL OPEN AN A-TO-Z CLAIM\n> today"
    forward = "---------- Forwarded message ----------\nFrom: Royal Mail\n\nYour parcel is on its way."
    assert "Your parcel is on its way." in quotes.split(forward).new_text


def test_amazon_relay_frame_is_unwrapped():
    body = (
        "------------- Begin message -------------\n\nWhere is my book?\n\n"
        "------------- End message -------------\n\nFor Your Information: we retain all messages."
    )
    assert quotes.split(body).new_text == "Where is my book?"


@pytest.mark.parametrize(
    "line",
    [
        "Sent from my iPhone",
        "Von meinem iPhone gesendet",
        "Enviado desde mi iPhone",
        "Envoyé de mon iPhone",
        "Get Outlook for Android",
    ],
)
def test_mobile_signatures(line):
    s = quotes.split(f"Where is my order?\n\n{line}")
    assert s.new_text == "Where is my order?" and line in s.signature


def test_an_answer_under_the_shops_quoted_line_is_the_new_text():
    text = ("Dana,\n\n> I've issued your refund of $27.50 to the card you paid with.\n\n"
            "That was on November 13th. Nothing has come through on my Visa.\n\nThank you,\nGerald Ashby\n\n"
            "On Fri, Nov 13, 2026 at 2:41 PM Hollow Oak Books <orders@hollowoakbooks.com> wrote:\n"
            "> Hi Gerald,\n>\n> I've issued your refund of $27.50 to the card you paid with.\n>\n"
            "> Best,\n> Dana\n")
    parts = quotes.split(text)
    assert parts.new_text.startswith("Dana,\n\nThat was on November 13th."), parts
    assert "Visa" in parts.new_text, parts
    assert "I've issued" not in parts.new_text and "I've issued" in parts.quoted, parts
    # A salutation over a plain top-quoted history with nothing below it is still an empty answer's history.
    only = quotes.split("Hi,\n\n> What's the tracking number?\n> Anna\n")
    assert "tracking" not in only.new_text
