"""Opt-in mail that calmdraft sends itself (aiosmtplib): threat alerts and a daily digest to the owner, and
short acknowledgements to customers.

Everything sent here carries ``Auto-Submitted`` (RFC 3834), so no well-behaved responder (calmdraft included)
answers it, and acknowledgements are rate-limited per recipient in the state store: two calmdraft instances,
or calmdraft and a vacation responder, stop after one message.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
from datetime import UTC, datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from calmdraft.config import Account, SmtpSettings
from calmdraft.errors import AuthenticationFailed, MailboxError, MailboxUnavailable, TLSFailure
from calmdraft.message import Inbound
from calmdraft.reply.mime import reply_subject
from calmdraft.store import Store, now

log = logging.getLogger(__name__)

ACK_TEXT = {
    "en": ("Thank you for your message. We have received it and will reply personally within {hours} "
           "hours.\n\nKind regards,\n{shop}\n"),
    "es": ("Gracias por su mensaje. Lo hemos recibido y le responderemos personalmente en un plazo de "
           "{hours} horas.\n\nUn cordial saludo,\n{shop}\n"),
    "de": ("Vielen Dank für Ihre Nachricht. Wir haben sie erhalten und antworten Ihnen persönlich "
           "innerhalb von {hours} Stunden.\n\nMit freundlichen Grüßen\n{shop}\n"),
    "fr": ("Merci pour votre message. Nous l'avons bien reçu et vous répondrons personnellement sous {hours} "
           "heures.\n\nBien cordialement,\n{shop}\n"),
}


class SmtpFailed(MailboxError):
    """Sending over SMTP failed."""


def _tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=settings.ca_file)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def _when_gone(client: Any) -> asyncio.Future[None]:
    """A future that is done once the client's connection is lost, i.e. its socket is really closed."""
    gone: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    protocol = client.protocol
    lost = protocol.connection_lost

    def connection_lost(exc: Exception | None) -> None:
        try:
            lost(exc)
        finally:
            if not gone.done():
                gone.set_result(None)

    protocol.connection_lost = connection_lost  # the asyncio transport calls it when the socket goes
    return gone


async def _send(settings: SmtpSettings, message: EmailMessage) -> None:
    import aiosmtplib

    tls = _tls_context(settings) if settings.security in ("tls", "starttls") else None
    # The steps aiosmtplib.send takes, one by one, so that the connection is watched from the moment it exists
    # (a refused login or STARTTLS must not leave a socket behind) and closed on every path below.
    client = aiosmtplib.SMTP(hostname=settings.host, port=settings.port, timeout=settings.timeout,
                             use_tls=settings.security == "tls", start_tls=False, tls_context=tls)
    gone: asyncio.Future[None] | None = None
    try:
        await client.connect()
        gone = _when_gone(client)
        if settings.security == "starttls":
            await client.starttls(tls_context=tls)
        if settings.username and settings.password is not None:
            await client.login(settings.username, settings.password.reveal())
        await client.send_message(message)
        await client.quit()
    except aiosmtplib.SMTPAuthenticationError as exc:
        raise AuthenticationFailed(f"SMTP {settings.host} refused the login ({exc.code})") from exc
    except (ssl.SSLError, ssl.CertificateError) as exc:
        raise TLSFailure(f"SMTP {settings.host}: TLS failed ({exc})",
                         hint="for a self-signed server, set smtp.ca_file") from exc
    except aiosmtplib.SMTPConnectError as exc:
        raise MailboxUnavailable(f"cannot reach SMTP server {settings.host}:{settings.port}") from exc
    except aiosmtplib.SMTPException as exc:
        raise SmtpFailed(f"SMTP {settings.host}: {exc}") from exc
    except OSError as exc:
        raise MailboxUnavailable(f"SMTP {settings.host}:{settings.port}: {exc.strerror or exc}") from exc
    finally:
        client.close()
        if gone is not None:
            # close() only asks; over TLS the socket is closed a few loop turns later, after the TLS goodbye.
            # Wait for it here, or asyncio.run() ends first and leaves the socket to the garbage collector.
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(gone, settings.timeout)


def send(settings: SmtpSettings, message: EmailMessage) -> None:
    """Send one message, blocking; errors are calmdraft MailboxErrors."""
    asyncio.run(_send(settings, message))


def _base(account: Account, to: str, subject: str, auto: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = Address(display_name=account.shop_name, addr_spec=account.address)
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = make_msgid(domain=account.address.rsplit("@", 1)[-1])
    msg["Auto-Submitted"] = auto
    msg["X-Auto-Response-Suppress"] = "All"
    msg["Precedence"] = "auto_reply" if auto == "auto-replied" else "bulk"
    return msg


def threat_alert(account: Account, inbound: Inbound, labels: tuple[str, ...], scores: dict[str, float],
                 where: str) -> EmailMessage:
    """The owner's alert for a threatening message; the customer's words are quoted so it reads on a phone."""
    assert account.alerts.to
    who = inbound.sender_name or inbound.sender
    msg = _base(account, account.alerts.to, f"[calmdraft] Threat from {who}: {inbound.subject}"[:200],
                "auto-generated")
    msg["X-Calmdraft-Alert"] = "threat"
    excerpt = "\n".join(f"> {ln}" for ln in inbound.new_text.strip().splitlines()[:40])
    msg.set_content(
        f"A message to {account.address} was classified as a threat and needs your attention.\n\n"
        f"From:    {who} <{inbound.sender}>\nSubject: {inbound.subject}\nDate:    {inbound.date_header}\n"
        f"Labels:  {', '.join(f'{lb} ({scores.get(lb, 0):.2f})' for lb in labels)}\n{where}\n\n{excerpt}\n",
        charset="utf-8", cte="quoted-printable")
    return msg


def digest(account: Account, db: Store) -> EmailMessage:
    """Yesterday's summary: outcomes, labels, the oldest drafted message and failures."""
    assert account.alerts.to
    since = (now() - timedelta(hours=24)).isoformat(timespec="seconds")
    counts = dict(db.query("SELECT outcome, count(*) FROM messages WHERE account=? AND updated_at>=? "
                           "GROUP BY 1", (account.name, since)))
    oldest = db.query("SELECT coalesce(received_at, created_at), sender, subject FROM messages "
                      "WHERE account=? AND outcome IN ('drafted','needs_review') AND answered_at IS NULL "
                      "ORDER BY 1 LIMIT 1",
                      (account.name,))
    failed = db.query("SELECT uid, reason FROM messages WHERE account=? AND outcome='failed' "
                      "ORDER BY updated_at DESC LIMIT 10", (account.name,))
    msg = _base(account, account.alerts.to, f"[calmdraft] Daily digest for {account.name}", "auto-generated")
    msg["X-Calmdraft-Alert"] = "digest"
    lines = [f"calmdraft, account {account.name} ({account.address}), last 24 hours:", ""]
    lines += [f"  {k.replace('_', ' ')}: {v}" for k, v in sorted(counts.items())] or ["  nothing processed"]
    waiting = f"{oldest[0][0]} from {oldest[0][1]} ({oldest[0][2]})" if oldest else "none"
    lines += ["", f"Oldest message waiting for a reply: {waiting}"]
    if failed:
        lines += ["", "Failures:"] + [f"  uid {uid}: {reason}" for uid, reason in failed]
    msg.set_content("\n".join(lines) + "\n", charset="utf-8")
    return msg


def acknowledgement(account: Account, inbound: Inbound) -> EmailMessage:
    """A short, threaded "we have your message" reply, marked auto-replied."""
    name, addr = inbound.answer_to
    to = str(Address(display_name=name, addr_spec=addr)) if name else addr
    msg = _base(account, to, reply_subject(inbound.subject), "auto-replied")
    if inbound.message_id:
        msg["In-Reply-To"] = inbound.message_id
        msg["References"] = " ".join([*inbound.references[-20:], inbound.message_id])
    text = ACK_TEXT.get(inbound.language, ACK_TEXT["en"])
    msg.set_content(text.format(hours=account.ack.reply_within_hours, shop=account.shop_name),
                    charset="utf-8", cte="quoted-printable")
    return msg


def ack_allowed(account: Account, db: Store, recipient: str) -> bool:
    """At most one acknowledgement per recipient per ``period_days``."""
    since = (now() - timedelta(days=account.ack.period_days)).isoformat(timespec="seconds")
    rows = db.query("SELECT count(*) FROM acks WHERE account=? AND recipient=? AND kind='ack' AND sent_at>=?",
                    (account.name, recipient.lower(), since))
    return int(rows[0][0]) == 0


def record_sent(db: Store, account: Account, recipient: str, kind: str) -> None:
    db.execute("INSERT INTO acks (account, recipient, sent_at, kind) VALUES (?,?,?,?)",
               (account.name, recipient.lower(), now().isoformat(timespec="seconds"), kind))
