"""Mailbox backends: IMAP (imapclient) and Maildir, behind one contract in ``base``."""

from __future__ import annotations

from calmdraft.config import Account
from calmdraft.mailbox.base import FolderStatus, Mailbox, RawMessage

__all__ = ["FolderStatus", "Mailbox", "RawMessage", "open_mailbox", "watched_folder"]


def open_mailbox(account: Account) -> Mailbox:
    """Build the backend an account is configured for (not yet connected)."""
    if account.imap is not None:
        from calmdraft.mailbox.imap import ImapMailbox

        return ImapMailbox(account.imap, name=account.name)
    assert account.maildir is not None
    from calmdraft.mailbox.maildir import MaildirMailbox

    return MaildirMailbox(account.maildir.path, name=account.name)


def watched_folder(account: Account) -> str:
    if account.imap is not None:
        return account.imap.folder
    assert account.maildir is not None
    return account.maildir.folder
