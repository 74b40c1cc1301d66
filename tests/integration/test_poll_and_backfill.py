"""A poll with no new mail costs one STATUS; backfills reach older mail; threats are flagged for the owner."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from calmdraft import config as config_mod
from calmdraft.cli import main
from calmdraft.mailbox.imap import ImapMailbox
from calmdraft.runner import Runtime
from helpers import customer_mail, imap_config

pytestmark = pytest.mark.dovecot

DELAY = ("Where is my book?", "I ordered three weeks ago and it still has not arrived. Where is it?")


def test_idle_poll_costs_one_command(dovecot, imap_user, password_env, tmp_path, monkeypatch):
    with dovecot.client(imap_user) as c:
        for i in range(30):
            c.append("INBOX", customer_mail(f"Thanks {i}", "Arrived today, lovely copy, thank you!"))
    cfg = config_mod.load(imap_config(tmp_path, dovecot, imap_user, password_env))
    runtime = Runtime(cfg)
    worker = runtime.worker(cfg.accounts[0])
    worker.run_pass()
    calls: list[str] = []
    for name in (
        "status",
        "uids_after",
        "uids_arrived_since",
        "fetch",
        "flags",
        "add_keywords",
        "append",
        "find_header",
        "drafts_folder",
    ):
        original = getattr(ImapMailbox, name)

        def spy(self, *a, _name=name, _orig=original, **k):
            calls.append(_name)
            return _orig(self, *a, **k)

        monkeypatch.setattr(ImapMailbox, name, spy)
    result = worker.run_pass()
    runtime.close()
    assert result.outcomes == [] and calls == ["status"]


def test_backfill_since_date_and_first_run_window(dovecot, imap_user, password_env, tmp_path, capsys):
    old = datetime.now(UTC) - timedelta(days=20)
    with dovecot.client(imap_user) as c:
        raw = customer_mail(*DELAY, msgid="<old@example.net>").replace(b"Date: ", b"X-Orig-Date: ", 1)
        raw = f"Date: {format_datetime(old)}\r\n".encode() + raw
        c.append("INBOX", raw, msg_time=old)
    cfg = imap_config(tmp_path, dovecot, imap_user, password_env)
    assert main(["--config", str(cfg), "once"]) == 0
    assert "0 message(s)" in capsys.readouterr().out  # older than the 24 h first-run window: left alone
    since = (old - timedelta(days=1)).date().isoformat()
    assert main(["--config", str(cfg), "once", "--since", since]) == 0
    capsys.readouterr()
    with dovecot.client(imap_user) as c:
        c.select_folder("Drafts", readonly=True)
        assert len(c.search(["ALL"])) == 1
    assert (
        main(["--config", str(cfg), "once", "--since", since]) == 0
    )  # a second backfill drafts nothing more
    with dovecot.client(imap_user) as c:
        c.select_folder("Drafts", readonly=True)
        assert len(c.search(["ALL"])) == 1


def test_threats_are_flagged_important(dovecot, imap_user, password_env, tmp_path):
    with dovecot.client(imap_user) as c:
        c.append(
            "INBOX",
            customer_mail(
                "Order 113-4827716-2290431",
                "It has been a month. If the book is not "
                "here by Friday I will file a chargeback and open an A-to-z claim.",
            ),
        )
    cfg = imap_config(tmp_path, dovecot, imap_user, password_env)
    assert main(["--config", str(cfg), "once"]) == 0
    with dovecot.client(imap_user) as c:
        c.select_folder("INBOX", readonly=True)
        (flags,) = c.get_flags(c.search(["ALL"])).values()
    assert {b"$Important", b"calmdraft/threat", b"calmdraft/drafted"} <= set(flags) and b"\\Seen" not in flags
