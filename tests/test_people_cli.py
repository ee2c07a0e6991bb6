"""`sup people`: a second person of the same name only when confirmed, rename and re-handle
keeping every record theirs, unarchive, and leave (set, list, change, call off)."""

from __future__ import annotations

import pytest
from clihelpers import add_team, day, exported, files, ok, refused, run, said, team

from supervisor_tui.cli import commands_people

# clihelpers.TODAY is Sun 22 Nov 2026. Anna (4-weekly, started Tue 27 Oct) falls due Tue 24 Nov.


def handles(db, *flags: str) -> list[str]:
    return [p["handle"] for p in team(db, *flags)]


@pytest.mark.parametrize("typed", ["Anna Virtanen", "anna  VIRTANEN", "Änna Virtanen"])
def test_adding_a_name_already_on_the_team_is_refused_without_yes(db_path, typed):
    add_team(db_path)
    before = files(db_path)
    result = run(db_path, "people", "add", typed)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: Anna Virtanen (@anna) is already on the team. Nothing was added. "
        "To add a second person of that name, add --yes.\n"
    )
    assert files(db_path) == before


def test_an_archived_person_of_the_same_name_counts_too(db_path):
    add_team(db_path)
    said(db_path, "people", "archive", "ben")
    result = run(db_path, "people", "add", "Ben Ek")
    assert result.exit_code == 1
    assert "Ben Ek (@ben, archived) is already on the team." in result.stderr


def test_yes_adds_a_second_person_of_the_same_name(db_path):
    add_team(db_path)
    assert said(db_path, "people", "add", "Anna Virtanen", "--yes") == (
        "Added Anna Virtanen (@annav), coached every 30 days."
    )
    assert handles(db_path) == ["aki", "anna", "annav", "ben"]


def test_at_a_terminal_the_lead_is_asked_and_yes_adds_them(db_path, monkeypatch):
    add_team(db_path)
    monkeypatch.setattr(commands_people, "_interactive", lambda: True)
    out = ok(db_path, "people", "add", "Anna Virtanen", input="y\n")
    assert out == (
        "Anna Virtanen is already on the team. Add another? [y/N]: y\n"
        "Added Anna Virtanen (@annav), coached every 30 days.\n"
    )
    before = files(db_path)
    result = run(db_path, "people", "add", "Anna Virtanen", input="n\n")
    assert result.exit_code == 1 and "Aborted!" in result.stderr
    assert files(db_path) == before


def test_a_handle_someone_has_is_refused_clearly(db_path):
    add_team(db_path)
    assert refused(db_path, "people", "add", "Anna Berg", "--handle", "@ANNA") == (
        "Error: @anna is taken by Anna Virtanen. Nothing was saved. Choose another with --handle.\n"
    )


def test_rename_and_new_handle_keep_every_record_theirs(db_path):
    add_team(db_path)
    said(db_path, "win", "anna", "closed the escalated billing case")
    said(db_path, "todo", "anna", "send the shift plan", "--by", "fri")
    assert said(
        db_path, "people", "set", "anna", "--name", "Anna Korhonen", "--handle", "annak"
    ) == ('Updated Anna Virtanen: name "Anna Korhonen", handle @annak.')
    (anna,) = [p for p in team(db_path) if p["handle"] == "annak"]
    assert anna["name"] == "Anna Korhonen"
    mine = exported(db_path, "--person", "annak")
    assert [w["text"] for w in mine["wins"]] == ["closed the escalated billing case"]
    assert [a["text"] for a in mine["agreements"]] == ["send the shift plan"]
    assert [w["person"]["name"] for w in day(db_path)["wins"]] == ["Anna Korhonen"]
    saved = said(db_path, "win", "@annak", "kept her calm")
    assert saved.startswith("Saved win #6 for Anna Korhonen.")


def test_set_refuses_a_taken_handle_an_empty_name_and_a_control_character(db_path):
    add_team(db_path)
    assert "@ben is taken by Ben Ek" in refused(db_path, "people", "set", "anna", "--handle", "ben")
    assert "Give the person's name" in refused(db_path, "people", "set", "anna", "--name", " ")
    assert "line breaks" in refused(db_path, "people", "set", "anna", "--name", "Ann\nBEGIN")
    assert "one word of letters" in refused(db_path, "people", "set", "anna", "--handle", "a b")


def test_set_changes_the_start_date_and_so_the_due_date(db_path):
    add_team(db_path)
    assert said(db_path, "people", "set", "aki", "--started", "2026-10-01") == (
        "Updated Äki Mäkelä: started 2026-10-01."
    )
    (aki,) = [p for p in team(db_path) if p["handle"] == "aki"]
    assert aki["due_on"] == "2026-10-31"


def test_unarchive_brings_someone_back_with_their_history(db_path):
    add_team(db_path)
    said(db_path, "win", "ben", "handled the outage queue")
    said(db_path, "people", "archive", "ben")
    assert handles(db_path) == ["aki", "anna"]
    assert said(db_path, "people", "unarchive", "ben") == "Ben Ek is back on the team."
    assert handles(db_path) == ["aki", "anna", "ben"]
    assert [w["text"] for w in day(db_path)["wins"]] == ["handled the outage queue"]


def test_unarchive_refuses_someone_not_archived(db_path):
    add_team(db_path)
    assert refused(db_path, "people", "unarchive", "ben") == "Error: Ben Ek is not archived.\n"


# --- leave ------------------------------------------------------------------------------------


def due(db, today: str = "2026-11-22") -> list[tuple[str, str]]:
    return [(r["person"]["handle"], r["due_on"]) for r in day(db, today)["due_for_coaching"]]


def test_leave_takes_anna_out_of_due_until_she_is_back(db_path):
    add_team(db_path)
    assert ("anna", "2026-11-24") in due(db_path)
    assert said(db_path, "people", "leave", "anna", "mon", "+2w", "--note", "holiday") == (
        "Anna Virtanen is on leave Mon 23 Nov to Sun 6 Dec: not due for coaching while away."
    )
    # The 14 days away from Mon 23 Nov push her due date from Tue 24 Nov to Tue 8 Dec.
    assert [h for h, _ in due(db_path)] == ["ben"]
    assert "anna" not in [h for h, _ in due(db_path, "2026-12-02")]
    assert ("anna", "2026-12-08") in due(db_path, "2026-12-07")
    (anna,) = [p for p in team(db_path) if p["handle"] == "anna"]
    assert anna["due_on"] == "2026-12-08"
    assert anna["leaves"] == [
        {"id": 4, "from": "2026-11-23", "to": "2026-12-06", "note": "holiday"}
    ]


def test_leave_for_a_length_and_the_list_of_leave(db_path):
    add_team(db_path)
    said(db_path, "people", "leave", "anna", "1.12.", "--for", "2w")
    assert ok(db_path, "people", "leave", "anna") == (
        "#4     Tue 1 Dec to Mon 14 Dec (14 days, to come)\n"
    )
    assert ok(db_path, "people", "leave", "anna", today="2026-12-02") == (
        "#4     Tue 1 Dec to Mon 14 Dec (14 days, now)\n"
    )
    assert "Ben Ek has no leave recorded." in ok(db_path, "people", "leave", "ben")


def test_a_leave_overlapping_another_replaces_it(db_path):
    add_team(db_path)
    said(db_path, "people", "leave", "anna", "1.12.", "14.12.")
    assert said(db_path, "people", "leave", "anna", "3.12.", "18.12.") == (
        "Anna Virtanen is on leave Thu 3 Dec to Fri 18 Dec (instead of Tue 1 Dec to "
        "Mon 14 Dec): not due for coaching while away."
    )
    assert [p["leaves"] for p in team(db_path) if p["handle"] == "anna"] == [
        [{"id": 5, "from": "2026-12-03", "to": "2026-12-18", "note": ""}]
    ]


def test_clear_calls_off_the_leave_and_anna_is_due_again(db_path):
    add_team(db_path)
    said(db_path, "people", "leave", "anna", "today", "+2w")
    assert [h for h, _ in due(db_path)] == ["ben"]
    assert said(db_path, "people", "leave", "anna", "--clear") == (
        "Anna Virtanen's leave Sun 22 Nov to Sun 6 Dec is called off."
    )
    assert ("anna", "2026-11-24") in due(db_path)
    assert refused(db_path, "people", "leave", "anna", "--clear") == (
        "Error: Anna Virtanen has no leave under way or to come.\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("fri", "thu"), "A leave ends on or after the day it starts."),
        (("fri",), "Say until when (TO, e.g. +2w or 18.12.) or for how long (--for 2w)."),
        (("fri", "+3w", "--for", "2w"), "Say until when"),
        (("someday", "+2w"), 'Can\'t read "someday" as a date.'),
        (("fri", "--for", "often"), 'Can\'t read "often" as a length of time.'),
        (("--clear", "fri"), "--clear takes no dates"),
        (("--for", "2w"), "Say from when"),
    ],
)
def test_leave_refuses_what_it_cannot_read(db_path, args, message):
    add_team(db_path)
    assert message in refused(db_path, "people", "leave", "anna", *args)


def test_leave_of_an_unknown_person_is_refused(db_path):
    add_team(db_path)
    assert 'No one called "zed"' in refused(db_path, "people", "leave", "zed", "mon", "+2w")


def test_the_team_list_says_who_is_away_and_export_holds_the_leave(db_path):
    add_team(db_path)
    said(db_path, "people", "leave", "anna", "today", "+2w", "--note", "holiday")
    (line,) = [line for line in ok(db_path, "people").splitlines() if "@anna" in line]
    assert line.endswith("away to Sun 6 Dec")
    out = ok(db_path, "export", "--person", "anna", "--format", "md")
    assert (
        "## Leave (days not counted towards the cadence)\n\n- Sun 22 Nov to Sun 6 Dec: holiday"
        in out
    )
    assert [(lv["starts_on"], lv["note"]) for lv in exported(db_path)["leaves"]] == [
        ("2026-11-22", "holiday")
    ]


def test_held_proposes_the_next_session_a_cadence_ahead_not_counting_the_leave(db_path):
    add_team(db_path)
    said(db_path, "people", "leave", "anna", "mon", "+2w")
    # 28 days from Sun 22 Nov, plus the 14 days away: Sun 3 Jan, pulled back to Fri 1 Jan.
    assert said(db_path, "held", "anna") == (
        "Held Anna Virtanen's session on Sun 22 Nov. Next one planned for Fri 1 Jan 2027 10:00."
    )
