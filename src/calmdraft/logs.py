"""Logging set-up for the CLI: journald-friendly text or JSON lines, with secrets redacted from protocol
logs."""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime

_SECRET_COMMANDS = re.compile(r"\b(LOGIN|AUTHENTICATE|AUTH)\b.*", re.IGNORECASE)


class RedactSecrets(logging.Filter):
    """Blank everything after LOGIN/AUTHENTICATE in a record: protocol traces must never carry credentials."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(("imapclient", "aiosmtplib", "mail.log")):
            text = record.getMessage()
            if _SECRET_COMMANDS.search(text):
                record.msg = _SECRET_COMMANDS.sub(lambda m: f"{m.group(1)} **REDACTED**", text)
                record.args = ()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                 "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(level: int, fmt: str = "text", protocol_debug: bool = False) -> None:
    """Configure the root logger once; only the CLI calls this."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactSecrets())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    elif sys.stderr.isatty():
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(message)s", "%H:%M:%S"))
    else:
        # journald adds its own timestamps; keep lines short and greppable.
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("imapclient", "apscheduler", "aiosmtplib", "skops"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if protocol_debug else logging.WARNING)
