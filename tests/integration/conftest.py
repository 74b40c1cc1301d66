"""Integration-test fixtures shared by every module here."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _collect_garbage_after_each_test() -> Iterator[None]:
    """Collect garbage as each test ends, so a socket or transport left open fails the test that leaked it
    (pytest turns the unraisable ResourceWarning into an error) instead of whichever test runs next."""
    yield
    gc.collect()
