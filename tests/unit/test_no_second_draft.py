"""Reproductions of the ways a second draft could happen; each must now end with exactly one draft."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from test_worker_maildir import _setup

from calmdraft.errors import MailboxProtocolError, MailboxUnavailable
from calmdraft.mailbox.maildir import MaildirMailbox, _Folder
from calmdraft.runner import Runtime
from helpers import customer_mail, maildir_config

DELAY = ("Where is my book?", "I ordered three weeks ago and it still has not arrived. Where is it?")


def _drafts(tmp_path) -> int:
    folder = tmp_path / "Maildir" / ".Drafts" / "cur"
    return len(list(folder.iterdir())) if folder.exists() else 0


def test_tagging_failure_after_append_is_not_retried_as_a_new_draft(tmp_path, monkeypatch):
    cfg, box = _setup(tmp_path)
    box.append("INBOX", customer_mail(*DELAY), ())
    runtime = Runtime(cfg)

    def refuse(self, *a, **k):
        raise MailboxProtocolError("server refused the keyword")

    with monkeypatch.context() as m:
        m.setattr(_Folder, "add_flags", refuse)
        result = runtime.worker(cfg.accounts[0]).run_pass()
    assert [o.outcome for o in result.outcomes] in (["drafted"], ["needs_review"])
    assert "tagging failed" in result.outcomes[0].reason
    for _ in range(3):
        runtime.worker(cfg.accounts[0]).run_pass()
    runtime.close()
    assert _drafts(tmp_path) == 1


def test_append_whose_answer_was_lost_is_found_before_appending_again(tmp_path, monkeypatch):
    cfg, box = _setup(tmp_path)
    box.append("INBOX", customer_mail(*DELAY), ())
    runtime = Runtime(cfg)
    original = MaildirMailbox.append_draft

    def append_then_drop(self, data, keywords=()):
        original(self, data, keywords)
        raise MailboxUnavailable("connection lost after APPEND")

    with monkeypatch.context() as m:
        m.setattr(MaildirMailbox, "append_draft", append_then_drop)
        with pytest.raises(MailboxUnavailable):
            runtime.worker(cfg.accounts[0]).run_pass()
    assert _drafts(tmp_path) == 1
    result = runtime.worker(cfg.accounts[0]).run_pass()
    runtime.close()
    assert [o.outcome for o in result.outcomes] in (["drafted"], ["needs_review"])
    assert _drafts(tmp_path) == 1


def test_lost_state_database_does_not_redraft_tagged_originals(tmp_path):
    cfg, box = _setup(tmp_path)
    box.append("INBOX", customer_mail(*DELAY), ())
    runtime = Runtime(cfg)
    runtime.worker(cfg.accounts[0]).run_pass()
    runtime.close()
    cfg.state_path.unlink()
    runtime = Runtime(cfg)
    result = runtime.worker(cfg.accounts[0]).run_pass()
    runtime.close()
    assert [o.reason for o in result.outcomes] == ["already drafted (tagged on the server)"]
    assert _drafts(tmp_path) == 1


def test_interrupted_first_pass_keeps_the_first_run_window(tmp_path):
    cfg, box = _setup(tmp_path)
    box.append("INBOX", customer_mail(*DELAY), ())
    runtime = Runtime(cfg)
    stop = threading.Event()
    stop.set()
    runtime.worker(cfg.accounts[0]).run_pass(stop=stop)
    assert runtime.store.cursor("t", "INBOX") is None  # not a cursor at 0, which would draft all history
    runtime.close()


def test_two_processes_at_once_draft_each_message_once(tmp_path):
    cfg, box = _setup(tmp_path)
    for i in range(12):
        mail = customer_mail(f"Where is order {i}?", f"Order {i} has not arrived after a month.")
        box.append("INBOX", mail, ())
    config = maildir_config(tmp_path, tmp_path / "Maildir", cfg.state_path)
    procs = [subprocess.Popen([sys.executable, "-m", "calmdraft", "-q", "--config", str(config), "once"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for p in procs:
        assert p.wait(timeout=120) == 0, p.communicate()[1]
        p.communicate()
    runtime = Runtime(cfg)
    drafted = runtime.store.query("SELECT count(*) FROM messages WHERE draft_id IS NOT NULL")[0][0]
    runtime.close()
    assert _drafts(tmp_path) == drafted and drafted >= 10
