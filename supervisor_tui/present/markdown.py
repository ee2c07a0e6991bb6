"""User text in Markdown that is meant to be read by people (exports, session records).

Shown literally, but without the backslash clutter of escaping every punctuation
mark: only what Markdown would act on is escaped.
"""

from __future__ import annotations

import re

from ..domain.textsafe import visible

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# At the start of a line: headings, quotes, lists and rules; and ordered lists, "1." or
# "1)", where the punctuation is what gets the backslash.
_LINE_START = re.compile(r"^(\s*)([#>+=-])", re.MULTILINE)
_ORDERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
# Anything of the three above: most texts have none, and one search is cheaper than three
# substitutions (an export of 100k records escapes 175k texts).
_ANY = re.compile(rf"{_INLINE.pattern}|{_LINE_START.pattern}|{_ORDERED.pattern}", re.MULTILINE)


def md_text(text: str) -> str:
    """``text`` as Markdown that renders exactly as typed (control characters made visible)."""
    text = visible(text, multiline=True)
    if _ANY.search(text) is None:
        return text
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    return _ORDERED.sub(r"\1\\\2", text)
