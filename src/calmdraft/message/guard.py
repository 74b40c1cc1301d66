"""Decide which messages must never get a reply: RFC 3834, Sieve vacation (RFC 5230) and helpdesk experience.

A helpdesk that answers an auto-reply, a bounce or a mailing list starts a mail loop; every rule here exists
because someone's did.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from calmdraft.message import Inbound

_NOREPLY = re.compile(r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|noreply[-_.].*|.*[-_.]noreply|"
                      r"mailer[-_]daemon|postmaster|bounces?|bounce[-+].*|notifications?)@", re.IGNORECASE)
_OOO_SUBJECT = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|autoreply|"
    r"away from (the )?office|on vacation|abwesenheitsnotiz|automatische antwort|abwesend|"
    r"réponse automatique|reponse automatique|absence\s*:|respuesta automática|respuesta automatica|"
    r"fuera de la oficina|risposta automatica|fuori sede|automatisch antwoord|afwezig|auto:)",
    re.IGNORECASE,
)
_SUPPRESS = {"all", "autoreply", "oof", "dr", "ndr", "rn", "nrn"}
_PRECEDENCE = {"bulk", "list", "junk", "auto_reply", "auto-reply"}


@dataclass(frozen=True)
class Skip:
    """Why a message gets no draft; ``reason`` is a short stable code, ``detail`` is for humans."""

    reason: str
    detail: str = ""


def check(inbound: Inbound, own_addresses: Iterable[str], flags: Iterable[str] = ()) -> Skip | None:
    """Return a Skip when ``inbound`` must not be answered, otherwise None."""
    own = {a.lower() for a in own_addresses}
    flagset = {f.lower() for f in flags}
    h = inbound.header
    if "\\answered" in flagset:
        return Skip("answered", "already answered by the shop")
    if inbound.header("x-calmdraft-source") or inbound.header("x-calmdraft-id"):
        return Skip("own-draft", "this is a calmdraft draft")
    if inbound.sender in own or (inbound.reply_to or "") in own:
        return Skip("own-address", f"sent from the shop's own address {inbound.sender}")
    auto = (h("auto-submitted") or "").strip().lower()
    if auto and not auto.startswith("no"):
        return Skip("auto-submitted", f"Auto-Submitted: {auto}")
    precedence = (h("precedence") or "").strip().lower()
    if precedence in _PRECEDENCE:
        return Skip("bulk", f"Precedence: {precedence}")
    lists = sorted(k for k in inbound.headers if k.startswith("list-"))
    if lists:
        return Skip("mailing-list", f"has {lists[0]} header")
    if h("x-loop"):
        return Skip("loop", "X-Loop present")
    suppress = {v.strip().lower() for v in (h("x-auto-response-suppress") or "").split(",") if v.strip()}
    if suppress & _SUPPRESS:
        return Skip("auto-response-suppressed", "X-Auto-Response-Suppress asks for no auto-replies")
    if h("x-autoreply") or h("x-autorespond") or h("x-autoresponder"):
        return Skip("auto-reply", "auto-responder header present")
    return_path = h("return-path")
    if return_path is not None and return_path.strip() in ("<>", ""):
        return Skip("bounce", "empty Return-Path (a bounce or notification)")
    if (inbound.header("content-type")
            and "multipart/report" in (inbound.header("content-type") or "").lower()):
        return Skip("bounce", "multipart/report delivery or feedback report")
    if _NOREPLY.match(inbound.sender):
        return Skip("noreply-sender", f"sender {inbound.sender} does not take replies")
    if inbound.reply_to and _NOREPLY.match(inbound.reply_to):
        return Skip("noreply-sender", f"Reply-To {inbound.reply_to} does not take replies")
    if _OOO_SUBJECT.match(inbound.subject):
        return Skip("out-of-office", "subject marks an automatic reply")
    return None
