"""One pass over one account: find new mail, and for each message parse, guard, classify, draft, tag, record.

Order of effects for a draft: record "drafting" (with the draft's id), append the draft, tag the original,
record the outcome.  A crash anywhere leaves a "drafting" row; the next pass searches Drafts for the draft's
``X-Calmdraft-Id`` before appending again, so an original never gets two drafts.
"""

from __future__ import annotations

import fcntl
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from calmdraft import message, store
from calmdraft.classifier import Verdict
from calmdraft.config import Account, Config
from calmdraft.errors import CalmdraftError, MailboxError
from calmdraft.mailbox import Mailbox, RawMessage, watched_folder
from calmdraft.message import guard
from calmdraft.notify import smtp
from calmdraft.orders import OrderFacts, lookup, marketplace_of, save_orders
from calmdraft.orders.notices import parse_notice
from calmdraft.progress import Progress
from calmdraft.reply.compose import Composer, draft_id
from calmdraft.store import Key, Store

log = logging.getLogger(__name__)

# How often a pass checks whether drafted messages have been answered (one FETCH FLAGS for all of them).
REPLY_CHECK_SECONDS = 300


class Predictor(Protocol):
    def predict(self, subject: str, new_text: str, language: str = "und") -> Verdict: ...


@dataclass
class Outcome:
    """What happened to one message; the CLI's demo table and ``once`` summary are built from these."""

    uid: int
    sender: str
    subject: str
    outcome: str
    reason: str = ""
    labels: tuple[str, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
    draft_id: str | None = None


@dataclass
class PassResult:
    account: str
    outcomes: list[Outcome] = field(default_factory=list)
    error: str | None = None

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)


@dataclass(frozen=True)
class Selection:
    """Which messages a pass looks at beyond the new ones: a backfill by date or by count."""

    since: datetime | None = None
    last: int | None = None


class Worker:
    """Runs passes for one account; holds no connection between passes."""

    def __init__(self, config: Config, account: Account, db: Store, classifier: Predictor, composer: Composer,
                 mailbox_factory: Callable[[Account], Mailbox]) -> None:
        self.config = config
        self.account = account
        self.store = db
        self.classifier = classifier
        self.composer = composer
        self.mailbox_factory = mailbox_factory
        self.prefix = config.tag_prefix
        self._next_reply_check = 0.0

    # -- the pass --------------------------------------------------------------------------------------------
    def run_pass(self, selection: Selection | None = None, stop: threading.Event | None = None,
                 progress: bool = False, mailbox: Mailbox | None = None) -> PassResult:
        """Process everything new (and the selection, if any); raises MailboxError when the server fails."""
        with self._account_lock():
            return self._locked_pass(selection, stop, progress, mailbox)

    @contextmanager
    def _account_lock(self) -> Iterator[None]:
        """One pass per account at a time, across processes: `once` beside a running daemon waits its turn."""
        path = self.store.path.with_name(f"{self.store.path.name}.{self.account.name}.lock")
        with open(path, "a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _locked_pass(self, selection: Selection | None, stop: threading.Event | None, progress: bool,
                     mailbox: Mailbox | None) -> PassResult:
        result = PassResult(self.account.name)
        pass_id = self.store.pass_started(self.account.name)
        own = mailbox is None
        box = mailbox or self.mailbox_factory(self.account)
        try:
            if own:
                box.connect()
            self._pass(box, result, selection or Selection(), stop, progress)
        except MailboxError as exc:
            result.error = exc.message
            self.store.pass_finished(self.account.name, pass_id, False, len(result.outcomes), exc.message)
            raise
        finally:
            if own:
                box.close()
        self.store.pass_finished(self.account.name, pass_id, True, len(result.outcomes))
        return result

    def _pass(self, box: Mailbox, result: PassResult, selection: Selection, stop: threading.Event | None,
              progress: bool) -> None:
        folder = watched_folder(self.account)
        status = box.status(folder)
        cursor = self.store.cursor(self.account.name, folder)
        high = status.uidnext - 1
        if cursor is None:
            since = store.now() - timedelta(hours=self.config.initial_lookback_hours)
            uids = box.uids_arrived_since(folder, since) if self.config.initial_lookback_hours else []
            log.info("%s: first run on %s; looking at %d message(s) from the last %d h", self.account.name,
                     folder, len(uids), self.config.initial_lookback_hours)
        elif cursor.uidvalidity != status.uidvalidity:
            # The server renumbered the folder: look again at everything since the last pass; rows matched by
            # Message-ID (fingerprint) keep anything already drafted from being drafted twice.
            since = (cursor.last_pass or cursor.first_run) - timedelta(days=1)
            uids = box.uids_arrived_since(folder, since)
            log.warning("%s: UIDVALIDITY of %s changed (%d -> %d); rescanning %d message(s) since %s",
                        self.account.name, folder, cursor.uidvalidity, status.uidvalidity, len(uids),
                        since.date())
        elif high <= cursor.last_uid:
            uids = []  # nothing new: the whole poll cost one STATUS
        else:
            uids = box.uids_after(folder, cursor.last_uid)
        if selection.since is not None:
            uids = sorted(set(uids) | set(box.uids_dated_since(folder, selection.since)))
        if selection.last:
            uids = sorted(set(uids) | set(box.uids_after(folder, 0)[-selection.last:]))
        retries = [u for u in self.store.due_retries(self.account.name, folder, status.uidvalidity)
                   if u not in uids]
        todo = [u for u in sorted(set(uids) | set(retries))
                if not self._handled(folder, status.uidvalidity, u)]
        done_high = cursor.last_uid if cursor and cursor.uidvalidity == status.uidvalidity else 0
        with Progress(len(todo), f"{self.account.name}", enabled=progress and len(todo) > 0) as bar:
            # An empty fetch would still SELECT the folder: a quiet poll stays at one STATUS.
            for raw in (box.fetch(folder, todo, self.config.max_message_bytes) if todo else ()):
                if stop is not None and stop.is_set():
                    break
                result.outcomes.append(self.process(box, raw))
                done_high = max(done_high, raw.uid)
                bar.advance()
        finished = stop is None or not stop.is_set()
        if finished and time.monotonic() >= self._next_reply_check:
            self._check_replies(box, folder, status.uidvalidity)
        if finished:
            self.store.set_cursor(self.account.name, folder, status.uidvalidity, max(high, done_high))
        elif done_high:
            # Interrupted: remember only what was really done.  With nothing done on a first pass, save no
            # cursor at all, so the next pass is a first pass again (and keeps to the lookback window).
            self.store.set_cursor(self.account.name, folder, status.uidvalidity, done_high)

    def _check_replies(self, box: Mailbox, folder: str, uidvalidity: int) -> None:
        """Note which drafted messages the shop has answered (\\Answered, or gone), for `status`."""
        self._next_reply_check = time.monotonic() + REPLY_CHECK_SECONDS
        pending = self.store.awaiting_reply(self.account.name, folder, uidvalidity)
        if not pending:
            return
        flags = box.flags_many(folder, pending)
        done = [u for u in pending if u not in flags or "\\Answered" in flags[u]]
        if done:
            self.store.mark_answered(self.account.name, folder, uidvalidity, done)

    def _handled(self, folder: str, uidvalidity: int, uid: int) -> bool:
        row = self.store.get(Key(self.account.name, folder, uidvalidity, uid))
        return row is not None and row.outcome not in (store.DRAFTING, store.FAILED)

    # -- one message -----------------------------------------------------------------------------------------
    def process(self, box: Mailbox, raw: RawMessage) -> Outcome:
        """Take one message to an outcome; only a mailbox failure escapes (the pass then stops)."""
        key = Key(self.account.name, raw.folder, raw.uidvalidity, raw.uid)
        previous = self.store.get(key)
        if previous and previous.outcome not in (store.DRAFTING, store.FAILED):
            return Outcome(raw.uid, "", "", previous.outcome, previous.reason or "already handled",
                           tuple(previous.labels))
        if previous is None and f"{self.prefix}/drafted" in raw.flags:
            # The tag on the server outlives a lost or replaced state database: never draft again.
            outcome = Outcome(raw.uid, "", "", store.SKIPPED, "already drafted (tagged on the server)")
            return self._finish(key, outcome, f"uid:{raw.uidvalidity}:{raw.uid}")
        fingerprint = message.fingerprint(raw.data, None) if raw.data else f"uid:{raw.uidvalidity}:{raw.uid}"
        try:
            return self._process(box, raw, key, fingerprint, previous)
        except MailboxError as exc:
            self._finish(key, Outcome(raw.uid, "", "", store.FAILED, f"mailbox: {exc.message}"), fingerprint)
            raise
        except CalmdraftError as exc:
            return self._finish(key, Outcome(raw.uid, "", "", store.FAILED, exc.message), fingerprint)
        except Exception as exc:  # noqa: BLE001 - one bad message must never stop the worker
            log.exception("%s: uid %d: unexpected error", self.account.name, raw.uid)
            return self._finish(key, Outcome(raw.uid, "", "", store.FAILED,
                                             f"internal error: {type(exc).__name__}"), fingerprint)

    def _process(self, box: Mailbox, raw: RawMessage, key: Key, fingerprint: str,
                 previous: store.Row | None) -> Outcome:
        if raw.oversized:
            return self._finish(key, Outcome(raw.uid, "", "", store.SKIPPED,
                                             f"too large: {raw.size} bytes > max_message_bytes"), fingerprint)
        parsed = message.parse(raw.data)
        if isinstance(parsed, message.Unparseable):
            box.add_keywords(raw.folder, raw.uid, [f"{self.prefix}/unreadable"])
            return self._finish(key, Outcome(raw.uid, "", "", store.SKIPPED, f"unparseable: {parsed.reason}"),
                                fingerprint)
        inbound = parsed
        fingerprint = message.fingerprint(raw.data, inbound.message_id)
        base = Outcome(raw.uid, inbound.sender, inbound.subject, store.SKIPPED)
        twin = self.store.by_fingerprint(self.account.name, fingerprint)
        if twin and twin.key != key and twin.outcome in (store.DRAFTED, store.NEEDS_REVIEW):
            base.reason = f"duplicate of uid {twin.key.uid} (same Message-ID), already {twin.outcome}"
            return self._finish(key, base, fingerprint, inbound)
        notice = parse_notice(inbound)
        if notice is not None:
            save_orders(self.store, [notice.as_row()], f"notification:{raw.uid}", overwrite=False)
            base.reason = f"order notification: stored order {notice.order_id} ({notice.marketplace})"
            return self._finish(key, base, fingerprint, inbound)
        skip = guard.check(inbound, self.account.own_addresses, raw.flags)
        if skip is not None:
            base.reason = f"{skip.reason}: {skip.detail}" if skip.detail else skip.reason
            return self._finish(key, base, fingerprint, inbound)
        verdict = self.classifier.predict(inbound.subject, inbound.new_text, inbound.language)
        base.labels, base.scores = verdict.labels, verdict.scores
        if "threat" in verdict.labels:
            self._alert(inbound, verdict, fingerprint, raw)
        usable = verdict.confident_labels
        tags = [f"{self.prefix}/{lb}" for lb in verdict.labels]
        if verdict.needs_review:
            tags.append(f"{self.prefix}/review")
        if "threat" in verdict.labels and self.config.threat_flag:
            tags.append(self.config.threat_flag)
        if not usable and not self.config.draft_unlabelled:
            if verdict.needs_review:
                box.add_keywords(raw.folder, raw.uid, tags)
                base.outcome, base.reason = store.NEEDS_REVIEW, "uncertain labels; no draft"
            else:
                base.reason = "no label"
            return self._finish(key, base, fingerprint, inbound)
        facts = lookup(self.store, inbound, self.account.order_pattern, self.config.shipping_methods)
        if twin is not None and twin.key != key and twin.draft_id and previous is None:
            previous = twin  # an interrupted attempt under the old UID: look for its draft before appending
        return self._draft(box, raw, key, fingerprint, inbound, verdict, usable, tags, facts, previous, base)

    def _draft(self, box: Mailbox, raw: RawMessage, key: Key, fingerprint: str, inbound: message.Inbound,
               verdict: Verdict, usable: tuple[str, ...], tags: list[str], facts: OrderFacts | None,
               previous: store.Row | None, base: Outcome) -> Outcome:
        did = draft_id(self.account.name, fingerprint)
        headers = {
            "X-Calmdraft-Labels": ", ".join(verdict.labels) or "none",
            "X-Calmdraft-Scores": ", ".join(f"{k}={v:.2f}" for k, v in verdict.scores.items()),
            "X-Calmdraft-Review": "yes" if verdict.needs_review else "no",
            "X-Calmdraft-Source": f"{raw.folder}/{raw.uidvalidity}/{raw.uid}",
        }
        draft = self.composer.compose(inbound, usable, facts, self.account, fingerprint, headers)
        if not draft.courtesy.ok:
            tags.append(f"{self.prefix}/courtesy-warning")
            log.warning("%s: uid %d: draft failed the courtesy check: %s", self.account.name, raw.uid,
                        "; ".join(draft.courtesy.problems))
        if draft.language_fallback:
            tags.append(f"{self.prefix}/lang-{inbound.language}")
        drafts = box.drafts_folder()
        # Any earlier attempt that got as far as naming this draft may have appended it: look first.
        recovering = previous is not None and previous.draft_id == did
        self.store.record(key, fingerprint=fingerprint, outcome=store.DRAFTING, draft_id=did,
                          message_id=inbound.message_id, sender=inbound.sender, subject=inbound.subject,
                          received_at=raw.internaldate, labels=list(verdict.labels))
        if recovering and (f"{self.prefix}/drafted" in raw.flags
                           or box.find_header(drafts, "X-Calmdraft-Id", did)):
            log.info("%s: uid %d: draft %s already in %s (recovered after an interruption)",
                     self.account.name, raw.uid, did[:12], drafts)
        else:
            box.append_draft(draft.as_bytes())
        try:
            box.add_keywords(raw.folder, raw.uid, [f"{self.prefix}/drafted", *tags])
            self._acknowledge(box, inbound, usable)
        except MailboxError as exc:
            # The draft exists: record it as drafted, or the next pass would write a second one.
            log.warning("%s: uid %d: draft written but tagging failed: %s", self.account.name, raw.uid,
                        exc.message)
            base.reason = f"draft in {drafts}; tagging failed: {exc.message}"
        base.outcome = store.NEEDS_REVIEW if verdict.needs_review else store.DRAFTED
        if not base.reason:
            base.reason = f"draft in {drafts}" + (f" (order {facts.order_id})" if facts else "")
        base.draft_id = did
        return self._finish(key, base, fingerprint, inbound)

    def _alert(self, inbound: message.Inbound, verdict: Verdict, fingerprint: str, raw: RawMessage) -> None:
        """Mail the owner about a threat, once per message; a failure is logged, never fatal."""
        account = self.account
        if not (account.alerts.threat and account.smtp and account.alerts.to):
            return
        marker = f"alert:{fingerprint}"
        if self.store.query("SELECT 1 FROM acks WHERE account=? AND recipient=?", (account.name, marker)):
            return
        try:
            smtp.send(account.smtp, smtp.threat_alert(account, inbound, verdict.labels, verdict.scores,
                                                      f"Mailbox: {raw.folder}, uid {raw.uid}"))
        except CalmdraftError as exc:
            log.warning("%s: uid %d: threat alert not sent: %s", account.name, raw.uid, exc.message)
            return
        smtp.record_sent(self.store, account, marker, "alert")
        log.info("%s: uid %d: threat alert sent to the owner", account.name, raw.uid)

    def _acknowledge(self, box: Mailbox, inbound: message.Inbound, labels: tuple[str, ...]) -> None:
        """Send the opt-in acknowledgement when a label asks for one and the recipient has had none lately."""
        account = self.account
        if not (account.smtp and set(labels) & set(account.ack.labels)):
            return
        _, recipient = inbound.answer_to
        if marketplace_of(recipient) and not account.ack.allow_marketplace:
            log.info("%s: no acknowledgement to marketplace relay %s", account.name, recipient)
            return
        if not smtp.ack_allowed(account, self.store, recipient):
            log.info("%s: acknowledgement to %s skipped: one was sent in the last %d days", account.name,
                     recipient, account.ack.period_days)
            return
        ack = smtp.acknowledgement(account, inbound)
        try:
            smtp.send(account.smtp, ack)
        except CalmdraftError as exc:
            log.warning("%s: acknowledgement to %s not sent: %s", account.name, recipient, exc.message)
            return
        smtp.record_sent(self.store, account, recipient, "ack")
        sent = box.sent_folder()
        if sent:
            box.append(sent, ack.as_bytes(), ("\\Seen",))
        log.info("%s: acknowledgement sent to %s", account.name, recipient)

    def _finish(self, key: Key, outcome: Outcome, fingerprint: str,
                inbound: message.Inbound | None = None) -> Outcome:
        self.store.record(key, fingerprint=fingerprint, outcome=outcome.outcome, reason=outcome.reason,
                          labels=list(outcome.labels), scores=outcome.scores, draft_id=outcome.draft_id,
                          message_id=inbound.message_id if inbound else None,
                          sender=inbound.sender if inbound else None,
                          subject=inbound.subject if inbound else None)
        level = logging.WARNING if outcome.outcome == store.FAILED else logging.INFO
        log.log(level, "%s: uid=%d outcome=%s labels=%s scores=%s reason=%s", self.account.name, outcome.uid,
                outcome.outcome, ",".join(outcome.labels) or "-",
                ",".join(f"{k}:{v:.2f}" for k, v in outcome.scores.items()) or "-", outcome.reason or "-")
        return outcome
