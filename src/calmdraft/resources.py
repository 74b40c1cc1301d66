"""Find the bundled templates/, models/ and samples: inside an installed wheel, or at the source checkout's
top."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_path(name: str) -> Path:
    """Directory ``name`` (templates, models) shipped with calmdraft."""
    packaged = _PACKAGE / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent.parent / name


def repo_root() -> Path | None:
    """The source checkout this package runs from, or None when installed from a wheel."""
    root = _PACKAGE.parent.parent
    return root if (root / "pyproject.toml").is_file() else None
