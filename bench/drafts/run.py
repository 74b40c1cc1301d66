"""Draft every message of the draft-quality evaluation the way calmdraft would, and write the judging batches.

    python bench/drafts/run.py RUN [--mail bench/drafts/mail] [--batches 8]

For each message in ``mail/*.jsonl`` this builds the e-mail the shop received, imports the shop's order record
(when the message has one) into a fresh state store, and runs the real stages: parse, guard, classify (the
bundled model), order facts and compose, with "today" set to the day the message arrived. It writes
``runs/RUN/drafts.jsonl`` (what calmdraft did with each message, and the draft as the bookseller sees it in
their client) and ``runs/RUN/batch-NN.md``, the judging batches: shop, policy, records, mail and draft only,
never the templates or the writers' briefs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "src"))

from calmdraft import message  # noqa: E402
from calmdraft.classifier import Classifier  # noqa: E402
from calmdraft.config import Account, Config, Policy  # noqa: E402
from calmdraft.message import guard  # noqa: E402
from calmdraft.orders import lookup, save_orders  # noqa: E402
from calmdraft.reply.compose import Composer  # noqa: E402
from calmdraft.reply.mime import reflowed  # noqa: E402
from calmdraft.reply.understand import needs_answer, understand  # noqa: E402
from calmdraft.store import Store  # noqa: E402

_MODEL: Classifier | None = None


def shop_config(shop: dict, db_path: Path) -> tuple[Account, Config]:
    """The account and config a shop of shops.json would have."""
    account = Account(name="eval", address=shop["address"], shop_name=shop["shop_name"], aliases=(),
                      signer=shop["signer"], order_pattern=shop.get("order_pattern"), imap=None, maildir=None)
    return account, Config(accounts=(account,), state_path=db_path, policy=Policy(**shop["policy"]))


def draft_for(raw: bytes, shop: dict, record: dict | None, today: date, db_path: Path) -> dict:
    """What the worker does with one message, without a mailbox: the same stages in the same order."""
    global _MODEL
    _MODEL = _MODEL or Classifier.load()
    account, config = shop_config(shop, db_path)
    parsed = message.parse(raw)
    if isinstance(parsed, message.Unparseable):
        return {"outcome": f"unparseable: {parsed.reason}", "labels": [], "message": None, "draft": None}
    skip = guard.check(parsed, account.own_addresses)
    if skip is not None:
        return {"outcome": f"skipped: {skip.reason}", "labels": [], "message": None, "draft": None}
    verdict = _MODEL.predict(parsed.subject, parsed.new_text, parsed.language)
    usable = verdict.confident_labels
    base = {"labels": list(verdict.labels), "needs_review": verdict.needs_review}
    understanding = understand(parsed, account.order_pattern, (account.shop_name, account.signer))
    if not usable and not needs_answer(understanding, parsed):
        why = "uncertain labels" if verdict.needs_review else "no label"
        return {**base, "outcome": f"no draft: {why}",
                "message": None, "draft": None}
    db = Store(db_path)
    try:
        if record:
            save_orders(db, [{k: str(v) for k, v in record.items() if v not in (None, "")}], "eval")
        facts = lookup(db, parsed, account.order_pattern, config.shipping_methods, today=today,
                       refs=list(understanding.order_refs))
    finally:
        db.close()
    when = datetime.combine(today, datetime.min.time()).replace(hour=12, tzinfo=UTC)
    draft = Composer(config).compose(parsed, usable, facts, account, message.fingerprint(raw)[:32], when=when,
                                     understanding=understanding, today=today)
    return {**base, "outcome": "drafted", "message": draft.message, "draft": None}


def load_mail(folder: Path) -> list[dict]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def as_email(item: dict, shop: dict) -> bytes:
    msg = EmailMessage()
    msg["From"] = item["from"]
    if item.get("reply_to"):
        msg["Reply-To"] = item["reply_to"]
    msg["To"] = f"{shop['shop_name']} <{shop['address']}>"
    msg["Subject"] = item["subject"]
    msg["Date"] = format_datetime(datetime.fromisoformat(item["date"]))
    msg["Message-ID"] = f"<{item['id']}.eval@{item['from'].rsplit('@', 1)[-1].strip('>').strip()}>"
    msg.set_content(item["body"], charset="utf-8")
    return msg.as_bytes()


def shown(draft: EmailMessage) -> str:
    """The draft as a mail client shows it for editing: the address lines, the subject and the text."""
    body = draft.get_body(("plain",))
    text = body.get_content() if body is not None else ""
    if body is not None and body["Content-Type"].params.get("format") == "flowed":
        text = reflowed(text)  # as Thunderbird or Apple Mail shows it: one line per paragraph
    head = "\n".join(f"{k}: {draft[k]}" for k in ("From", "To", "Subject") if draft[k])
    return f"{head}\n\n{text.rstrip()}\n"


def judge_item(item: dict, shop: dict, result: dict) -> str:
    record = item.get("order_record")
    records = ("\n".join(f"- {k}: {v}" for k, v in record.items() if v not in (None, ""))
               if record else "(the shop has no record of this order to hand)")
    mail = (f"From: {item['from']}\n" + (f"Reply-To: {item['reply_to']}\n" if item.get("reply_to") else "")
            + f"Date: {item['date']}\nSubject: {item['subject']}\n\n{item['body'].rstrip()}")
    draft = result["draft"] if result["draft"] else f"(NO DRAFT WAS WRITTEN: {result['outcome']})"
    return (f"## {item['id']}\n\n**Shop:** {shop['shop_name']} ({shop['country']}; sells {shop['sells']}; "
            f"signs as {shop['signer']})\n\n**Shop policy:** {shop['policy_text']}\n\n"
            f"**The shop's records for this order:**\n{records}\n\n"
            f"**What the writer of this mail says a good reply must do (guidance):** {item['note']}\n\n"
            f"**The customer's mail:**\n\n````\n{mail}\n````\n\n**The draft:**\n\n````\n{draft}````\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run", help="name of the run (a directory under bench/drafts/runs/)")
    ap.add_argument("--mail", default=str(HERE / "mail"), help="folder of the evaluation mail (*.jsonl)")
    ap.add_argument("--batches", type=int, default=8, help="number of judging batches to write")
    args = ap.parse_args()
    shops = json.loads((HERE / "shops.json").read_text(encoding="utf-8"))
    items = load_mail(Path(args.mail))
    out = HERE / "runs" / args.run
    out.mkdir(parents=True, exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for item in items:
            shop = shops[item["shop"]]
            raw = as_email(item, shop)
            today = datetime.fromisoformat(item["date"]).date()
            result = draft_for(raw, shop, item.get("order_record"), today, Path(tmp) / f"{item['id']}.db")
            result.update(id=item["id"], shop=item["shop"], lang=item["lang"])
            if result.get("message") is not None:
                result["draft"] = shown(result.pop("message"))
            else:
                result.pop("message", None)
            results.append(result)
    with open(out / "drafts.jsonl", "w", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    by_id = {r["id"]: r for r in results}
    # Interleave shops and languages across batches so that every judge sees a mix.
    order = sorted(items, key=lambda it: hashlib.sha1(it["id"].encode()).hexdigest())
    for b in range(args.batches):
        part = order[b::args.batches]
        text = "\n---\n\n".join(judge_item(it, shops[it["shop"]], by_id[it["id"]]) for it in part)
        (out / f"batch-{b + 1:02d}.md").write_text(text, encoding="utf-8")
    drafted = sum(1 for r in results if r["draft"])
    print(f"{len(results)} messages, {drafted} drafts; written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
