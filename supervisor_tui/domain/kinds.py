"""Every kind of record the app keeps, in one place.

A kind is an entity (a frozen dataclass in ``entities.py``) plus what the rest of
the app needs to know about it: the table it lives in (also its field in
``Records``), its name in words, whether it is about one person (then forgetting
that person erases it and exporting them includes it), which of its fields are
dates and moments (so a copy of the file can be moved in time), what "open"
means (what the day view may list without reading history) and the day it sits
at in a person's timeline, and the day it was closed (from which retention counts).

The store, forget, export, date shifting and the id lookup iterate `KINDS`; a
new kind is added here and in ``entities.py`` (the README's developer section
lists the places that show it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .changes import DomainError
from .entities import (
    CANCELLED,
    CHECK_IN_SOURCES,
    GOAL_KINDS,
    GOAL_STATES,
    HELD,
    IN_PROGRESS,
    LEVELS,
    METRIC,
    OPEN,
    PLANNED,
    TARGET_OPS,
    Agreement,
    CheckIn,
    Form,
    Goal,
    Leave,
    Note,
    Person,
    Record,
    Records,
    Session,
    Suggestion,
    Win,
)

# The stored documents of one table, by key; a kind says which of them are open.
Docs = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Kind:
    """One kind of record and how the app treats it."""

    entity: type
    table: str  # its table in the file, and its field in Records
    label: str  # one of them, in words: "a win", "a follow-up"
    about_a_person: bool  # has person_id: forgotten and exported with the person
    # Which stored documents the day view may list (None: all of them). Everything
    # else is history, which a large file need not decode to show today.
    open_docs: Callable[[Docs], set[str] | None]
    # The day a record sits at in the person's timeline (None: not on it).
    dated: Callable[[Any], dt.date | None] = lambda record: None
    has_id: bool = True  # coaching forms are kept by name and version instead
    order: Callable[[Any], Any] | None = None  # how Records holds them; None: as stored
    # The day a record was closed (None: still open), from which retention counts.
    closed_on: Callable[[Any], dt.date | None] = lambda record: None
    # What makes a record of the right types unusable, in words (None: nothing). Checked
    # on every read, so a damaged file is refused instead of failing somewhere later.
    problem: Callable[[Any], str | None] | None = None

    @cached_property
    def fields(self) -> tuple[tuple[str, type], ...]:
        """(name, type) of every field, in order, with ``X | None`` unwrapped to X."""
        hints = typing.get_type_hints(self.entity)
        return tuple((f.name, _bare(hints[f.name])) for f in dataclasses.fields(self.entity))

    @cached_property
    def nullable(self) -> frozenset[str]:
        """Fields that may hold None (typed ``X | None``)."""
        hints = typing.get_type_hints(self.entity)
        return frozenset(
            f.name
            for f in dataclasses.fields(self.entity)
            if _bare(hints[f.name]) is not hints[f.name]
        )

    @cached_property
    def dates(self) -> frozenset[str]:
        """Fields holding a calendar day."""
        return frozenset(name for name, tp in self.fields if tp is dt.date)

    @cached_property
    def moments(self) -> frozenset[str]:
        """Fields holding a moment (date, time and offset)."""
        return frozenset(name for name, tp in self.fields if tp is dt.datetime)


def _bare(tp: Any) -> Any:
    """``X | None`` -> X; anything else as it is."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        rest = [a for a in typing.get_args(tp) if a is not type(None)]
        return rest[0] if len(rest) == 1 else tp
    return tp


def _all(docs: Docs) -> None:
    return None


def _none(docs: Docs) -> set[str]:
    return set()


def _where(test: Callable[[Mapping[str, Any]], bool]) -> Callable[[Docs], set[str]]:
    return lambda docs: {key for key, doc in docs.items() if test(doc)}


def _sessions_open(docs: Docs) -> set[str]:
    """Planned sessions, and each person's latest held one (the cadence counts from it)."""
    keep, latest = set(), {}
    for key, doc in docs.items():
        status = doc.get("status", PLANNED)
        if status == PLANNED:
            keep.add(key)
        elif status == HELD and doc.get("held_on"):
            mark = (doc["held_on"], int(key))
            best = latest.get(doc.get("person_id"))
            if best is None or mark > best[0]:
                latest[doc.get("person_id")] = (mark, key)
    return keep | {key for _, key in latest.values()}


# The longest cadence `--every` can say (99999w); a longer one overflows the calendar.
MAX_CADENCE_DAYS = 99_999 * 7


def _person_problem(p: Person) -> str | None:
    if not p.name.strip():
        return "its 'name' is empty"
    if not 0 < p.cadence_days <= MAX_CADENCE_DAYS:
        return f"its 'cadence_days' should be from 1 to {MAX_CADENCE_DAYS}"
    return None


def _session_day(s: Session) -> dt.date | None:
    if s.status == HELD:
        return s.held_on
    if s.status == CANCELLED or s.planned_for is None:
        return None
    return s.planned_for.date()


def _session_closed(s: Session) -> dt.date | None:
    """Held on its day; cancelled on the day it was planned for; planned: still open."""
    if s.status == HELD:
        return s.held_on
    if s.status == CANCELLED and s.planned_for is not None:
        return s.planned_for.date()
    return None


def _goal_problem(g: Goal) -> str | None:
    if not g.title.strip():
        return "its 'title' is empty"
    if g.kind not in GOAL_KINDS:
        return f"its 'kind' should be one of {', '.join(GOAL_KINDS)}"
    if g.status not in GOAL_STATES:
        return f"its 'status' should be one of {', '.join(GOAL_STATES)}"
    if g.kind == METRIC and (g.op not in TARGET_OPS or g.target is None):
        return f"a metric needs an 'op' ({', '.join(TARGET_OPS)}) and a 'target'"
    return None


def _check_in_problem(c: CheckIn) -> str | None:
    if c.level is not None and c.level not in LEVELS:
        return f"its 'level' should be one of {', '.join(LEVELS)}"
    if c.source not in CHECK_IN_SOURCES:
        return f"its 'source' should be one of {', '.join(CHECK_IN_SOURCES)}"
    return None


def _check_ins_open(docs: Docs) -> set[str]:
    """Each goal's latest two check-ins: whether it is on or off track needs no more."""
    latest: dict[Any, list[tuple[tuple[str, int], str]]] = {}
    for key, doc in docs.items():
        mark = (doc.get("on"), int(key))
        group = latest.setdefault(doc.get("goal_id"), [])
        group.append((mark, key))
        if len(group) > 2:
            group.sort(reverse=True)
            del group[2:]
    return {key for group in latest.values() for _, key in group}


KINDS: tuple[Kind, ...] = (
    Kind(Person, "people", "a person", False, _all, problem=_person_problem),
    Kind(
        Session,
        "sessions",
        "a session",
        True,
        _sessions_open,
        _session_day,
        closed_on=lambda s: _session_closed(s),
    ),
    Kind(
        Agreement,
        "agreements",
        "a follow-up",
        True,
        _where(lambda d: d.get("done_on") is None and d.get("dropped_on") is None),
        lambda a: a.created.date(),
        closed_on=lambda a: a.done_on or a.dropped_on,
    ),
    Kind(
        Suggestion,
        "suggestions",
        "a suggestion",
        True,
        _where(lambda d: d.get("decision", OPEN) in (OPEN, IN_PROGRESS)),
        lambda s: s.received_on,
        closed_on=lambda s: (
            None if s.decision in (OPEN, IN_PROGRESS) else s.answered_on or s.received_on
        ),
    ),
    Kind(
        Win,
        "wins",
        "a win",
        True,
        _where(lambda d: d.get("acknowledged_on") is None),
        lambda w: w.happened_on,
        closed_on=lambda w: w.acknowledged_on,
    ),
    Kind(  # a note is done with once written
        Note,
        "notes",
        "a note",
        True,
        _none,
        lambda n: n.created.date(),
        closed_on=lambda n: n.created.date(),
    ),
    Kind(
        Form,
        "forms",
        "a coaching form",
        False,
        _all,
        has_id=False,
        order=lambda f: (f.name, f.version),
    ),
    Kind(
        Goal,
        "goals",
        "a goal",
        True,
        _where(lambda d: d.get("status", "active") == "active"),
        lambda g: g.set_on,
        closed_on=lambda g: g.closed_on,
        problem=_goal_problem,
    ),
    Kind(  # a check-in is done with once recorded; its goal keeps it in view
        CheckIn,
        "check_ins",
        "a check-in",
        True,
        _check_ins_open,
        lambda c: c.on,
        order=lambda c: (c.on, c.id),
        closed_on=lambda c: c.on,
        problem=_check_in_problem,
    ),
    Kind(  # few, and every one counts for the cadence: the day view reads them all
        Leave,
        "leaves",
        "a leave",
        True,
        _all,
        lambda leave: leave.starts_on,
        closed_on=lambda leave: leave.ends_on,
        problem=lambda leave: (
            "its 'ends_on' is before its 'starts_on'" if leave.ends_on < leave.starts_on else None
        ),
        order=lambda leave: (leave.starts_on, leave.id),
    ),
)

BY_TABLE: dict[str, Kind] = {kind.table: kind for kind in KINDS}
BY_ENTITY: dict[type, Kind] = {kind.entity: kind for kind in KINDS}
# Kinds whose records carry an id unique across all of them (`sup done 42`).
WITH_IDS: tuple[Kind, ...] = tuple(kind for kind in KINDS if kind.has_id)
ABOUT_A_PERSON: tuple[Kind, ...] = tuple(kind for kind in KINDS if kind.about_a_person)


def kind_of(record: Record | Form) -> Kind:
    """The kind of a record."""
    return BY_ENTITY[type(record)]


def record_with_id(records: Records, record_id: int) -> Record | None:
    """The record of any kind with ids (a win, a session, a goal…) that has this id."""
    found = (r for kind in WITH_IDS for r in getattr(records, kind.table) if r.id == record_id)
    return next(found, None)


class NotRead(tuple):
    """The records of a kind that a partial read left out (a command that needs only
    goals need not decode 100k wins): any use of them is a bug, told at once rather
    than taken for "there are none"."""

    __slots__ = ()

    def _refuse(self, *_: object) -> Any:
        raise LookupError("this kind of record was not read for this command")

    __iter__ = __len__ = __getitem__ = __contains__ = __bool__ = _refuse


def records_of(tables: Mapping[str, Iterable[Any]], read: Iterable[str] | None = None) -> Records:
    """One snapshot of the records of each kind, given by table; with ``read``, only
    those kinds were read (and people, always), and the others are `NotRead`."""
    wanted = None if read is None else {"people", *read}
    return Records(
        **{
            kind.table: (
                NotRead()
                if wanted is not None and kind.table not in wanted
                else tuple(
                    sorted(tables.get(kind.table, ()), key=kind.order)
                    if kind.order
                    else tables.get(kind.table, ())
                )
            )
            for kind in KINDS
        }
    )


class WrongKindError(DomainError):
    """An id of one kind given where another kind was wanted (`sup ack` with a suggestion's id)."""

    def __init__(self, record_id: int, found: Kind, wanted: Kind) -> None:
        super().__init__(f"#{record_id} is {found.label}, not {wanted.label}.")
        self.record_id, self.found, self.wanted = record_id, found, wanted
