"""One pass per mailbox at a time, across processes and configs.

The lock is keyed by the mailbox (server, user, folder, or Maildir path), not by the config or its state file:
`once` beside a running daemon, or a second config for the same mailbox with a state file of its own, waits
its turn instead of working the same messages at the same moment.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from calmdraft.config import Account
from calmdraft.errors import StoreError


def lock_dir() -> Path:
    """Where account locks live: one directory per user, so every config and state file shares them."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime and os.path.isdir(runtime) else Path("~/.local/state").expanduser()
    return base / "calmdraft" / "locks"


def mailbox_identity(account: Account) -> str:
    """The mailbox an account works on, independent of the name a config gives it."""
    if account.imap is not None:
        s = account.imap
        return f"imap://{s.username.lower()}@{s.host.lower()}:{s.port}/{s.folder}"
    assert account.maildir is not None
    return f"maildir:{account.maildir.path.resolve()}/{account.maildir.folder}"


@contextmanager
def account_lock(account: Account, state_path: Path) -> Iterator[None]:
    """Hold the mailbox's lock for the duration of the block (waiting for another holder to finish)."""
    name = f"{hashlib.sha256(mailbox_identity(account).encode()).hexdigest()[:20]}.lock"
    path = lock_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+b")  # noqa: SIM115 - held for the whole block
    except OSError:
        # No writable per-user directory (a sandboxed service): fall back to the state file's directory.
        path = state_path.with_name(f"{state_path.name}.{name}")
        try:
            handle = open(path, "a+b")  # noqa: SIM115
        except OSError as exc:
            raise StoreError(f"cannot create the lock file {path}: {exc.strerror}",
                             hint="point state.path at a directory calmdraft can write to") from None
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
