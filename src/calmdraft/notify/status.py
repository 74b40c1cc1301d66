"""``calmdraft status``: what calmdraft did per account, read from the state store alone (no server
needed)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from calmdraft import LABELS
from calmdraft.config import Config
from calmdraft.store import DRAFTED, FAILED, NEEDS_REVIEW, Store, now


def collect(config: Config, db: Store) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for account in config.accounts:
        name = account.name
        last_ok = db.query("SELECT max(finished) FROM passes WHERE account=? AND ok=1", (name,))[0][0]
        last_err = db.query("SELECT finished, error FROM passes WHERE account=? AND ok=0 ORDER BY rowid DESC "
                            "LIMIT 1", (name,))
        entry: dict[str, Any] = {"last_successful_pass": last_ok,
                                 "last_error": ({"at": last_err[0][0], "error": last_err[0][1]}
                                                if last_err else None)}
        for span, delta in (("24h", timedelta(hours=24)), ("7d", timedelta(days=7))):
            since = (now() - delta).isoformat(timespec="seconds")
            outcomes = dict(db.query("SELECT outcome, count(*) FROM messages WHERE account=? "
                                     "AND updated_at>=? GROUP BY outcome", (name, since)))
            skipped = dict(db.query("SELECT substr(reason, 1, instr(reason || ':', ':') - 1), count(*) FROM "
                                    "messages WHERE account=? AND outcome='skipped' AND updated_at>=? "
                                    "GROUP BY 1", (name, since)))
            labels = {lb: db.query("SELECT count(*) FROM messages WHERE account=? AND updated_at>=? AND "
                                   "labels LIKE ?", (name, since, f'%"{lb}"%'))[0][0] for lb in LABELS}
            entry[span] = {"outcomes": outcomes, "skipped_by_reason": skipped, "labels": labels}
        waiting = db.query("SELECT coalesce(received_at, created_at), sender, subject, discarded_at FROM "
                           "messages WHERE account=? AND outcome IN (?, ?) AND answered_at IS NULL "
                           "ORDER BY 1", (name, DRAFTED, NEEDS_REVIEW))
        entry["waiting"] = len(waiting)
        entry["drafts_discarded"] = sum(1 for w in waiting if w[3])
        entry["oldest_waiting"] = ({"since": waiting[0][0], "sender": waiting[0][1], "subject": waiting[0][2],
                                    "draft_discarded": waiting[0][3]} if waiting else None)
        since = (now() - timedelta(days=7)).isoformat(timespec="seconds")
        entry["answered_7d"] = dict(db.query("SELECT coalesce(reply, 'answered'), count(*) FROM messages "
                                             "WHERE account=? AND answered_at>=? GROUP BY 1", (name, since)))
        last = db.query("SELECT answered_at, sender, subject, reply FROM messages WHERE account=? AND "
                        "answered_at IS NOT NULL ORDER BY answered_at DESC LIMIT 1", (name,))
        entry["last_answered"] = ({"at": last[0][0], "sender": last[0][1], "subject": last[0][2],
                                   "how": last[0][3] or "answered"} if last else None)
        entry["failed"] = [{"uid": r[0], "reason": r[1], "attempts": r[2], "subject": r[3]} for r in db.query(
            "SELECT uid, reason, attempts, subject FROM messages WHERE account=? AND outcome=? "
            "ORDER BY updated_at DESC LIMIT 20", (name, FAILED))]
        out[name] = entry
    return out


# How an answer was seen, as `status` says it.
_HOW = {"sent": "by a reply in Sent", "answered": "flagged answered", "gone": "moved or deleted by the shop"}


def report(config: Config, as_json: bool = False) -> str:
    if not config.state_path.exists():
        return f"no state yet at {config.state_path}: run `calmdraft once` first"
    db = Store(config.state_path)
    try:
        data = collect(config, db)
    finally:
        db.close()
    if as_json:
        return json.dumps(data, indent=2)
    lines = []
    for name, e in data.items():
        lines.append(f"[{name}] last successful pass: {e['last_successful_pass'] or 'never'}")
        if e["last_error"]:
            lines.append(f"  last error: {e['last_error']['at']}: {e['last_error']['error']}")
        for span in ("24h", "7d"):
            o = e[span]["outcomes"]
            lines.append(f"  {span:>3}: "
                         + (", ".join(f"{v} {k.replace('_', ' ')}" for k, v in sorted(o.items()))
                            or "nothing processed"))
            if e[span]["skipped_by_reason"]:
                lines.append("       skipped: " + ", ".join(f"{k} {v}" for k, v in
                                                          sorted(e[span]["skipped_by_reason"].items())))
            lines.append("       labels: " + ", ".join(f"{k} {v}" for k, v in e[span]["labels"].items()))
        w = e["oldest_waiting"]
        waiting = (f"{w['since']} from {w['sender']} ({w['subject']!r})"
                   + (", its draft was deleted unsent" if w["draft_discarded"] else "")) if w else "none"
        lines.append(f"  waiting for a reply: {e['waiting']}"
                     + (f" ({e['drafts_discarded']} with the draft deleted unsent)" if e["drafts_discarded"]
                        else ""))
        lines.append(f"  oldest message waiting for a reply: {waiting}")
        answered = ", ".join(f"{n} {_HOW.get(k, k)}" for k, n in sorted(e["answered_7d"].items()))
        lines.append(f"  answered in 7d: {answered or 'none'}")
        if e["last_answered"]:
            a = e["last_answered"]
            how = _HOW.get(a["how"], a["how"])
            lines.append(f"  last answered: {a['at']} to {a['sender']} ({a['subject']!r}), {how}")
        for f in e["failed"]:
            lines.append(f"  failed uid {f['uid']} ({f['attempts']} attempt(s)): {f['reason']}")
    return "\n".join(lines)
