"""One contract, every backend: the Maildir and the IMAP mailbox must behave the same way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from calmdraft.config import ImapSettings, Secret
from calmdraft.mailbox.base import DRAFT, SEEN, Mailbox
from calmdraft.mailbox.imap import ImapMailbox
from calmdraft.mailbox.maildir import MaildirMailbox
from helpers import customer_mail


@pytest.fixture(params=["maildir", "imap"])
def box(request, tmp_path, monkeypatch) -> Iterator[Mailbox]:
    if request.param == "maildir":
        mailbox: Mailbox = MaildirMailbox(tmp_path / "Maildir")
    else:
        dovecot = request.getfixturevalue("dovecot")
        user = request.getfixturevalue("imap_user")
        env = request.getfixturevalue("password_env")
        mailbox = ImapMailbox(
            ImapSettings(
                host="127.0.0.1",
                port=dovecot.tls_port,
                security="tls",
                username=user,
                password=Secret(env=env),
                oauth2_token=None,
                ca_file=str(dovecot.ca_file),
                folder="INBOX",
                drafts_folder=None,
                timeout=10,
                idle=True,
            )
        )
    with mailbox:
        yield mailbox


def test_new_messages_by_uid_cursor(box: Mailbox):
    start = box.status("INBOX")
    for i in range(3):
        box.append("INBOX", customer_mail(f"m{i}", "hello"), ())
    after = box.status("INBOX")
    assert after.uidnext == start.uidnext + 3 and after.uidvalidity == start.uidvalidity
    uids = box.uids_after("INBOX", 0)
    assert len(uids) == 3 and uids == sorted(uids)
    assert box.uids_after("INBOX", uids[0]) == uids[1:]
    assert box.uids_after("INBOX", uids[-1]) == []  # "n:*" must not return the last message again


def test_fetch_does_not_set_seen_and_skips_huge_bodies(box: Mailbox):
    box.append("INBOX", customer_mail("small", "hi"), ())
    box.append("INBOX", customer_mail("big", "x" * 50_000), ())
    uids = box.uids_after("INBOX", 0)
    got = list(box.fetch("INBOX", uids, max_bytes=10_000))
    assert [m.uid for m in got] == uids
    assert b"Subject: small" in got[0].data and not got[0].oversized
    assert got[1].oversized and got[1].size > 50_000
    for uid in uids:
        assert SEEN not in (box.flags("INBOX", uid) or set())


def test_keywords_and_drafts(box: Mailbox):
    box.append("INBOX", customer_mail("m", "hello"), ())
    uid = box.uids_after("INBOX", 0)[0]
    box.add_keywords("INBOX", uid, ["calmdraft/drafted", "calmdraft/threat"])
    flags = box.flags("INBOX", uid) or frozenset()
    assert {"calmdraft/drafted", "calmdraft/threat"} <= flags and SEEN not in flags
    drafts = box.drafts_folder()
    box.append_draft(customer_mail("Re: m", "draft", msgid="<abc123def@shop.example>"), ["calmdraft/irate"])
    box.append_draft(customer_mail("Re: n", "draft", msgid="<0fe42aa1@shop.example>"))
    assert box.find_message_ids(drafts, ["abc123def", "zzz999", "0fe42aa1"]) == {"abc123def", "0fe42aa1"}
    assert box.find_message_ids(drafts, ["zzz999"]) == set()
    assert box.find_message_ids(drafts, ["abc123def"]) == {"abc123def"}
    draft_uid = box.uids_after(drafts, 0)[0]
    assert {DRAFT, SEEN, "calmdraft/irate"} <= (box.flags(drafts, draft_uid) or frozenset())


def test_keywords_many_one_command_per_keyword(box: Mailbox):
    for i in range(3):
        box.append("INBOX", customer_mail(f"m{i}", "hello"), ())
    a, b, c = box.uids_after("INBOX", 0)
    assert box.add_keywords_many("INBOX", {"calmdraft/drafted": [a, b], "calmdraft/threat": [b, c]}) == []
    assert "calmdraft/drafted" in (box.flags("INBOX", a) or ()) and "calmdraft/threat" not in (
        box.flags("INBOX", a) or ())
    assert {"calmdraft/drafted", "calmdraft/threat"} <= (box.flags("INBOX", b) or frozenset())
    assert "calmdraft/drafted" not in (box.flags("INBOX", c) or ())


def test_arrival_window(box: Mailbox):
    box.append("INBOX", customer_mail("m", "hello"), ())
    assert box.uids_arrived_since("INBOX", datetime.now(UTC) - timedelta(hours=1))
    assert box.uids_arrived_since("INBOX", datetime.now(UTC) + timedelta(days=2)) == []


def test_maildir_tagging_keeps_flags_it_does_not_know(tmp_path):
    box = MaildirMailbox(tmp_path / "Maildir")
    box.connect()
    (tmp_path / "Maildir" / "cur" / "123.abc.host:2,PSz").write_bytes(customer_mail("m", "hello"))
    uid = box.uids_after("INBOX", 0)[0]
    box.add_keywords("INBOX", uid, ["calmdraft/drafted"])
    (name,) = [p.name for p in (tmp_path / "Maildir" / "cur").iterdir()]
    info = name.split(":2,")[1]
    assert {"P", "S", "z"} <= set(info) and "a" in info  # forwarded, seen, and an unknown keyword survive
