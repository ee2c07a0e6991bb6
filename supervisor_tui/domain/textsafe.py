"""Show whatever a user typed literally: never as markup, never as terminal control.

Text in the database is stored exactly as typed. Before it reaches a terminal,
control characters (ESC and the rest of C0 and C1, DEL), bidirectional
overrides and line separators become visible placeholders, so a win reading
``\\x1b]52;c;…`` cannot write to the clipboard and ``\\u202e`` cannot reverse a line.
"""

from __future__ import annotations

import re

# Bidi embeddings/overrides/isolates and marks, and the Unicode line/paragraph separators.
_FORMAT = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_FORMAT}]")
_UNSAFE_KEEP_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_FORMAT}]")


def _placeholder(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛, ␀, ␤ …
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character shown as a visible placeholder.

    With ``multiline``, newlines and tabs are kept (for notes shown as paragraphs).
    """
    pattern = _UNSAFE_KEEP_LINES if multiline else _UNSAFE
    return pattern.sub(_placeholder, text)


_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def is_one_line(text: str) -> bool:
    """Whether ``text`` is a single line of ordinary text: no line break, tab or other
    control character (what a name or a role must be)."""
    return _NOT_ONE_LINE.search(text) is None


def from_argv(text: str) -> str:
    """Text from the command line, with undecodable bytes made into U+FFFD.

    Python hands invalid UTF-8 in argv over as lone surrogates, which no file
    or terminal can hold.
    """
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# JSON escapes C0 controls itself, but not DEL, C1 or the bidi and separator characters.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_FORMAT}]")


def json_for_terminal(json_text: str) -> str:
    """JSON text with every character a terminal would act on written as \\uXXXX.

    It still decodes to exactly the same data.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
