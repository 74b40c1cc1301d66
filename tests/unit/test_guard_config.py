"""Guard rules (what never gets a reply) and config validation (every problem at once, no plain passwords)."""

from __future__ import annotations

import pytest

from calmdraft import config, message
from calmdraft.errors import ConfigError, SecretError
from calmdraft.message import guard
from helpers import customer_mail

OWN = {"books@example-books.test"}


def _inbound(**kw):
    headers = kw.pop("headers", {})
    m = message.parse(customer_mail("Where is my order?", "It has not arrived.", headers=headers, **kw))
    assert isinstance(m, message.Inbound)
    return m


@pytest.mark.parametrize(
    "headers, sender, reason",
    [
        ({"Auto-Submitted": "auto-replied"}, None, "auto-submitted"),
        ({"Auto-Submitted": "auto-generated"}, None, "auto-submitted"),
        ({"Precedence": "bulk"}, None, "bulk"),
        ({"Precedence": "junk"}, None, "bulk"),
        ({"List-Unsubscribe": "<mailto:x@example.net>"}, None, "mailing-list"),
        ({"X-Loop": "helpdesk"}, None, "loop"),
        ({"X-Auto-Response-Suppress": "OOF, AutoReply"}, None, "auto-response-suppressed"),
        ({"Return-Path": "<>"}, None, "bounce"),
        ({}, "MAILER-DAEMON@mx.example.net", "noreply-sender"),
        ({}, "postmaster@example.net", "noreply-sender"),
        ({}, "no-reply@shop.example.com", "noreply-sender"),
        ({}, "donotreply@example.com", "noreply-sender"),
        ({}, "Example Books <books@example-books.test>", "own-address"),
    ],
)
def test_never_answered(headers, sender, reason):
    kw = {"sender": sender} if sender else {}
    skip = guard.check(_inbound(headers=headers, **kw), OWN)
    assert skip is not None and skip.reason == reason


def test_out_of_office_subject_and_answered_flag():
    m = message.parse(customer_mail("Abwesenheitsnotiz: Ihre Bestellung", "Ich bin nicht im Büro."))
    assert guard.check(m, OWN).reason == "out-of-office"  # type: ignore[union-attr, arg-type]
    assert guard.check(_inbound(), OWN, flags={"\\Answered"}).reason == "answered"  # type: ignore[union-attr]


def test_ordinary_customer_mail_passes():
    assert guard.check(_inbound(headers={"Auto-Submitted": "no"}), OWN) is None


BASE = """
[[accounts]]
name = "shop"
address = "books@example.com"
shop_name = "Example Books"
[accounts.imap]
host = "imap.example.com"
username = "books@example.com"
password_env = "CALMDRAFT_X"
"""


def test_valid_config_with_defaults():
    cfg = config.parse(__import__("tomllib").loads(BASE))
    imap = cfg.accounts[0].imap
    assert imap is not None and imap.port == 993 and imap.security == "tls" and imap.folder == "INBOX"
    assert cfg.poll_interval == 60


def test_every_problem_is_reported_at_once():
    bad = """
poll_interval = 1
colour = "blue"
[[accounts]]
name = "shop"
address = "not-an-address"
[accounts.imap]
host = "imap.example.com"
security = "none"
port = 70000
username = "u"
password = "hunter2"
[policy]
refund_from = "sometimes"
"""
    with pytest.raises(ConfigError) as err:
        config.parse(__import__("tomllib").loads(bad))
    text = err.value.show()
    for needle in (
        "poll_interval",
        "colour: unknown key",
        "address",
        "shop_name: missing",
        "security",
        "port",
        "plain-text passwords are not accepted",
        "policy.refund_from: 'sometimes' is not one of arrival, carrier_scan",
    ):
        assert needle in text, needle
    assert "hunter2" not in text


def test_secret_from_env_and_command(monkeypatch):
    monkeypatch.setenv("CALMDRAFT_X", "pw1")
    assert config.Secret(env="CALMDRAFT_X").reveal() == "pw1"
    assert config.Secret(command="printf 'pw2\\nignored'").reveal() == "pw2"
    monkeypatch.delenv("CALMDRAFT_X")
    with pytest.raises(SecretError, match="CALMDRAFT_X"):
        config.Secret(env="CALMDRAFT_X").reveal()
    with pytest.raises(SecretError):
        config.Secret(command="false").reveal()
    assert "pw" not in repr(config.Secret(command="echo pw"))


def test_example_config_is_valid_and_documents_every_key(monkeypatch, capsys):
    from calmdraft.cli import main
    from conftest import ROOT

    monkeypatch.setenv("CALMDRAFT_SHOP_PASSWORD", "x")
    example = ROOT / "config.example.toml"
    assert main(["--config", str(example), "check-config"]) == 0
    assert "OK" in capsys.readouterr().out
    text = example.read_text()
    keys = (config.TOP_KEYS | config.IMAP_KEYS | config.ACCOUNT_KEYS | config.SMTP_KEYS
            | config.POLICY_KEYS) - {"password"}
    keys |= {
        "path",
        "model",
        "draft_unlabelled",
        "dir",
        "prefix",
        "threat_flag",
        "return_window_days",
        "refund_without_return_below",
        "late_remedy",
        "currency",
        "to",
        "threat",
        "digest",
        "digest_hour",
        "labels",
        "reply_within_hours",
        "period_days",
        "allow_marketplace",
        "folder",
    }
    missing = sorted(
        k
        for k in keys
        if f"{k} =" not in text and f"[{k}]" not in text and f".{k}]" not in text and f"[{k}." not in text
    )
    assert missing == []
