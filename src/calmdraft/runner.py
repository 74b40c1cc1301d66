"""Build the long-lived parts (store, classifier, composer) once and run passes over the configured
accounts."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from calmdraft.config import Account, Config
from calmdraft.errors import ConfigError, MailboxError
from calmdraft.mailbox import open_mailbox
from calmdraft.reply.compose import Composer
from calmdraft.store import Store
from calmdraft.worker import PassResult, Selection, Worker

if TYPE_CHECKING:
    from calmdraft.classifier import Classifier

log = logging.getLogger(__name__)


class Runtime:
    """Everything a pass needs, shared by all accounts of one process."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.store = Store(config.state_path)
        self.composer = Composer(config)
        self._classifier: Classifier | None = None
        self._loading = threading.Lock()

    @property
    def classifier(self) -> Classifier:
        """The model, loaded on first use: a pass with nothing new never imports scikit-learn."""
        with self._loading:
            if self._classifier is None:
                from calmdraft.classifier import Classifier

                self._classifier = Classifier.load(self.config.model_path)
            return self._classifier

    def worker(self, account: Account) -> Worker:
        return Worker(self.config, account, self.store, lambda: self.classifier, self.composer, open_mailbox)

    def close(self) -> None:
        self.store.close()


def select_accounts(config: Config, names: Sequence[str] | None) -> list[Account]:
    if not names:
        return list(config.accounts)
    known = {a.name: a for a in config.accounts}
    missing = [n for n in names if n not in known]
    if missing:
        raise ConfigError(f"unknown account(s): {', '.join(missing)}",
                          hint=f"configured accounts: {', '.join(known)}")
    return [known[n] for n in names]


def run_once(config: Config, selection: Selection | None = None, accounts: Sequence[str] | None = None,
             progress: bool = False, stop: threading.Event | None = None) -> list[PassResult]:
    """One pass over each selected account; one account's failure never stops the others."""
    runtime = Runtime(config)
    results = []
    try:
        for account in select_accounts(config, accounts):
            try:
                results.append(runtime.worker(account).run_pass(selection, stop=stop, progress=progress))
            except MailboxError as exc:
                log.error("%s: pass failed: %s", account.name, exc.message)
                if exc.hint:
                    log.error("%s: hint: %s", account.name, exc.hint)
                results.append(PassResult(account.name, error=exc.message))
    finally:
        runtime.close()
    return results
