"""Arrival-to-draft latency of `calmdraft run` on a local Dovecot: p50/p95 over N arrivals (default 60).

Starts a private Dovecot (the test fixture's) and runs the daemon as a real process with a 300 s poll
interval, so only IMAP IDLE can react; appends messages one at a time from another connection and times
until each draft appears.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import customer_mail, imap_config  # noqa: E402
from servers import PASSWORD, Dovecot  # noqa: E402


def main(n: int = 60) -> None:
    server = Dovecot.start()
    tmp = Path(tempfile.mkdtemp(prefix="calmdraft-bench-"))
    user = "bench"
    os.environ["CALMDRAFT_BENCH_PASSWORD"] = PASSWORD
    cfg = imap_config(tmp, server, user, "CALMDRAFT_BENCH_PASSWORD", extra="poll_interval = 300")
    proc = subprocess.Popen(
        [sys.executable, "-m", "calmdraft", "-q", "--config", str(cfg), "run"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    latencies = []
    try:
        time.sleep(3)
        with server.client(user) as c:
            for i in range(n):
                c.select_folder("Drafts", readonly=True)
                before = len(c.search(["ALL"]))
                c.append(
                    "INBOX",
                    customer_mail(
                        f"Where is my order {i}", f"Order {i} has not arrived after three weeks. Where is it?"
                    ),
                )
                started = time.monotonic()
                while True:
                    c.noop()
                    if len(c.search(["ALL"])) > before:
                        break
                    if time.monotonic() - started > 30:
                        raise SystemExit(f"no draft for message {i} after 30 s")
                    time.sleep(0.02)
                latencies.append(time.monotonic() - started)
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        server.stop()
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"arrivals: {n}; draft latency p50 {statistics.median(latencies):.2f} s, p95 {p95:.2f} s, "
        f"max {latencies[-1]:.2f} s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
