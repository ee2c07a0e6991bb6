"""A coaching session in progress: what the lead has written and decided so far.

Immutable, and convertible to and from plain JSON so it can be kept on disk
as the lead types and offered back after a crash or a dropped connection.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from .entities import LEVELS, OWNERS, TARGET_OPS, Form, Person, Record

DONE, CARRY, DROP = "done", "carry", "drop"
OUTCOMES = (DONE, CARRY, DROP)


@dataclass(frozen=True)
class Outcome:
    """What happens in this session to an agreement from earlier: done, carried or dropped."""

    action: str
    follow_up_on: dt.date | None = None  # the new date, when carried over


@dataclass(frozen=True)
class NewAgreement:
    """Something agreed in this session, with who does it and when to follow up."""

    text: str
    owner: str
    follow_up_on: dt.date


@dataclass(frozen=True)
class GoalValue:
    """This session's value for one of the person's goals: a figure or a level."""

    goal_id: int
    value: float | None = None
    level: str | None = None


@dataclass(frozen=True)
class NewGoal:
    """A goal set in this session: a metric with a target, or a behaviour without one."""

    title: str
    op: str | None = None
    target: float | None = None
    unit: str = ""
    review_on: dt.date | None = None


@dataclass(frozen=True)
class OpenDialog:
    """A dialog of the session view half written when the terminal closed (a new
    agreement or goal, a carry-over date, a goal's value), opened again with what was
    typed when the draft is resumed. ``typed`` pairs each field written in with its
    text; ``chosen`` each choice list with the option it was on; ``about`` is the
    agreement carried over, or the goal given a value."""

    name: str  # a key of SESSION_DIALOGS
    typed: tuple[tuple[str, str], ...]
    chosen: tuple[tuple[str, str], ...] = ()
    about: int | None = None


SESSION_DIALOGS = {
    "agreement": "an agreement",
    "goal": "a goal",
    "carry": "a carry-over date",
    "value": "a goal's value",
}


@dataclass(frozen=True)
class SessionDraft:
    """Notes per agenda item, outcomes for open agreements, and new agreements."""

    person_id: int
    form_name: str
    form_version: int
    items: tuple[str, ...]
    notes: tuple[tuple[str, str], ...] = ()
    outcomes: tuple[tuple[int, Outcome], ...] = ()
    new_agreements: tuple[NewAgreement, ...] = ()
    saved_at: dt.datetime | None = None
    # The person's held sessions when the draft began (None for drafts kept before this
    # was recorded): a session held since, elsewhere, is not held a second time.
    held_before: tuple[int, ...] | None = None
    goal_values: tuple[GoalValue, ...] = ()  # by goal id
    new_goals: tuple[NewGoal, ...] = ()
    open_dialog: OpenDialog | None = None

    @classmethod
    def start(
        cls, person_id: int, form: Form, held_before: tuple[int, ...] | None = None
    ) -> SessionDraft:
        """An empty draft following ``form``."""
        return cls(person_id, form.name, form.version, form.items, held_before=held_before)

    @property
    def key(self) -> str:
        """The name the draft is kept under: one draft per person."""
        return draft_key(self.person_id)

    def note(self, item: str) -> str:
        """What is written under one agenda item."""
        return dict(self.notes).get(item, "")

    def outcome(self, agreement_id: int) -> Outcome | None:
        """What this session decided about an earlier agreement, if anything yet."""
        return dict(self.outcomes).get(agreement_id)

    def with_note(self, item: str, text: str) -> SessionDraft:
        """The draft with ``text`` under ``item``."""
        notes = dict(self.notes)
        notes[item] = text
        return replace(self, notes=tuple((i, notes[i]) for i in self.items if notes.get(i)))

    def with_outcome(self, agreement_id: int, outcome: Outcome | None) -> SessionDraft:
        """The draft with an agreement's outcome set (or cleared with None)."""
        outcomes = dict(self.outcomes)
        if outcome is None:
            outcomes.pop(agreement_id, None)
        else:
            outcomes[agreement_id] = outcome
        return replace(self, outcomes=tuple(sorted(outcomes.items())))

    def with_agreement(self, agreement: NewAgreement) -> SessionDraft:
        """The draft with one more new agreement."""
        return replace(self, new_agreements=(*self.new_agreements, agreement))

    def without_agreement(self, index: int) -> SessionDraft:
        """The draft without the new agreement at ``index``."""
        kept = self.new_agreements[:index] + self.new_agreements[index + 1 :]
        return replace(self, new_agreements=kept)

    def goal_value(self, goal_id: int) -> GoalValue | None:
        """The value this session gave a goal, if any yet."""
        return next((v for v in self.goal_values if v.goal_id == goal_id), None)

    def with_goal_value(self, value: GoalValue | None, goal_id: int | None = None) -> SessionDraft:
        """The draft with a goal's value set (or, given None and ``goal_id``, cleared)."""
        gone = value.goal_id if value is not None else goal_id
        kept = [v for v in self.goal_values if v.goal_id != gone]
        if value is not None:
            kept.append(value)
        return replace(self, goal_values=tuple(sorted(kept, key=lambda v: v.goal_id)))

    def with_goal(self, goal: NewGoal) -> SessionDraft:
        """The draft with one more new goal."""
        return replace(self, new_goals=(*self.new_goals, goal))

    def without_goal(self, index: int) -> SessionDraft:
        """The draft without the new goal at ``index``."""
        return replace(self, new_goals=self.new_goals[:index] + self.new_goals[index + 1 :])

    @property
    def is_empty(self) -> bool:
        """Nothing written or decided yet."""
        return not (
            self.notes
            or self.outcomes
            or self.new_agreements
            or self.goal_values
            or self.new_goals
            or self.open_dialog
        )

    def summary(self) -> str:
        """One line: how much has been written and decided."""
        parts = [f"notes on {len(self.notes)} of {len(self.items)} items"]
        if self.new_agreements:
            n = len(self.new_agreements)
            parts.append(f"{n} new agreement{'s' if n != 1 else ''}")
        for action, label in ((DONE, "done"), (CARRY, "carried over"), (DROP, "dropped")):
            count = sum(1 for _, o in self.outcomes if o.action == action)
            if count:
                parts.append(f"{count} {label}")
        for count, one in (
            (len(self.goal_values), "goal value"),
            (len(self.new_goals), "new goal"),
        ):
            if count:
                parts.append(f"{count} {one}{'s' if count != 1 else ''}")
        if self.open_dialog is not None:
            parts.append(f"{SESSION_DIALOGS.get(self.open_dialog.name, 'a dialog')} half written")
        return " · ".join(parts)

    def to_doc(self) -> dict[str, Any]:
        """Plain JSON for keeping on disk."""
        return {
            "person_id": self.person_id,
            "form_name": self.form_name,
            "form_version": self.form_version,
            "items": list(self.items),
            "notes": [list(pair) for pair in self.notes],
            "outcomes": [
                [i, o.action, o.follow_up_on.isoformat() if o.follow_up_on else None]
                for i, o in self.outcomes
            ],
            "new_agreements": [
                [a.text, a.owner, a.follow_up_on.isoformat()] for a in self.new_agreements
            ],
            "saved_at": self.saved_at.isoformat() if self.saved_at else None,
            "held_before": list(self.held_before) if self.held_before is not None else None,
            "goal_values": [[v.goal_id, v.value, v.level] for v in self.goal_values],
            "new_goals": [
                [g.title, g.op, g.target, g.unit, g.review_on.isoformat() if g.review_on else None]
                for g in self.new_goals
            ],
            "open_dialog": (
                None
                if self.open_dialog is None
                else [
                    self.open_dialog.name,
                    [list(pair) for pair in self.open_dialog.typed],
                    [list(pair) for pair in self.open_dialog.chosen],
                    # Only when there is one: a draft without it reads as before.
                    *([] if self.open_dialog.about is None else [self.open_dialog.about]),
                ]
            ),
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> SessionDraft:
        """A draft read back from disk; ValueError if it is not one."""
        try:
            outcomes = tuple(
                (int(i), Outcome(a, dt.date.fromisoformat(d) if d else None))
                for i, a, d in doc["outcomes"]
            )
            agreements = tuple(
                NewAgreement(t, o, dt.date.fromisoformat(d)) for t, o, d in doc["new_agreements"]
            )
            saved = doc.get("saved_at")
            held = doc.get("held_before")
            values = tuple(
                GoalValue(int(i), None if v is None else float(v), None if lv is None else str(lv))
                for i, v, lv in doc.get("goal_values") or ()
            )
            goals = tuple(
                NewGoal(
                    str(t),
                    None if op is None else str(op),
                    None if aim is None else float(aim),
                    str(unit),
                    dt.date.fromisoformat(review) if review else None,
                )
                for t, op, aim, unit, review in doc.get("new_goals") or ()
            )
            dialog = doc.get("open_dialog")
            if dialog is not None:
                name, typed, chosen, *about = dialog
                if len(about) > 1:
                    raise ValueError("not an open dialog")
                dialog = OpenDialog(
                    str(name),
                    tuple((str(k), str(v)) for k, v in typed),
                    tuple((str(k), str(v)) for k, v in chosen),
                    int(about[0]) if about else None,
                )
            draft = cls(
                int(doc["person_id"]),
                str(doc["form_name"]),
                int(doc["form_version"]),
                tuple(str(i) for i in doc["items"]),
                tuple((str(i), str(t)) for i, t in doc["notes"]),
                outcomes,
                agreements,
                dt.datetime.fromisoformat(saved) if saved else None,
                tuple(int(i) for i in held) if held is not None else None,
                values,
                goals,
                dialog,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError("not a session draft") from exc
        if any(o.action not in OUTCOMES for _, o in outcomes) or any(
            a.owner not in OWNERS for a in agreements
        ):
            raise ValueError("not a session draft")
        if any(v.level not in (None, *LEVELS) for v in values) or any(
            g.op not in (None, *TARGET_OPS) or (g.op is None) != (g.target is None) for g in goals
        ):
            raise ValueError("not a session draft")
        return draft


def draft_key(person_id: int) -> str:
    """The name a person's session draft is kept under."""
    return f"session-{person_id}"


DIALOG_TEXT_KIND = "dialog text"  # a draft's "kind": what a row's dialog held
# Dialogs kept as they are written that are about a person rather than one of their
# records: their details (`E`), their next 1:1 (`p`), their leave (`L`); and someone
# being added (`+`), about no one yet.
ADD_PERSON, EDIT_PERSON, PLAN, LEAVE = "add_person", "edit_person", "plan", "leave"
ABOUT_THE_PERSON = frozenset({EDIT_PERSON, PLAN, LEAVE})


@dataclass(frozen=True)
class KeptDialog:
    """What a dialog held when the terminal closed on it (a thank-you note, an answer,
    an edit, a person's details), to open it again at the next start.

    ``action`` is the key's action ("acknowledge", "edit_person"); ``record_id`` the
    record it is about (a person's id for their details; None for a person being
    added); ``person_id`` whom it is about, so that forgetting them erases it.
    ``typed`` maps each field the lead wrote in to its text, ``chosen`` each choice
    list to the option it was on.
    """

    action: str
    record_id: int | None
    person_id: int | None
    typed: dict[str, str]
    chosen: dict[str, str]

    @classmethod
    def of(
        cls,
        action: str,
        about: Record | None,
        typed: dict[str, str],
        chosen: dict[str, str],
    ) -> KeptDialog:
        """The dialog of ``action`` on ``about``: a record, a person, or no one yet."""
        if about is None:
            return cls(action, None, None, typed, chosen)
        person_id = about.id if isinstance(about, Person) else about.person_id
        return cls(action, about.id, person_id, typed, chosen)

    def to_doc(self, saved_at: dt.datetime) -> dict[str, Any]:
        """The draft as kept on disk, tied to the person (forgetting them erases it)."""
        return {
            "kind": DIALOG_TEXT_KIND,
            "action": self.action,
            "record_id": self.record_id,
            "person_id": self.person_id,
            "typed": dict(self.typed),
            "chosen": dict(self.chosen),
            "saved_at": saved_at.isoformat(),
        }

    @classmethod
    def from_doc(cls, doc: object) -> KeptDialog | None:
        """The kept dialog, or None if ``doc`` is not one that can be read."""
        if not isinstance(doc, dict) or doc.get("kind") != DIALOG_TEXT_KIND:
            return None
        action, record_id, person_id = doc.get("action"), doc.get("record_id"), doc.get("person_id")
        typed, chosen = doc.get("typed"), doc.get("chosen")
        if not (
            isinstance(action, str)
            and _id_or_none(record_id)
            and _id_or_none(person_id)
            and (record_id is None) == (person_id is None)
            and _texts(typed)
            and _texts(chosen)
        ):
            return None
        return cls(action, record_id, person_id, dict(typed), dict(chosen))


def _id_or_none(found: object) -> bool:
    return found is None or (isinstance(found, int) and not isinstance(found, bool))


def _texts(found: object) -> bool:
    return isinstance(found, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in found.items()
    )
