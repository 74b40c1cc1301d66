"""The whole pipeline without IMAP, in one process: parse, guard, classify (one call per batch, as the
worker does), read the situations and compose the draft, over the draft-evaluation mail in four languages.

    .venv/bin/python bench/pipeline_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "drafts"))

from run import as_email, shop_config  # noqa: E402

from calmdraft import message  # noqa: E402
from calmdraft.classifier import Classifier  # noqa: E402
from calmdraft.message import guard  # noqa: E402
from calmdraft.orders import OrderFacts  # noqa: E402
from calmdraft.reply.compose import Composer  # noqa: E402
from calmdraft.reply.understand import needs_answer, understand  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="passes over the mail (default 5)")
    args = ap.parse_args()
    shops = json.loads((ROOT / "bench" / "drafts" / "shops.json").read_text(encoding="utf-8"))
    items = [json.loads(line) for f in sorted((ROOT / "bench" / "drafts" / "mail").glob("**/*.jsonl"))
             for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    raws = [(as_email(it, shops[it["shop"]]), shops[it["shop"]]) for it in items]
    model = Classifier.load()
    composers = {}
    for shop in shops.values():
        account, config = shop_config(shop, Path("/nonexistent"))
        composers[shop["address"]] = (account, Composer(config))
    drafted = 0
    started = time.perf_counter()
    for _ in range(args.repeat):
        parsed = []
        for raw, shop in raws:
            inbound = message.parse(raw)
            account, composer = composers[shop["address"]]
            if isinstance(inbound, message.Unparseable) or guard.check(inbound, account.own_addresses):
                continue
            parsed.append((raw, inbound, account, composer))
        verdicts = model.predict_many([(m.subject, m.new_text, m.language) for _, m, _, _ in parsed])
        for (raw, inbound, account, composer), verdict in zip(parsed, verdicts, strict=True):
            u = understand(inbound, account.order_pattern, (account.shop_name, account.signer))
            if not verdict.confident_labels and not needs_answer(u, inbound):
                continue
            facts = OrderFacts(u.order_refs[0]) if u.order_refs else None
            composer.compose(inbound, verdict.confident_labels, facts, account,
                             message.fingerprint(raw)[:32], understanding=u)
            drafted += 1
    elapsed = time.perf_counter() - started
    n = len(raws) * args.repeat
    print(f"{n} messages ({len(raws)} x {args.repeat}), {drafted} drafts, {elapsed:.2f} s")
    print(f"pipeline without IMAP: {n / elapsed:,.0f} messages/s, {drafted / elapsed:,.0f} drafts/s")


if __name__ == "__main__":
    main()
