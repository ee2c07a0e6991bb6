"""Finding a person from what the lead typed (`@anna`, `virt`, `aki`) and minting handles.

Everything here is pure: callers pass every person they have, archived or not, and
the archived ones are filtered out here so no caller can forget to.
"""

from __future__ import annotations

from collections.abc import Iterable

from .entities import Person
from .folding import fold

# Why a reference found no one person.
NO_REF, AMBIGUOUS, NO_MATCH = "no ref", "ambiguous", "no match"


class PersonRefError(ValueError):
    """A person reference that matches no one, or more than one person.

    ``reason`` says which: NO_REF (nothing was given), AMBIGUOUS (``candidates`` holds
    the people it could mean) or NO_MATCH (no one: each interface says how to add someone).
    """

    def __init__(
        self, ref: str, candidates: tuple[Person, ...], message: str, *, reason: str
    ) -> None:
        super().__init__(message)
        self.ref = ref
        self.candidates = candidates
        self.reason = reason


def _key(text: str) -> str:
    # Runs of whitespace count as one space, so "anna  v" still finds "Anna Virtanen".
    return " ".join(fold(text).split())


def _matches_prefix(person: Person, key: str) -> bool:
    name = _key(person.name)
    return (
        fold(person.handle).startswith(key)
        or name.startswith(key)
        or any(word.startswith(key) for word in name.split())
    )


def _by_name(people: Iterable[Person]) -> tuple[Person, ...]:
    return tuple(sorted(people, key=lambda p: (_key(p.name), p.handle)))


def _shown(text: str) -> str:
    # The reference is echoed back into a terminal: never pass control codes through.
    # (Same as datewords.quoted; the domain imports nothing from outside itself.)
    return '"' + "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text) + '"'


def _label(person: Person) -> str:
    return f"{person.name} (@{person.handle})"


def people_matching(ref: str, people: Iterable[Person]) -> tuple[Person, ...]:
    """Active people whose handle, full name or any word of the name starts with ``ref``.

    A leading "@" is ignored and matching folds case and accents. Sorted by name.
    This is the loose match completion wants; `resolve_person` narrows it to one.
    """
    key = _key(ref.strip().removeprefix("@"))
    return _by_name(p for p in people if not p.archived and _matches_prefix(p, key))


def resolve_person(ref: str, people: Iterable[Person], *, archived: bool = False) -> Person:
    """The one active person ``ref`` means, or a `PersonRefError` that says why not.

    An exact handle wins, then an exact full name, then a unique prefix of the handle,
    of the full name or of any word of the name. Case and accents never matter and a
    leading "@" is ignored. With ``archived``, archived people can match too (for
    exporting or forgetting someone who has left).
    """
    active = [p for p in people if archived or not p.archived]
    bare = ref.strip().removeprefix("@")
    key = _key(bare)
    if not key:
        raise PersonRefError(
            ref, (), "Say who: give a handle or a name, e.g. @anna.", reason=NO_REF
        )
    for matches in (
        [p for p in active if fold(p.handle) == key],
        [p for p in active if _key(p.name) == key],
        [p for p in active if _matches_prefix(p, key)],
    ):
        if len(matches) == 1:
            return matches[0]
        if matches:
            found = _by_name(matches)
            raise PersonRefError(
                ref,
                found,
                f"{_shown(bare)} matches several people: {', '.join(map(_label, found))}. "
                "Type more of the name.",
                reason=AMBIGUOUS,
            )
    handles = ", ".join(f"@{p.handle}" for p in sorted(active, key=lambda p: fold(p.handle)))
    known = f"People: {handles}." if handles else "There is no one on the team yet."
    raise PersonRefError(ref, (), f"No one called {_shown(bare)}. {known}", reason=NO_MATCH)


def make_handle(name: str, taken: Iterable[str]) -> str:
    """A new, unused handle for ``name``: the folded first name, e.g. "Anna Virtanen" → anna.

    When that is taken the first letter of the last name is added (annav), then a
    number (anna2, anna3, …). ``taken`` is compared case- and accent-insensitively.
    """
    used = {fold(handle) for handle in taken}
    words = ["".join(ch for ch in word if ch.isalnum()) for word in fold(name).split()]
    words = [word for word in words if word]
    # A name with no letters or digits at all still needs some handle.
    base = words[0] if words else "person"
    tries = [base]
    if len(words) > 1:
        tries.append(base + words[-1][0])
    for handle in tries:
        if handle not in used:
            return handle
    number = 2
    while f"{base}{number}" in used:
        number += 1
    return f"{base}{number}"
