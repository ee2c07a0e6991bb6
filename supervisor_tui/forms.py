"""Coaching forms: the agenda every session follows, and the defaults that ship in data/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import orjson

from .domain.entities import Form

# supervisor_tui/data is a link to the repository's data/ directory, so the forms
# shipped there are inside the installed package as well.
DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def default_forms() -> tuple[Form, ...]:
    """The coaching forms that ship with the app (data/forms.json)."""
    docs = orjson.loads((DATA_DIR / "forms.json").read_bytes())
    return tuple(Form(d["name"], d["version"], tuple(d["items"])) for d in docs)
