"""The IMAP mailbox over imapclient: verified TLS, BODY.PEEK fetches, keyword tags, Drafts by SPECIAL-USE.

Every imapclient, imaplib, ssl and socket exception is translated into calmdraft's own errors here, so nothing
above this module knows which library speaks IMAP.
"""

from __future__ import annotations

import imaplib
import logging
import re
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from imapclient import IMAPClient
from imapclient import exceptions as imap_exc
from imapclient.imapclient import DRAFTS, SENT

from calmdraft.config import ImapSettings
from calmdraft.errors import (
    AuthenticationFailed,
    MailboxError,
    MailboxProtocolError,
    MailboxUnavailable,
    TLSFailure,
)
from calmdraft.mailbox.base import MSGID, FolderStatus, Mailbox, RawMessage, replies_in

log = logging.getLogger(__name__)

DRAFT_NAMES = ("Drafts", "INBOX.Drafts", "INBOX/Drafts", "[Gmail]/Drafts", "[Google Mail]/Drafts", "Draft",
               "Entwürfe", "Brouillons", "Borradores", "Bozze", "Concepten", "Rascunhos", "Kladder", "Utkast")
SENT_NAMES = ("Sent", "INBOX.Sent", "INBOX/Sent", "[Gmail]/Sent Mail", "Sent Items", "Sent Messages",
              "Gesendet", "Envoyés", "Enviados", "Posta inviata", "Verzonden")
FETCH_BATCH = 200
# RFC 5530 response codes that say "try again later" rather than "the credentials are wrong".
TRANSIENT_CODES = frozenset({"UNAVAILABLE", "SERVERBUG", "INUSE", "LIMIT"})
# Message-IDs looked for in one SEARCH (nested ORs); 100 keep the command line well under 64 KiB.
SEARCH_BATCH = 100
REPLY_FIELDS = "BODY.PEEK[HEADER.FIELDS (IN-REPLY-TO REFERENCES DATE)]"


@contextmanager
def translate(what: str) -> Iterator[None]:
    """Turn library exceptions into calmdraft's MailboxError tree (``what`` says what was being done)."""
    try:
        yield
    except MailboxError:
        raise
    except imap_exc.LoginError as exc:
        code = _response_code(str(exc))
        if code in TRANSIENT_CODES:
            # RFC 5530: UNAVAILABLE and friends mean "not now", not "wrong password".
            raise MailboxUnavailable(f"{what}: the server cannot log anyone in just now ([{code}])",
                                     hint="nothing to change: calmdraft tries again shortly") from exc
        raise AuthenticationFailed(f"{what}: the server refused the login" + (f" ([{code}])" if code else ""),
                                   hint="check username and password_env/password_command; Gmail and "
                                        "Microsoft 365 need an app password or oauth2_token_command") from exc
    except (ssl.SSLCertVerificationError, ssl.CertificateError) as exc:
        raise TLSFailure(f"{what}: the server's certificate did not verify ({exc})",
                         hint="for a self-signed server, point imap.ca_file at its certificate") from exc
    except ssl.SSLError as exc:
        raise TLSFailure(
            f"{what}: TLS failed ({exc.reason or exc})",
            hint="check imap.port and imap.security (993 is \"tls\", 143 is \"starttls\")") from exc
    except TimeoutError as exc:
        raise MailboxUnavailable(f"{what}: the server did not answer in time") from exc
    except (ConnectionRefusedError, socket.gaierror) as exc:
        raise MailboxUnavailable(f"{what}: cannot reach the server ({exc.strerror or exc})",
                                 hint="check imap.host and imap.port, and that the server is up") from exc
    except (imap_exc.IMAPClientAbortError, imaplib.IMAP4.abort, ConnectionError, EOFError) as exc:
        raise MailboxUnavailable(f"{what}: the connection was lost ({exc})") from exc
    except OSError as exc:
        raise MailboxUnavailable(f"{what}: cannot reach the server ({exc.strerror or exc})",
                                 hint="check imap.host and imap.port, and that the server is up") from exc
    except (imap_exc.IMAPClientError, imaplib.IMAP4.error) as exc:
        raise MailboxProtocolError(f"{what}: the server said {exc}") from exc


class ImapMailbox(Mailbox):
    """An IMAP account; one connection, reused across a pass."""

    def __init__(self, settings: ImapSettings, name: str = "imap",
                 token_source: Callable[[], str] | None = None) -> None:
        self.settings = settings
        self.name = name
        self._client: Any = None
        self._selected: str | None = None
        self._drafts: str | None = None
        self._sent: str | None = None
        self._token_source = token_source

    # -- connection ------------------------------------------------------------------------------------------
    def _ssl_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context(cafile=self.settings.ca_file)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        return ctx

    def connect(self) -> None:
        s = self.settings
        where = f"{s.host}:{s.port}"
        with translate(f"connecting to {where}"):
            self._client = IMAPClient(s.host, port=s.port, ssl=s.security == "tls",
                                      ssl_context=self._ssl_context() if s.security == "tls" else None,
                                      timeout=s.timeout)
            if s.security == "starttls":
                self._client.starttls(self._ssl_context())
        with translate(f"logging in to {where} as {s.username}"):
            if s.oauth2_token is not None:
                token = self._token_source() if self._token_source else s.oauth2_token.reveal()
                self._client.oauth2_login(s.username, token)
            elif s.password is not None:
                self._login(s.username, s.password.reveal())
        self._selected = None

    def _login(self, username: str, password: str) -> None:
        """LOGIN, or AUTHENTICATE PLAIN (UTF-8, RFC 4616) for credentials LOGIN cannot carry."""
        if username.isascii() and password.isascii():
            self._client.login(username, password)
        elif self._client.has_capability("AUTH=PLAIN"):
            self._client.plain_login(username, password)
        else:
            raise AuthenticationFailed(
                f"{self.settings.host}: the username or password has non-ASCII characters, which IMAP LOGIN "
                f"cannot send, and the server offers no AUTHENTICATE PLAIN",
                hint="use an ASCII password (an app password), or ask the provider about AUTH=PLAIN")

    def close(self) -> None:
        client, self._client = self._client, None
        self._selected = None
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # noqa: BLE001 - a dead connection cannot log out; shut the socket
            try:
                client.shutdown()
            except Exception:  # noqa: BLE001
                log.debug("IMAP shutdown failed", exc_info=True)

    @property
    def client(self) -> Any:
        if self._client is None:
            raise MailboxUnavailable("not connected")
        return self._client

    def _select(self, folder: str) -> dict[bytes, Any]:
        if self._selected == folder:
            return {}
        with translate(f"selecting {folder}"):
            info: dict[bytes, Any] = self.client.select_folder(folder)
        self._selected = folder
        return info

    # -- reading ---------------------------------------------------------------------------------------------
    def status(self, folder: str) -> FolderStatus:
        with translate(f"STATUS {folder}"):
            st = self.client.folder_status(folder, [b"UIDVALIDITY", b"UIDNEXT", b"MESSAGES"])
        return FolderStatus(int(st[b"UIDVALIDITY"]), int(st[b"UIDNEXT"]), int(st[b"MESSAGES"]))

    def uids_after(self, folder: str, uid: int) -> list[int]:
        self._select(folder)
        with translate(f"searching {folder}"):
            found = self.client.search(["UID", f"{uid + 1}:*"])
        # "n:*" always matches the highest UID, even when it is below n (RFC 3501 6.4.8).
        return sorted(u for u in found if u > uid)

    def uids_arrived_since(self, folder: str, since: datetime) -> list[int]:
        self._select(folder)
        with translate(f"searching {folder}"):
            candidates = self.client.search(["SINCE", since.date()])
            if not candidates:
                return []
            dates = self.client.fetch(candidates, ["INTERNALDATE"])
        out = []
        for uid, data in dates.items():
            when = data.get(b"INTERNALDATE")
            if when is None or _aware(when) >= since:
                out.append(uid)
        return sorted(out)

    def uids_dated_since(self, folder: str, since: datetime) -> list[int]:
        self._select(folder)
        with translate(f"searching {folder}"):
            return sorted(self.client.search(["SENTSINCE", since.date()]))

    def fetch(self, folder: str, uids: Sequence[int], max_bytes: int) -> Iterator[RawMessage]:
        info = self._select(folder)
        validity = int(info.get(b"UIDVALIDITY", 0)) or self.status(folder).uidvalidity
        for start in range(0, len(uids), FETCH_BATCH):
            batch = list(uids[start:start + FETCH_BATCH])
            with translate(f"fetching from {folder}"):
                meta = self.client.fetch(batch, ["RFC822.SIZE", "FLAGS", "INTERNALDATE"])
                small = [u for u in batch if u in meta and int(meta[u].get(b"RFC822.SIZE", 0)) <= max_bytes]
                bodies = self.client.fetch(small, ["BODY.PEEK[]"]) if small else {}
            for uid in batch:
                if uid not in meta:
                    continue  # expunged by the user meanwhile
                m = meta[uid]
                flags = frozenset(_text(f) for f in m.get(b"FLAGS", ()))
                body = bodies.get(uid, {}).get(b"BODY[]", b"") if uid in small else b""
                when = m.get(b"INTERNALDATE")
                yield RawMessage(folder=folder, uidvalidity=validity, uid=uid, flags=flags,
                                 size=int(m.get(b"RFC822.SIZE", 0)),
                                 internaldate=_aware(when) if when else None, data=bytes(body))

    def flags(self, folder: str, uid: int) -> frozenset[str] | None:
        self._select(folder)
        with translate(f"reading flags in {folder}"):
            got = self.client.get_flags([uid])
        return frozenset(_text(f) for f in got[uid]) if uid in got else None

    def flags_many(self, folder: str, uids: Sequence[int]) -> dict[int, frozenset[str]]:
        if not uids:
            return {}
        self._select(folder)
        with translate(f"reading flags in {folder}"):
            got = self.client.get_flags(list(uids))
        return {uid: frozenset(_text(f) for f in flags) for uid, flags in got.items()}

    # -- writing ---------------------------------------------------------------------------------------------
    def add_keywords(self, folder: str, uid: int, keywords: Iterable[str]) -> None:
        self._select(folder)
        kws = [k for k in keywords if k]
        if kws:
            with translate(f"tagging message {uid} in {folder}"):
                self.client.add_flags([uid], kws, silent=True)

    def append(self, folder: str, data: bytes, flags: Iterable[str]) -> None:
        with translate(f"appending to {folder}"):
            self.client.append(folder, data, flags=tuple(flags))

    def drafts_folder(self) -> str:
        if self._drafts is None:
            self._drafts = self._special(DRAFTS, DRAFT_NAMES, self.settings.drafts_folder, create=True)
        assert self._drafts is not None
        return self._drafts

    def sent_folder(self) -> str | None:
        if self._sent is None:
            self._sent = self._special(SENT, SENT_NAMES, None, create=False)
        return self._sent

    def _special(self, flag: bytes, names: Sequence[str], configured: str | None, create: bool) -> str | None:
        if configured:
            return configured
        with translate("listing folders"):
            found = self.client.find_special_folder(flag)
            if found:
                return str(found)
            existing = {str(name).lower(): str(name) for _, _, name in self.client.list_folders()}
            for name in names:
                if name.lower() in existing:
                    return existing[name.lower()]
            if not create:
                return None
            self.client.create_folder(names[0])
            log.info("created folder %s on %s", names[0], self.name)
            return names[0]

    def find_message_ids(self, folder: str, tokens: Sequence[str]) -> set[str]:
        found: set[str] = set()
        if not tokens:
            return found
        self._select(folder)
        for start in range(0, len(tokens), SEARCH_BATCH):
            part = list(tokens[start:start + SEARCH_BATCH])
            criteria: list[Any] = []
            for i, token in enumerate(part):
                if i < len(part) - 1:
                    criteria.append("OR")
                criteria += ["HEADER", "Message-ID", token]
            with translate(f"searching {folder}"):
                uids = self.client.search(criteria)
                if not uids:
                    continue
                if len(part) == 1:
                    found.add(part[0])
                    continue
                heads = self.client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
            text = b" ".join(bytes(v.get(b"BODY[HEADER.FIELDS (MESSAGE-ID)]", b"")) for v in heads.values())
            found |= {t for t in part if t.encode() in text}
        return found

    def find_replies(self, folder: str, message_ids: Sequence[str],
                     since: datetime | None = None) -> dict[str, datetime | None]:
        found: dict[str, datetime | None] = {}
        wanted = sorted({m for m in message_ids if m and m.isascii() and MSGID.fullmatch(m.encode())})
        if not wanted:
            return found
        self._select(folder)
        for start in range(0, len(wanted), SEARCH_BATCH // 2):
            part = wanted[start:start + SEARCH_BATCH // 2]
            criteria: list[Any] = [] if since is None else ["SINCE", since.date()]
            for i, mid in enumerate(part):
                if i < len(part) - 1:
                    criteria.append("OR")
                criteria += ["OR", "HEADER", "In-Reply-To", mid, "HEADER", "References", mid]
            with translate(f"searching {folder} for replies"):
                uids = self.client.search(criteria)
                heads = self.client.fetch(uids, [REPLY_FIELDS]) if uids else {}
            for data in heads.values():
                replies_in(bytes(data.get(REPLY_FIELDS.replace(".PEEK", "").encode(), b"")), part, found)
        return found

    def add_keywords_many(self, folder: str, uids_by_keyword: Mapping[str, Sequence[int]]) -> list[str]:
        self._select(folder)
        refused = []
        for keyword, uids in uids_by_keyword.items():
            if not uids or not keyword:
                continue
            try:
                with translate(f"tagging {len(uids)} message(s) in {folder}"):
                    self.client.add_flags(list(uids), [keyword], silent=True)
            except MailboxProtocolError as exc:
                refused.append(f"{keyword}: {exc.message}")
        return refused

    # -- IDLE ------------------------------------------------------------------------------------------------
    def supports_idle(self) -> bool:
        with translate("reading capabilities"):
            return bool(self.client.has_capability("IDLE"))

    def idle_start(self, folder: str) -> None:
        """Enter IDLE on ``folder``; call idle_poll() to wait and idle_stop() before any other command."""
        self._select(folder)
        with translate(f"IDLE on {folder}"):
            self.client.idle()

    def idle_poll(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds in IDLE; True when the server reported new or changed mail."""
        started = time.monotonic()
        with translate("waiting in IDLE"):
            responses = self.client.idle_check(timeout=timeout)
        if not responses and time.monotonic() - started < timeout / 2:
            # imapclient swallows EOF in idle_check: a readable socket that yields nothing is a closed one.
            raise MailboxUnavailable("the server closed the connection during IDLE")
        return any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses)

    def idle_stop(self) -> None:
        with translate("ending IDLE"):
            self.client.idle_done()


def _response_code(text: str) -> str | None:
    """The RFC 5530 response code in a server's NO/BAD text ("[UNAVAILABLE] Try later" gives UNAVAILABLE)."""
    match = re.search(r"\[([A-Z][A-Z-]*)[^\]]*\]", text)
    return match.group(1) if match else None


def _text(flag: bytes | str) -> str:
    return flag.decode("utf-8", "replace") if isinstance(flag, bytes) else flag


def _aware(when: datetime) -> datetime:
    # imapclient returns naive local-time datetimes by default.
    return when if when.tzinfo else when.astimezone()
