"""Faults at exact IMAP points, on a real Dovecot behind a proxy that refuses one command: a refused draft or
keyword fails one message, never the pass; a "try again later" at LOGIN is not a wrong password."""

from __future__ import annotations

import email
import email.policy
import time

import pytest

from calmdraft import config as config_mod
from calmdraft.cli import main
from calmdraft.runner import Runtime
from helpers import customer_mail, imap_config
from proxy import ImapProxy, command
from servers import UNICODE_PASSWORD

pytestmark = pytest.mark.dovecot

DELAY = "I ordered three weeks ago and it still has not arrived. Where is my book?"


@pytest.fixture
def proxy(dovecot):
    p = ImapProxy(dovecot.port)
    yield p
    p.stop()


def _config(tmp_path, dovecot, user, password_env, proxy, extra=""):
    return imap_config(tmp_path, dovecot, user, password_env, security="none", ca_file=False,
                       port=proxy.port, extra=extra)


def _drafts(dovecot, user) -> list[email.message.EmailMessage]:
    with dovecot.client(user) as c:
        c.select_folder("Drafts", readonly=True)
        found = c.fetch(c.search(["ALL"]), ["BODY.PEEK[]"])
    return [email.message_from_bytes(v[b"BODY[]"], policy=email.policy.default) for v in found.values()]


def test_a_draft_refused_by_the_server_fails_that_message_and_the_pass_goes_on(
        dovecot, imap_user, password_env, tmp_path, proxy, capsys):
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail("First: where is my book?", DELAY))
        for i in range(3):
            mail = customer_mail(f"Order {i} missing", f"Order {i} has not arrived after a month.")
            c.append("INBOX", mail)
    proxy.refuse(command(b"APPEND"), b"NO [LIMIT] Message size exceeds the limit")
    cfg = _config(tmp_path, dovecot, imap_user, password_env, proxy)
    assert main(["--config", str(cfg), "once"]) == 0
    out = capsys.readouterr().out
    assert "4 message(s)" in out and "1 failed" in out
    assert len(_drafts(dovecot, imap_user)) == 3
    runtime = Runtime(config_mod.load(cfg))
    (reason,) = runtime.store.query("SELECT reason FROM messages WHERE outcome='failed'")[0]
    runtime.close()
    assert "LIMIT" in reason
    with dovecot.client(imap_user) as c:
        c.select_folder("INBOX", readonly=True)
        flags = c.get_flags(c.search(["ALL"]))
    assert all(b"\\Seen" not in f for f in flags.values())
    assert sum(b"calmdraft/drafted" in f for f in flags.values()) == 3


def test_a_refused_keyword_never_leads_to_a_second_draft(dovecot, imap_user, password_env, tmp_path,
                                                         proxy):
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail("Where is my book?", DELAY))
    proxy.refuse(lambda line: b"STORE" in line.upper() and b"calmdraft/drafted" in line,
                 b"NO [CANNOT] Keywords not allowed", times=10)
    cfg = _config(tmp_path, dovecot, imap_user, password_env, proxy)
    for _ in range(3):
        assert main(["--config", str(cfg), "once"]) == 0
    assert len(_drafts(dovecot, imap_user)) == 1
    runtime = Runtime(config_mod.load(cfg))
    rows = runtime.store.query("SELECT outcome, reason FROM messages")
    runtime.close()
    assert rows[0][0] in ("drafted", "needs_review") and "tagging failed" in rows[0][1]


def test_an_unavailable_login_is_retried_soon_not_reported_as_a_wrong_password(
        dovecot, imap_user, password_env, tmp_path, proxy):
    from test_daemon import _reap, _start_daemon, _stop

    proxy.refuse(command(b"LOGIN"), b"NO [UNAVAILABLE] Temporary authentication failure, try again later")
    cfg = _config(tmp_path, dovecot, imap_user, password_env, proxy, extra="poll_interval = 300")
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail("Where is my book?", DELAY))
    started = time.monotonic()
    proc = _start_daemon(cfg)
    try:
        deadline = started + 20
        while time.monotonic() < deadline and not _drafts(dovecot, imap_user):
            time.sleep(0.2)
        took = time.monotonic() - started
        _stop(proc)
    finally:
        err = _reap(proc)
    assert len(_drafts(dovecot, imap_user)) == 1, err
    # Within the first backoff (2 s), not the 15-minute retry of a refused login.
    assert took < 15, f"drafted only after {took:.1f} s"
    assert "UNAVAILABLE" in err and "refused the login" not in err


def test_a_non_ascii_password_logs_in_with_authenticate_plain(dovecot, imap_user, tmp_path, monkeypatch,
                                                               capsys):
    monkeypatch.setenv("CALMDRAFT_UNICODE_PW", UNICODE_PASSWORD)
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail("Where is my book?", DELAY))
    cfg = imap_config(tmp_path, dovecot, imap_user, "CALMDRAFT_UNICODE_PW")
    assert main(["--config", str(cfg), "once"]) == 0, capsys.readouterr().err
    assert len(_drafts(dovecot, imap_user)) == 1
    monkeypatch.setenv("CALMDRAFT_UNICODE_PW", UNICODE_PASSWORD + "x")
    assert main(["--config", str(cfg), "once"]) == 5
    err = capsys.readouterr().err
    assert "refused the login" in err and "Traceback" not in err
    assert not any(ch in err for ch in "äö€ñ")  # not one character of the password is shown


def test_tagging_refused_then_the_state_file_lost_still_gives_one_draft(dovecot, imap_user, password_env,
                                                                         tmp_path, proxy):
    """The double fault on a real server: the draft is in Drafts, the original never got its tag, and the
    state file is gone.  Only the mailbox can say the draft exists: its Message-ID is found by SEARCH."""
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail("Where is my book?", DELAY))
    proxy.refuse(lambda line: b"STORE" in line.upper() and b"calmdraft/drafted" in line,
                 b"NO [CANNOT] Keywords not allowed", times=10)
    cfg = _config(tmp_path, dovecot, imap_user, password_env, proxy)
    assert main(["--config", str(cfg), "once"]) == 0
    assert len(_drafts(dovecot, imap_user)) == 1
    runtime = Runtime(config_mod.load(cfg))
    state = runtime.config.state_path
    runtime.close()
    for path in state.parent.glob(state.name + "*"):
        path.unlink()
    assert main(["--config", str(cfg), "once", "--since", "2000-01-01"]) == 0
    assert len(_drafts(dovecot, imap_user)) == 1
