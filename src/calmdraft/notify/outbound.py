"""Mail calmdraft sends by itself, only where the shop opted in: threat alerts to the owner and
acknowledgements to customers.  A failure to send is logged, never fatal to the pass."""

from __future__ import annotations

import logging

from calmdraft.classifier import Verdict
from calmdraft.config import Account
from calmdraft.errors import CalmdraftError, MailboxProtocolError
from calmdraft.mailbox import Mailbox
from calmdraft.message import Inbound
from calmdraft.notify import smtp
from calmdraft.orders import marketplace_of
from calmdraft.store import Store

log = logging.getLogger(__name__)


def alert_threat(account: Account, db: Store, inbound: Inbound, verdict: Verdict, fingerprint: str,
                 where: str) -> None:
    """Mail the owner about a threat, once per message."""
    if not (account.alerts.threat and account.smtp and account.alerts.to):
        return
    marker = f"alert:{fingerprint}"
    if db.query("SELECT 1 FROM acks WHERE account=? AND recipient=?", (account.name, marker)):
        return
    try:
        smtp.send(account.smtp, smtp.threat_alert(account, inbound, verdict.labels, verdict.scores, where))
    except CalmdraftError as exc:
        log.warning("%s: %s: threat alert not sent: %s", account.name, where, exc.message)
        return
    smtp.record_sent(db, account, marker, "alert")
    log.info("%s: %s: threat alert sent to the owner", account.name, where)


def acknowledge(account: Account, db: Store, box: Mailbox, inbound: Inbound, labels: tuple[str, ...]) -> None:
    """Send the opt-in acknowledgement when a label asks for one and the recipient has had none lately."""
    if not (account.smtp and set(labels) & set(account.ack.labels)):
        return
    _, recipient = inbound.answer_to
    if marketplace_of(recipient) and not account.ack.allow_marketplace:
        log.info("%s: no acknowledgement to marketplace relay %s", account.name, recipient)
        return
    if not smtp.ack_allowed(account, db, recipient):
        log.info("%s: acknowledgement to %s skipped: one was sent in the last %d days", account.name,
                 recipient, account.ack.period_days)
        return
    ack = smtp.acknowledgement(account, inbound)
    try:
        smtp.send(account.smtp, ack)
    except CalmdraftError as exc:
        log.warning("%s: acknowledgement to %s not sent: %s", account.name, recipient, exc.message)
        return
    smtp.record_sent(db, account, recipient, "ack")
    sent = box.sent_folder()
    if sent:
        try:
            box.append(sent, ack.as_bytes(), ("\\Seen",))
        except MailboxProtocolError as exc:
            log.warning("%s: acknowledgement sent but not filed in %s: %s", account.name, sent, exc.message)
    log.info("%s: acknowledgement sent to %s", account.name, recipient)
