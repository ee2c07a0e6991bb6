"""Fitting user text into terminal columns: wide characters count two, control codes none."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from ..domain.textsafe import visible


def fit(text: str, width: int) -> str:
    """``text`` made safe and cut or padded to exactly ``width`` cells, with … when cut."""
    text = visible(text)
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
