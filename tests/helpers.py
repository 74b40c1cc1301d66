"""Shared test helpers: customer messages and config files."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path


def customer_mail(
    subject: str,
    body: str,
    sender: str = "Jane Customer <jane@example.net>",
    headers: dict[str, str] | None = None,
    msgid: str | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "books@example-books.test"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = msgid or make_msgid(domain="example.net")
    for k, v in (headers or {}).items():
        msg[k] = v
    msg.set_content(body)
    return msg.as_bytes()


def imap_config(
    tmp: Path,
    dovecot,
    user: str,
    password_env: str,
    *,
    security: str = "tls",
    ca_file: bool = True,
    extra: str = "",
    account_extra: str = "",
    name: str = "shop",
    port: int | None = None,
    state: str = "state.db",
) -> Path:
    port = port or (dovecot.tls_port if security == "tls" else dovecot.port)
    ca = f'ca_file = "{dovecot.ca_file}"' if ca_file else ""
    path = tmp / f"config-{name}.toml"
    path.write_text(f"""
{extra}
[state]
path = "{tmp / state}"

[[accounts]]
name = "{name}"
address = "books@example-books.test"
shop_name = "Example Books"
{account_extra}
[accounts.imap]
host = "127.0.0.1"
port = {port}
security = "{security}"
username = "{user}"
password_env = "{password_env}"
{ca}
""")
    return path


def maildir_config(tmp: Path, maildir: Path, state: Path, name: str = "t") -> Path:
    """A config file for one Maildir account."""
    path = tmp / f"config-{name}.toml"
    path.write_text(f"""
[state]
path = "{state}"

[[accounts]]
name = "{name}"
address = "books@example-books.test"
shop_name = "Example Books"
[accounts.maildir]
path = "{maildir}"
""")
    return path


def unflow(body: str) -> list[tuple[int, str]]:
    """RFC 3676 decoding (delsp=no), written from the RFC: (quote depth, logical line) pairs."""
    out: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for line in body.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        if content.startswith(" "):
            content = content[1:]  # stuffing
        soft = content.endswith(" ") and content != "-- "
        if pending is not None and pending[0] == depth:
            content = pending[1] + content
        elif pending is not None:
            out.append(pending)
        pending = None
        if soft:
            pending = (depth, content)
        else:
            out.append((depth, content))
    if pending is not None:
        out.append(pending)
    return out


def plain_text(msg) -> str:
    """The text a reader sees in a message's plain part: format=flowed lines joined again, quotes as "> "."""
    part = msg.get_body(("plain",))
    text = part.get_content().replace("\r\n", "\n")
    if part["Content-Type"].params.get("format") != "flowed":
        return text
    return "\n".join((">" * depth + " " if depth else "") + line for depth, line in unflow(text))
