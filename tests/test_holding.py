"""Session drafts (pure) and holding a session through the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

import orjson
import pytest

from supervisor_tui.actions.holding import hold_session
from supervisor_tui.domain.changes import DomainError
from supervisor_tui.domain.drafts import (
    CARRY,
    DONE,
    DROP,
    KeptDialog,
    NewAgreement,
    OpenDialog,
    Outcome,
    SessionDraft,
)
from supervisor_tui.domain.entities import (
    HELD,
    LEAD,
    PERSON,
    PLANNED,
    Agreement,
    Form,
    Person,
    Session,
)
from supervisor_tui.store import Store

TODAY = dt.date(2026, 11, 20)
NOW = dt.datetime(2026, 11, 20, 11, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
FORM = Form("Coaching 1:1", 3, ("Since last time", "Wins", "Agreed next steps"))


def _draft(**changes) -> SessionDraft:
    draft = SessionDraft.start(7, FORM)
    for item, text in changes.get("notes", {}).items():
        draft = draft.with_note(item, text)
    return draft


def test_a_new_draft_is_empty_and_follows_its_form_version():
    draft = SessionDraft.start(7, FORM)
    assert draft.is_empty
    assert (draft.form_name, draft.form_version, draft.items) == ("Coaching 1:1", 3, FORM.items)
    assert draft.key == "session-7"


def test_notes_are_kept_in_agenda_order_and_clearing_one_removes_it():
    draft = _draft(notes={"Agreed next steps": "b", "Since last time": "a"})
    assert draft.notes == (("Since last time", "a"), ("Agreed next steps", "b"))
    assert draft.with_note("Since last time", "").notes == (("Agreed next steps", "b"),)


@pytest.mark.parametrize(
    ("draft", "summary"),
    [
        (SessionDraft.start(7, FORM), "notes on 0 of 3 items"),
        (
            SessionDraft.start(7, FORM)
            .with_note("Wins", "x")
            .with_outcome(1, Outcome(DONE))
            .with_outcome(2, Outcome(CARRY, TODAY))
            .with_outcome(3, Outcome(DROP))
            .with_agreement(NewAgreement("call back", LEAD, TODAY)),
            "notes on 1 of 3 items · 1 new agreement · 1 done · 1 carried over · 1 dropped",
        ),
    ],
    ids=["empty", "everything"],
)
def test_the_summary_says_what_was_written_and_decided(draft, summary):
    assert draft.summary() == summary


def test_a_draft_survives_the_round_trip_through_json_exactly():
    draft = (
        _draft(notes={"Wins": "Thanked her [b]personally[/b] \x1b ✓"})
        .with_outcome(12, Outcome(CARRY, dt.date(2026, 12, 4)))
        .with_agreement(NewAgreement("shadow Hanna", PERSON, dt.date(2026, 12, 1)))
    )
    assert SessionDraft.from_doc(draft.to_doc()) == draft
    half = OpenDialog(
        "agreement", (("text", "call [b]IT[/b]"), ("when", "fri")), (("owner", "lead"),)
    )
    with_dialog = replace(draft, open_dialog=half)
    assert SessionDraft.from_doc(orjson.loads(orjson.dumps(with_dialog.to_doc()))) == with_dialog
    carrying = replace(draft, open_dialog=OpenDialog("carry", (("when", "+3w"),), (), 17))
    assert SessionDraft.from_doc(orjson.loads(orjson.dumps(carrying.to_doc()))) == carrying


def test_a_draft_with_only_a_half_written_agreement_is_kept_and_says_so():
    draft = replace(_draft(), open_dialog=OpenDialog("agreement", (("text", "call IT"),)))
    assert not draft.is_empty
    assert draft.summary().endswith("an agreement half written")


@pytest.mark.parametrize(
    "doc",
    [
        {},
        {"person_id": "x"},
        {**_draft().to_doc(), "outcomes": [[1, "explode", None]]},
        {**_draft().to_doc(), "open_dialog": ["carry", [["when", "fri"]], [], "x"]},
        {**_draft().to_doc(), "open_dialog": ["carry", [["when", "fri"]], [], 17, 18]},
    ],
    ids=["empty", "garbage", "unknown-outcome", "dialog-about-text", "dialog-about-two"],
)
def test_something_that_is_not_a_draft_is_refused(doc):
    with pytest.raises(ValueError):
        SessionDraft.from_doc(doc)


def test_pressing_an_outcome_again_clears_it():
    draft = _draft().with_outcome(5, Outcome(DONE))
    assert draft.with_outcome(5, None).outcomes == ()


@pytest.fixture
def team(db_path):
    store = Store(db_path)
    with store.transaction() as txn:
        anna = txn.add(Person(0, "Anna Virtanen", "anna", dt.date(2025, 1, 1)))
        earlier = txn.add(Session(0, anna.id, HELD, held_on=dt.date(2026, 10, 20)))
        open_one = txn.add(
            Agreement(
                0, anna.id, "send the shift plan", NOW, follow_up_on=TODAY, session_id=earlier.id
            )
        )
        done_elsewhere = txn.add(
            Agreement(0, anna.id, "book training", NOW, follow_up_on=TODAY, done_on=TODAY)
        )
    return store, anna, open_one, done_elsewhere


def test_holding_applies_outcomes_but_leaves_an_agreement_closed_elsewhere_alone(team):
    store, anna, open_one, done_elsewhere = team
    draft = (
        SessionDraft.start(anna.id, FORM)
        .with_outcome(open_one.id, Outcome(DROP))
        .with_outcome(done_elsewhere.id, Outcome(CARRY, dt.date(2026, 12, 1)))
    )
    hold_session(store, draft, TODAY, None, NOW)
    agreements = {a.id: a for a in store.load().agreements}
    assert agreements[open_one.id].dropped_on == TODAY
    assert agreements[done_elsewhere.id] == done_elsewhere  # untouched: already done


def test_holding_plans_the_next_session_unless_one_is_already_planned_later(team):

    store, anna, *_ = team
    with store.transaction() as txn:
        later = txn.add(
            Session(
                0, anna.id, PLANNED, planned_for=dt.datetime(2026, 12, 10, 9, 0, tzinfo=NOW.tzinfo)
            )
        )
        today = txn.add(Session(0, anna.id, PLANNED, planned_for=NOW))
    done = hold_session(
        store, SessionDraft.start(anna.id, FORM), TODAY, dt.datetime(2026, 12, 18, 10, 0), NOW
    )
    sessions = {s.id: s for s in store.load().sessions}
    assert sessions[today.id].status == HELD  # the one planned for today was the one held
    planned = [s for s in sessions.values() if s.status == PLANNED]
    assert planned == [later]
    assert "Next one planned for Thu 10 Dec 09:00." in done.message


def test_a_session_cannot_be_held_in_the_future(team):

    store, anna, *_ = team
    with pytest.raises(DomainError):
        hold_session(
            store, SessionDraft.start(anna.id, FORM), TODAY + dt.timedelta(days=1), None, NOW
        )


KEPT = KeptDialog("answer", 12, 3, {"response": "in [b]January[/b] \x1b"}, {"decision": "accept"})


ADDING = KeptDialog("add_person", None, None, {"name": "Maria [b]Lind[/b]"}, {})


@pytest.mark.parametrize("kept", [KEPT, ADDING], ids=["about-a-record", "someone-being-added"])
def test_a_kept_dialog_survives_the_round_trip_through_json_exactly(kept):
    doc = kept.to_doc(NOW)
    assert KeptDialog.from_doc(orjson.loads(orjson.dumps(doc))) == kept


@pytest.mark.parametrize(
    "doc",
    [
        None,
        "text",
        {},
        {**KEPT.to_doc(NOW), "kind": "capture line"},
        {**KEPT.to_doc(NOW), "record_id": "12"},
        {**KEPT.to_doc(NOW), "typed": {"response": 7}},
        {**KEPT.to_doc(NOW), "chosen": ["accept"]},
        {**KEPT.to_doc(NOW), "record_id": True},
        {**KEPT.to_doc(NOW), "record_id": None},
        {**ADDING.to_doc(NOW), "person_id": 3},
    ],
    ids=[
        "nothing",
        "text",
        "empty",
        "another-kind",
        "id-as-text",
        "typed-number",
        "chosen-list",
        "id-as-a-truth",
        "no-record-but-a-person",
        "a-person-but-no-record",
    ],
)
def test_something_that_is_not_a_kept_dialog_is_not_read_as_one(doc):
    assert KeptDialog.from_doc(doc) is None


def test_holding_discards_the_kept_draft(team):

    store, anna, *_ = team
    draft = _draft(notes={"Wins": "thanked"})
    draft = SessionDraft.from_doc({**draft.to_doc(), "person_id": anna.id})
    store.save_draft(draft.key, draft.to_doc())
    hold_session(store, draft, TODAY, None, NOW)
    assert store.load_draft(draft.key) is None
    (held,) = [s for s in store.load().sessions if s.held_on == TODAY]
    assert (held.form_name, held.form_version, held.notes) == (
        "Coaching 1:1",
        3,
        (("Wins", "thanked"),),
    )


def test_forgetting_a_person_also_erases_their_session_draft(team):

    from supervisor_tui.actions.team import forget_person

    store, anna, *_ = team
    draft = SessionDraft.start(anna.id, FORM).with_note("Wins", "private notes")
    store.save_draft(draft.key, draft.to_doc())
    forget_person(store, anna.id)
    assert store.load_draft(draft.key) is None
    assert not any(store.path.parent.rglob(f"{draft.key}.json"))
