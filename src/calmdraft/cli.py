"""The ``calmdraft`` command: parses arguments, configures logging and calls the modules that do the work.

Heavy imports (scikit-learn, skops, imapclient) happen inside the commands that need them, so ``--help`` and
``check-config`` start instantly.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from calmdraft import LABELS, __version__
from calmdraft.errors import CalmdraftError, ConfigError
from calmdraft.logs import setup_logging

log = logging.getLogger("calmdraft")


def _config(args: argparse.Namespace) -> Any:
    from calmdraft import config

    path = Path(args.config) if args.config else config.default_config_path()
    if not args.config and not path.exists():
        raise ConfigError(f"no config file given and none at {path}",
                          hint="pass --config PATH (start from config.example.toml), or try `calmdraft demo`")
    return config.load(path)


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


# -- commands ------------------------------------------------------------------------------------------------
def cmd_demo(args: argparse.Namespace) -> int:
    from calmdraft.demo import run_demo

    return run_demo(Path(args.dir) if args.dir else None, out=_out)


def cmd_once(args: argparse.Namespace) -> int:
    from calmdraft.runner import run_once
    from calmdraft.worker import Selection

    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since).replace(tzinfo=UTC)
        except ValueError:
            raise ConfigError(f"--since {args.since!r} is not a date", hint="use YYYY-MM-DD") from None
    if args.last is not None and args.last < 1:
        raise ConfigError(f"--last {args.last}: give a number of messages of 1 or more")
    cfg = _config(args)
    results = run_once(cfg, Selection(since=since, last=args.last), accounts=args.account,
                       progress=sys.stderr.isatty() or bool(since or args.last))
    failed = 0
    for result in results:
        counts = {k: result.count(k) for k in ("drafted", "needs_review", "skipped", "failed")}
        summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
        if result.error:
            failed += 1
            _out(f"{result.account}: FAILED: {result.error}")
        else:
            _out(f"{result.account}: {len(result.outcomes)} message(s): {summary}")
    return 5 if failed else 0


def cmd_run(args: argparse.Namespace) -> int:
    from calmdraft.daemon import Daemon

    cfg = _config(args)
    return Daemon(cfg, config_path=Path(args.config) if args.config else None).run()


def cmd_check_config(args: argparse.Namespace) -> int:
    from calmdraft.config import secret_problems
    from calmdraft.reply.compose import Composer
    from calmdraft.reply.samples import check_templates

    cfg = _config(args)
    missing = secret_problems(cfg)
    if missing:
        raise ConfigError(f"{len(missing)} secret(s) cannot be read", missing,
                          hint="export the variable (or fix the command) where calmdraft runs")
    problems = check_templates(Composer(cfg), cfg)
    if problems:
        raise ConfigError(f"{len(problems)} template problem(s)", problems,
                          hint="fix the templates named above (see README, 'Templates')")
    names = ", ".join(a.name for a in cfg.accounts)
    _out(f"{cfg.source}: OK ({len(cfg.accounts)} account(s): {names}; templates render in every language)")
    return 0


def _load_classifier(path: str | None) -> Any:
    from calmdraft.classifier import Classifier

    return Classifier.load(Path(path) if path else None)


def cmd_classify(args: argparse.Namespace) -> int:
    from calmdraft import message
    from calmdraft.features import document

    model = _load_classifier(args.model)
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            parsed = message.parse(path.read_bytes())
        except OSError as exc:
            parsed = message.Unparseable(f"cannot read file: {exc.strerror}")
        if isinstance(parsed, message.Unparseable):
            status = 1
            if args.format == "jsonl":
                _out(json.dumps({"path": name, "labels": [], "scores": {lb: 0.0 for lb in LABELS},
                                 "needs_review": True, "error": parsed.reason}))
            else:
                _out(f"{name}: unreadable ({parsed.reason})")
            continue
        verdict = model.verdicts([document(parsed.subject, parsed.new_text)], [parsed.language])[0]
        if args.format == "jsonl":
            _out(json.dumps({"path": name, "labels": list(verdict.labels), "scores": verdict.scores,
                             "needs_review": verdict.needs_review}))
        else:
            scores = " ".join(f"{k}={v:.2f}" for k, v in verdict.scores.items())
            review = "  [needs review]" if verdict.needs_review else ""
            _out(f"{name}: {', '.join(verdict.labels) or '(no label)'}  {scores}{review}")
    return status


def cmd_preview(args: argparse.Namespace) -> int:
    from calmdraft.reply.preview import preview

    cfg = _config(args) if args.config else None
    _out(preview(Path(args.file), cfg, args.account, model_path=args.model))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from calmdraft.training_cli import train_command

    return train_command(args, _out)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from calmdraft.training_cli import evaluate_command

    return evaluate_command(args, _out)


def cmd_status(args: argparse.Namespace) -> int:
    from calmdraft.notify.status import report

    cfg = _config(args)
    _out(report(cfg, as_json=args.format == "json"))
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    from calmdraft.notify import smtp
    from calmdraft.runner import select_accounts
    from calmdraft.store import Store

    cfg = _config(args)
    db = Store(cfg.state_path)
    try:
        for account in select_accounts(cfg, args.account):
            if account.smtp is None or not account.alerts.to:
                raise ConfigError(f"{account.name}: no [accounts.smtp] or alerts.to configured",
                                  hint="see config.example.toml, [accounts.smtp] and [accounts.alerts]")
            smtp.send(account.smtp, smtp.digest(account, db))
            _out(f"{account.name}: digest sent to {account.alerts.to}")
    finally:
        db.close()
    return 0


def cmd_tags(args: argparse.Namespace) -> int:
    from calmdraft import tags
    from calmdraft.config import default_config_path

    cfg = _config(args) if args.config or default_config_path().exists() else None
    if args.thunderbird:
        _out(tags.thunderbird(cfg).rstrip("\n"))
    elif args.neomutt:
        _out(tags.neomutt(cfg).rstrip("\n"))
    else:
        _out(tags.table(cfg))
        _out("Thunderbird: calmdraft tags --thunderbird >> <profile>/user.js (Thunderbird closed)\n"
             "neomutt:     calmdraft tags --neomutt >> ~/.neomuttrc\n"
             "aerc, Apple Mail, Gmail show no keywords: search for them, and look for the flag on threats.")
    return 0


def cmd_orders(args: argparse.Namespace) -> int:
    from calmdraft.orders.imports import orders_command

    return orders_command(_config(args), args, _out)


# -- argument parsing ----------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="calmdraft",
        description="Watch a mailbox and write calm, courteous, threaded reply drafts to difficult customer "
                    "mail.",
        epilog="Start with `calmdraft demo`. Config: --config PATH, default ~/.config/calmdraft/config.toml.")
    p.add_argument("--version", action="version", version=f"calmdraft {__version__}")
    p.add_argument("-c", "--config", metavar="PATH", help="config file (TOML); see config.example.toml")
    p.add_argument("-v", "--verbose", action="count", default=0,
                   help="more log output (-vv for protocol debug)")
    p.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    p.add_argument("--log-format", choices=("text", "json"), default="text",
                   help="log line format: text (journald-friendly) or json (for log shippers)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("demo", help="run the whole pipeline on a bundled sample mailbox (no account needed)")
    s.add_argument("--dir", metavar="DIR", help="where to build the sample Maildir (default: a new temp dir)")
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("once", help="one pass over every configured account, then exit")
    s.add_argument("--since", metavar="YYYY-MM-DD",
                   help="also draft for older mail dated on or after this day")
    s.add_argument("--last", type=int, metavar="N", help="also draft for the last N messages of the folder")
    s.add_argument("--account", action="append", metavar="NAME", help="only this account (repeatable)")
    s.set_defaults(func=cmd_once)

    s = sub.add_parser("run", help="run as a daemon: IMAP IDLE plus an interval poll, until SIGTERM/SIGINT")
    s.set_defaults(func=cmd_run)

    s = sub.add_parser("check-config",
                       help="validate the config and render every template against sample data")
    s.set_defaults(func=cmd_check_config)

    s = sub.add_parser("classify", help="classify .eml files and print labels with scores")
    s.add_argument("files", nargs="+", metavar="FILE.eml")
    s.add_argument("--format", choices=("text", "jsonl"), default="text")
    s.add_argument("--model", metavar="PATH", help="model file (default: the bundled one)")
    s.set_defaults(func=cmd_classify)

    s = sub.add_parser("preview", help="print the draft that would be written for a message, with its labels")
    s.add_argument("file", metavar="FILE.eml")
    s.add_argument("--account", metavar="NAME", help="account whose shop name and address to use")
    s.add_argument("--model", metavar="PATH", help="model file (default: the bundled one)")
    s.set_defaults(func=cmd_preview)

    s = sub.add_parser("train", help="rebuild the classifier from the labelled corpus (data/corpus)")
    s.add_argument("--data", action="append", metavar="PATH", help="JSONL file or directory (repeatable)")
    s.add_argument("--out", metavar="PATH", help="model file to write (default: models/classifier.skops)")
    s.set_defaults(func=cmd_train)

    s = sub.add_parser("evaluate", help="repeated stratified cross-validation of the classifier; with "
                                        "--situations, precision and recall of the reply stage's reading")
    s.add_argument("--data", action="append", metavar="PATH", help="JSONL file or directory (repeatable)")
    s.add_argument("--holdout", metavar="PATH", help="also score the bundled model on this JSONL file")
    s.add_argument("--situations", action="append", metavar="PATH",
                   help="annotated mail (JSONL file or directory, repeatable, e.g. bench/drafts/mail): "
                        "report per-situation, per-ask and per-escalation precision/recall instead")
    s.add_argument("--folds", type=int, default=5)
    s.add_argument("--repeats", type=int, default=2)
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.set_defaults(func=cmd_evaluate)

    s = sub.add_parser("status",
                       help="what calmdraft did: per account outcomes, labels, oldest waiting, failures")
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.set_defaults(func=cmd_status)

    s = sub.add_parser("digest", help="send the daily digest now (the daemon sends it at alerts.digest_hour)")
    s.add_argument("--account", action="append", metavar="NAME", help="only this account (repeatable)")
    s.set_defaults(func=cmd_digest)

    s = sub.add_parser("tags", help="list the keywords calmdraft sets, or print a mail client's set-up for "
                                    "them (Thunderbird user.js, neomuttrc)")
    which = s.add_mutually_exclusive_group()
    which.add_argument("--thunderbird", action="store_true", help="print a user.js block defining the tags")
    which.add_argument("--neomutt", action="store_true", help="print a neomuttrc block showing the tags")
    s.set_defaults(func=cmd_tags)

    s = sub.add_parser("orders", help="manage the orders store (import a CSV export, mark an order shipped)")
    osub = s.add_subparsers(dest="orders_command", metavar="ACTION", required=True)
    o = osub.add_parser("import", help="import orders from a marketplace CSV/TSV export")
    o.add_argument("file", metavar="FILE.csv")
    o.add_argument("--format", dest="csv_format", default="auto",
                   help="auto (default), amazon, ebay, abebooks, biblio, generic or a [orders.formats] name")
    o = osub.add_parser("mark-shipped", help="record the ship date, method and tracking of an order")
    o.add_argument("order_id")
    o.add_argument("--method", required=True, help="shipping method, e.g. \"Media Mail\"")
    o.add_argument("--tracking", help="tracking number")
    o.add_argument("--date", help="ship date YYYY-MM-DD (default: today)")
    o = osub.add_parser("list", help="list known orders")
    o.add_argument("--limit", type=int, default=20)
    s.set_defaults(func=cmd_orders)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    level = logging.WARNING if args.quiet else logging.DEBUG if args.verbose else logging.INFO
    setup_logging(level, args.log_format, protocol_debug=args.verbose >= 2)
    try:
        return int(args.func(args))
    except CalmdraftError as exc:
        return handle_cli_error(exc)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130


def handle_cli_error(exc: CalmdraftError) -> int:
    """Print an error the way the user can act on it, and return its exit code."""
    sys.stderr.write(exc.show() + "\n")
    return exc.exit_code
