"""`calmdraft run` as a real process: IDLE wake-up, Dovecot restart mid-run, SIGHUP reload, clean SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from helpers import customer_mail, imap_config

pytestmark = pytest.mark.dovecot


def _drafts(dovecot, user) -> int:
    with dovecot.client(user) as c:
        c.select_folder("Drafts", readonly=True)
        return len(c.search(["ALL"]))


def _start_daemon(cfg, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`calmdraft run` as a real process, its output captured for the assertions."""
    return subprocess.Popen([sys.executable, "-m", "calmdraft", "--config", str(cfg), "run"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _stop(proc: subprocess.Popen[str]) -> None:
    """SIGTERM, and the daemon must exit cleanly within 10 s."""
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 0
    assert time.monotonic() - started < 10


def _reap(proc: subprocess.Popen[str]) -> str:
    """Kill the daemon if a test left it running; its stderr."""
    if proc.poll() is None:
        proc.kill()
    return proc.communicate(timeout=5)[1]


def test_run_reacts_via_idle_survives_restart_and_stops_cleanly(dovecot, imap_user, password_env, tmp_path):
    cfg = imap_config(tmp_path, dovecot, imap_user, password_env, extra="poll_interval = 300")
    env = {**os.environ, password_env: os.environ[password_env]}
    proc = _start_daemon(cfg, env)
    try:
        # The first pass has run once the daemon idles; with a 300 s poll interval only IDLE can react.
        time.sleep(3)
        with dovecot.client(imap_user) as c:
            c.append(
                "INBOX",
                customer_mail("Where is my book", "Ordered a month ago, still not here. Where is it?"),
            )
        assert _wait(lambda: _drafts(dovecot, imap_user) == 1, 10), "IDLE did not wake the daemon"

        dovecot.restart()  # the connection drops; the daemon must reconnect with backoff and lose nothing
        with dovecot.client(imap_user) as c:
            c.append("INBOX", customer_mail("Refund", "Please refund me, the book arrived damaged."))
        if not _wait(lambda: _drafts(dovecot, imap_user) == 2, 30):
            proc.kill()
            pytest.fail("no draft after the server restart:\n" + proc.communicate()[1][-3000:])

        proc.send_signal(signal.SIGHUP)  # reload: keeps running
        time.sleep(1)
        assert proc.poll() is None
        _stop(proc)
    finally:
        err = _reap(proc)
    assert "reloaded" in err and "stopped" in err
    assert _drafts(dovecot, imap_user) == 2


def test_one_broken_account_never_stops_another(dovecot, imap_user, password_env, tmp_path, monkeypatch):
    good = imap_config(tmp_path, dovecot, imap_user, password_env, extra="poll_interval = 5").read_text()
    broken = (
        good.split("[[accounts]]", 1)[1]
        .replace('name = "shop"', 'name = "broken"')
        .replace(f'password_env = "{password_env}"', 'password_env = "CALMDRAFT_WRONG"')
        .replace('address = "books@example-books.test"', 'address = "other@example-books.test"')
    )
    cfg = tmp_path / "two.toml"
    cfg.write_text(good + "\n[[accounts]]" + broken)
    env = {**os.environ, "CALMDRAFT_WRONG": "not-the-password"}
    proc = _start_daemon(cfg, env)
    try:
        with dovecot.client(imap_user) as c:
            c.append(
                "INBOX",
                customer_mail("Where is my book", "Ordered a month ago, still not here. Where is it?"),
            )
        assert _wait(lambda: _drafts(dovecot, imap_user) == 1, 20), "the good account was held up"
        time.sleep(2)
        _stop(proc)
    finally:
        err = _reap(proc)
    assert err.count("broken: ") >= 1 and err.count("refused the login") == 1  # reported once, not hammered
    assert "not-the-password" not in err


def test_sigterm_during_a_pass_finishes_the_message_in_hand(dovecot, imap_user, password_env, tmp_path):
    with dovecot.client(imap_user) as c:
        for i in range(150):
            mail = customer_mail(f"Where is order {i}?", f"Order {i} has not arrived after a month.")
            c.append("INBOX", mail)
    cfg = imap_config(tmp_path, dovecot, imap_user, password_env, extra="poll_interval = 300")
    proc = _start_daemon(cfg)
    try:
        assert _wait(lambda: _drafts(dovecot, imap_user) >= 3, 30), "the pass did not start"
        _stop(proc)
    finally:
        _reap(proc)
    drafts = _drafts(dovecot, imap_user)
    with dovecot.client(imap_user) as c:
        c.select_folder("INBOX", readonly=True)
        flags = c.get_flags(c.search(["ALL"]))
    tagged = sum(1 for f in flags.values() if b"calmdraft/drafted" in f)
    assert 3 <= drafts < 150 and tagged == drafts  # stopped mid-pass, and no message left half-done
    # The next run picks up exactly where the first stopped.
    from calmdraft.cli import main

    assert main(["--config", str(cfg), "once"]) == 0
    assert _drafts(dovecot, imap_user) == 150
