"""Folding text for matching and sorting names: `aki` finds "Äki", `oystein` "Øystein"."""

from __future__ import annotations

import unicodedata

# Letters that carry no combining mark, so NFKD leaves them alone; folded by hand so
# that `oystein` finds "Øystein" just as `aki` finds "Äki".
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ł": "l", "þ": "th"})


def fold(text: str) -> str:
    """Fold text for matching: case-insensitive and accent-insensitive (`Äki` → `aki`)."""
    if text.isascii():
        return text.lower()  # the same, five times faster: search folds 100k texts
    # Decompose on both sides of casefold: NFKD can yield capitals ("ᴬ" → "A") and
    # casefold can yield combining marks ("İ" → "i" + dot above).
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.translate(_LETTERS)
