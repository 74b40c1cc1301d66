"""Backoff with jitter for failing accounts, and JSON log lines for log shippers."""

from __future__ import annotations

import json
import random

from calmdraft.cli import main
from calmdraft.daemon import BACKOFF_MAX, backoff_delay
from helpers import customer_mail, maildir_config


def test_backoff_grows_exponentially_with_jitter_and_a_ceiling():
    rng = random.Random(7)
    first = [backoff_delay(1, rng) for _ in range(50)]
    fifth = [backoff_delay(5, rng) for _ in range(50)]
    assert all(1.0 <= d <= 2.0 for d in first) and len({round(d, 3) for d in first}) > 40  # jittered
    assert all(16.0 <= d <= 32.0 for d in fifth)
    assert all(BACKOFF_MAX / 2 <= backoff_delay(30, rng) <= BACKOFF_MAX for _ in range(50))


def test_json_log_lines(tmp_path, capsys):
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    mail = customer_mail("Where is my book?", "It has not arrived yet.")
    (maildir / "new" / "1.test.host").write_bytes(mail)
    cfg = maildir_config(tmp_path, maildir, tmp_path / "s.db")
    assert main(["--log-format", "json", "--config", str(cfg), "once"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert lines and all({"time", "level", "logger", "message"} <= set(entry) for entry in lines)
    assert any("outcome=" in entry["message"] for entry in lines)
