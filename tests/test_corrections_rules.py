"""The pure rules of correcting and searching: `domain.corrections` and `domain.search`."""

from __future__ import annotations

import datetime as dt

import pytest

from supervisor_tui.domain.changes import DomainError
from supervisor_tui.domain.corrections import EmptyTextError, NotEditableError, edit, move
from supervisor_tui.domain.entities import (
    HELD,
    Agreement,
    Note,
    Person,
    Records,
    Session,
    Suggestion,
    Win,
)
from supervisor_tui.domain.search import Index, search

TODAY = dt.date(2026, 11, 20)
NOON = dt.datetime(2026, 11, 18, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
ANNA = Person(1, "Anna Virtanen", "anna", dt.date(2026, 1, 1))
AKI = Person(2, "Äki Mäkelä", "aki", dt.date(2026, 1, 1))
WIN = Win(10, 1, "closd the case", dt.date(2026, 11, 18), NOON)
IDEA = Suggestion(11, 1, "callback slots", dt.date(2026, 11, 18), NOON, response="Näyttö first")
NOTE = Note(12, 2, "the SECOND screen flickers", NOON)
TODO = Agreement(13, 2, "ask IT about the screen", NOON, follow_up_on=dt.date(2026, 11, 19))
SESSION = Session(
    14, 1, HELD, held_on=dt.date(2026, 11, 2), notes=(("Wins", "headset budget agreed"),)
)
RECORDS = Records(
    people=(ANNA, AKI),
    wins=(WIN,),
    suggestions=(IDEA,),
    notes=(NOTE,),
    agreements=(TODO,),
    sessions=(SESSION,),
)


@pytest.mark.parametrize(
    ("record", "on", "field"),
    [
        (WIN, dt.date(2026, 11, 17), "happened_on"),
        (IDEA, dt.date(2026, 11, 17), "received_on"),
        (TODO, dt.date(2026, 11, 27), "follow_up_on"),
    ],
)
def test_on_changes_the_day_of_each_kind(record, on, field):
    assert getattr(edit(record, TODAY, on=on), field) == on


def test_on_changes_a_notes_day_and_keeps_its_time():
    moved = edit(NOTE, TODAY, on=dt.date(2026, 11, 1))
    assert moved.created == NOON.replace(day=1)


@pytest.mark.parametrize("record", [WIN, IDEA, NOTE])
def test_a_captured_item_cant_be_dated_in_the_future(record):
    with pytest.raises(DomainError, match="is in the future"):
        edit(record, TODAY, on=TODAY + dt.timedelta(days=1))


def test_an_open_follow_up_cant_be_dated_in_the_past_but_a_done_one_can():
    with pytest.raises(DomainError, match="can't be in the past"):
        edit(TODO, TODAY, on=dt.date(2026, 11, 1))
    done = Agreement(13, 2, "x", NOON, follow_up_on=TODAY, done_on=TODAY)
    assert edit(done, TODAY, on=dt.date(2026, 11, 1)).follow_up_on == dt.date(2026, 11, 1)


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n"])
def test_empty_text_is_refused(text):
    with pytest.raises(EmptyTextError):
        edit(WIN, TODAY, text=text)


def test_text_is_kept_as_typed_but_for_the_spaces_around_it():
    assert edit(WIN, TODAY, text="  [b]x[/b]\x1b[31m \n").text == "[b]x[/b]\x1b[31m"


@pytest.mark.parametrize("record", [ANNA, SESSION])
def test_people_and_sessions_are_not_edited_this_way(record):
    with pytest.raises(NotEditableError):
        edit(record, TODAY, text="x")


def test_owner_is_only_a_follow_ups_and_person_only_the_others():
    assert edit(TODO, TODAY, owner="person").owner == "person"
    with pytest.raises(DomainError, match="Only a follow-up has an owner"):
        edit(WIN, TODAY, owner="person")
    with pytest.raises(DomainError, match="stays with its person"):
        edit(TODO, TODAY, person_id=1)
    with pytest.raises(DomainError, match="lead or the person"):
        edit(TODO, TODAY, owner="boss")


@pytest.mark.parametrize(
    ("follow_up_on", "owner", "expected"),
    [
        (dt.date(2026, 11, 27), None, (dt.date(2026, 11, 27), "lead")),
        (None, "person", (dt.date(2026, 11, 19), "person")),  # late, and handed over as is
        (TODAY, "person", (TODAY, "person")),
    ],
)
def test_move_changes_the_date_and_or_the_owner(follow_up_on, owner, expected):
    moved = move(TODO, TODAY, follow_up_on, owner)
    assert (moved.follow_up_on, moved.owner) == expected


def test_move_refuses_a_closed_follow_up_and_nothing_to_do():
    dropped = Agreement(13, 2, "x", NOON, follow_up_on=TODAY, dropped_on=TODAY)
    with pytest.raises(DomainError, match="was dropped"):
        move(dropped, TODAY, owner="person")
    with pytest.raises(DomainError, match="Say the new date"):
        move(TODO, TODAY)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("screen", [("follow_up", 13), ("note", 12)]),  # same day: the newer id first
        ("SCREEN flickers", [("note", 12)]),
        ("naytto", [("suggestion", 11)]),  # an answer, accents folded
        ("headset", [("session", 14)]),
        ("closd", [("win", 10)]),
        ("aki", [("person", 2)]),  # a name: the person first
        ("", []),
        ("zebra", []),
    ],
)
def test_search_finds_every_word_ignoring_case_and_accents(query, found):
    assert [(h.kind, h.id) for h in search(RECORDS, query)] == found


def test_search_lists_newest_first_and_people_only_when_asked():
    older = Win(20, 2, "Äki's screen fix", dt.date(2026, 10, 1), NOON)
    records = Records(people=(ANNA, AKI), wins=(older,), notes=(NOTE,))
    index = Index.of(records)
    assert [h.id for h in index.search("aki")] == [2, 20]
    assert [h.id for h in index.search("aki", people=False)] == [20]
