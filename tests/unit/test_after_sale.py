"""Mail with no label but an after-sale request in the customer's own words is drafted; a platform's
notification about a buyer, or a thank-you, is not.  And the patterns' literal pre-test never loses a match."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_worker_maildir import _setup

from calmdraft import message
from calmdraft.reply import lexicon
from calmdraft.reply.patterns import compile_rules, hits, present
from calmdraft.reply.understand import needs_answer, understand
from calmdraft.runner import Runtime
from helpers import customer_mail

ROOT = Path(__file__).resolve().parents[2]


def _inbound(subject: str, body: str) -> message.Inbound:
    parsed = message.parse(customer_mail(subject, body))
    assert isinstance(parsed, message.Inbound)
    return parsed


@pytest.mark.parametrize("subject, body, answer", [
    ("Order 10377", "Hi, please cancel my order 10377, I ordered the wrong edition by mistake. Thanks, Jo", True),
    ("Address", "I just realised my order is going to my old flat. Could you send it to 4 Elm Row instead?", True),
    ("Volume two", "The parcel came with volume one only. Was volume two left out?", True),
    ("Change of delivery address", "Hi there, I just ordered the set (order 205-3318842-1100923). Could you send it "
     "to my work address instead? 14 Mill Lane, Leeds LS1 4AB. Many thanks! Aisha", True),
    ("Pedido", "Hola, me llegó el pedido pero falta el segundo tomo. ¿Me lo podéis mandar?", True),
    ("Returning a book", "It arrived exactly as described, but his wife has bought him the very same book. Would it "
     "be possible to return it? Let me know where to send it.", True),
    ("Paid for Priority", "I paid $12.95 for Priority Mail but the label says Media Mail. The book is lovely and I "
     "won't send it back, but I would appreciate a refund of the difference in postage.", True),
    ("Cancellation request", "Your buyer wants to cancel order 05-11245-63019. Respond within 3 days.", False),
    ("Thanks!", "The book arrived today in lovely condition. Thank you so much!", False),
])
def test_an_after_sale_request_needs_an_answer_without_a_label(subject, body, answer):
    inbound = _inbound(subject, body)
    assert needs_answer(understand(inbound), inbound) is answer


def test_the_worker_drafts_an_unlabelled_cancellation_and_tags_it(tmp_path):
    cfg, box = _setup(tmp_path)
    box.append("INBOX", customer_mail("Order 10377", "Hi, please cancel my order 10377 if it has not gone "
                                      "out yet, I found a copy locally. Thanks, Jo"), ())
    runtime = Runtime(cfg)
    result = runtime.worker(cfg.accounts[0]).run_pass()
    runtime.close()
    [out] = result.outcomes
    assert out.outcome in ("drafted", "needs_review") and "draft in Drafts" in out.reason
    drafts = list((tmp_path / "Maildir" / ".Drafts" / "cur").iterdir())
    assert len(drafts) == 1
    text = drafts[0].read_text(encoding="utf-8", errors="replace")
    assert "10377" in text and "cancel" in text.lower()


def _texts() -> list[str]:
    out = []
    for f in sorted((ROOT / "bench" / "drafts" / "mail").glob("t*.jsonl")):
        out += [json.loads(line)["body"] for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out[::3]


def test_the_literal_pre_test_never_rules_out_a_pattern_that_matches():
    tables = [lexicon.SITUATIONS, lexicon.ASKS, lexicon.ESCALATIONS, lexicon.RULED_OUT, lexicon.ITEM_WORDS]
    rules = [r for table in tables for patterns in table.values() for r in compile_rules(patterns)]
    assert sum(r.needs is not None for r in rules) > len(rules) // 2  # the pre-test does its work
    for text in _texts():
        low = text.lower()
        for rule in rules:
            if rule.rx.search(low):
                assert hits(rule, low), (rule.rx.pattern, rule.needs)


def test_one_scan_finds_every_needed_word_even_inside_a_longer_one():
    rules = compile_rules([r"refund(?:ed)?\b", r"\bref\b", r"money back", r"zz top"])
    assert [sorted(r.needs or ()) for r in rules] == [["refund"], ["ref"], ["money back"], ["zz top"]]
    # "refunded" holds "refund" and "ref" at one place; "money back" overlaps nothing else
    assert {"refund", "ref", "money back"} <= present("they refunded it, money back, ref 12")
    assert "zz top" not in present("zz to p")
    assert [hits(r, "we got a refund") for r in rules] == [True, True, False, False]


def test_evaluate_reports_precision_and_recall_of_the_reading(tmp_path, capsys):
    from calmdraft.cli import main

    lines = [
        {"id": "a", "from": "Jo <jo@example.org>", "subject": "Where is it?",
         "body": "I ordered three weeks ago and it still hasn't arrived.",
         "annotation": {"situations": ["not_arrived"], "asks": ["information"], "escalations": []}},
        {"id": "b", "from": "Al <al@example.org>", "subject": "Wrong book",
         "body": "You sent me the wrong book. I'd like a refund.",
         "annotation": {"situations": ["wrong_item"], "asks": ["refund"],
                        "escalations": [{"channel": "chargeback", "state": "threatened"}]}},
    ]
    path = tmp_path / "annotated.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    assert main(["evaluate", "--situations", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["situations"]["not_arrived"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert report["situations"]["wrong_item"]["recall"] == 1.0
    assert report["escalations"]["chargeback"]["recall"] == 0.0  # annotated, not in the mail
