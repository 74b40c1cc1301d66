"""A Maildir++ mailbox (the layout Dovecot, mbsync and offlineimap use) with stable UIDs and keywords.

UIDs live in ``calmdraft-uidlist`` beside each folder's cur/new/tmp; keywords use Dovecot's
``dovecot-keywords`` letter mapping so Dovecot and calmdraft agree on them.  A message in ``new/`` stays there
until a keyword is added, which (as in every Maildir client) renames it into ``cur/`` without the S (seen)
flag.
"""

from __future__ import annotations

import email.utils
import os
import socket
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from calmdraft.errors import MailboxProtocolError, MailboxUnavailable
from calmdraft.mailbox.base import FolderStatus, Mailbox, RawMessage, replies_in

_FLAG_LETTERS = {"\\Draft": "D", "\\Flagged": "F", "\\Answered": "R", "\\Seen": "S", "\\Deleted": "T"}
_LETTER_FLAGS = {v: k for k, v in _FLAG_LETTERS.items()}
UIDLIST = "calmdraft-uidlist"
KEYWORDS = "dovecot-keywords"
_counter = 0


def _basename(filename: str) -> str:
    return filename.split(":2,", 1)[0].split("!2,", 1)[0]


class _Folder:
    """One Maildir folder: files, UIDs and keyword letters."""

    def __init__(self, path: Path) -> None:
        self.path = path
        for sub in ("cur", "new", "tmp"):
            (path / sub).mkdir(parents=True, exist_ok=True)
        self.uidvalidity, self.nextuid, self.uids = self._load_uidlist()

    def _load_uidlist(self) -> tuple[int, int, dict[str, int]]:
        file = self.path / UIDLIST
        if not file.exists():
            return int(time.time()), 1, {}
        lines = file.read_text(encoding="utf-8").splitlines()
        try:
            _, validity, nextuid = lines[0].split()
            uids = {name: int(uid) for uid, name in (ln.split(" ", 1) for ln in lines[1:] if ln)}
        except (ValueError, IndexError) as exc:
            raise MailboxProtocolError(f"corrupt {file}: delete it to renumber (drafts are not repeated, "
                                       f"calmdraft matches messages by Message-ID)") from exc
        return int(validity), int(nextuid), uids

    def _save_uidlist(self) -> None:
        tmp = self.path / f".{UIDLIST}.tmp"
        body = [f"1 {self.uidvalidity} {self.nextuid}"] + [f"{u} {n}" for n, u in
                                                          sorted(self.uids.items(), key=lambda kv: kv[1])]
        tmp.write_text("\n".join(body) + "\n", encoding="utf-8")
        os.replace(tmp, self.path / UIDLIST)

    def files(self) -> dict[str, Path]:
        """Map basename -> current path for every message, assigning UIDs to new arrivals."""
        found: dict[str, Path] = {}
        for sub in ("new", "cur"):
            for entry in os.scandir(self.path / sub):
                if entry.is_file() and not entry.name.startswith("."):
                    found[_basename(entry.name)] = Path(entry.path)
        fresh = [b for b in found if b not in self.uids]
        if fresh:
            fresh.sort(key=lambda b: (found[b].stat().st_mtime_ns, b))
            for b in fresh:
                self.uids[b] = self.nextuid
                self.nextuid += 1
            self._save_uidlist()
        elif not (self.path / UIDLIST).exists():
            self._save_uidlist()
        return found

    def by_uid(self) -> dict[int, Path]:
        files = self.files()
        return {self.uids[b]: p for b, p in files.items()}

    def keyword_names(self) -> list[str]:
        file = self.path / KEYWORDS
        if not file.exists():
            return []
        names: dict[int, str] = {}
        for line in file.read_text(encoding="utf-8").splitlines():
            idx, _, name = line.partition(" ")
            if idx.isdigit() and name:
                names[int(idx)] = name
        return [names[i] for i in sorted(names)]

    def keyword_letter(self, keyword: str) -> str:
        names = self.keyword_names()
        if keyword not in names:
            if len(names) >= 26:
                raise MailboxProtocolError(f"{self.path}: Maildir holds at most 26 keywords")
            names.append(keyword)
            (self.path / KEYWORDS).write_text("".join(f"{i} {n}\n" for i, n in enumerate(names)),
                                              encoding="utf-8")
        return chr(ord("a") + names.index(keyword))

    def flags_of(self, path: Path) -> frozenset[str]:
        info = path.name.split(":2,", 1)[1] if ":2," in path.name else ""
        names = self.keyword_names()
        out = set()
        for ch in info:
            if ch in _LETTER_FLAGS:
                out.add(_LETTER_FLAGS[ch])
            elif "a" <= ch <= "z" and ord(ch) - ord("a") < len(names):
                out.add(names[ord(ch) - ord("a")])
        if path.parent.name == "new":
            out.add("\\Recent")
        return frozenset(out)

    def write(self, data: bytes, flags: Iterable[str]) -> Path:
        global _counter
        _counter += 1
        name = f"{time.time_ns()}.P{os.getpid()}Q{_counter}.{socket.gethostname().replace('/', '_')}"
        tmp = self.path / "tmp" / name
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        letters = self._letters(flags)
        dest = self.path / "cur" / f"{name}:2,{letters}" if letters else self.path / "new" / name
        os.link(tmp, dest)
        os.unlink(tmp)
        return dest

    def _letters(self, flags: Iterable[str]) -> str:
        letters = set()
        for flag in flags:
            if flag in _FLAG_LETTERS:
                letters.add(_FLAG_LETTERS[flag])
            elif not flag.startswith("\\"):
                letters.add(self.keyword_letter(flag))
        return "".join(sorted(letters, key=lambda c: (c.islower(), c)))

    def add_flags(self, path: Path, flags: Iterable[str]) -> None:
        """Add flags to a message, keeping every letter already there (P, T, keywords unknown to us)."""
        existing = path.name.split(":2,", 1)[1] if ":2," in path.name else ""
        letters = set(existing) | set(self._letters(f for f in flags if f != "\\Recent"))
        ordered = "".join(sorted(letters, key=lambda c: (c.islower(), c)))
        dest = self.path / "cur" / f"{_basename(path.name)}:2,{ordered}"
        if dest != path:
            os.rename(path, dest)


class MaildirMailbox(Mailbox):
    """A local Maildir++ tree: ``root`` is INBOX, ``root/.Name`` are the other folders."""

    def __init__(self, root: Path, name: str = "maildir") -> None:
        self.root = root
        self.name = name
        self._folders: dict[str, _Folder] = {}

    def connect(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._folder("INBOX")
        except OSError as exc:
            raise MailboxUnavailable(f"cannot open Maildir {self.root}: {exc.strerror}") from exc

    def close(self) -> None:
        self._folders.clear()

    def _folder(self, folder: str) -> _Folder:
        if folder not in self._folders:
            path = self.root if folder.upper() == "INBOX" else self.root / ("." + folder.replace("/", "."))
            self._folders[folder] = _Folder(path)
        return self._folders[folder]

    def status(self, folder: str) -> FolderStatus:
        f = self._folder(folder)
        files = f.files()
        return FolderStatus(f.uidvalidity, f.nextuid, len(files))

    def uids_after(self, folder: str, uid: int) -> list[int]:
        return sorted(u for u in self._folder(folder).by_uid() if u > uid)

    def uids_arrived_since(self, folder: str, since: datetime) -> list[int]:
        cutoff = since.timestamp()
        return sorted(u for u, p in self._folder(folder).by_uid().items() if p.stat().st_mtime >= cutoff)

    def uids_dated_since(self, folder: str, since: datetime) -> list[int]:
        out = []
        for uid, path in self._folder(folder).by_uid().items():
            date = _date_header(path)
            if date is None or date >= since:
                out.append(uid)
        return sorted(out)

    def fetch(self, folder: str, uids: Sequence[int], max_bytes: int) -> Iterator[RawMessage]:
        f = self._folder(folder)
        paths = f.by_uid()
        for uid in uids:
            path = paths.get(uid)
            if path is None:
                continue
            try:
                stat = path.stat()
                data = path.read_bytes() if stat.st_size <= max_bytes else b""
            except FileNotFoundError:
                # The user's client renamed it (new -> cur) between listing and reading: look again.
                path = f.by_uid().get(uid)
                if path is None:
                    continue
                stat = path.stat()
                data = path.read_bytes() if stat.st_size <= max_bytes else b""
            yield RawMessage(folder=folder, uidvalidity=f.uidvalidity, uid=uid, flags=f.flags_of(path),
                             size=stat.st_size, internaldate=datetime.fromtimestamp(stat.st_mtime, UTC),
                             data=data)

    def flags(self, folder: str, uid: int) -> frozenset[str] | None:
        f = self._folder(folder)
        path = f.by_uid().get(uid)
        return f.flags_of(path) if path else None

    def add_keywords(self, folder: str, uid: int, keywords: Iterable[str]) -> None:
        f = self._folder(folder)
        path = f.by_uid().get(uid)
        if path is None:
            raise MailboxProtocolError(f"message {uid} is no longer in {folder}")
        f.add_flags(path, keywords)

    def add_keywords_many(self, folder: str, uids_by_keyword: Mapping[str, Sequence[int]]) -> list[str]:
        f = self._folder(folder)
        paths = f.by_uid()
        per_uid: dict[int, list[str]] = {}
        for keyword, uids in uids_by_keyword.items():
            for uid in uids:
                per_uid.setdefault(uid, []).append(keyword)
        refused = []
        for uid, keywords in per_uid.items():
            path = paths.get(uid)
            if path is None:
                refused.append(f"message {uid} is no longer in {folder}")
                continue
            try:
                f.add_flags(path, keywords)
            except MailboxProtocolError as exc:
                refused.append(f"{', '.join(keywords)} on {uid}: {exc.message}")
        return refused

    def append(self, folder: str, data: bytes, flags: Iterable[str]) -> None:
        self._folder(folder).write(data, flags)

    def drafts_folder(self) -> str:
        return "Drafts"

    def sent_folder(self) -> str | None:
        return "Sent"

    def find_message_ids(self, folder: str, tokens: Sequence[str]) -> set[str]:
        wanted = {t.encode(): t for t in tokens}
        found: set[str] = set()
        if not wanted:
            return found
        for path in self._folder(folder).by_uid().values():
            with open(path, "rb") as fh:
                head = fh.read(65536).replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
            for line in head.split(b"\n"):
                if line[:11].lower() == b"message-id:":
                    found |= {t for b, t in wanted.items() if b in line}
        return found

    def find_replies(self, folder: str, message_ids: Sequence[str],
                     since: datetime | None = None) -> dict[str, datetime | None]:
        found: dict[str, datetime | None] = {}
        wanted = [m for m in message_ids if m]
        if not wanted or not (self.root / f".{folder}").is_dir():
            return found
        for path in self._folder(folder).by_uid().values():
            with open(path, "rb") as fh:
                head = fh.read(65536).replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
            replies_in(head, wanted, found)
        return found

    def message_path(self, folder: str, uid: int) -> Path | None:
        return self._folder(folder).by_uid().get(uid)


def _date_header(path: Path) -> datetime | None:
    with open(path, "rb") as fh:
        head = fh.read(65536)
    for line in head.split(b"\n"):
        if not line.strip():
            break
        if line.lower().startswith(b"date:"):
            try:
                value = email.utils.parsedate_to_datetime(line[5:].decode("ascii", "replace").strip())
            except (TypeError, ValueError):
                return None
            return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None
