"""The draft's raw bytes, as a mail client reads and sends them: nothing for the reviewer in the headers,
plain flowed text wrapped at 72, the attribution in the letter's language and zone, proper folding, no relay
frame in the quote."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import re
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from calmdraft import message
from calmdraft.config import Config
from calmdraft.reply.compose import Composer
from calmdraft.reply.mime import flowed, reflowed, refold
from calmdraft.reply.samples import sample_account, sample_facts
from helpers import unflow

WHEN = datetime(2026, 12, 2, 8, 7, tzinfo=UTC)


def mail(subject: str, body: str, sender: str = "Jane Customer <jane@example.net>", html: str | None = None,
         date: str = "Wed, 02 Dec 2026 08:07:00 +0000") -> message.Inbound:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "books@example.com"
    msg["Subject"] = subject
    msg["Date"] = date
    msg["Message-ID"] = "<cust-1@example.net>"
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    inbound = message.parse(msg.as_bytes())
    assert isinstance(inbound, message.Inbound)
    return inbound


def raw_draft(inbound: message.Inbound, labels=("shipping_delay",), config: Config | None = None,
              account=None) -> tuple[bytes, object]:
    composer = Composer(config)
    draft = composer.compose(inbound, labels, sample_facts(), account or sample_account(None), "a" * 32, WHEN)
    return draft.as_bytes(), draft


def parsed(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def test_no_header_for_the_reviewer_or_naming_the_tool():
    inbound = mail("You will hear from my lawyer",
                   "I am filing a chargeback and calling my lawyer. Refund now.")
    raw, _ = raw_draft(inbound, ("irate", "refund_request", "threat"))
    head = raw.split(b"\r\n\r\n", 1)[0].decode()
    names = [ln.split(":", 1)[0].lower() for ln in head.split("\r\n") if ln and not ln[0].isspace()]
    assert not [n for n in names if n.startswith("x-")]
    assert "calmdraft" not in head.lower() and "threat" not in head.lower() and "score" not in head.lower()
    assert set(names) == {"from", "to", "subject", "date", "message-id", "in-reply-to", "references",
                          "auto-submitted", "content-language", "content-type", "content-transfer-encoding",
                          "mime-version"}


def test_plain_text_by_default_even_for_html_mail_and_an_html_alternative_only_on_request():
    inbound = mail("Where is it?", "Where is my book?", html="<p>Where is my <b>book</b>?</p>")
    raw, _ = raw_draft(inbound)
    assert parsed(raw).get_content_type() == "text/plain"
    config = dataclasses.replace(Config(accounts=(), state_path=None), html_drafts=True)  # type: ignore[arg-type]
    raw_html, _ = raw_draft(inbound, config=config)
    msg = parsed(raw_html)
    assert msg.get_content_type() == "multipart/alternative"
    html = msg.get_body(("html",)).get_content()
    assert "<blockquote" in html and "Where is my book?" in html
    assert msg.get_body(("plain",))["Content-Transfer-Encoding"] == "quoted-printable"


def test_lines_are_wrapped_at_72_with_flowed_encoding_that_round_trips():
    long_line = ("I ordered the complete set of the Hornblower novels in the Folio Society edition on the "
                 "ninth of November and have heard nothing since then, not even a shipping notice or a "
                 "tracking number, which is not what I expected from a shop with such good reviews.")
    inbound = mail("Order 40211 still not here", f"Hello,\n\n{long_line}\n> an old quoted line\n\nJane")
    raw, draft = raw_draft(inbound)
    assert all(len(line) <= 78 for line in raw.split(b"\r\n"))
    msg = parsed(raw)
    ctype = msg["Content-Type"]
    assert msg.get_content_type() == "text/plain"
    assert ctype.params["format"] == "flowed" and ctype.params["delsp"] == "no"
    body = msg.get_content().replace("\r\n", "\n")
    assert all(len(line) <= 78 for line in body.split("\n"))
    logical = unflow(body)
    # The reply's paragraphs come back as they were written, and the customer's lines one level deeper.
    for paragraph in draft.reply_text.strip().split("\n"):
        assert (0, paragraph) in logical
    assert (1, long_line) in logical and (2, "an old quoted line") in logical
    assert (1, "Hello,") in logical and (1, "") in logical


def test_reflowed_reads_back_what_flowed_wrote():
    text = ("Dear Jane,\n\n" + "word " * 40 + "end.\n\nOn Monday, Jane wrote:\n> " + "quoted " * 20
            + "end\n>\n>> older line\n")
    assert reflowed(flowed(text)).rstrip("\n") == text.rstrip("\n")


def test_flowed_stuffs_lines_that_would_read_as_quotes_or_from_lines():
    body = flowed("From the first day I knew.\n indented\n" + "a" * 70 + " >5 days late")
    assert body.split("\n")[:4] == [" From the first day I knew.", "  indented", "a" * 70 + " ",
                                    " >5 days late"]
    assert unflow(body)[2] == (0, "a" * 70 + " >5 days late")
    assert unflow(flowed("From here on " + "word " * 30))[0] == (0, "From here on " + "word " * 29 + "word")


@pytest.mark.parametrize("lang, subject, body, attribution", [
    ("de", "Bestellung 4471 nicht angekommen",
     "Guten Tag,\n\nmeine Bestellung ist seit drei Wochen nicht angekommen. Wo bleibt das Buch?"
     "\n\nJürgen Brandl",
     "Am Mittwoch, 2. Dezember 2026 um 09:07 CET schrieb Jürgen Brandl:"),
    ("es", "Pedido 4471 no ha llegado",
     "Hola,\n\nmi pedido no ha llegado todavía después de tres semanas. ¿Dónde está el libro?\n\nJosé López",
     "El miércoles, 2 de diciembre de 2026, a las 9:07 CET, José López escribió:"),
    ("fr", "Commande 4471 pas arrivée",
     "Bonjour,\n\nma commande n'est toujours pas arrivée après trois semaines. Où est le livre ?"
     "\n\nClaire Martin",
     "Le mercredi 2 décembre 2026 à 09:07 CET, Claire Martin a écrit :"),
])
def test_attribution_in_the_letters_language_and_the_shops_zone(lang, subject, body, attribution):
    name = body.rsplit("\n", 1)[-1]
    inbound = mail(subject, body, sender=f"{name} <c@example.net>")
    assert inbound.language == lang
    account = dataclasses.replace(sample_account(None), timezone="Europe/Berlin")
    raw, _ = raw_draft(inbound, account=account)
    msg = parsed(raw)
    assert msg["Content-Language"] == lang
    assert attribution in [text for _, text in unflow(msg.get_content().replace("\r\n", "\n"))]


def test_english_attribution_names_the_zone_of_the_shop():
    inbound = mail("Where is my order?", "Hi, where is my order? It has been two weeks.")
    account = dataclasses.replace(sample_account(None), timezone="America/New_York")
    msg = parsed(raw_draft(inbound, account=account)[0])
    assert msg["Content-Language"] == "en"
    assert "On Wednesday, December 2, 2026 at 3:07 AM EST, Jane Customer wrote:" in msg.get_content()


def test_long_headers_fold_at_a_space_with_the_first_word_on_the_header_line():
    inbound = mail("Inquiry from Amazon customer Derek Pollard (Order: 112-9938120-5561172) about a book",
                   "Where is it?",
                   sender="Derek Pollard - Amazon Marketplace <7xk2vq9bn3mpl4t@marketplace.amazon.com>")
    raw, _ = raw_draft(inbound)
    head = raw.split(b"\r\n\r\n", 1)[0].decode()
    assert not re.search(r"^[A-Za-z-]+:\r\n", head, re.MULTILINE)
    assert all(len(line) <= 78 for line in head.split("\r\n"))
    msg = parsed(raw)
    assert msg["Subject"] == ("Re: Inquiry from Amazon customer Derek Pollard (Order: 112-9938120-5561172) "
                              "about a book")
    assert msg["To"].addresses[0].addr_spec == "7xk2vq9bn3mpl4t@marketplace.amazon.com"
    assert msg["To"].addresses[0].display_name == "Derek Pollard - Amazon Marketplace"


def test_refold_keeps_quoted_names_whole_and_changes_nothing_a_reader_decodes():
    folded = refold('To: "Pollard, Derek (Amazon Marketplace buyer for order 112-9938120)" '
                    '<7xk2vq9bn3mpl4t@marketplace.amazon.com>\r\n')
    lines = folded.rstrip("\r\n").split("\r\n")
    assert lines[0].startswith('To: "Pollard, Derek (Amazon Marketplace buyer for order 112-9938120)"')
    assert lines[1] == " <7xk2vq9bn3mpl4t@marketplace.amazon.com>"
    msg = email.message_from_string(folded + "\r\n", policy=email.policy.default)
    name = msg["To"].addresses[0].display_name
    assert name == "Pollard, Derek (Amazon Marketplace buyer for order 112-9938120)"


def test_the_quote_holds_the_customers_words_not_the_marketplaces_frame():
    body = ("Order ID 114-3390217-5528146:\n1 of Item: A Sand County Almanac\n\n"
            "------------- Begin message -------------\n\nWhere is my book? It is two weeks late.\n\n"
            "------------- End message -------------\n\n"
            "For Your Information: To help arbitrate disputes and preserve trust and safety, we retain all "
            "messages buyers and sellers send through Amazon.com for two years.")
    inbound = mail("Inquiry from Amazon customer Karen (Order: 114-3390217-5528146)", body,
                   sender="Karen <7xk2lq9pwm4bz3r@marketplace.amazon.com>")
    text = parsed(raw_draft(inbound)[0]).get_content()
    assert "> Where is my book? It is two weeks late." in text
    assert "Begin message" not in text and "For Your Information" not in text and "End message" not in text


def test_an_attribution_override_is_used_and_a_broken_one_is_reported_by_check_config(tmp_path):
    from calmdraft.reply.samples import check_templates

    (tmp_path / "attribution.j2").write_text("{{ who }} wrote on {{ date }}:\n")
    inbound = mail("Where is my order?", "Hi, where is my order? It has been two weeks.")
    draft = Composer(templates_dir=tmp_path).compose(inbound, ("shipping_delay",), None, sample_account(None),
                                                     "b" * 32, WHEN)
    assert "Jane Customer wrote on Wednesday, December 2, 2026:" in draft.message.get_content()
    (tmp_path / "attribution.j2").write_text("{{ whom }} wrote:\n")
    problems = check_templates(Composer(templates_dir=tmp_path))
    assert any("attribution.j2" in p and "whom" in p for p in problems)


def test_french_spacing_is_never_where_a_line_breaks():
    text = ("Je regrette que votre exemplaire de « Lot de 12 albums Blake et Mortimer » "
            "soit retenu en douane. "
            "Si vous ne souhaitez pas les payer, vous pouvez refuser le colis : il me reviendra ; d'accord ?")
    for width_pad in range(0, 40):
        body = flowed("x" * width_pad + " " + text)
        lines = body.splitlines()
        assert not any(line.startswith(("»", ":", ";", "?")) for line in lines), lines
        assert not any(line.rstrip().endswith("«") for line in lines), lines
        assert reflowed(body).rstrip("\n") == "x" * width_pad + " " + text
