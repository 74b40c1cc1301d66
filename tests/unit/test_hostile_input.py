"""The fault and hostile-input audit, point by point: no lost reply, no hijacked reply, no blocked inbox."""

from __future__ import annotations

import email
import email.policy
import os
import sqlite3
import subprocess
import sys
from datetime import timedelta

import pytest
from test_worker_maildir import _setup

from calmdraft import message, store
from calmdraft.cli import main
from calmdraft.errors import MailboxProtocolError
from calmdraft.mailbox.maildir import MaildirMailbox, _Folder
from calmdraft.runner import Runtime
from helpers import customer_mail, maildir_config

DELAY = "I ordered three weeks ago and it still has not arrived. Where is my book?"
HIJACK = "=?utf-8?q?Jane=0D=0ABcc=3A_evil=40x=2Eexample?= <jane@customer.example>"


class Crash(BaseException):
    """Stands in for kill -9: nothing after it runs, no handler catches it."""


def _drafts(tmp_path) -> list[email.message.EmailMessage]:
    folder = tmp_path / "Maildir" / ".Drafts" / "cur"
    if not folder.exists():
        return []
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in folder.iterdir()]


def _pass(cfg):
    runtime = Runtime(cfg)
    try:
        return runtime.worker(cfg.accounts[0]).run_pass()
    finally:
        runtime.close()


# -- 1. two customers, one Message-ID
def test_two_customers_with_one_message_id_both_get_a_draft(tmp_path):
    cfg, box = _setup(tmp_path)
    box.append("INBOX", customer_mail("Where is my book?", DELAY, sender="Ann <ann@example.net>",
                                      msgid="<reused@mailer.example>"), ())
    box.append("INBOX", customer_mail("Refund please", "The book arrived with a torn cover. I want a refund.",
                                      sender="Bob <bob@example.org>", msgid="<reused@mailer.example>"), ())
    result = _pass(cfg)
    assert sorted(o.outcome for o in result.outcomes) == ["drafted", "drafted"], result.outcomes
    drafts = _drafts(tmp_path)
    assert sorted(str(d["To"]) for d in drafts) == ["Ann <ann@example.net>", "Bob <bob@example.org>"]
    assert len({d["Message-ID"] for d in drafts}) == 2


def test_the_same_message_twice_is_still_one_draft():
    raw = customer_mail("Where is my book?", DELAY, msgid="<x@example.net>")
    other = customer_mail("Where is my book?", DELAY + " Please hurry.", msgid="<x@example.net>")
    assert message.fingerprint(raw) == message.fingerprint(b"Received: from relay\r\n" + raw)
    assert message.fingerprint(raw) == message.fingerprint(raw.replace(b"\n", b"\r\n"))
    assert message.fingerprint(raw) != message.fingerprint(other)


# -- 2. reply address hijack
@pytest.mark.parametrize("header", ["From", "Reply-To"])
def test_an_encoded_display_name_never_becomes_an_address(tmp_path, header):
    raw = (f"{header}: {HIJACK}\r\n" + ("From: jane@customer.example\r\n" if header == "Reply-To" else "")
           + "To: books@example-books.test\r\nSubject: Where is my book?\r\n"
           f"Message-ID: <h@customer.example>\r\n\r\n{DELAY}\r\n").encode()
    parsed = message.parse(raw)
    assert isinstance(parsed, message.Inbound)
    assert parsed.answer_to[1] == "jane@customer.example"
    assert "\n" not in parsed.answer_to[0] and "\r" not in parsed.answer_to[0]
    cfg, box = _setup(tmp_path)
    box.append("INBOX", raw, ())
    _pass(cfg)
    (draft,) = _drafts(tmp_path)
    assert draft["To"].addresses[0].addr_spec == "jane@customer.example"
    assert len(draft["To"].addresses) == 1 and draft["Bcc"] is None and draft["Cc"] is None
    head = draft.as_bytes().split(b"\n\n", 1)[0].lower()
    assert b"\nbcc:" not in head and b"evil@x.example" not in head.replace(b"\r\n ", b" ").split(b"\nto:")[0]


# -- 3. double faults
def test_kill_after_append_then_lost_state_file_gives_one_draft(tmp_path, monkeypatch):
    cfg, box = _setup(tmp_path)
    box.append("INBOX", customer_mail("Where is my book?", DELAY), ())
    original = MaildirMailbox.append_draft

    def append_then_die(self, data, keywords=()):
        original(self, data, keywords)
        raise Crash()

    with monkeypatch.context() as m:
        m.setattr(MaildirMailbox, "append_draft", append_then_die)
        with pytest.raises(Crash):
            _pass(cfg)
    cfg.state_path.unlink()
    for suffix in ("-wal", "-shm"):
        (cfg.state_path.parent / (cfg.state_path.name + suffix)).unlink(missing_ok=True)
    result = _pass(cfg)
    assert [o.outcome for o in result.outcomes] == ["drafted"]
    assert len(_drafts(tmp_path)) == 1


def test_tagging_failure_then_lost_state_file_gives_one_draft(tmp_path, monkeypatch):
    cfg, box = _setup(tmp_path)
    box.append("INBOX", customer_mail("Where is my book?", DELAY), ())

    def refuse(self, *a, **k):
        raise MailboxProtocolError("NO [CANNOT] keywords are not allowed here")

    with monkeypatch.context() as m:
        m.setattr(_Folder, "add_flags", refuse)
        result = _pass(cfg)
    assert "tagging failed" in result.outcomes[0].reason
    cfg.state_path.unlink()
    _pass(cfg)
    _pass(cfg)
    assert len(_drafts(tmp_path)) == 1


def test_two_configs_for_one_mailbox_with_their_own_state_files_give_one_draft_each(tmp_path):
    cfg, box = _setup(tmp_path)
    for i in range(10):
        mail = customer_mail(f"Where is order {i}?", f"Order {i} has not arrived after a month.")
        box.append("INBOX", mail, ())
    configs = [maildir_config(tmp_path, tmp_path / "Maildir", tmp_path / f"state-{n}.db", name=n)
               for n in ("shop", "books")]
    procs = [subprocess.Popen([sys.executable, "-m", "calmdraft", "-q", "--config", str(c), "once"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in configs]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert len(_drafts(tmp_path)) == 10


# -- 4. a draft the server refuses
def test_a_refused_draft_fails_that_message_and_later_mail_is_drafted(tmp_path, monkeypatch):
    cfg, box = _setup(tmp_path)
    box.append("INBOX", customer_mail("Huge one", "My order has not arrived, where is it? " + "x" * 2000), ())
    box.append("INBOX", customer_mail("Where is my book?", DELAY), ())
    original = MaildirMailbox.append_draft

    def limit(self, data, keywords=()):
        if b"Huge one" in data:
            raise MailboxProtocolError("appending to Drafts: the server said NO [LIMIT] Message too large")
        original(self, data, keywords)

    monkeypatch.setattr(MaildirMailbox, "append_draft", limit)
    attempts = []
    for _ in range(8):
        result = _pass(cfg)
        if attempts == []:
            assert sorted(o.outcome for o in result.outcomes) == ["drafted", "failed"]
            assert any("LIMIT" in o.reason for o in result.outcomes)
        runtime = Runtime(cfg)
        # Let the backoff pass at once, as hours of real time would.
        runtime.store.execute("UPDATE messages SET next_attempt=? WHERE outcome='failed'",
                              ((store.now() - timedelta(seconds=1)).isoformat(),))
        attempts.append(runtime.store.query("SELECT attempts FROM messages WHERE outcome='failed'")[0][0])
        runtime.close()
    assert attempts == [1, 2, 3, 4, 5, 5, 5, 5]  # bounded, then left alone
    assert len(_drafts(tmp_path)) == 1
    flags = {uid: box.flags("INBOX", uid) for uid in box.uids_after("INBOX", 0)}
    assert "calmdraft/failed" in flags[1] and "calmdraft/drafted" in flags[2]


# -- 6. blow-ups
@pytest.mark.parametrize("depth", [8000, 12000])
def test_deeply_nested_html_quotes_give_a_bounded_draft(tmp_path, depth):
    html = "".join(f"<blockquote>level {i} says where is my book\n" for i in range(depth))
    mail = email.message.EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "a@example.net", "books@example-books.test", "Where is it?"
    mail["Message-ID"] = "<deep@example.net>"
    mail.set_content(f"<html><body><p>{DELAY}</p>{html}</body></html>", subtype="html")
    raw = mail.as_bytes()
    parsed = message.parse(raw)
    assert isinstance(parsed, message.Inbound)
    assert len(parsed.text) <= message.MAX_TEXT
    assert max(len(line) for line in parsed.text.splitlines()) < 200  # quote prefixes stop growing
    cfg, box = _setup(tmp_path)
    box.append("INBOX", raw, ())
    _pass(cfg)
    (draft,) = _drafts(tmp_path)
    assert len(draft.as_bytes()) < 100_000


def test_an_800_kb_subject_is_capped_before_any_parsing():
    # Built by hand: the stdlib's own header folding is what is superlinear on such a value.
    raw = (b"From: a@example.net\r\nSubject: " + b"x " * 400_000 + b"\r\nMessage-ID: <s@example.net>\r\n\r\n"
           + DELAY.encode() + b"\r\n")
    parsed = message.parse(raw)
    assert isinstance(parsed, message.Inbound)
    assert len(parsed.subject) <= message.HEADER_CAP
    assert all(len(v) <= message.HEADER_CAP for vs in parsed.headers.values() for v in vs)


# -- 7. configuration and environment
BASE = """{top}
[state]
path = "{state}"
[[accounts]]
name = "t"
address = "books@example-books.test"
shop_name = "Example Books"
[accounts.imap]
host = "imap.example.com"
username = "u"
password_env = "CALMDRAFT_TEST_PW_{tag}"
{imap}
"""


@pytest.mark.parametrize("top, imap, key", [
    ("accounts = [1, 2]", "", "accounts[0]"),
    ("", "timeout = -1", "timeout"),
    ("", "timeout = 0", "timeout"),
    ("max_message_bytes = -5", "", "max_message_bytes"),
    ("max_message_bytes = 100", "", "max_message_bytes"),
    ("initial_lookback_hours = -5", "", "initial_lookback_hours"),
    ("poll_interval = 0", "", "poll_interval"),
])
def test_a_bad_value_is_a_clear_error_naming_the_key(tmp_path, capsys, top, imap, key):
    text = BASE.format(state=tmp_path / "s.db", top=top, imap=imap, tag="A")
    if top.startswith("accounts"):
        text = text.split("[[accounts]]")[0]
    path = tmp_path / "c.toml"
    path.write_text(text)
    assert main(["--config", str(path), "check-config"]) == 2
    err = capsys.readouterr().err
    assert key in err and "Traceback" not in err


def test_check_config_reports_a_missing_password_variable(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CALMDRAFT_TEST_PW_B", raising=False)
    path = tmp_path / "c.toml"
    path.write_text(BASE.format(state=tmp_path / "s.db", top="", imap="", tag="B"))
    assert main(["--config", str(path), "check-config"]) == 2
    err = capsys.readouterr().err
    assert "CALMDRAFT_TEST_PW_B" in err and "password_env" in err


def test_raising_max_message_bytes_reaches_a_message_skipped_as_too_large(tmp_path):
    cfg, box = _setup(tmp_path, max_bytes=70_000)
    box.append("INBOX", customer_mail("Where is my book?", DELAY + "\n" + "padding " * 12_000), ())
    assert "too large" in _pass(cfg).outcomes[0].reason
    cfg2, _ = _setup(tmp_path, max_bytes=10_000_000)
    assert [o.outcome for o in _pass(cfg2).outcomes] in (["drafted"], ["needs_review"])


@pytest.mark.parametrize("state_kind", ["file-as-directory", "a-directory", "unwritable", "garbage",
                                        "truncated"])
def test_a_bad_state_path_is_a_clear_error(tmp_path, capsys, state_kind):
    if state_kind == "file-as-directory":
        (tmp_path / "blocker").write_text("not a directory")
        state = tmp_path / "blocker" / "state.db"
    elif state_kind == "a-directory":
        state = tmp_path / "state.db"
        state.mkdir()
    elif state_kind == "unwritable":
        if os.getuid() == 0:
            pytest.skip("root writes anywhere")
        (tmp_path / "ro").mkdir(mode=0o500)
        state = tmp_path / "ro" / "sub" / "state.db"
    else:
        state = tmp_path / "state.db"
        good = sqlite3.connect(state)
        good.execute("CREATE TABLE t (x)")
        good.commit()
        good.close()
        data = state.read_bytes()
        state.write_bytes(b"this is not sqlite at all\n" * 50 if state_kind == "garbage" else data[:60])
    config = maildir_config(tmp_path, tmp_path / "Maildir", state)
    assert main(["--config", str(config), "once"]) == 4
    err = capsys.readouterr().err
    assert "Traceback" not in err and "hint:" in err
    if state_kind in ("garbage", "truncated"):
        assert "move it aside" in err


def test_a_locked_state_database_says_what_to_do(tmp_path, monkeypatch):
    from calmdraft.errors import StoreError
    from calmdraft.store import sqlite as sqlite_store

    path = tmp_path / "state.db"
    sqlite_store.Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(sqlite_store, "LOCK_TIMEOUT", 0.2)
    with pytest.raises(StoreError) as info:
        sqlite_store.Store(path)
    holder.execute("ROLLBACK")
    holder.close()
    assert "another process" in (info.value.hint or "")


# -- 8. secrets
def test_a_failing_password_command_shows_its_own_message_never_the_secret(tmp_path):
    from calmdraft.config import Secret
    from calmdraft.errors import SecretError

    script = tmp_path / "pw.sh"
    script.write_text("#!/bin/sh\necho hunter2-secret\necho 'gpg: decryption failed: No secret key' >&2\n"
                      "echo 'echoed hunter2-secret' >&2\nexit 2\n")
    script.chmod(0o755)
    with pytest.raises(SecretError) as info:
        Secret(command=str(script)).reveal()
    text = info.value.show()
    assert "gpg: decryption failed: No secret key" in text and "exit status 2" in text
    assert "hunter2" not in text
    with pytest.raises(SecretError, match="not found"):
        Secret(command="/nonexistent/pass show mail").reveal()
