"""Orders imported through the CLI reach the draft: ship date, method, tracking and the expected window."""

from __future__ import annotations

import email
import email.policy
from datetime import date, timedelta

import pytest

from calmdraft.cli import main
from calmdraft.orders import add_business_days, format_date
from helpers import customer_mail, imap_config, plain_text

pytestmark = pytest.mark.dovecot


def test_where_is_my_book_draft_names_the_facts(dovecot, imap_user, password_env, tmp_path, capsys):
    shipped = date.today() - timedelta(days=1)
    export = tmp_path / "orders.csv"
    export.write_text(
        "order_id,title,buyer,buyer_email,order_date,ship_date,method,tracking\n"
        f"113-4827716-2290431,The Secret History,Margaret Ellis,m.ellis@example.net,"
        f"{(shipped - timedelta(days=2)).isoformat()},,,\n"
    )
    cfg = imap_config(tmp_path, dovecot, imap_user, password_env)
    assert main(["--config", str(cfg), "orders", "import", str(export)]) == 0
    assert (
        main(
            [
                "--config",
                str(cfg),
                "orders",
                "mark-shipped",
                "113-4827716-2290431",
                "--method",
                "Media Mail",
                "--tracking",
                "9400111202062736981142",
                "--date",
                shipped.isoformat(),
            ]
        )
        == 0
    )
    assert "imported 1 order(s)" in capsys.readouterr().out

    with dovecot.client(imap_user) as c:
        c.append(
            "INBOX",
            customer_mail(
                "Where is my book?",
                "Hello, I ordered The Secret History "
                "(113-4827716-2290431) and I'm getting worried it hasn't come. Where is it?",
                sender="Margaret Ellis <m.ellis@example.net>",
                msgid="<wimb@example.net>",
            ),
        )
    assert main(["--config", str(cfg), "once"]) == 0
    with dovecot.client(imap_user) as c:
        c.select_folder("Drafts", readonly=True)
        (data,) = c.fetch(c.search(["ALL"]), ["BODY.PEEK[]"]).values()
    draft = email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default)
    text = plain_text(draft)
    assert f"left us on {format_date(shipped)} by Media Mail" in text
    assert "9400111202062736981142" in text
    assert "2–8 business days" in text
    assert f"by {format_date(add_business_days(shipped, 8))}" in text
    assert "The Secret History" in text
