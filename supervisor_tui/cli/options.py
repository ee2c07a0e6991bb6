"""Argument types and decorators the commands share."""

from __future__ import annotations

import click

from .env import Env

pass_env = click.make_pass_decorator(Env)


class RecordId(click.ParamType):
    """An item id as shown by `sup today`: 12 or #12."""

    name = "ID"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().lstrip("#")
        if not text.isdigit():
            self.fail(f"{value!r} is not an id. Ids are numbers like 12 (see `sup today`).")
        return int(text)


RECORD_ID = RecordId()


def joined(words: tuple[str, ...]) -> str:
    """Words given as several arguments, as one text (quotes are optional)."""
    return " ".join(words)
