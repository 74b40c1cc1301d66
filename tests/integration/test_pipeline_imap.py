"""The whole pipeline through the CLI against a real Dovecot: drafts, tags, no second draft, guard rules."""

from __future__ import annotations

import email
import email.policy
import subprocess
import sys

import pytest

from calmdraft.cli import main
from helpers import customer_mail, imap_config, plain_text
from servers import PASSWORD

pytestmark = pytest.mark.dovecot

ANGRY = (
    "Where is my book?!",
    "I ordered The Hobbit three weeks ago (order 113-4827716-2290431) and it STILL "
    "has not arrived. This is ridiculous, nobody answers my emails. Where is my book?",
)
REFUND = (
    "Refund please",
    "The book arrived with water damage and a torn cover. I would like a full refund "
    "please, I do not want a replacement.",
)


def _drafts(client) -> list[tuple[int, tuple[bytes, ...], email.message.EmailMessage]]:
    client.select_folder("Drafts", readonly=True)
    uids = client.search(["ALL"])
    out = []
    for uid, data in client.fetch(uids, ["FLAGS", "BODY.PEEK[]"]).items():
        msg = email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default)
        out.append((uid, data[b"FLAGS"], msg))
    return out


def test_once_drafts_threaded_replies_and_leaves_originals_unread(dovecot, imap_user, password_env, tmp_path):
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail(*ANGRY, msgid="<angry-1@example.net>"))
        c.append(
            "INBOX",
            customer_mail(*REFUND, sender="Bob Reader <bob@example.org>", msgid="<refund-2@example.org>"),
        )
        c.append(
            "INBOX",
            customer_mail(
                "Thanks!", "The book arrived today, lovely copy. Thank you!", msgid="<thanks-3@example.net>"
            ),
        )
    cfg = imap_config(tmp_path, dovecot, imap_user, password_env)
    assert main(["--config", str(cfg), "once"]) == 0

    with dovecot.client(imap_user) as c:
        drafts = _drafts(c)
        assert len(drafts) == 2
        by_reply = {str(m["In-Reply-To"]): (flags, m) for _, flags, m in drafts}
        flags, angry = by_reply["<angry-1@example.net>"]
        assert b"\\Draft" in flags and b"\\Seen" in flags
        assert str(angry["Subject"]) == "Re: Where is my book?!"
        assert "jane@example.net" in str(angry["To"])
        assert "books@example-books.test" in str(angry["From"])
        assert "<angry-1@example.net>" in str(angry["References"])
        body = angry.get_body(("plain",))
        assert body["Content-Transfer-Encoding"] == "quoted-printable"
        text = plain_text(angry)
        assert text.startswith("Dear Jane,")
        assert "113-4827716-2290431" in text
        assert "> I ordered The Hobbit" in text  # the original is quoted below the reply
        # What calmdraft thought is in keywords on the draft, never in a header a client would send on.
        assert b"calmdraft/irate" in flags
        assert not [k for k in angry.keys() if k.lower().startswith("x-calmdraft")]
        assert "calmdraft" not in str(angry["Message-ID"])
        _, refund = by_reply["<refund-2@example.org>"]
        assert "refund" in plain_text(refund).lower()

        c.select_folder("INBOX", readonly=True)
        uids = c.search(["ALL"])
        assert len(uids) == 3  # nothing moved or deleted
        flags = c.get_flags(uids)
        assert all(b"\\Seen" not in f for f in flags.values())
        tagged = [u for u, f in flags.items() if b"calmdraft/drafted" in f]
        assert len(tagged) == 2
        assert any(b"calmdraft/irate" in f for f in flags.values())

    # A second run drafts nothing more.
    assert main(["--config", str(cfg), "once"]) == 0
    with dovecot.client(imap_user) as c:
        assert len(_drafts(c)) == 2


def test_auto_replies_bounces_and_lists_are_never_answered(dovecot, imap_user, password_env, tmp_path):
    body = "Where is my order? It has not arrived and I want a refund."
    with dovecot.client(imap_user) as c:
        c.append(
            "INBOX",
            customer_mail("Out of Office: " + ANGRY[0], body, headers={"Auto-Submitted": "auto-replied"}),
        )
        c.append("INBOX", customer_mail("Undelivered", body, sender="MAILER-DAEMON@example.net"))
        c.append("INBOX", customer_mail("List", body, headers={"List-Id": "<books.lists.example.net>"}))
        c.append("INBOX", customer_mail("Noreply", body, sender="no-reply@shop.example.com"))
        c.append("INBOX", customer_mail("Own", body, sender="Example Books <books@example-books.test>"))
        c.append("INBOX", customer_mail("Bulk", body, headers={"Precedence": "bulk"}))
    cfg = imap_config(tmp_path, dovecot, imap_user, password_env)
    assert main(["--config", str(cfg), "once"]) == 0
    with dovecot.client(imap_user) as c:
        assert _drafts(c) == []
        c.select_folder("INBOX", readonly=True)
        assert all(b"\\Seen" not in f for f in c.get_flags(c.search(["ALL"])).values())


def test_answered_message_is_skipped(dovecot, imap_user, password_env, tmp_path):
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail(*ANGRY), flags=[b"\\Answered"])
    cfg = imap_config(tmp_path, dovecot, imap_user, password_env)
    assert main(["--config", str(cfg), "once"]) == 0
    with dovecot.client(imap_user) as c:
        assert _drafts(c) == []


def test_cli_subprocess_once_and_status(dovecot, imap_user, password_env, tmp_path):
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail(*ANGRY))
    cfg = imap_config(tmp_path, dovecot, imap_user, password_env)
    run = subprocess.run(
        [sys.executable, "-m", "calmdraft", "-vv", "--config", str(cfg), "once"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "1 message(s): 1 drafted" in run.stdout
    assert PASSWORD not in run.stdout + run.stderr  # never logged, even with protocol debugging on
    assert "outcome=drafted" in run.stderr
    status = subprocess.run(
        [sys.executable, "-m", "calmdraft", "--config", str(cfg), "status"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert status.returncode == 0
    assert "1 drafted" in status.stdout


def test_starttls_and_wrong_password_and_unverified_certificate(
    dovecot, imap_user, password_env, tmp_path, monkeypatch, capsys
):
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail(*REFUND))
    cfg = imap_config(tmp_path, dovecot, imap_user, password_env, security="starttls")
    assert main(["--config", str(cfg), "once"]) == 0
    with dovecot.client(imap_user) as c:
        assert len(_drafts(c)) == 1

    no_ca = imap_config(tmp_path, dovecot, imap_user, password_env, ca_file=False, name="noca")
    assert main(["--config", str(no_ca), "once"]) == 5
    assert "certificate did not verify" in capsys.readouterr().err

    monkeypatch.setenv(password_env, "wrong-password")
    assert main(["--config", str(cfg), "once"]) == 5
    err = capsys.readouterr().err
    assert "refused the login" in err and "wrong-password" not in err


def test_server_down_gives_clear_error(tmp_path, password_env, capsys):
    cfg = tmp_path / "c.toml"
    cfg.write_text(f"""
[state]
path = "{tmp_path / "s.db"}"
[[accounts]]
name = "shop"
address = "books@example-books.test"
shop_name = "Example Books"
[accounts.imap]
host = "127.0.0.1"
port = 9
security = "none"
username = "x"
password_env = "{password_env}"
""")
    assert main(["--config", str(cfg), "once"]) == 5
    assert "cannot reach the server" in capsys.readouterr().err


def test_xoauth2_with_a_token_command_fetched_at_each_connection(dovecot, imap_user, tmp_path, capsys):
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail(*ANGRY))
    calls = tmp_path / "calls"
    cfg = tmp_path / "oauth.toml"
    body = f"""
[state]
path = "{tmp_path / 'state.db'}"
[[accounts]]
name = "gmail"
address = "books@example-books.test"
shop_name = "Example Books"
[accounts.imap]
host = "127.0.0.1"
port = {dovecot.tls_port}
security = "tls"
username = "{imap_user}"
ca_file = "{dovecot.ca_file}"
oauth2_token_command = "sh -c 'echo run >> {calls}; echo TOKEN'"
"""
    cfg.write_text(body.replace("TOKEN", f"valid-{imap_user}"))
    assert main(["--config", str(cfg), "once"]) == 0
    assert main(["--config", str(cfg), "once"]) == 0
    assert calls.read_text().count("run") == 2  # a fresh token for every connection: expiry is never an issue
    with dovecot.client(imap_user) as c:
        assert len(_drafts(c)) == 1
    cfg.write_text(body.replace("TOKEN", "expired-token"))
    capsys.readouterr()
    assert main(["--config", str(cfg), "once"]) == 5
    err = capsys.readouterr().err
    assert "refused the login" in err and "expired-token" not in err
