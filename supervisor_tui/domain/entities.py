"""The domain's records: plain, frozen values with no behaviour that needs I/O.

Every record has a numeric ``id`` that is unique across all kinds, so that
``sup done 42`` can never mean two things. Dates are ``datetime.date``;
moments are timezone-aware ``datetime.datetime`` in the user's local offset.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .folding import fold

# Decisions a suggestion can carry.
OPEN = "open"
ACCEPTED = "accepted"
DECLINED = "declined"
IN_PROGRESS = "in_progress"

# Session states.
PLANNED = "planned"
HELD = "held"
CANCELLED = "cancelled"

# Who owns an agreement.
LEAD = "lead"
PERSON = "person"
OWNERS = (LEAD, PERSON)

# Kinds of note.
OBSERVATION = "observation"
WELLBEING = "wellbeing"

# How a win was acknowledged.
ACK_WAYS = ("in person", "message", "team meeting")

DEFAULT_CADENCE_DAYS = 30

# Kinds of goal: a figure against a target, or a behaviour on a three-level scale.
METRIC = "metric"
BEHAVIOUR = "behaviour"
GOAL_KINDS = (METRIC, BEHAVIOUR)
# Where a goal stands as the lead decided it (on or off track is worked out, not stored).
ACTIVE, MET, DROPPED = "active", "met", "dropped"
GOAL_STATES = (ACTIVE, MET, DROPPED)
# A metric's target: at least, at most, exactly.
TARGET_OPS = (">=", "<=", "=")
# A behaviour's scale, lowest first.
NOT_YET, SOMETIMES, CONSISTENTLY = "not yet", "sometimes", "consistently"
LEVELS = (NOT_YET, SOMETIMES, CONSISTENTLY)
# Where a check-in came from.
FROM_SESSION, FROM_CLI, FROM_IMPORT = "session", "cli", "import"
CHECK_IN_SOURCES = (FROM_SESSION, FROM_CLI, FROM_IMPORT)


@dataclass(frozen=True, slots=True)
class Person:
    """A direct report."""

    id: int
    name: str
    handle: str
    started_on: dt.date
    role: str = ""
    cadence_days: int = DEFAULT_CADENCE_DAYS
    archived: bool = False
    form: str | None = None  # the name of this person's default coaching form

    @property
    def first_name(self) -> str:
        """What the lead calls them: the first word of the name ("Anna")."""
        words = self.name.split()
        return words[0] if words else self.name


@dataclass(frozen=True, slots=True)
class Session:
    """A coaching 1:1, planned, held or cancelled."""

    id: int
    person_id: int
    status: str = PLANNED
    planned_for: dt.datetime | None = None
    held_on: dt.date | None = None
    times_moved: int = 0
    form_name: str | None = None
    form_version: int | None = None
    # (agenda item, notes) in agenda order; kept as pairs so the record stays hashable.
    notes: tuple[tuple[str, str], ...] = ()

    def note_for(self, item: str) -> str:
        """The notes written under one agenda item, or ''."""
        return next((text for name, text in self.notes if name == item), "")


@dataclass(frozen=True, slots=True)
class Agreement:
    """Something agreed in a session or captured as a to-do, with a follow-up date."""

    id: int
    person_id: int
    text: str
    created: dt.datetime
    owner: str = LEAD
    follow_up_on: dt.date | None = None
    session_id: int | None = None
    done_on: dt.date | None = None
    dropped_on: dt.date | None = None

    @property
    def is_open(self) -> bool:
        """Neither done nor dropped."""
        return self.done_on is None and self.dropped_on is None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An idea or piece of feedback the person gave the lead."""

    id: int
    person_id: int
    text: str
    received_on: dt.date
    created: dt.datetime
    decision: str = OPEN
    response: str = ""
    answered_on: dt.date | None = None
    come_back_by: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Win:
    """A success of the person, waiting for or given acknowledgement."""

    id: int
    person_id: int
    text: str
    happened_on: dt.date
    created: dt.datetime
    acknowledged_on: dt.date | None = None
    acknowledged_how: str = ""
    ack_note: str = ""


@dataclass(frozen=True, slots=True)
class Note:
    """An observation or a wellbeing check about a person."""

    id: int
    person_id: int
    text: str
    created: dt.datetime
    kind: str = OBSERVATION


@dataclass(frozen=True, slots=True)
class Leave:
    """A pause in the person's coaching cadence: from ``starts_on`` to ``ends_on``, both
    included. Days on leave do not count towards the cadence."""

    id: int
    person_id: int
    starts_on: dt.date
    ends_on: dt.date
    note: str = ""  # what the lead chose to say about it ("holiday"); often nothing

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` is a day of this leave."""
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True, slots=True)
class Form:
    """One version of a coaching form: an ordered agenda."""

    name: str
    version: int
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Goal:
    """A clear goal for a person: a figure against a target, or a behaviour to make a habit.

    A goal without a target is a behaviour (``kind`` says which, so a file read by hand
    says it too); its check-ins carry a level instead of a number.
    """

    id: int
    person_id: int
    title: str  # "CSAT", "Uses the customer's name"
    set_on: dt.date
    kind: str = BEHAVIOUR
    op: str | None = None  # a metric's target: ">=", "<=" or "="
    target: float | None = None
    unit: str = ""  # "%", "s", "pts"
    review_on: dt.date | None = None
    session_id: int | None = None  # the session it was set in, if any
    status: str = ACTIVE
    closed_on: dt.date | None = None  # when it was met or dropped


@dataclass(frozen=True, slots=True)
class CheckIn:
    """Where a goal stood on a day: a figure (a metric) or a level (a behaviour)."""

    id: int
    goal_id: int
    person_id: int  # the goal's person, so forgetting them reaches their check-ins
    on: dt.date
    value: float | None = None
    level: str | None = None
    note: str = ""
    source: str = FROM_CLI
    session_id: int | None = None  # the session it was recorded in, if any


Record = Person | Session | Agreement | Suggestion | Win | Note | Goal | CheckIn | Leave


@dataclass(frozen=True, slots=True)
class Records:
    """Everything the rules look at, as one immutable snapshot."""

    people: tuple[Person, ...] = ()
    sessions: tuple[Session, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    wins: tuple[Win, ...] = ()
    notes: tuple[Note, ...] = ()
    forms: tuple[Form, ...] = ()
    goals: tuple[Goal, ...] = ()
    check_ins: tuple[CheckIn, ...] = ()
    leaves: tuple[Leave, ...] = ()
    _people_by_id: dict[int, Person] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_people_by_id", {p.id: p for p in self.people})

    def person(self, person_id: int) -> Person | None:
        """The person with this id, archived or not."""
        return self._people_by_id.get(person_id)

    def active_people(self) -> tuple[Person, ...]:
        """People who are not archived, in name order (Äki sorts with the A's)."""
        active = (p for p in self.people if not p.archived)
        return tuple(sorted(active, key=lambda p: fold(p.name)))


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds the rules use; each has the default DESIGN.md gives it."""

    due_soon_days: int = 5
    suggestion_flag_days: int = 7
    win_flag_days: int = 2
    default_cadence_days: int = DEFAULT_CADENCE_DAYS
    session_time: dt.time = dt.time(10, 0)
    sessions_per_day: int = 3
