from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from servers import PASSWORD, Dovecot  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (
    Path("/work/shared/corpus") if Path("/work/shared/corpus").is_dir() else ROOT.parent / "shared" / "corpus"
)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    server = Dovecot.start()
    yield server
    server.stop()


@pytest.fixture
def imap_user(dovecot: Dovecot) -> str:
    """A fresh mailbox: every user name gets its own Maildir home on the shared server."""
    return f"shop-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def password_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CALMDRAFT_TEST_PASSWORD", PASSWORD)
    return "CALMDRAFT_TEST_PASSWORD"


@pytest.fixture
def smtp_sink(dovecot: Dovecot) -> Iterator[object]:
    """aiosmtpd requiring STARTTLS with the same self-signed certificate as the Dovecot fixture."""
    from servers import SmtpSink

    sink = SmtpSink(dovecot.directory / "cert.pem", dovecot.directory / "key.pem")
    yield sink
    sink.stop()


@pytest.fixture(autouse=True)
def _reset_logging() -> Iterator[None]:
    """`main()` points the root logger at the test's captured stderr; drop that handler when the test ends."""
    import logging

    yield
    logging.getLogger().handlers.clear()


@pytest.fixture(autouse=True)
def _collect_garbage_after_integration_tests(request: pytest.FixtureRequest) -> Iterator[None]:
    """Collect garbage as each integration test ends, so a socket or transport left open fails the test that
    leaked it (pytest turns the unraisable ResourceWarning into an error), not whichever test runs next."""
    yield
    if "integration" in request.node.path.parts:
        import gc

        gc.collect()
