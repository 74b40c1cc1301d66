"""No second draft, whatever breaks: a crash between append and record, a UIDVALIDITY change, a rerun."""

from __future__ import annotations

import email
import email.policy

import pytest

from calmdraft import config as config_mod
from calmdraft.mailbox import open_mailbox
from calmdraft.runner import Runtime
from calmdraft.store import DRAFTING
from helpers import customer_mail, imap_config

ANGRY = (
    "Still waiting!!",
    "Order 113-4827716-2290431 has not arrived after three weeks. This is unacceptable.",
)


class Crash(BaseException):
    pass


def _count_drafts(dovecot, user) -> int:
    with dovecot.client(user) as c:
        c.select_folder("Drafts", readonly=True)
        return len(c.search(["ALL"]))


@pytest.mark.parametrize("crash_point", ["add_keywords", "record"])
def test_crash_after_append_does_not_duplicate(
    dovecot, imap_user, password_env, tmp_path, crash_point, monkeypatch
):
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail(*ANGRY))
    cfg = config_mod.load(imap_config(tmp_path, dovecot, imap_user, password_env))
    runtime = Runtime(cfg)
    worker = runtime.worker(cfg.accounts[0])
    original_record = runtime.store.record

    def crashing_record(key, **kw):
        if kw.get("outcome") != DRAFTING:
            raise Crash()
        return original_record(key, **kw)

    with monkeypatch.context() as m:
        if crash_point == "record":
            m.setattr(runtime.store, "record", crashing_record)
        else:
            from calmdraft.mailbox.imap import ImapMailbox

            def boom(self, *a, **k):
                raise Crash()

            m.setattr(ImapMailbox, "add_keywords_many", boom)
        with pytest.raises(Crash):
            worker.run_pass()
    assert _count_drafts(dovecot, imap_user) == 1
    # The process "restarts": a fresh runtime over the same state file.
    runtime.close()
    runtime = Runtime(cfg)
    result = runtime.worker(cfg.accounts[0]).run_pass()
    runtime.close()
    assert [o.outcome for o in result.outcomes] in (["drafted"], ["needs_review"])
    assert _count_drafts(dovecot, imap_user) == 1
    with dovecot.client(imap_user) as c:
        c.select_folder("INBOX", readonly=True)
        flags = c.get_flags(c.search(["ALL"]))
        assert all(b"calmdraft/drafted" in f and b"\\Seen" not in f for f in flags.values())


def test_uidvalidity_change_rescans_without_duplicates(dovecot, imap_user, password_env, tmp_path):
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail(*ANGRY))
    cfg = config_mod.load(imap_config(tmp_path, dovecot, imap_user, password_env))
    runtime = Runtime(cfg)
    worker = runtime.worker(cfg.accounts[0])
    worker.run_pass()
    assert _count_drafts(dovecot, imap_user) == 1
    # Renumber the folder: Dovecot assigns a new UIDVALIDITY when its uidlist disappears.
    home = dovecot.directory / "mail" / imap_user / "Maildir"
    (home / "dovecot-uidlist").unlink()
    for f in home.glob("dovecot.index*"):
        f.unlink()
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail("Refund", "I want a refund for my damaged book, please."))
    cursor = runtime.store.cursor("shop", "INBOX")
    with open_mailbox(cfg.accounts[0]) as box:
        assert box.status("INBOX").uidvalidity != cursor.uidvalidity
    result = worker.run_pass()
    runtime.close()
    outcomes = sorted((o.outcome, o.reason) for o in result.outcomes)
    assert len(outcomes) == 2, outcomes
    assert outcomes[0][0] in ("drafted", "needs_review"), outcomes
    # The old message is recognised (by its tag on the server, or its Message-ID) and skipped.
    assert outcomes[1][0] == "skipped"
    assert "already drafted" in outcomes[1][1] or "duplicate" in outcomes[1][1]
    assert _count_drafts(dovecot, imap_user) == 2
    with dovecot.client(imap_user) as c:
        c.select_folder("Drafts", readonly=True)
        subjects = [
            email.message_from_bytes(d[b"BODY[HEADER.FIELDS (SUBJECT)]"], policy=email.policy.default)[
                "Subject"
            ]
            for d in c.fetch(c.search(["ALL"]), ["BODY.PEEK[HEADER.FIELDS (SUBJECT)]"]).values()
        ]
        assert sorted(subjects) == ["Re: Refund", "Re: Still waiting!!"]
