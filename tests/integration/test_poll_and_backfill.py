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
        "find_message_ids",
        "add_keywords_many",
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
    assert {b"\\Flagged", b"calmdraft/threat", b"calmdraft/drafted"} <= set(flags) and b"\\Seen" not in flags


def test_status_tracks_what_is_still_waiting_for_a_reply(dovecot, imap_user, password_env, tmp_path, capsys):
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail(*DELAY, sender="Ann <ann@example.net>"))
        c.append("INBOX", customer_mail("Refund please", "The book is damaged, please refund me.",
                                        sender="Bob <bob@example.net>"))
    cfg = imap_config(tmp_path, dovecot, imap_user, password_env)
    assert main(["--config", str(cfg), "once"]) == 0
    capsys.readouterr()
    assert main(["--config", str(cfg), "status"]) == 0
    assert "waiting for a reply: " in capsys.readouterr().out
    with dovecot.client(imap_user) as c:  # the shop answers both from its mail client
        c.select_folder("INBOX")
        c.add_flags(c.search(["ALL"]), [b"\\Answered"])
    assert main(["--config", str(cfg), "once"]) == 0
    capsys.readouterr()
    assert main(["--config", str(cfg), "status"]) == 0
    assert "oldest message waiting for a reply: none" in capsys.readouterr().out


def _reply_to(original: bytes, text: str) -> bytes:
    """What a mail client appends to Sent when the shop sends its reply (Thunderbird, mutt: a new
    Message-ID, In-Reply-To and References naming the original)."""
    import email
    import email.policy
    from email.message import EmailMessage

    orig = email.message_from_bytes(original, policy=email.policy.default)
    msg = EmailMessage()
    msg["From"], msg["To"] = "Example Books <books@example-books.test>", orig["From"]
    msg["Subject"], msg["Date"] = f"Re: {orig['Subject']}", format_datetime(datetime.now(UTC))
    msg["Message-ID"] = "<reply-sent-1@example-books.test>"
    msg["In-Reply-To"], msg["References"] = orig["Message-ID"], orig["Message-ID"]
    msg.set_content(text)
    return msg.as_bytes()


def test_a_reply_in_sent_or_a_deleted_draft_is_seen_by_status(dovecot, imap_user, password_env, tmp_path,
                                                                capsys):
    """No client sets \\Answered when it sends a draft: the reply is found in Sent by its In-Reply-To, and a
    draft deleted unsent leaves the customer waiting, said so."""
    ann = customer_mail(*DELAY, sender="Ann <ann@example.net>", msgid="<ann-1@example.net>")
    bob = customer_mail("Refund please", "The book is damaged, please refund me.",
                        sender="Bob <bob@example.net>",
                        msgid="<bob-1@example.net>")
    with dovecot.client(imap_user) as c:
        c.append("INBOX", ann)
        c.append("INBOX", bob)
        c.create_folder("Sent")
    cfg = imap_config(tmp_path, dovecot, imap_user, password_env)
    assert main(["--config", str(cfg), "once"]) == 0
    with dovecot.client(imap_user) as c:
        c.select_folder("Drafts")
        drafts = c.fetch(c.search(["ALL"]), ["BODY.PEEK[HEADER.FIELDS (IN-REPLY-TO)]"])
        by_original = {bytes(v[b"BODY[HEADER.FIELDS (IN-REPLY-TO)]"]).split(b":", 1)[1].strip(): uid
                       for uid, v in drafts.items()}
        assert set(by_original) == {b"<ann-1@example.net>", b"<bob-1@example.net>"}
        # Ann's draft is sent: the client deletes it from Drafts and appends the reply to Sent.
        c.delete_messages([by_original[b"<ann-1@example.net>"]])
        c.expunge()
        c.append("Sent", _reply_to(ann, "Your book left us on Monday; here is the tracking."),
                 flags=[b"\\Seen"])
        # Bob's draft is thrown away: nothing in Sent.
        c.delete_messages([by_original[b"<bob-1@example.net>"]])
        c.expunge()
    capsys.readouterr()
    assert main(["--config", str(cfg), "once"]) == 0
    assert main(["--config", str(cfg), "status"]) == 0
    out = capsys.readouterr().out
    assert "waiting for a reply: 1 (1 with the draft deleted unsent)" in out
    assert "'Refund please'), its draft was deleted unsent" in out
    assert "answered in 7d: 1 by a reply in Sent" in out and "to ann@example.net" in out
    with dovecot.client(imap_user) as c:  # the originals are as they were: unread, in the inbox
        c.select_folder("INBOX", readonly=True)
        flags = c.get_flags(c.search(["ALL"]))
    assert len(flags) == 2 and not any(b"\\Seen" in f or b"\\Answered" in f for f in flags.values())
    # Bob is answered later, from scratch in the client: the discarded draft does not hide that reply.
    with dovecot.client(imap_user) as c:
        c.append("Sent", _reply_to(bob, "Refunded in full today."), flags=[b"\\Seen"])
    capsys.readouterr()
    assert main(["--config", str(cfg), "once"]) == 0
    assert main(["--config", str(cfg), "status"]) == 0
    out = capsys.readouterr().out
    assert "waiting for a reply: 0" in out and "answered in 7d: 2 by a reply in Sent" in out


def test_schema_1_database_is_migrated(tmp_path):
    import sqlite3

    from calmdraft.store import SCHEMA_VERSION, Store

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('schema_version', '1');"
        "CREATE TABLE messages (account TEXT NOT NULL, folder TEXT NOT NULL,"
        " uidvalidity INTEGER NOT NULL, uid INTEGER NOT NULL, fingerprint TEXT NOT NULL, message_id TEXT,"
        " sender TEXT, subject TEXT, received_at TEXT, outcome TEXT NOT NULL, reason TEXT,"
        " labels TEXT NOT NULL DEFAULT '[]', scores TEXT NOT NULL DEFAULT '{}', draft_id TEXT,"
        " attempts INTEGER NOT NULL DEFAULT 0, next_attempt TEXT, created_at TEXT NOT NULL,"
        " updated_at TEXT NOT NULL, PRIMARY KEY (account, folder, uidvalidity, uid));")
    db.close()
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION == 5
    assert "size" in {row[1] for row in store.query("PRAGMA table_info(messages)")}
    assert store.awaiting_reply("a", "INBOX", 1) == []
    store.close()


def test_schema_3_orders_get_price_currency_and_item_kind(tmp_path):
    """A state file written before orders had prices: the order lookup reads the new columns, so they must
    be added, not only created for new files."""
    import sqlite3

    from calmdraft.store import SCHEMA_VERSION, Store

    path = tmp_path / "v3.db"
    Store(path).close()
    db = sqlite3.connect(path)
    db.executescript(
        "DROP TABLE orders;"
        "CREATE TABLE orders (order_id TEXT PRIMARY KEY, marketplace TEXT, title TEXT, buyer TEXT,"
        " buyer_email TEXT, order_date TEXT, ship_by TEXT, ship_date TEXT, method TEXT, tracking TEXT,"
        " source TEXT, updated_at TEXT NOT NULL);"
        "UPDATE meta SET value='3' WHERE key='schema_version';")
    db.close()
    store = Store(path)
    assert {"price", "currency", "item_kind"} <= {row[1] for row in store.query("PRAGMA table_info(orders)")}
    assert store.schema_version() == SCHEMA_VERSION
    assert {"reply", "discarded_at"} <= {row[1] for row in store.query("PRAGMA table_info(messages)")}
    store.close()
