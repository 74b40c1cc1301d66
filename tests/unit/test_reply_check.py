"""Finding the shop's replies in Sent (a Maildir here; Dovecot in integration/test_poll_and_backfill.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from calmdraft.mailbox.maildir import MaildirMailbox


def reply(msgid: str, date: str, in_reply_to: str = "", references: str = "") -> bytes:
    head = [f"Message-ID: {msgid}", f"Date: {date}", "From: shop@example.com", "Subject: Re: x"]
    if in_reply_to:
        head.append(f"In-Reply-To: {in_reply_to}")
    if references:
        head.append(f"References: {references}")
    return ("\r\n".join(head) + "\r\n\r\nThanks.\r\n").encode()


def test_replies_are_found_by_in_reply_to_or_references_with_the_earliest_date(tmp_path):
    box = MaildirMailbox(tmp_path)
    box.connect()
    box.append("Sent", reply("<r1@s>", "Tue, 01 Dec 2026 10:00:00 +0000", "<a@c>"), ["\\Seen"])
    box.append("Sent", reply("<r2@s>", "Mon, 30 Nov 2026 09:00:00 +0000", "", "<z@c> <a@c>"), ["\\Seen"])
    box.append("Sent", reply("<r3@s>", "Mon, 30 Nov 2026 09:00:00 +0000", "", "<b@c>\r\n <zz@c>"), ["\\Seen"])
    box.append("Sent", reply("<r4@s>", "not a date", "<d@c>"), ["\\Seen"])
    found = box.find_replies("Sent", ["<a@c>", "<b@c>", "<c@c>", "<d@c>", "<a@c"])
    assert found == {"<a@c>": datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
                     "<b@c>": datetime(2026, 11, 30, 9, 0, tzinfo=UTC), "<d@c>": None}


def test_no_sent_folder_means_no_replies(tmp_path):
    box = MaildirMailbox(tmp_path)
    box.connect()
    assert box.find_replies("Sent", ["<a@c>"]) == {}
    assert not (tmp_path / ".Sent").exists()
