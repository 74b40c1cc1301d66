"""One pass over one account: find new mail, and for each message parse, guard, classify, draft, tag, record.

Messages are worked in batches (the fetch's own batches of 200): one classification call, one search of Drafts
for the batch's draft Message-IDs, one APPEND per draft, one STORE per keyword.  Order of effects for a draft:
record "drafting" (with the draft's id), append the draft, tag the original, record the outcome.  The draft's
Message-ID is derived from the message itself, so whatever was lost (the answer to an APPEND, the state file,
a second process with its own state), the search of Drafts finds the draft before a second one is written.

A server that refuses one command for one message (a size limit on an APPEND, a keyword it will not store)
fails that message, with bounded retries; only a lost connection stops the pass.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Protocol, TypeVar

from calmdraft import message, store
from calmdraft.classifier import Verdict
from calmdraft.config import Account, Config
from calmdraft.errors import CalmdraftError, MailboxError, MailboxProtocolError
from calmdraft.locks import account_lock
from calmdraft.mailbox import Mailbox, RawMessage, watched_folder
from calmdraft.message import guard
from calmdraft.notify import outbound
from calmdraft.orders import OrderFacts, lookup, save_orders
from calmdraft.orders.notices import parse_notice
from calmdraft.progress import Progress
from calmdraft.reply.compose import Composer, Draft
from calmdraft.reply.understand import needs_answer, understand
from calmdraft.store import Key, Store

log = logging.getLogger(__name__)

# How often a pass checks whether drafted messages have been answered (one FETCH FLAGS for all of them).
REPLY_CHECK_SECONDS = 300
BATCH = 200

T = TypeVar("T")


class Predictor(Protocol):
    def predict_many(self, messages: Sequence[tuple[str, str, str]]) -> list[Verdict]: ...


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


@dataclass
class Item:
    """One message on its way through a batch: what was fetched, parsed, decided and composed."""

    raw: RawMessage
    key: Key
    fingerprint: str
    outcome: Outcome
    inbound: message.Inbound | None = None
    verdict: Verdict | None = None
    tags: list[str] = field(default_factory=list)
    facts: OrderFacts | None = None
    draft: Draft | None = None
    done: bool = False  # the outcome is decided; nothing more to do but tag and record


def draft_id(address: str, fingerprint: str) -> str:
    """The draft's id: the same for the same message in the same mailbox, whatever the config calls it."""
    return hashlib.sha256(f"{address.lower()}\0{fingerprint}".encode()).hexdigest()[:32]


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Worker:
    """Runs passes for one account; holds no connection between passes."""

    def __init__(self, config: Config, account: Account, db: Store, classifier: Callable[[], Predictor],
                 composer: Composer, mailbox_factory: Callable[[Account], Mailbox]) -> None:
        self.config = config
        self.account = account
        self.store = db
        self._load_classifier = classifier
        self._classifier: Predictor | None = None
        self.composer = composer
        self.mailbox_factory = mailbox_factory
        self.prefix = config.tag_prefix
        self._next_reply_check = 0.0

    @property
    def classifier(self) -> Predictor:
        # Loaded only when a pass has something to classify: a quiet poll never imports scikit-learn.
        if self._classifier is None:
            self._classifier = self._load_classifier()
        return self._classifier

    # -- the pass --------------------------------------------------------------------------------------------
    def run_pass(self, selection: Selection | None = None, stop: threading.Event | None = None,
                 progress: bool = False, mailbox: Mailbox | None = None) -> PassResult:
        """Process everything new (and the selection, if any); raises MailboxError when the server fails."""
        with account_lock(self.account, self.store.path):
            return self._locked_pass(selection, stop, progress, mailbox)

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
            # fingerprint keep anything already drafted from being drafted twice.
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
        retries = self.store.due_retries(self.account.name, folder, status.uidvalidity,
                                         self.config.max_message_bytes)
        todo = [u for u in sorted(set(uids) | set(retries))
                if not self._settled(Key(self.account.name, folder, status.uidvalidity, u))]
        done_high = cursor.last_uid if cursor and cursor.uidvalidity == status.uidvalidity else 0
        with Progress(len(todo), f"{self.account.name}", enabled=progress and len(todo) > 0) as bar:
            # An empty fetch would still SELECT the folder: a quiet poll stays at one STATUS.
            fetched = box.fetch(folder, todo, self.config.max_message_bytes) if todo else iter(())
            for batch in chunks(fetched, BATCH):
                if stop is not None and stop.is_set():
                    break
                outcomes = self.process_batch(box, batch, stop)
                result.outcomes += outcomes
                if outcomes:
                    done_high = max(done_high, *(o.uid for o in outcomes))
                bar.advance(len(batch))
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
        """Note which drafted messages the shop has answered, for `status` and the digest.

        No client sets \\Answered when a draft is sent from Drafts, so a reply is also found in Sent, by the
        original's Message-ID in its In-Reply-To or References.  A draft that left Drafts with no reply is
        noted as discarded; the customer is still waiting, so the message stays in the check."""
        self._next_reply_check = time.monotonic() + REPLY_CHECK_SECONDS
        pending = self.store.awaiting_reply(self.account.name, folder, uidvalidity)
        if not pending:
            return
        flags = box.flags_many(folder, [p.uid for p in pending])
        answers: dict[int, tuple[str, datetime | None]] = {}
        for p in pending:
            if p.uid not in flags:
                answers[p.uid] = ("gone", None)
            elif "\\Answered" in flags[p.uid]:
                answers[p.uid] = ("answered", None)
        rest = [p for p in pending if p.uid not in answers]
        sent = box.sent_folder() if rest else None
        if sent:
            oldest = min((p.received for p in rest if p.received), default=None)
            replies = box.find_replies(sent, [p.message_id for p in rest if p.message_id],
                                       since=oldest - timedelta(days=1) if oldest else None)
            for p in rest:
                if p.message_id in replies:
                    answers[p.uid] = ("sent", replies[p.message_id])
        if answers:
            self.store.mark_answered(self.account.name, folder, uidvalidity, answers)
        unsent = [p for p in rest if p.uid not in answers and p.draft_id and not p.discarded]
        if unsent:
            present = box.find_message_ids(box.drafts_folder(), [p.draft_id or "" for p in unsent])
            gone = [p.uid for p in unsent if p.draft_id not in present]
            if gone:
                log.info("%s: %d draft(s) deleted unsent; the customer is still waiting", self.account.name,
                         len(gone))
                self.store.mark_discarded(self.account.name, folder, uidvalidity, gone)

    def _settled(self, key: Key) -> bool:
        """True when a message needs nothing now: handled for good, or failed and waiting for its retry."""
        row = self.store.get(key)
        if row is None:
            return False
        if row.outcome == store.FAILED and row.attempts < store.MAX_ATTEMPTS:
            return row.next_attempt is not None and row.next_attempt > store.now()
        if row.outcome == store.SKIPPED and row.size is not None:
            return row.size > self.config.max_message_bytes
        return row.final

    # -- one batch -------------------------------------------------------------------------------------------
    def process_batch(self, box: Mailbox, raws: Sequence[RawMessage],
                      stop: threading.Event | None = None) -> list[Outcome]:
        """Take a batch of messages to their outcomes; only a lost connection escapes (the pass stops).

        A stop request ends the batch after the draft in hand: what was appended is tagged and recorded, the
        rest is left as it was (its in-flight rows make the next pass take it up again)."""
        items = [self._prepare(box, raw) for raw in raws]
        first: dict[str, Item] = {}
        for it in items:
            if it.done:
                continue
            twin = first.setdefault(it.fingerprint, it)
            if twin is not it:  # two copies of one message in the same batch
                it.outcome.reason, it.done = f"duplicate of uid {twin.raw.uid} (the same message)", True
        pending = [it for it in items if not it.done]
        if pending:
            try:
                verdicts = self.classifier.predict_many(
                    [(it.inbound.subject, it.inbound.new_text, it.inbound.language)
                     for it in pending if it.inbound is not None])
            except Exception as exc:  # noqa: BLE001 - a broken model fails these messages, not the worker
                log.exception("%s: classification failed", self.account.name)
                for it in pending:
                    self._fail(it, f"internal error: {type(exc).__name__}")
                verdicts = []
            for it, verdict in zip(pending, verdicts, strict=False):
                self._guarded(it, partial(self._decide, it, verdict))
        drafting = [it for it in items if it.draft is not None and not it.done]
        if drafting:
            self._write_drafts(box, drafting, stop)
        if stop is not None and stop.is_set():
            items = [it for it in items if it.draft is None or it.outcome.draft_id or it.done]
        self._tag(box, items)
        for it in items:
            if it.draft is not None and it.outcome.outcome in (store.DRAFTED, store.NEEDS_REVIEW):
                self._guarded(it, partial(self._acknowledge, box, it))
            self._finish(it)
        return [it.outcome for it in items]

    def _guarded(self, item: Item, step: Callable[[], object]) -> None:
        """Run one message's step: a mailbox outage escapes, anything else fails only this message."""
        try:
            step()
        except MailboxError:
            raise
        except CalmdraftError as exc:
            self._fail(item, exc.message)
        except Exception as exc:  # noqa: BLE001 - one bad message must never stop the worker
            log.exception("%s: uid %d: unexpected error", self.account.name, item.raw.uid)
            self._fail(item, f"internal error: {type(exc).__name__}")

    def _fail(self, item: Item, reason: str) -> None:
        item.outcome.outcome, item.outcome.reason = store.FAILED, reason
        item.outcome.draft_id, item.draft, item.done = None, None, True
        item.tags.clear()

    def _prepare(self, box: Mailbox, raw: RawMessage) -> Item:
        """Everything up to classification: an outcome for what needs no classifier, else a parsed message."""
        key = Key(self.account.name, raw.folder, raw.uidvalidity, raw.uid)
        fingerprint = message.fingerprint(raw.data) if raw.data else f"uid:{raw.uidvalidity}:{raw.uid}"
        item = Item(raw, key, fingerprint, Outcome(raw.uid, "", "", store.SKIPPED))
        self._guarded(item, lambda: self._screen(item))
        return item

    def _screen(self, item: Item) -> None:
        raw, out = item.raw, item.outcome
        previous = self.store.get(item.key)
        if previous is None and f"{self.prefix}/drafted" in raw.flags:
            # The tag on the server outlives a lost or replaced state database: never draft again.
            out.reason, item.done = "already drafted (tagged on the server)", True
            return
        if raw.oversized:
            out.reason = f"too large: {raw.size} bytes > max_message_bytes"
            item.done = True
            return
        parsed = message.parse(raw.data)
        if isinstance(parsed, message.Unparseable):
            item.tags.append(f"{self.prefix}/unreadable")
            out.reason, item.done = f"unparseable: {parsed.reason}", True
            return
        item.inbound = inbound = parsed
        out.sender, out.subject = inbound.sender, inbound.subject
        twin = self.store.by_fingerprint(self.account.name, item.fingerprint)
        if twin is None and inbound.message_id:
            twin = self.store.by_legacy_id(self.account.name, inbound.message_id, inbound.sender,
                                           inbound.subject)
        if twin and twin.key != item.key and twin.outcome in (store.DRAFTED, store.NEEDS_REVIEW):
            out.reason = f"duplicate of uid {twin.key.uid} (the same message), already {twin.outcome}"
            item.done = True
            return
        notice = parse_notice(inbound)
        if notice is not None:
            save_orders(self.store, [notice.as_row()], f"notification:{raw.uid}", overwrite=False)
            out.reason = f"order notification: stored order {notice.order_id} ({notice.marketplace})"
            item.done = True
            return
        skip = guard.check(inbound, self.account.own_addresses, raw.flags)
        if skip is not None:
            out.reason = f"{skip.reason}: {skip.detail}" if skip.detail else skip.reason
            item.done = True

    def _decide(self, item: Item, verdict: Verdict) -> None:
        """From the labels to a composed draft, or to the outcome of a message that gets none."""
        inbound, out = item.inbound, item.outcome
        assert inbound is not None
        item.verdict = verdict
        out.labels, out.scores = verdict.labels, verdict.scores
        if "threat" in verdict.labels:
            self._alert(item)
        usable = verdict.confident_labels
        item.tags += [f"{self.prefix}/{lb}" for lb in verdict.labels]
        if verdict.needs_review:
            item.tags.append(f"{self.prefix}/review")
        if "threat" in verdict.labels and self.config.threat_flag:
            item.tags.append(self.config.threat_flag)
        understanding = understand(inbound, self.account.order_pattern,
                                   (self.account.shop_name, self.account.signer))
        if not usable and not self.config.draft_unlabelled and needs_answer(understanding, inbound):
            # "Please cancel my order", "volume two was not in the parcel": no label, but an answer is due.
            item.tags.append(f"{self.prefix}/after-sale")
        elif not usable and not self.config.draft_unlabelled:
            if verdict.needs_review:
                out.outcome, out.reason = store.NEEDS_REVIEW, "uncertain labels; no draft"
            else:
                item.tags.clear()
                out.reason = "no label"
            item.done = True
            return
        item.facts = lookup(self.store, inbound, self.account.order_pattern, self.config.shipping_methods,
                            refs=list(understanding.order_refs))
        did = draft_id(self.account.address, item.fingerprint)
        item.draft = self.composer.compose(inbound, usable, item.facts, self.account, did,
                                           understanding=understanding)
        if not item.draft.courtesy.ok:
            item.tags.append(f"{self.prefix}/courtesy-warning")
            log.warning("%s: uid %d: draft failed the courtesy check: %s", self.account.name, item.raw.uid,
                        "; ".join(item.draft.courtesy.problems))
        if item.draft.language_fallback:
            item.tags.append(f"{self.prefix}/lang-{inbound.language}")

    def _write_drafts(self, box: Mailbox, items: list[Item], stop: threading.Event | None) -> None:
        """Record each draft as in flight, look once in Drafts for the batch, append what is not there yet."""
        drafts = box.drafts_folder()
        for it in items:
            assert it.draft is not None and it.inbound is not None
            self.store.record(it.key, fingerprint=it.fingerprint, outcome=store.DRAFTING,
                              draft_id=it.draft.draft_id, message_id=it.inbound.message_id,
                              sender=it.inbound.sender, subject=it.inbound.subject,
                              received_at=it.raw.internaldate, labels=list(it.outcome.labels))
        present = box.find_message_ids(drafts, [it.draft.draft_id for it in items if it.draft])
        for it in items:
            if stop is not None and stop.is_set():
                return
            assert it.draft is not None and it.verdict is not None
            did = it.draft.draft_id
            it.outcome.outcome = store.NEEDS_REVIEW if it.verdict.needs_review else store.DRAFTED
            it.outcome.draft_id = did
            order = f" (order {it.facts.order_id})" if it.facts else ""
            it.outcome.reason = f"draft in {drafts}{order}"
            if did in present:
                log.info("%s: uid %d: draft %s already in %s (written by an earlier, interrupted attempt)",
                         self.account.name, it.raw.uid, did[:12], drafts)
                continue
            try:
                box.append_draft(it.draft.as_bytes(), self._draft_keywords(it))
            except MailboxProtocolError as exc:
                # The server refused this draft (a size limit, a keyword): fail this message, not the pass.
                self._fail(it, f"the server refused the draft: {exc.message}")
            except MailboxError as exc:
                # The connection went with this APPEND: retry as soon as the server is back (the search of
                # Drafts then tells whether it landed), but count the attempt, should this draft be the cause.
                self.store.record(it.key, fingerprint=it.fingerprint, outcome=store.FAILED,
                                  reason=f"mailbox: {exc.message}", draft_id=did, retry_after=timedelta(0))
                raise

    def _draft_keywords(self, item: Item) -> list[str]:
        """Keywords on the draft itself, so the reviewer sees the labels where the customer never can."""
        verdict = item.verdict
        assert verdict is not None
        keywords = [f"{self.prefix}/{lb}" for lb in verdict.labels]
        if verdict.needs_review:
            keywords.append(f"{self.prefix}/review")
        if item.draft is not None and not item.draft.courtesy.ok:
            keywords.append(f"{self.prefix}/courtesy-warning")
        return keywords

    def _tag(self, box: Mailbox, items: list[Item]) -> None:
        """One STORE per keyword for the whole batch; a refused keyword is logged, never a second draft."""
        by_keyword: dict[str, list[int]] = {}
        for it in items:
            tags = list(it.tags)
            if it.outcome.outcome in (store.DRAFTED, store.NEEDS_REVIEW) and it.outcome.draft_id:
                tags.insert(0, f"{self.prefix}/drafted")
            elif it.outcome.outcome == store.FAILED and self._final_failure(it):
                tags = [f"{self.prefix}/failed"]
            for tag in dict.fromkeys(tags):
                by_keyword.setdefault(tag, []).append(it.raw.uid)
        if not by_keyword:
            return
        refused = box.add_keywords_many(items[0].raw.folder, by_keyword)
        if refused:
            log.warning("%s: the server refused some tags: %s", self.account.name, "; ".join(refused))
            tagged = {uid for uids in by_keyword.values() for uid in uids}
            for it in items:
                if it.raw.uid in tagged and it.outcome.draft_id:
                    it.outcome.reason += f"; tagging failed: {refused[0]}"

    def _final_failure(self, item: Item) -> bool:
        row = self.store.get(item.key)
        # The row may say "drafting" by now (this attempt), but it still counts the attempts before it.
        return (row.attempts if row else 0) + 1 >= store.MAX_ATTEMPTS

    def _alert(self, item: Item) -> None:
        assert item.inbound is not None and item.verdict is not None
        outbound.alert_threat(self.account, self.store, item.inbound, item.verdict, item.fingerprint,
                              f"Mailbox: {item.raw.folder}, uid {item.raw.uid}")

    def _acknowledge(self, box: Mailbox, item: Item) -> None:
        assert item.inbound is not None and item.verdict is not None
        outbound.acknowledge(self.account, self.store, box, item.inbound, item.verdict.confident_labels)

    def _finish(self, item: Item) -> None:
        outcome, inbound = item.outcome, item.inbound
        oversized = item.raw.oversized and outcome.outcome == store.SKIPPED
        self.store.record(item.key, fingerprint=item.fingerprint, outcome=outcome.outcome,
                          reason=outcome.reason, labels=list(outcome.labels), scores=outcome.scores,
                          draft_id=outcome.draft_id,
                          message_id=inbound.message_id if inbound else None,
                          sender=inbound.sender if inbound else None,
                          subject=inbound.subject if inbound else None,
                          size=item.raw.size if oversized else None)
        level = logging.WARNING if outcome.outcome == store.FAILED else logging.INFO
        if outcome.outcome == store.FAILED and self._gave_up(item):
            outcome.reason += f" (gave up after {store.MAX_ATTEMPTS} attempts; tagged {self.prefix}/failed)"
        log.log(level, "%s: uid=%d outcome=%s labels=%s scores=%s reason=%s", self.account.name, outcome.uid,
                outcome.outcome, ",".join(outcome.labels) or "-",
                ",".join(f"{k}:{v:.2f}" for k, v in outcome.scores.items()) or "-", outcome.reason or "-")

    def _gave_up(self, item: Item) -> bool:
        row = self.store.get(item.key)
        return row is not None and row.outcome == store.FAILED and row.attempts >= store.MAX_ATTEMPTS
