"""``calmdraft preview``: the draft a message would get, with labels, facts and the courtesy result above
it."""

from __future__ import annotations

from pathlib import Path

from calmdraft import message
from calmdraft.classifier import Classifier
from calmdraft.config import Config
from calmdraft.errors import CalmdraftError
from calmdraft.message import guard
from calmdraft.orders import OrderFacts, lookup, marketplace_of, refs_in
from calmdraft.reply.compose import Composer
from calmdraft.reply.samples import sample_account
from calmdraft.reply.understand import Understanding, needs_answer, understand
from calmdraft.runner import select_accounts
from calmdraft.store import Store
from calmdraft.worker import draft_id


def preview(path: Path, config: Config | None, account_name: str | None,
            model_path: str | None = None) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CalmdraftError(f"cannot read {path}: {exc.strerror}") from None
    parsed = message.parse(raw)
    if isinstance(parsed, message.Unparseable):
        raise CalmdraftError(f"{path} cannot be parsed: {parsed.reason}")
    account = (select_accounts(config, [account_name])[0] if config and account_name
               else sample_account(config))
    model = Classifier.load(Path(model_path) if model_path else config.model_path if config else None)
    verdict = model.predict(parsed.subject, parsed.new_text, parsed.language)
    u = understand(parsed, account.order_pattern, (account.shop_name, account.signer))
    facts = None
    if config is not None and config.state_path.exists():
        db = Store(config.state_path)
        try:
            facts = lookup(db, parsed, account.order_pattern, config.shipping_methods,
                           refs=list(u.order_refs))
        finally:
            db.close()
    if facts is None:
        # No orders store to ask: still show (and use) the order reference the message itself names.
        refs = refs_in(parsed, account.order_pattern)
        if refs:
            market = marketplace_of(parsed.sender) or refs[0].marketplace
            facts = OrderFacts(refs[0].order_id, marketplace=market)
        elif u.order_refs:
            facts = OrderFacts(u.order_refs[0], marketplace=marketplace_of(parsed.sender))
    did = draft_id(account.address, message.fingerprint(raw))
    draft = Composer(config).compose(parsed, verdict.confident_labels, facts, account, did, understanding=u)
    skip = guard.check(parsed, account.own_addresses)
    lines = [
        f"# message:  {parsed.sender} | {parsed.subject!r} | language {parsed.language}",
        "# labels:   " + (", ".join(f"{lb} ({verdict.scores[lb]:.2f})" for lb in verdict.labels) or "(none)")
        + ("   [needs review: " + ", ".join(verdict.uncertain) + "]" if verdict.needs_review else ""),
        "# scores:   " + " ".join(f"{k}={v:.2f}" for k, v in verdict.scores.items())
        + (f"  (needs any label: {verdict.gate:.2f})" if verdict.gate is not None else ""),
        "# facts:    " + (", ".join(f"{k}={v}" for k, v in facts.as_context().items()
                                    if v not in (None, False))
                          if facts else "(no order found)"),
        *_understanding_lines(u),
        "# courtesy: " + ("ok" if draft.courtesy.ok else "; ".join(draft.courtesy.problems)),
        "# guard:    " + (f"would be skipped ({skip.reason}: {skip.detail})" if skip
                          else "would be answered"),
        "# draft language: " + draft.language + (" (fallback)" if draft.language_fallback else ""),
    ]
    if not verdict.confident_labels and needs_answer(u, parsed):
        lines.append("# note:     no confident label, but an after-sale request: `once` drafts it and tags "
                     "it calmdraft/after-sale")
    elif not verdict.confident_labels:
        lines.append("# note:     no confident label; `once` writes no draft for this message unless "
                     "classifier.draft_unlabelled = true")
    body = draft.message.get_body(("plain",))
    text = body.get_content() if body is not None else draft.reply_text
    headers = "\n".join(f"{k}: {v}" for k, v in draft.message.items() if k.lower() not in ("content-type",
                                                                                          "content-transfer-encoding",
                                                                                          "mime-version"))
    return "\n".join(lines) + "\n\n" + headers + "\n\n" + text


def _understanding_lines(u: Understanding) -> list[str]:
    """What the reply stage read in the customer's words: the situations, asks and facts it answers."""
    person = " ".join(p for p in (u.person.title, u.person.first, u.person.last) if p) or "(no name)"
    escalations = ", ".join(f"{e.channel} ({e.state})" for e in u.escalations)
    said = {
        "refs": ", ".join(u.order_refs), "tracking": ", ".join(u.tracking),
        "amounts": ", ".join(f"{v} {c}".strip() for v, c in u.amounts), "titles": ", ".join(u.titles),
        "defects": ", ".join(u.defects), "missing": ", ".join(u.missing), "item": u.item_kind,
        "waited": u.waited or "", "occasion": u.occasion or "", "marketplace": u.marketplace or "",
    }
    return [
        "# situations: " + (", ".join(u.situations) or "(none)"),
        "# asks:     " + (", ".join(u.asks) or "(none)")
        + ("   rules out: " + ", ".join(u.ruled_out) if u.ruled_out else ""),
        "# escalation: " + (escalations or "(none)"),
        "# person:   " + person + (" (formal)" if u.person.formal else " (informal)"),
        "# said:     " + ("; ".join(f"{k}={v}" for k, v in said.items() if v) or "(nothing)"),
    ]
