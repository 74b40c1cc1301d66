"""The worker over a Maildir: bad input gets a reason and never stops the pass; nothing is drafted twice."""

from __future__ import annotations

from calmdraft.config import Account, Config, MaildirSettings
from calmdraft.mailbox.maildir import MaildirMailbox
from calmdraft.runner import Runtime
from conftest import CORPUS
from helpers import customer_mail


def _setup(tmp_path, max_bytes=25 * 1024 * 1024):
    account = Account(
        name="t",
        address="books@example-books.test",
        shop_name="Example Books",
        aliases=(),
        signer="Example Books",
        order_pattern=None,
        imap=None,
        maildir=MaildirSettings(tmp_path / "Maildir", "INBOX"),
    )
    cfg = Config(accounts=(account,), state_path=tmp_path / "state.db", max_message_bytes=max_bytes)
    box = MaildirMailbox(tmp_path / "Maildir")
    box.connect()
    return cfg, box


def test_broken_mail_is_skipped_with_reasons_and_pass_continues(tmp_path):
    cfg, box = _setup(tmp_path, max_bytes=200_000)
    broken = sorted((CORPUS / "mime").glob("*.eml"))
    for p in broken:
        box.append("INBOX", p.read_bytes(), ())
    box.append(
        "INBOX", customer_mail("Where is my order", "It has not arrived after 3 weeks, where is it?"), ()
    )
    box.append("INBOX", b"From: a@example.net\r\nSubject: huge\r\n\r\n" + b"x" * 300_000, ())
    runtime = Runtime(cfg)
    result = runtime.worker(cfg.accounts[0]).run_pass()
    assert len(result.outcomes) == len(broken) + 2
    assert all(o.outcome != "failed" for o in result.outcomes), [
        o for o in result.outcomes if o.outcome == "failed"
    ]
    assert all(o.reason for o in result.outcomes if o.outcome == "skipped")
    assert any("too large" in o.reason for o in result.outcomes)
    assert result.outcomes[-2].outcome == "drafted"
    # Nothing was lost: every original is still there, none marked seen.
    assert (
        len(list((tmp_path / "Maildir" / "new").iterdir()))
        + len(list((tmp_path / "Maildir" / "cur").iterdir()))
        == len(broken) + 2
    )
    assert not any(
        ":2," in p.name and "S" in p.name.split(":2,")[1] for p in (tmp_path / "Maildir" / "cur").iterdir()
    )
    again = runtime.worker(cfg.accounts[0]).run_pass()
    runtime.close()
    assert again.outcomes == []
    assert len(list((tmp_path / "Maildir" / ".Drafts" / "cur").iterdir())) == result.count(
        "drafted"
    ) + result.count("needs_review") - sum(
        1 for o in result.outcomes if o.outcome == "needs_review" and not o.draft_id
    )


def test_same_message_id_twice_gets_one_draft(tmp_path):
    cfg, box = _setup(tmp_path)
    mail = customer_mail("Refund", "Please refund my order, the book is damaged.", msgid="<same@example.net>")
    box.append("INBOX", mail, ())
    box.append("INBOX", mail, ())
    runtime = Runtime(cfg)
    result = runtime.worker(cfg.accounts[0]).run_pass()
    runtime.close()
    assert sorted(o.outcome for o in result.outcomes)[0] in ("drafted", "needs_review")
    assert any("duplicate" in o.reason for o in result.outcomes)
    assert len(list((tmp_path / "Maildir" / ".Drafts" / "cur").iterdir())) == 1
