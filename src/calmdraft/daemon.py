"""``calmdraft run``: decide when passes happen.  IMAP IDLE reacts within seconds; an APScheduler interval job
is the safety net and the fallback; failures back off exponentially with jitter; signals stop or reload
cleanly.

One thread per account keeps accounts isolated: a bad password or a dead server on one never delays another.
"""

from __future__ import annotations

import logging
import random
import signal
import threading
import time
from pathlib import Path
from types import FrameType

from calmdraft import config as config_mod
from calmdraft.config import Account, Config
from calmdraft.errors import AuthenticationFailed, CalmdraftError, MailboxError
from calmdraft.mailbox import watched_folder
from calmdraft.runner import Runtime

log = logging.getLogger(__name__)

IDLE_RENEW = 25 * 60  # RFC 2177: servers may drop IDLE after 30 minutes; re-issue well before
IDLE_TICK = 0.5
BACKOFF_START, BACKOFF_MAX = 2.0, 300.0
AUTH_RETRY = 900.0


def backoff_delay(failures: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter: uniform in [base/2, base], base doubling up to BACKOFF_MAX."""
    base = min(BACKOFF_MAX, BACKOFF_START * (2 ** max(failures - 1, 0)))
    return (rng or random).uniform(base / 2, base)


class AccountLoop(threading.Thread):
    """Connect, pass, wait (IDLE or the scheduler's wake-up), pass again; reconnect with backoff on
    failure."""

    def __init__(self, runtime: Runtime, account: Account, stop: threading.Event) -> None:
        super().__init__(name=f"calmdraft-{account.name}", daemon=True)
        self.runtime = runtime
        self.account = account
        self.stop = stop
        self.wake = threading.Event()
        self.failures = 0
        self.auth_reported = False

    def run(self) -> None:
        worker = self.runtime.worker(self.account)
        while not self.stop.is_set():
            try:
                with worker.mailbox_factory(self.account) as box:
                    if self.failures:
                        log.info("%s: reconnected after %d failure(s)", self.account.name, self.failures)
                    self.auth_reported = False
                    idle = self.account.imap is not None and self.account.imap.idle and box.supports_idle()
                    while not self.stop.is_set():
                        self.wake.clear()
                        worker.run_pass(stop=self.stop, mailbox=box)
                        # Only a whole pass resets the backoff: a pass that fails right after connecting
                        # must not retry every second.
                        self.failures = 0
                        if idle:
                            self._idle(box)
                        else:
                            self.wake.wait(self.runtime.config.poll_interval)
            except AuthenticationFailed as exc:
                self.failures += 1
                if not self.auth_reported:
                    log.error("%s: %s (%s); retrying every %d min", self.account.name, exc.message,
                              exc.hint or "check the credentials", AUTH_RETRY // 60)
                    self.auth_reported = True
                self.stop.wait(AUTH_RETRY)
            except MailboxError as exc:
                self.failures += 1
                delay = backoff_delay(self.failures)
                log.warning("%s: %s; retrying in %.0f s", self.account.name, exc.message, delay)
                self.stop.wait(delay)
            except CalmdraftError as exc:
                self.failures += 1
                log.error("%s: %s", self.account.name, exc.message)
                self.stop.wait(backoff_delay(self.failures))
            except Exception:  # noqa: BLE001 - the account's thread must outlive any surprise
                self.failures += 1
                delay = backoff_delay(self.failures)
                log.exception("%s: unexpected error; retrying in %.0f s", self.account.name, delay)
                self.stop.wait(delay)
        log.info("%s: stopped", self.account.name)

    def _idle(self, box: object) -> None:
        from calmdraft.mailbox.imap import ImapMailbox

        assert isinstance(box, ImapMailbox)
        box.idle_start(watched_folder(self.account))
        started = time.monotonic()
        try:
            while not self.stop.is_set() and not self.wake.is_set():
                if box.idle_poll(IDLE_TICK):
                    return
                if time.monotonic() - started > IDLE_RENEW:
                    return
        finally:
            box.idle_stop()


def send_digest(runtime: Runtime, account: Account) -> None:
    """The scheduled daily digest; a failure is logged and tried again the next day."""
    from calmdraft.notify import smtp

    if account.smtp is None:
        return
    try:
        smtp.send(account.smtp, smtp.digest(account, runtime.store))
        log.info("%s: daily digest sent to %s", account.name, account.alerts.to)
    except CalmdraftError as exc:
        log.warning("%s: daily digest not sent: %s", account.name, exc.message)


class Daemon:
    """Owns the scheduler, the account threads and the signal handlers."""

    def __init__(self, config: Config, config_path: Path | None = None) -> None:
        self.config = config
        self.config_path = config_path
        self.stop = threading.Event()
        self.reload = threading.Event()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if signum == signal.SIGHUP:
            self.reload.set()
        else:
            self.stop.set()

    def run(self) -> int:
        from apscheduler.schedulers.background import BackgroundScheduler

        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, self._on_signal)
        while True:
            runtime = Runtime(self.config)
            scheduler = BackgroundScheduler(daemon=True)
            account_stop = threading.Event()
            loops = [AccountLoop(runtime, a, account_stop) for a in self.config.accounts]
            for loop in loops:
                scheduler.add_job(loop.wake.set, "interval", seconds=self.config.poll_interval,
                                  id=f"poll-{loop.account.name}", max_instances=1, coalesce=True)
                account = loop.account
                if account.alerts.digest and account.smtp is not None:
                    scheduler.add_job(send_digest, "cron", hour=account.alerts.digest_hour,
                                      args=[runtime, account], id=f"digest-{account.name}", max_instances=1,
                                      coalesce=True, misfire_grace_time=3600)
                loop.start()
            scheduler.start()
            log.info("calmdraft running: %d account(s), poll every %d s, IDLE where the server has it",
                     len(loops), self.config.poll_interval)
            while not self.stop.is_set() and not self.reload.is_set():
                self.stop.wait(0.2)
            account_stop.set()
            for loop in loops:
                loop.wake.set()
            scheduler.shutdown(wait=False)
            # Stopping must finish within 10 s; a reload may wait for the message in hand as long as it takes,
            # and the per-account lock keeps a straggler and its successor from working the same account.
            deadline = time.monotonic() + (9 if self.stop.is_set() else 120)
            for loop in loops:
                loop.join(timeout=max(0.0, deadline - time.monotonic()))
            if not any(loop.is_alive() for loop in loops):
                runtime.close()
            if self.stop.is_set():
                log.info("calmdraft stopped")
                return 0
            self.reload.clear()
            self._reload()

    def _reload(self) -> None:
        if self.config_path is None:
            return
        try:
            self.config = config_mod.load(self.config_path)
            log.info("configuration and templates reloaded from %s", self.config_path)
        except CalmdraftError as exc:
            log.error("reload failed, keeping the previous configuration: %s", exc.message)
