"""Snapshots of the letter for every situation the reply stage knows, in each language, with and without the
shop's order record.  A change in wording shows up here as a diff to review; regenerate deliberately with
CALMDRAFT_UPDATE_SNAPSHOTS=1 after reading the new letters.
"""

from __future__ import annotations

import json
import os
from datetime import date
from email.message import EmailMessage

import pytest

from calmdraft import message
from calmdraft.message.language import SUPPORTED
from calmdraft.reply import courtesy
from calmdraft.reply.compose import Composer
from calmdraft.reply.samples import sample_account, sample_facts, sample_inbound, sample_understandings
from conftest import ROOT
from helpers import customer_mail

SNAPSHOTS = ROOT / "tests" / "snapshots"
FACTS = {
    "no-order": None,
    "shipped": sample_facts(date(2026, 3, 5)),
    "overdue": sample_facts(date(2026, 4, 1)),
}


@pytest.fixture(scope="module")
def composer() -> Composer:
    return Composer()


@pytest.mark.parametrize("lang", SUPPORTED)
def test_draft_snapshots(composer, lang):
    rendered = {}
    for n, (u, labels) in enumerate(sample_understandings()):
        facts_name = list(FACTS)[n % len(FACTS)]
        ctx = composer.context(sample_inbound(lang), labels, FACTS[facts_name], sample_account(None), lang, u,
                               date(2026, 3, 10))
        key = f"{n:02d} {'+'.join(u.situations) or 'none'} / asks {'+'.join(u.asks) or '-'} / {facts_name}"
        rendered[key] = composer.render_text(lang, ctx)
    path = SNAPSHOTS / f"drafts_{lang}.json"
    if os.environ.get("CALMDRAFT_UPDATE_SNAPSHOTS") or not path.exists():
        path.write_text(
            json.dumps(rendered, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
        )
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert rendered.keys() == expected.keys()
    for key, text in rendered.items():
        assert text == expected[key], f"{lang} {key} changed:\n{text}"
        assert courtesy.check(text).ok, (lang, key, courtesy.check(text).problems)
        assert "None" not in text and "{{" not in text and "\n\n\n" not in text


def test_letters_use_the_facts_in_each_language(composer):
    for lang, needle in (("en", "13 March"), ("es", "13 de marzo"), ("de", "13. März"), ("fr", "13 mars")):
        ctx = composer.context(
            sample_inbound(lang), ("shipping_delay",), FACTS["shipped"], sample_account(None), lang
        )
        text = composer.render_text(lang, ctx)
        assert needle in text and "9400 1112 0206 2736 9811 42" in text and "Media Mail" in text, (lang, text)


def _inbound(body: str, subject: str = "Pedido", html: bool = False) -> message.Inbound:
    msg = EmailMessage()
    msg["From"] = "Lucía <lucia@example.es>"
    msg["Subject"] = subject
    msg["Message-ID"] = "<x@example.es>"
    if html:
        msg.set_content(f"<html><body><p>{body}</p></body></html>", subtype="html")
    else:
        msg.set_content(body)
    parsed = message.parse(msg.as_bytes())
    assert isinstance(parsed, message.Inbound)
    return parsed


def test_spanish_mail_gets_a_spanish_draft_and_unknown_languages_fall_back(composer):
    es = _inbound("Hola, hice el pedido hace tres semanas y todavía no ha llegado. ¿Dónde está mi libro?")
    draft = composer.compose(es, ("shipping_delay",), None, sample_account(None), "mid:<x>")
    assert draft.language == "es" and not draft.language_fallback
    assert draft.reply_text.startswith("Hola, Lucía:")
    it = _inbound(
        "Buongiorno, ho ordinato il libro tre settimane fa e non è ancora arrivato. Dove è il mio ordine?"
    )
    draft = composer.compose(it, ("shipping_delay",), None, sample_account(None), "mid:<y>")
    assert draft.language == "en" and draft.language_fallback


def test_user_override_directory_replaces_a_template_by_name(tmp_path):
    (tmp_path / "closing.j2").write_text("Warmly,\n{{ signer }} (override)\n")
    composer = Composer(templates_dir=tmp_path)
    text = composer.render_text(
        "en", composer.context(sample_inbound(), ("irate",), None, sample_account(None), "en")
    )
    assert text.rstrip().endswith("Example Books (override)") and "Kind regards" not in text
    inbound = message.parse(customer_mail("x", "where is my order?"))
    assert isinstance(inbound, message.Inbound)
