"""A held session's record, written to a Markdown file to share with the person."""

from __future__ import annotations

from pathlib import Path

from ..domain.changes import DomainError
from ..store import Change
from .base import Done


class ExportTargetError(DomainError):
    """The file to write is there already, or is a folder: nothing is overwritten."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} {reason}; give another file name. Nothing was written.")
        self.path = path


def free_name(folder: Path, stem: str, suffix: str = ".md") -> Path:
    """``folder/stem.md``, or ``stem-2.md``, ``stem-3.md``… whichever is not there yet."""
    path, number = folder / f"{stem}{suffix}", 2
    while path.exists():
        path, number = folder / f"{stem}-{number}{suffix}", number + 1
    return path


def export_record(path: Path, markdown: str) -> Done:
    """Write ``markdown`` to a new file at ``path``, private (0600): it is personal data.

    An existing file is never replaced. Nothing in the database changes (undo has
    nothing to take back).
    """
    from ..store.files import atomic_write

    path = path.expanduser().absolute()
    if path.is_dir():
        raise ExportTargetError(path, "is a folder")
    if path.exists():
        raise ExportTargetError(path, "exists already")
    atomic_write(path, markdown.encode("utf-8"))
    return Done(f"Wrote the record to {path} (only you can read it).", Change())
