"""``calmdraft demo``: the real pipeline over a bundled sample mailbox, with no account and no config file."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from calmdraft.config import Account, Config, MaildirSettings
from calmdraft.errors import CalmdraftError
from calmdraft.mailbox.maildir import MaildirMailbox
from calmdraft.orders import add_business_days
from calmdraft.runner import Runtime
from calmdraft.worker import Selection

DEMO_MARKER = ".calmdraft-demo"


def _demo_config(root: Path) -> Config:
    account = Account(name="demo", address="books@example-books.test", shop_name="Example Books",
                      aliases=(), signer="Example Books", order_pattern=None, imap=None,
                      maildir=MaildirSettings(path=root / "Maildir", folder="INBOX"))
    return Config(accounts=(account,), state_path=root / "state.db")


def _seed_orders(runtime: Runtime) -> None:
    """Orders the sample mail refers to, as `calmdraft orders import` would have stored them."""
    today = date.today()
    shipped_recently = add_business_days(today - timedelta(days=9), 0)
    rows = [
        ("113-4827716-2290431", "amazon", "The Secret History", "Margaret Ellis", today - timedelta(days=13),
         shipped_recently, "Media Mail", "9400 1112 0206 2736 9811 42"),
        ("112-9938120-5561172", "amazon", "Collected Poems", "Derek Pollard", today - timedelta(days=24),
         today - timedelta(days=22), "First Class", "9400 1112 0206 2736 1177 05"),
        ("402-7712093-8841256", "amazon", "Cien años de soledad", "Lucía Fernández",
         today - timedelta(days=20), today - timedelta(days=18), "International Standard", "LX448120375US"),
    ]
    for oid, market, title, buyer, odate, sdate, method, tracking in rows:
        runtime.store.execute(
            "INSERT OR REPLACE INTO orders (order_id, marketplace, title, buyer, order_date, ship_date, "
            "method, tracking, source, updated_at) VALUES (?,?,?,?,?,?,?,?,'demo',datetime('now'))",
            (oid, market, title, buyer, odate.isoformat(), sdate.isoformat(), method, tracking))


def run_demo(directory: Path | None, out: Callable[[str], None]) -> int:
    root = directory or Path(tempfile.mkdtemp(prefix="calmdraft-demo-"))
    root.mkdir(parents=True, exist_ok=True)
    marker = root / DEMO_MARKER
    if any(root.iterdir()) and not marker.exists():
        raise CalmdraftError(f"{root} is not empty and was not made by `calmdraft demo`",
                             hint="give --dir a new or empty directory (the demo rebuilds only its own)")
    marker.write_text("made by calmdraft demo; the demo may delete Maildir/ and state.db here\n")
    if (root / "Maildir").exists():
        shutil.rmtree(root / "Maildir")
    (root / "state.db").unlink(missing_ok=True)
    config = _demo_config(root)
    box = MaildirMailbox(root / "Maildir", name="demo")
    box.connect()
    samples = sorted((p for p in resources.files("calmdraft").joinpath("demo_mail").iterdir()
                      if p.name.endswith(".eml")), key=lambda p: p.name)
    for sample in samples:
        box.append("INBOX", sample.read_bytes(), ())
    out(f"Built a sample mailbox with {len(samples)} customer messages in {root / 'Maildir'}")
    runtime = Runtime(config)
    try:
        _seed_orders(runtime)
        result = runtime.worker(config.accounts[0]).run_pass(Selection(), mailbox=box)
    finally:
        runtime.close()
    out("")
    out(f"{'sender':<28} {'subject':<34} {'labels (score)':<44} what calmdraft did")
    out("-" * 140)
    for o in result.outcomes:
        labels = ", ".join(f"{lb} ({o.scores.get(lb, 0):.2f})" for lb in o.labels) or "-"
        did = f"{o.outcome}: {o.reason}" if o.reason else o.outcome
        out(f"{o.sender[:27]:<28} {o.subject[:33]:<34} {labels[:43]:<44} {did[:60]}")
    drafts = root / "Maildir" / ".Drafts" / "cur"
    files = sorted(drafts.iterdir()) if drafts.exists() else []
    out("")
    out(f"{len(files)} drafts written to {drafts}")
    out("Each original was tagged (calmdraft/drafted, calmdraft/<label>) and left unread where it was.")
    if files:
        out("Read one with:")
        out("  python3 -c \"import email,email.policy,sys; "
            "m=email.message_from_binary_file(open(sys.argv[1],'rb'),policy=email.policy.default); "
            f"print(m); print(m.get_body(('plain',)).get_content())\" \"{files[0]}\"")
        out("or preview any message without touching a mailbox:")
        out(f"  calmdraft preview {root / 'Maildir' / 'cur'}/<file>")
    return 0
