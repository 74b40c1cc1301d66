"""A real mail client (neomutt, driven through tmux) recalls calmdraft's draft from Dovecot, the bookseller
edits it, sends it to aiosmtpd, and we read exactly what the customer receives; then calmdraft sees the reply
in Sent."""

from __future__ import annotations

import email
import email.policy
import os
import re
import shutil
import subprocess
import time
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from calmdraft.cli import main
from helpers import customer_mail, imap_config, unflow
from servers import PASSWORD, SmtpSink

pytestmark = [pytest.mark.dovecot, pytest.mark.smtp,
              pytest.mark.skipif(not (shutil.which("neomutt") and shutil.which("tmux")),
                                 reason="neomutt and tmux are installed by `make test`")]

BODY = ("Guten Tag,\n\nich habe am 12. November das Buch \u201eDer Zauberberg\u201c bestellt "
        "(Bestellung 4471). Es kam völlig durchnässt an, der Umschlag war aufgerissen. Ich möchte den vollen "
        "Kaufpreis zurück, "
        "sonst eröffne ich einen PayPal-Fall.\n\nMit freundlichen Grüßen\nJürgen Brandl")


class Screen:
    """One neomutt in its own tmux server, seen through capture-pane."""

    def __init__(self, rc, home) -> None:
        self.socket = f"calmdraft-{uuid.uuid4().hex[:8]}"
        env = dict(os.environ, HOME=str(home), TERM="xterm-256color")
        subprocess.run(["tmux", "-L", self.socket, "new-session", "-d", "-x", "160", "-y", "48",
                        f"neomutt -n -F {rc} 2>{home}/neomutt.err"], env=env, check=True)

    def text(self) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "capture-pane", "-p"], capture_output=True,
                              text=True).stdout

    def wait_for(self, needle: str, seconds: float = 20) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.text()
            if needle in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"neomutt never showed {needle!r}; the screen:\n{self.text()}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "-L", self.socket, "send-keys", *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def test_neomutt_recalls_edits_and_sends_the_draft_and_the_customer_gets_a_clean_letter(
        dovecot, imap_user, password_env, tmp_path, capsys):
    sink = SmtpSink()  # plain SMTP on loopback: this is the customer's side
    with dovecot.client(imap_user) as c:
        c.append("INBOX", customer_mail("Bestellung 4471: Buch beschädigt", BODY,
                                        sender="Jürgen Brandl <jb@example.de>", msgid="<jb-1@example.de>"))
        c.create_folder("Sent")
    cfg = imap_config(tmp_path, dovecot, imap_user, password_env, account_extra='timezone = "Europe/Berlin"')
    assert main(["--config", str(cfg), "once"]) == 0
    rc = tmp_path / "neomuttrc"
    # The bookseller's edit: the editor neomutt runs on the recalled draft signs it with a name.
    rc.write_text(f"""
set folder = "imap://{imap_user}@127.0.0.1:{dovecot.port}/"
set imap_pass = "{PASSWORD}"
set ssl_starttls = no
set ssl_force_tls = no
set spoolfile = "+INBOX"
set postponed = "+Drafts"
set record = "+Sent"
set copy = yes
set smtp_url = "smtp://127.0.0.1:{sink.port}/"
set from = "books@example-books.test"
set realname = "Example Books"
set use_from = yes
set mail_check = 0
set sleep_time = 0
set quit = yes
set confirm_append = no
set header_cache = ""
set message_cachedir = ""
set wait_key = no
set editor = "sed -i -e 's/^Example Books$/Anna, Example Books/'"
""")
    screen = Screen(rc, tmp_path)
    try:
        screen.wait_for("Bestellung 4471")
        screen.keys("R")                    # recall-message: the one postponed draft
        screen.wait_for("y:Send")           # the compose menu, after the editor ran
        screen.keys("y")
        deadline = time.monotonic() + 20
        while not sink.messages and time.monotonic() < deadline:
            time.sleep(0.2)
        screen.keys("q")
    finally:
        screen.close()
        sink.stop()
    assert len(sink.messages) == 1, (tmp_path / "neomutt.err").read_text()
    _, rcpts, raw = sink.messages[0]
    assert rcpts == ["jb@example.de"]
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    head = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].decode("ascii", "replace")
    assert "calmdraft" not in head.lower()
    assert not [k for k in msg.keys() if k.lower().startswith("x-")]
    assert msg["To"].addresses[0].display_name == "Jürgen Brandl"
    assert msg["Subject"] == "Re: Bestellung 4471: Buch beschädigt"
    assert msg["In-Reply-To"] == "<jb-1@example.de>" and "<jb-1@example.de>" in msg["References"]
    assert msg["Content-Language"] == "de"
    assert msg["Content-Type"].params.get("format") == "flowed"
    lines = unflow(msg.get_content().replace("\r\n", "\n"))
    text = [t for _, t in lines]
    assert text[0] == "Sehr geehrter Herr Brandl,"
    assert "Anna, Example Books" in text                      # the bookseller's edit reached the customer
    # The customer's mail is dated now: the attribution gives that day in German, in the account's time zone.
    day = datetime.now(ZoneInfo("Europe/Berlin"))
    weekday = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")[day.weekday()]
    month = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember")[day.month - 1]
    said = re.compile(rf"^Am {weekday}, {day.day}\. {month} {day.year} um \d{{1,2}}:\d{{2}} MES?Z|"
                      rf"^Am {weekday}, {day.day}\. {month} {day.year} um \d{{1,2}}:\d{{2}} CES?T")
    assert any(said.match(t) and t.endswith("schrieb Jürgen Brandl:") for t in text), text
    assert any(depth == 1 and "Es kam völlig durchnässt an, der Umschlag war aufgerissen." in t
               for depth, t in lines)                     # the customer's words, quoted, umlauts intact
    # The reply neomutt filed in Sent is seen: the customer no longer waits, and stays unread.
    capsys.readouterr()
    assert main(["--config", str(cfg), "once"]) == 0
    assert main(["--config", str(cfg), "status"]) == 0
    out = capsys.readouterr().out
    assert "waiting for a reply: 0" in out and "answered in 7d: 1 by a reply in Sent" in out
    with dovecot.client(imap_user) as c:
        c.select_folder("INBOX", readonly=True)
        (flags,) = c.get_flags(c.search(["ALL"])).values()
        c.select_folder("Drafts", readonly=True)
        assert c.search(["ALL"]) == []      # neomutt removed the draft it sent
    assert b"\\Seen" not in flags
