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
    facts = None
    if config is not None and config.state_path.exists():
        db = Store(config.state_path)
        try:
            facts = lookup(db, parsed, account.order_pattern, config.shipping_methods)
        finally:
            db.close()
    if facts is None:
        # No orders store to ask: still show (and use) the order reference the message itself names.
        refs = refs_in(parsed, account.order_pattern)
        if refs:
            market = marketplace_of(parsed.sender) or refs[0].marketplace
            facts = OrderFacts(refs[0].order_id, marketplace=market)
    did = draft_id(account.address, message.fingerprint(raw))
    draft = Composer(config).compose(parsed, verdict.confident_labels, facts, account, did)
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
        "# courtesy: " + ("ok" if draft.courtesy.ok else "; ".join(draft.courtesy.problems)),
        "# guard:    " + (f"would be skipped ({skip.reason}: {skip.detail})" if skip
                          else "would be answered"),
        "# draft language: " + draft.language + (" (fallback)" if draft.language_fallback else ""),
    ]
    if not verdict.confident_labels:
        lines.append("# note:     no confident label; `once` writes no draft for this message unless "
                     "classifier.draft_unlabelled = true")
    body = draft.message.get_body(("plain",))
    text = body.get_content() if body is not None else draft.reply_text
    headers = "\n".join(f"{k}: {v}" for k, v in draft.message.items() if k.lower() not in ("content-type",
                                                                                          "content-transfer-encoding",
                                                                                          "mime-version"))
    return "\n".join(lines) + "\n\n" + headers + "\n\n" + text
