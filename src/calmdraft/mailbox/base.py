"""The Mailbox contract every backend (IMAP, Maildir) fulfils, and the plain data it hands out.

The contract is deliberately narrow: read without side effects, add keywords to an original, append to Drafts
(or another folder).  Nothing here can mark a message read, move it or delete it, so no caller can either.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType

from calmdraft.errors import MailboxProtocolError

MSGID = re.compile(rb"<[^<>\s]+>")


def replies_in(head: bytes, wanted: Iterable[str], found: dict[str, datetime | None]) -> None:
    """Note in ``found`` which ``wanted`` Message-IDs the header block ``head`` answers, keeping the earliest
    reply's date for each."""
    fields = email.message_from_bytes(head, policy=email.policy.compat32)
    refs = set(MSGID.findall(" ".join(str(fields.get(h, "")) for h in ("In-Reply-To", "References"))
                             .encode("ascii", "replace")))
    if not refs:
        return
    try:
        when = email.utils.parsedate_to_datetime(str(fields.get("Date", "")))
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
    except (TypeError, ValueError, IndexError):
        when = None
    for mid in wanted:
        if mid.encode("ascii", "replace") in refs:
            old = found.get(mid)
            found[mid] = when if mid not in found or (when and old and when < old) else old

DRAFT = "\\Draft"
SEEN = "\\Seen"
ANSWERED = "\\Answered"
FLAGGED = "\\Flagged"


@dataclass(frozen=True)
class FolderStatus:
    """What a cheap status query says about a folder."""

    uidvalidity: int
    uidnext: int
    exists: int


@dataclass(frozen=True)
class RawMessage:
    """One message as fetched, untouched.  ``data`` is empty when the message was too large to fetch."""

    folder: str
    uidvalidity: int
    uid: int
    flags: frozenset[str]
    size: int
    internaldate: datetime | None
    data: bytes

    @property
    def oversized(self) -> bool:
        return not self.data and self.size > 0


class Mailbox(ABC):
    """A mail store calmdraft can watch; used as a context manager that connects and disconnects."""

    name: str = "mailbox"

    def __enter__(self) -> Mailbox:
        self.connect()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @abstractmethod
    def connect(self) -> None:
        """Open the store (log in, find folders); raise a MailboxError subclass on failure."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection; never raises."""

    @abstractmethod
    def status(self, folder: str) -> FolderStatus:
        """UIDVALIDITY and UIDNEXT of ``folder`` at O(1) cost."""

    @abstractmethod
    def uids_after(self, folder: str, uid: int) -> list[int]:
        """UIDs greater than ``uid`` in ascending order."""

    @abstractmethod
    def uids_arrived_since(self, folder: str, since: datetime) -> list[int]:
        """UIDs of messages that arrived (INTERNALDATE / delivery time) on or after ``since``."""

    @abstractmethod
    def uids_dated_since(self, folder: str, since: datetime) -> list[int]:
        """UIDs of messages whose Date header is on or after ``since`` (for backfills)."""

    @abstractmethod
    def fetch(self, folder: str, uids: Sequence[int], max_bytes: int) -> Iterator[RawMessage]:
        """Yield messages without setting \\Seen; bodies above ``max_bytes`` are not downloaded."""

    @abstractmethod
    def flags(self, folder: str, uid: int) -> frozenset[str] | None:
        """Current flags of one message, or None when it no longer exists."""

    def flags_many(self, folder: str, uids: Sequence[int]) -> dict[int, frozenset[str]]:
        """Flags of several messages at once (missing UIDs are left out)."""
        out = {}
        for uid in uids:
            found = self.flags(folder, uid)
            if found is not None:
                out[uid] = found
        return out

    @abstractmethod
    def add_keywords(self, folder: str, uid: int, keywords: Iterable[str]) -> None:
        """Add flags/keywords to one message; the only change calmdraft ever makes to an original."""

    def add_keywords_many(self, folder: str, uids_by_keyword: Mapping[str, Sequence[int]]) -> list[str]:
        """Add each keyword to its messages (one command per keyword where the backend can); return what the
        server refused, one line per keyword, while a lost connection still raises."""
        refused = []
        for keyword, uids in uids_by_keyword.items():
            for uid in uids:
                try:
                    self.add_keywords(folder, uid, [keyword])
                except MailboxProtocolError as exc:
                    refused.append(f"{keyword} on {uid}: {exc.message}")
        return refused

    @abstractmethod
    def append(self, folder: str, data: bytes, flags: Iterable[str]) -> None:
        """Append a message to ``folder`` (Drafts, Sent)."""

    @abstractmethod
    def drafts_folder(self) -> str:
        """The name of the Drafts folder found (special-use, then common names, then config)."""

    @abstractmethod
    def sent_folder(self) -> str | None:
        """The name of the Sent folder, when there is one."""

    @abstractmethod
    def find_message_ids(self, folder: str, tokens: Sequence[str]) -> set[str]:
        """Which of ``tokens`` occur in the Message-ID of a message in ``folder`` (one search for them all):
        the mailbox's own answer to "is this draft already there?", whatever the state store says."""

    @abstractmethod
    def find_replies(self, folder: str, message_ids: Sequence[str],
                     since: datetime | None = None) -> dict[str, datetime | None]:
        """Which of ``message_ids`` a message in ``folder`` (Sent) answers, by its In-Reply-To or References,
        with the earliest such reply's date (None where it has no readable Date); ``since`` narrows the
        search to mail dated from that day on."""

    def append_draft(self, data: bytes, keywords: Iterable[str] = ()) -> None:
        """Append a reply draft to Drafts with \\Draft \\Seen and the reviewer's keywords, so clients list
        it as an unsent draft."""
        self.append(self.drafts_folder(), data, (DRAFT, SEEN, *keywords))

    def supports_idle(self) -> bool:
        return False
