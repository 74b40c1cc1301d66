"""SQLite state: cursors per folder, one outcome row per message, orders and acknowledgements; versioned
schema.

Rows are keyed by (account, folder, UIDVALIDITY, UID) and carry a fingerprint (the Message-ID, or a hash of
the bytes when there is none), so a UIDVALIDITY change or a second copy of the same mail never yields a second
draft.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from calmdraft.errors import StoreError

SCHEMA_VERSION = 5

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cursors (
    account TEXT NOT NULL, folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL, last_uid INTEGER NOT NULL,
    first_run TEXT NOT NULL, last_pass TEXT, PRIMARY KEY (account, folder));
CREATE TABLE IF NOT EXISTS messages (
    account TEXT NOT NULL, folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL, uid INTEGER NOT NULL,
    fingerprint TEXT NOT NULL, message_id TEXT, sender TEXT, subject TEXT, received_at TEXT,
    outcome TEXT NOT NULL, reason TEXT, labels TEXT NOT NULL DEFAULT '[]', scores TEXT NOT NULL DEFAULT '{}',
    draft_id TEXT, attempts INTEGER NOT NULL DEFAULT 0, next_attempt TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, answered_at TEXT, size INTEGER,
    reply TEXT, discarded_at TEXT,
    PRIMARY KEY (account, folder, uidvalidity, uid));
CREATE INDEX IF NOT EXISTS messages_fingerprint ON messages (account, fingerprint);
CREATE INDEX IF NOT EXISTS messages_updated ON messages (account, updated_at);
CREATE TABLE IF NOT EXISTS passes (
    account TEXT NOT NULL, started TEXT NOT NULL, finished TEXT, ok INTEGER NOT NULL DEFAULT 0, error TEXT,
    seen INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS orders (
    order_id TEXT PRIMARY KEY, marketplace TEXT, title TEXT, buyer TEXT, buyer_email TEXT, order_date TEXT,
    ship_by TEXT, ship_date TEXT, method TEXT, tracking TEXT, source TEXT, updated_at TEXT NOT NULL,
    price REAL, currency TEXT, item_kind TEXT);
CREATE TABLE IF NOT EXISTS acks (
    account TEXT NOT NULL, recipient TEXT NOT NULL, sent_at TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS acks_recipient ON acks (account, recipient, sent_at);
"""

# Outcomes a message can end in.
DRAFTING, DRAFTED, NEEDS_REVIEW, SKIPPED, FAILED = "drafting", "drafted", "needs_review", "skipped", "failed"
MAX_ATTEMPTS = 5
# Seconds to wait for another process's write lock on the database before giving up with a hint.
LOCK_TIMEOUT = 30.0


def now() -> datetime:
    return datetime.now(UTC)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _parse(value: str | None) -> datetime | None:
    """A stored timestamp (ISO 8601), or None for none or one that cannot be read."""
    try:
        when = datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when is not None and when.tzinfo is None else when


@dataclass(frozen=True)
class Cursor:
    uidvalidity: int
    last_uid: int
    first_run: datetime
    last_pass: datetime | None


@dataclass(frozen=True)
class Key:
    """Where a message lives on its server."""

    account: str
    folder: str
    uidvalidity: int
    uid: int


@dataclass(frozen=True)
class Row:
    key: Key
    fingerprint: str
    outcome: str
    reason: str | None
    labels: list[str]
    draft_id: str | None
    attempts: int
    next_attempt: datetime | None = None
    size: int | None = None

    @property
    def final(self) -> bool:
        """No later pass will take this message up again (a retry that is due or a draft in flight will)."""
        if self.outcome == DRAFTING:
            return False
        if self.outcome == FAILED:
            return self.attempts >= MAX_ATTEMPTS
        return True


@dataclass(frozen=True)
class Pending:
    """A drafted message not yet seen answered: what the reply check looks for."""

    uid: int
    message_id: str | None
    draft_id: str | None
    discarded: bool
    received: datetime | None


class Store:
    """The state database; every method is one short transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the state directory {path.parent}: {exc.strerror}",
                             hint="point state.path in the config at a directory you can write to") from None
        try:
            self.db = sqlite3.connect(str(path), timeout=LOCK_TIMEOUT, isolation_level=None,
                                      check_same_thread=False)
            self._setup()
            version = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if version is None:
                self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            elif int(version[0]) > SCHEMA_VERSION:
                raise StoreError(f"{path} was written by a newer calmdraft (schema {version[0]})",
                                 hint="upgrade calmdraft, or point state.path at a new file")
            elif int(version[0]) < SCHEMA_VERSION:
                self._migrate(int(version[0]))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open state database {path}: {exc}",
                             hint=_open_hint(exc, path)) from None


    def _migrate(self, version: int) -> None:
        """Bring an older database up to SCHEMA_VERSION, one step at a time, each in its own transaction."""
        with self._tx() as db:
            columns = {row[1] for row in db.execute("PRAGMA table_info(messages)")}
            if version < 2 and "answered_at" not in columns:
                db.execute("ALTER TABLE messages ADD COLUMN answered_at TEXT")
            if version < 3 and "size" not in columns:
                # The size of a message skipped as too large, so a raised max_message_bytes reaches it again.
                db.execute("ALTER TABLE messages ADD COLUMN size INTEGER")
            for column in ("reply", "discarded_at"):  # how an answer was seen; a draft deleted unsent
                if version < 5 and column not in columns:
                    db.execute(f"ALTER TABLE messages ADD COLUMN {column} TEXT")
            order_columns = {row[1] for row in db.execute("PRAGMA table_info(orders)")}
            for column, kind in (("price", "REAL"), ("currency", "TEXT"), ("item_kind", "TEXT")):
                if version < 4 and column not in order_columns:  # what a refund is, and what the order is
                    db.execute(f"ALTER TABLE orders ADD COLUMN {column} {kind}")
            db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),))

    def awaiting_reply(self, account: str, folder: str, uidvalidity: int, limit: int = 500) -> list[Pending]:
        """Messages drafted for (or needing review) that have not been seen answered yet, oldest first."""
        rows = self.query("SELECT uid, message_id, draft_id, discarded_at, coalesce(received_at, created_at) "
                          "FROM messages WHERE account=? AND folder=? AND uidvalidity=? AND "
                          "outcome IN (?, ?) AND answered_at IS NULL ORDER BY uid LIMIT ?",
                          (account, folder, uidvalidity, DRAFTED, NEEDS_REVIEW, limit))
        return [Pending(r[0], r[1], r[2], r[3] is not None, _parse(r[4])) for r in rows]

    def mark_answered(self, account: str, folder: str, uidvalidity: int,
                      answers: Mapping[int, tuple[str, datetime | None]]) -> None:
        """Record how each message was answered ("sent": a reply in Sent, "answered": the \\Answered flag,
        "gone": moved or deleted by the shop) and when (the reply's date where known, else now)."""
        with self._tx() as db:
            db.executemany("UPDATE messages SET answered_at=?, reply=?, discarded_at=NULL "
                           "WHERE account=? AND folder=? AND uidvalidity=? AND uid=?",
                           [(_iso(when or now()), how, account, folder, uidvalidity, uid)
                            for uid, (how, when) in answers.items()])

    def mark_discarded(self, account: str, folder: str, uidvalidity: int, uids: Sequence[int]) -> None:
        """The draft left Drafts with no reply in Sent: the customer is still waiting (and still checked)."""
        with self._tx() as db:
            db.executemany("UPDATE messages SET discarded_at=? WHERE account=? AND folder=? "
                           "AND uidvalidity=? AND uid=? AND discarded_at IS NULL",
                           [(_iso(now()), account, folder, uidvalidity, u) for u in uids])

    def _setup(self) -> None:
        # Switching to WAL needs a moment of exclusive access and does not wait for it: two processes
        # opening a new database together (a daemon and `once`) retry briefly instead of failing.
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.executescript(_SCHEMA)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        # One connection is shared by the account threads of the daemon: a lock keeps transactions whole.
        with self.lock:
            try:
                self.db.execute("BEGIN IMMEDIATE")
                yield self.db
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise StoreError(f"state database error: {exc}") from exc
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    def schema_version(self) -> int:
        return int(self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])

    # -- cursors ---------------------------------------------------------------------------------------------
    def cursor(self, account: str, folder: str) -> Cursor | None:
        rows = self.query("SELECT uidvalidity, last_uid, first_run, last_pass FROM cursors "
                          "WHERE account=? AND folder=?", (account, folder))
        row = rows[0] if rows else None
        if row is None:
            return None
        return Cursor(row[0], row[1], datetime.fromisoformat(row[2]),
                      datetime.fromisoformat(row[3]) if row[3] else None)

    def set_cursor(self, account: str, folder: str, uidvalidity: int, last_uid: int) -> None:
        with self._tx() as db:
            db.execute("INSERT INTO cursors (account, folder, uidvalidity, last_uid, first_run, last_pass) "
                       "VALUES (?,?,?,?,?,?) ON CONFLICT(account, folder) DO UPDATE SET "
                       "uidvalidity=excluded.uidvalidity, last_uid=excluded.last_uid, "
                       "last_pass=excluded.last_pass",
                       (account, folder, uidvalidity, last_uid, _iso(now()), _iso(now())))

    # -- messages --------------------------------------------------------------------------------------------
    def get(self, key: Key) -> Row | None:
        rows = self.query("SELECT fingerprint, outcome, reason, labels, draft_id, attempts, next_attempt, "
                          "size FROM messages WHERE account=? AND folder=? AND uidvalidity=? AND uid=?",
                          (key.account, key.folder, key.uidvalidity, key.uid))
        row = rows[0] if rows else None
        if row is None:
            return None
        return Row(key, row[0], row[1], row[2], json.loads(row[3]), row[4], row[5],
                   datetime.fromisoformat(row[6]) if row[6] else None, row[7])

    def by_legacy_id(self, account: str, message_id: str, sender: str, subject: str) -> Row | None:
        """A row from before fingerprints covered the whole message (schema 2 keyed them by Message-ID alone),
        matched on Message-ID, sender and subject together."""
        rows = self.query("SELECT folder, uidvalidity, uid, fingerprint, outcome, reason, labels, draft_id, "
                          "attempts FROM messages WHERE account=? AND fingerprint=? AND sender=? "
                          "AND subject=? LIMIT 1", (account, f"mid:{message_id}", sender, subject))
        if not rows:
            return None
        row = rows[0]
        return Row(Key(account, row[0], row[1], row[2]), row[3], row[4], row[5], json.loads(row[6]), row[7],
                   row[8])

    def by_fingerprint(self, account: str, fingerprint: str) -> Row | None:
        rows = self.query("SELECT folder, uidvalidity, uid, fingerprint, outcome, reason, labels, draft_id, "
                          "attempts FROM messages WHERE account=? AND fingerprint=? "
                          "ORDER BY outcome IN ('drafted','needs_review','drafting') DESC LIMIT 1",
                          (account, fingerprint))
        row = rows[0] if rows else None
        if row is None:
            return None
        return Row(Key(account, row[0], row[1], row[2]), row[3], row[4], row[5], json.loads(row[6]), row[7],
                   row[8])

    def record(self, key: Key, *, fingerprint: str, outcome: str, reason: str | None = None,
               labels: list[str] | None = None, scores: dict[str, float] | None = None,
               draft_id: str | None = None, message_id: str | None = None, sender: str | None = None,
               subject: str | None = None, received_at: datetime | None = None,
               size: int | None = None, retry_after: timedelta | None = None) -> None:
        """Insert or update the outcome row of one message; a failure is retried after ``retry_after``
        (default: a backoff doubling from two minutes with every attempt)."""
        stamp = _iso(now())
        attempts_sql = "messages.attempts + 1" if outcome == FAILED else "messages.attempts"
        retry_at = None
        if outcome == FAILED:
            prev = self.get(key)
            n = (prev.attempts if prev else 0) + 1
            retry_at = _iso(now() + (retry_after if retry_after is not None
                                     else timedelta(minutes=2 ** min(n, 8))))
        with self._tx() as db:
            db.execute(
                "INSERT INTO messages (account, folder, uidvalidity, uid, fingerprint, message_id, sender, "
                "subject, received_at, outcome, reason, labels, scores, draft_id, attempts, next_attempt, "
                "created_at, updated_at, size) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(account, folder, uidvalidity, uid) DO UPDATE SET outcome=excluded.outcome, "
                "reason=excluded.reason, labels=excluded.labels, scores=excluded.scores, "
                f"draft_id=COALESCE(excluded.draft_id, messages.draft_id), attempts={attempts_sql}, "
                "next_attempt=excluded.next_attempt, updated_at=excluded.updated_at, "
                "fingerprint=CASE WHEN excluded.outcome='failed' THEN messages.fingerprint "
                "ELSE excluded.fingerprint END, "
                "sender=COALESCE(excluded.sender, messages.sender), subject=COALESCE(excluded.subject, "
                "messages.subject), message_id=COALESCE(excluded.message_id, messages.message_id), "
                "size=excluded.size",
                (key.account, key.folder, key.uidvalidity, key.uid, fingerprint, message_id, sender, subject,
                 _iso(received_at) if received_at else None, outcome, reason, json.dumps(labels or []),
                 json.dumps(scores or {}), draft_id, 1 if outcome == FAILED else 0, retry_at, stamp, stamp,
                 size))

    def due_retries(self, account: str, folder: str, uidvalidity: int,
                    max_bytes: int | None = None) -> list[int]:
        """Messages to take up again: failures whose backoff has passed, drafts in flight, and messages
        skipped as too large that the current ``max_bytes`` now admits."""
        rows = self.query("SELECT uid FROM messages WHERE account=? AND folder=? AND uidvalidity=? AND "
                          "((outcome=? AND attempts<? AND next_attempt<=?) OR outcome=? OR "
                          "(outcome=? AND size IS NOT NULL AND size<=?)) ORDER BY uid",
                          (account, folder, uidvalidity, FAILED, MAX_ATTEMPTS, _iso(now()), DRAFTING, SKIPPED,
                           max_bytes if max_bytes is not None else -1))
        return [r[0] for r in rows]

    # -- passes ----------------------------------------------------------------------------------------------
    def pass_started(self, account: str) -> int:
        with self._tx() as db:
            cur = db.execute("INSERT INTO passes (account, started) VALUES (?, ?)", (account, _iso(now())))
            return int(cur.lastrowid or 0)

    def pass_finished(self, account: str, pass_id: int, ok: bool, seen: int,
                      error: str | None = None) -> None:
        with self._tx() as db:
            db.execute("UPDATE passes SET finished=?, ok=?, seen=?, error=? WHERE rowid=?",
                       (_iso(now()), int(ok), seen, error, pass_id))
            # Keep the pass log bounded: a daemon polling every minute writes half a million rows a year.
            db.execute("DELETE FROM passes WHERE account=? AND rowid NOT IN (SELECT rowid FROM passes WHERE "
                       "account=? ORDER BY rowid DESC LIMIT 2000)", (account, account))

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query (status reports)."""
        with self.lock:
            return list(self.db.execute(sql, params))

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        with self._tx() as db:
            db.execute(sql, params)


def _open_hint(exc: sqlite3.Error, path: Path) -> str:
    """What the user can do about a state database that does not open."""
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text or "disk image" in text:
        return (f"{path} is damaged or not a calmdraft state file: move it aside and calmdraft starts a new "
                f"one (messages already drafted are tagged on the server and in Drafts, so none is drafted "
                f"twice)")
    if "locked" in text or "busy" in text:
        return ("another process has held the state database for 30 s: is a second calmdraft (or a backup "
                "tool) using it? Stop it, or give this one its own state.path")
    if "readonly" in text or "unable to open" in text or "permission" in text:
        return f"calmdraft cannot write {path}: check its permissions and those of its directory"
    return "check state.path in the config and that its directory is writable"
