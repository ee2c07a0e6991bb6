"""`sup` from the shell: every command's confirmation and its effect as the lead sees it.

Effects are checked the way a user would: through `sup today --json`, `sup people
--json` and `sup export`, on the day the command ran and on the days that matter.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from clihelpers import (
    ANSI,
    RAW_CONTROL,
    TODAY,
    add_team,
    day,
    exported,
    ids,
    invoke,
    names,
    ok,
    plant_person,
    refused,
    run,
    said,
    team,
)
from rich.cells import cell_len

ANNA = {"id": 1, "name": "Anna Virtanen", "handle": "anna"}
AKI = {"id": 2, "name": "Äki Mäkelä", "handle": "aki"}
BEN = {"id": 3, "name": "Ben Ek", "handle": "ben"}


# -- wins --------------------------------------------------------------------------------


def test_win_is_confirmed_with_its_id_and_waits_in_wins(db_path):
    add_team(db_path)
    assert said(db_path, "win", "anna", "closed the escalated billing case") == (
        "Saved win #4 for Anna Virtanen. Acknowledge it soon: sup ack 4"
    )
    assert day(db_path)["wins"] == [
        {
            "id": 4,
            "person": ANNA,
            "text": "closed the escalated billing case",
            "happened_on": TODAY,
            "age_days": 0,
            "flagged": False,
        }
    ]


def test_win_text_may_be_given_as_several_words(db_path):
    add_team(db_path)
    said(db_path, "win", "anna", "closed", "the", "case")
    assert [w["text"] for w in day(db_path)["wins"]] == ["closed the case"]


def test_win_on_yesterday_is_dated_yesterday(db_path):
    add_team(db_path)
    said(db_path, "win", "anna", "calmed a furious caller", "--on", "yesterday")
    (win,) = day(db_path)["wins"]
    assert (win["happened_on"], win["age_days"], win["flagged"]) == ("2026-11-21", 1, False)
    assert "calmed a furious caller" in ok(db_path, "today")
    assert "yesterday" in next(
        line for line in ok(db_path, "today").splitlines() if "calmed" in line
    )


def test_win_on_a_weekday_means_the_last_one_and_three_days_old_is_flagged(db_path):
    add_team(db_path)
    said(db_path, "win", "anna", "first-call resolution record", "--on", "thu")
    (win,) = day(db_path)["wins"]
    assert (win["happened_on"], win["age_days"], win["flagged"]) == ("2026-11-19", 3, True)
    (line,) = [line for line in ok(db_path, "today").splitlines() if "first-call" in line]
    assert line.startswith("!")
    assert "3 days ago" in line


def test_acknowledged_win_leaves_the_day_view(db_path):
    add_team(db_path)
    said(db_path, "win", "anna", "closed the case")
    said(db_path, "win", "ben", "helped a new colleague")
    assert said(db_path, "ack", "4") == "Acknowledged Anna Virtanen's win #4 (in person)."
    assert ids(day(db_path)["wins"]) == [5]
    assert "closed the case" not in ok(db_path, "today")


def test_ack_records_how_and_what_was_said(db_path):
    add_team(db_path)
    said(db_path, "win", "ben", "helped a new colleague")
    message = said(
        db_path, "ack", "#4", "--how", "team-meeting", "--note", "thanked him at standup"
    )
    assert message == "Acknowledged Ben Ek's win #4 (team meeting)."
    (win,) = exported(db_path)["wins"]
    assert win["acknowledged_on"] == TODAY
    assert win["acknowledged_how"] == "team meeting"
    assert win["ack_note"] == "thanked him at standup"


# -- suggestions -------------------------------------------------------------------------


def test_idea_is_confirmed_and_waits_in_suggestions(db_path):
    add_team(db_path)
    assert said(db_path, "idea", "ben", "shorter wrap-up codes for chats") == (
        "Saved Ben Ek's suggestion #4. Answer it: sup answer 4"
    )
    (s,) = day(db_path)["suggestions"]
    assert s == {
        "id": 4,
        "person": BEN,
        "text": "shorter wrap-up codes for chats",
        "received_on": TODAY,
        "decision": "open",
        "come_back_by": None,
        "age_days": 0,
        "flagged": False,
    }


def test_accepted_suggestion_leaves_the_day_view_with_its_response_kept(db_path):
    add_team(db_path)
    said(db_path, "idea", "ben", "shorter wrap-up codes")
    message = said(db_path, "answer", "4", "--accept", "we'll trial it in the December rota")
    assert message == "Answered Ben Ek's suggestion #4: accepted."
    assert day(db_path)["suggestions"] == []
    (s,) = exported(db_path)["suggestions"]
    assert (s["decision"], s["response"], s["answered_on"]) == (
        "accepted",
        "we'll trial it in the December rota",
        TODAY,
    )


def test_declined_suggestion_leaves_the_day_view(db_path):
    add_team(db_path)
    said(db_path, "idea", "ben", "four-day weeks")
    message = said(db_path, "answer", "4", "--decline", "the", "contract", "sets", "the", "hours")
    assert message == "Answered Ben Ek's suggestion #4: declined."
    assert day(db_path)["suggestions"] == []
    assert exported(db_path)["suggestions"][0]["response"] == "the contract sets the hours"


def test_answer_later_hides_the_suggestion_until_the_promised_day(db_path):
    add_team(db_path)
    said(db_path, "idea", "ben", "shorter wrap-up codes")
    assert said(db_path, "answer", "4", "--later", "fri", "checking with IT") == (
        "Answered Ben Ek's suggestion #4: in progress; come back by Fri 27 Nov."
    )
    assert day(db_path)["suggestions"] == []
    assert day(db_path, today="2026-11-26")["suggestions"] == []
    (back,) = day(db_path, today="2026-11-27")["suggestions"]
    assert (back["id"], back["decision"], back["come_back_by"], back["flagged"]) == (
        4,
        "in_progress",
        "2026-11-27",
        False,
    )
    line = next(
        line for line in ok(db_path, "today", today="2026-11-27").splitlines() if "#4" in line
    )
    assert "(promised an answer) shorter wrap-up" in line
    # A broken promise stands out.
    assert day(db_path, today="2026-11-28")["suggestions"][0]["flagged"] is True


# -- notes -------------------------------------------------------------------------------


def test_notes_are_saved_as_observations_or_wellbeing_checks(db_path):
    add_team(db_path)
    assert said(db_path, "note", "aki", "stayed calm with a furious caller") == (
        "Saved note #4 about Äki Mäkelä."
    )
    assert said(db_path, "note", "aki", "--wellbeing", "rough day after a long escalation") == (
        "Saved wellbeing note #5 about Äki Mäkelä."
    )
    notes = exported(db_path, "--person", "aki")["notes"]
    assert [(n["id"], n["kind"], n["text"]) for n in notes] == [
        (4, "observation", "stayed calm with a furious caller"),
        (5, "wellbeing", "rough day after a long escalation"),
    ]


def test_note_on_a_date_is_dated_that_day(db_path):
    add_team(db_path)
    said(db_path, "note", "aki", "covered the late shift", "--on", "yesterday")
    (note,) = exported(db_path)["notes"]
    assert note["created"].startswith("2026-11-21T")


# -- to-dos and follow-ups ---------------------------------------------------------------


def test_todo_by_friday_is_due_on_that_friday(db_path):
    add_team(db_path)
    assert said(db_path, "todo", "anna", "send the shift plan", "--by", "fri") == (
        "Saved to-do #4 for Anna Virtanen, follow up on Fri 27 Nov."
    )
    assert day(db_path)["follow_ups"] == []
    assert day(db_path, today="2026-11-26")["follow_ups"] == []
    assert day(db_path, today="2026-11-27")["follow_ups"] == [
        {
            "id": 4,
            "person": ANNA,
            "text": "send the shift plan",
            "owner": "lead",
            "follow_up_on": "2026-11-27",
            "days_late": 0,
            "flagged": False,
        }
    ]
    late = day(db_path, today="2026-11-30")["follow_ups"][0]
    assert (late["days_late"], late["flagged"]) == (3, True)
    line = next(
        line for line in ok(db_path, "today", today="2026-11-30").splitlines() if "shift" in line
    )
    assert line.startswith("!")
    assert "send the shift plan (you)" in line
    assert "3 days late" in line


def test_todo_without_a_date_follows_up_in_a_week_on_a_working_day(db_path):
    add_team(db_path)
    # Today is Sunday 22 November: a week on is a Sunday, so the Monday after it.
    assert said(db_path, "todo", "anna", "send the shift plan") == (
        "Saved to-do #4 for Anna Virtanen, follow up on Mon 30 Nov."
    )
    assert day(db_path, today="2026-11-29")["follow_ups"] == []
    assert ids(day(db_path, today="2026-11-30")["follow_ups"]) == [4]


def test_todo_with_by_keeps_the_word_by_in_its_text(db_path):
    add_team(db_path)
    said(db_path, "todo", "anna", "chat by the coffee machine", "--by", "fri")
    (item,) = day(db_path, today="2026-11-27")["follow_ups"]
    assert item["text"] == "chat by the coffee machine"


def test_done_follow_up_leaves_the_day_view(db_path):
    add_team(db_path)
    said(db_path, "todo", "anna", "send the shift plan", "--by", "today")
    said(db_path, "todo", "ben", "check the headset order", "--by", "today")
    assert ids(day(db_path)["follow_ups"]) == [4, 5]
    assert said(db_path, "done", "4") == "Done: #4 for Anna Virtanen."
    assert ids(day(db_path)["follow_ups"]) == [5]
    assert ids(day(db_path, today="2026-12-20")["follow_ups"]) == [5]
    (agreement,) = exported(db_path, "--person", "anna")["agreements"]
    assert agreement["done_on"] == TODAY


# -- coaching sessions -------------------------------------------------------------------


def test_planning_a_session_before_the_due_date_takes_the_person_off_due_for_coaching(db_path):
    add_team(db_path)
    assert names(day(db_path)["due_for_coaching"]) == ["Ben Ek", "Anna Virtanen"]
    assert said(db_path, "plan", "anna", "tue 10:00") == (
        "Planned Anna Virtanen's session for Tue 24 Nov 10:00."
    )
    assert names(day(db_path)["due_for_coaching"]) == ["Ben Ek"]
    anna = next(p for p in team(db_path) if p["handle"] == "anna")
    assert anna["next_planned_for"] == "2026-11-24T10:00:00+02:00"
    (session,) = day(db_path, today="2026-11-24")["sessions_today"]
    assert (session["id"], session["person"], session["planned_for"]) == (
        4,
        ANNA,
        "2026-11-24T10:00:00+02:00",
    )


def test_moving_a_session_past_the_due_date_counts_the_move_and_flags_it(db_path):
    add_team(db_path)
    said(db_path, "plan", "anna", "tue 10:00")
    assert said(db_path, "plan", "anna", "wed 9:30") == (
        "Moved Anna Virtanen's session to Wed 25 Nov 09:30 (moved 1× so far). "
        "That is after Anna's due date, Tue 24 Nov: move it earlier if you can."
    )
    due = {r["person"]["handle"]: r for r in day(db_path)["due_for_coaching"]}
    assert due["anna"]["planned_for"] == "2026-11-25T09:30:00+02:00"
    assert due["anna"]["flagged"] is True
    assert "planned only for Wed 25 Nov" in ok(db_path, "today")


def test_session_planned_for_today_is_listed_with_what_to_return_to(db_path):
    add_team(db_path)
    said(db_path, "todo", "aki", "bring the QA sheet", "--by", "fri")
    said(db_path, "plan", "aki", "today 15:00")
    (session,) = day(db_path)["sessions_today"]
    assert session["person"] == AKI
    assert session["open_agreements"] == [
        {"id": 4, "text": "bring the QA sheet", "owner": "lead", "follow_up_on": "2026-11-27"}
    ]
    line = next(line for line in ok(db_path, "today").splitlines() if "Äki" in line)
    assert "1 open item to return to" in line
    assert "15:00" in line


def test_held_session_plans_the_next_one_a_cadence_ahead_on_a_working_day(db_path):
    add_team(db_path)
    # Sun 22 Nov + 4 weeks is a Sunday: the next one is pulled back to Friday.
    assert said(db_path, "held", "anna") == (
        "Held Anna Virtanen's session on Sun 22 Nov. Next one planned for Fri 18 Dec 10:00."
    )
    anna = next(p for p in team(db_path) if p["handle"] == "anna")
    assert anna["last_held_on"] == TODAY
    assert anna["next_planned_for"] == "2026-12-18T10:00:00+02:00"
    assert anna["due_on"] == "2026-12-20"
    assert "Anna Virtanen" not in names(day(db_path)["due_for_coaching"])
    assert names(day(db_path, today="2026-12-18")["sessions_today"]) == ["Anna Virtanen"]


def test_held_session_takes_the_place_of_the_planned_one(db_path):
    add_team(db_path)
    said(db_path, "plan", "anna", "tue 10:00")
    said(db_path, "held", "anna", "--next", "2026-12-21 10:00")
    anna = next(p for p in team(db_path) if p["handle"] == "anna")
    assert anna["next_planned_for"] == "2026-12-21T10:00:00+02:00"
    assert day(db_path, today="2026-11-24")["sessions_today"] == []


def test_held_on_a_past_day_without_a_next_session(db_path):
    add_team(db_path)
    assert said(db_path, "held", "ben", "--on", "fri", "--no-next") == (
        "Held Ben Ek's session on Fri 20 Nov."
    )
    ben = next(p for p in team(db_path) if p["handle"] == "ben")
    assert (ben["last_held_on"], ben["next_planned_for"], ben["due_on"]) == (
        "2026-11-20",
        None,
        "2026-12-20",
    )
    assert "Ben Ek" not in names(day(db_path)["due_for_coaching"])


# -- capture line ------------------------------------------------------------------------


def test_capture_line_saves_a_win(db_path):
    add_team(db_path)
    assert said(db_path, "capture", "win @anna: closed the escalated billing case") == (
        "Saved win #4 for Anna Virtanen. Acknowledge it soon: sup ack 4"
    )
    assert [w["text"] for w in day(db_path)["wins"]] == ["closed the escalated billing case"]


def test_capture_line_may_be_unquoted_words(db_path):
    add_team(db_path)
    said(db_path, "capture", "idea", "@ben", "shorter", "wrap-up", "codes")
    assert [s["text"] for s in day(db_path)["suggestions"]] == ["shorter wrap-up codes"]


def test_capture_line_todo_takes_its_date_from_by(db_path):
    add_team(db_path)
    assert said(db_path, "capture", "todo @ben send the shift plan by fri") == (
        "Saved to-do #4 for Ben Ek, follow up on Fri 27 Nov."
    )
    (item,) = day(db_path, today="2026-11-27")["follow_ups"]
    assert item["text"] == "send the shift plan"


def test_capture_line_plans_a_session_and_notes_wellbeing(db_path):
    add_team(db_path)
    assert said(db_path, "capture", "plan @anna tue 10:00") == (
        "Planned Anna Virtanen's session for Tue 24 Nov 10:00."
    )
    assert said(db_path, "capture", "wellbeing @aki rough day") == (
        "Saved wellbeing note #5 about Äki Mäkelä."
    )
    assert names(day(db_path, today="2026-11-24")["sessions_today"]) == ["Anna Virtanen"]
    assert [n["kind"] for n in exported(db_path)["notes"]] == ["wellbeing"]


# -- people ------------------------------------------------------------------------------


def test_people_add_confirms_the_handle_and_cadence_and_lists_the_person(db_path):
    assert said(
        db_path, "people", "add", "Anna Virtanen", "--every", "4w", "--role", "customer advisor"
    ) == ("Added Anna Virtanen (@anna), coached every 28 days.")
    assert team(db_path) == [
        {
            "id": 1,
            "name": "Anna Virtanen",
            "handle": "anna",
            "role": "customer advisor",
            "cadence_days": 28,
            "form": None,
            "started_on": TODAY,
            "archived": False,
            "last_held_on": None,
            "next_planned_for": None,
            "due_on": "2026-12-20",
            "leaves": [],
        }
    ]


def test_people_add_mints_a_free_handle_or_takes_the_one_given(db_path):
    add_team(db_path)
    assert said(db_path, "people", "add", "Anna Berg") == (
        "Added Anna Berg (@annab), coached every 30 days."
    )
    assert said(
        db_path, "people", "add", "Øystein Lie", "--handle", "@Oystein", "--every", "21"
    ) == ("Added Øystein Lie (@oystein), coached every 21 days.")
    # In name order, Äki with the A's.
    assert [p["handle"] for p in team(db_path)] == ["aki", "annab", "anna", "ben", "oystein"]


def test_people_lists_the_team_by_name_with_their_coaching_state(db_path):
    add_team(db_path)
    said(db_path, "plan", "anna", "tue 10:00")
    said(db_path, "held", "ben", "--on", "fri", "--no-next")
    lines = ok(db_path, "people").splitlines()
    assert [line.split()[0] for line in lines] == ["@aki", "@anna", "@ben"]
    assert "due in 9 days" in lines[0]
    assert "every 28d" in lines[1] and "never coached" in lines[1] and "next Tue 24 Nov" in lines[1]
    assert "last Fri 20 Nov" in lines[2] and "due in 4 weeks" in lines[2]


def test_archived_person_drops_out_of_every_list(db_path):
    add_team(db_path)
    said(db_path, "win", "ben", "helped a new colleague")
    said(db_path, "idea", "ben", "shorter wrap-up codes")
    said(db_path, "todo", "ben", "check the headset order", "--by", "today")
    said(db_path, "plan", "ben", "tue 15:00")  # overdue, so a session after Monday is late
    before = day(db_path)
    for key in ("due_for_coaching", "suggestions", "wins", "follow_ups"):
        assert "Ben Ek" in names(before[key]), key
    assert names(day(db_path, today="2026-11-24")["sessions_today"]) == ["Ben Ek"]
    assert said(db_path, "people", "archive", "ben") == (
        "Archived Ben Ek. Their history stays until you forget them."
    )
    after = day(db_path)
    for key in ("sessions_today", "due_for_coaching", "suggestions", "wins", "follow_ups"):
        assert "Ben Ek" not in names(after[key]), key
        assert after["counts"][key] == len(after[key])
    assert day(db_path, today="2026-11-24")["sessions_today"] == []
    assert "Ben Ek" not in ok(db_path, "today")
    assert "Ben Ek" not in ok(db_path, "people")
    assert [p["handle"] for p in team(db_path)] == ["aki", "anna"]
    everyone = {p["handle"]: p for p in team(db_path, "--all")}
    assert everyone["ben"]["archived"] is True
    assert "Ben Ek (archived)" in ok(db_path, "people", "--all")
    assert ok(db_path, "today").splitlines()[0] == "Sunday 22 November 2026 · 2 people"


def test_forget_erases_the_person_and_everything_about_them(db_path):
    add_team(db_path)
    said(db_path, "win", "ben", "helped a new colleague")
    said(db_path, "note", "ben", "--wellbeing", "rough day")
    said(db_path, "win", "anna", "closed the case")
    said(db_path, "ack", "6")  # a whole-file write: Ben's records are in the file now
    old_backup = db_path.with_name("supervisor.2020-01-01.bak.json")
    old_backup.write_bytes(db_path.read_bytes())
    assert b"Ben Ek" in old_backup.read_bytes()
    assert said(db_path, "forget", "ben", "--yes") == (
        "Forgot Ben Ek: 2 records erased from the database and from 1 backup."
    )
    assert [p["handle"] for p in team(db_path, "--all")] == ["aki", "anna"]
    assert day(db_path)["wins"] == []
    everything = exported(db_path)
    assert [w["text"] for w in everything["wins"]] == ["closed the case"]
    assert everything["notes"] == []
    for backup in db_path.parent.glob("*.bak.json"):
        assert b"Ben Ek" not in backup.read_bytes()
        assert b"helped a new colleague" not in backup.read_bytes()


def test_forget_asks_first_and_a_no_changes_nothing(db_path):
    add_team(db_path)
    said(db_path, "win", "ben", "helped a new colleague")
    result = run(db_path, "forget", "ben", input="n\n")
    assert result.exit_code == 1
    assert "Erase Ben Ek and everything about them" in result.stdout
    assert "Aborted!" in result.stderr
    assert "ben" in [p["handle"] for p in team(db_path)]
    assert names(day(db_path)["wins"]) == ["Ben Ek"]
    result = run(db_path, "forget", "ben", input="y\n")
    assert result.exit_code == 0
    assert "Forgot Ben Ek: 1 record erased" in result.stdout
    assert day(db_path)["wins"] == []


def test_forget_reaches_an_archived_person(db_path):
    add_team(db_path)
    said(db_path, "people", "archive", "ben")
    assert said(db_path, "forget", "ben", "--yes").startswith("Forgot Ben Ek: 0 records erased")
    assert "ben" not in [p["handle"] for p in team(db_path, "--all")]


# -- export ------------------------------------------------------------------------------


def test_export_json_holds_every_record(db_path):
    add_team(db_path)
    said(db_path, "win", "anna", "closed the case")
    said(db_path, "idea", "ben", "shorter wrap-up codes")
    said(db_path, "todo", "aki", "bring the QA sheet", "--by", "fri")
    said(db_path, "note", "aki", "calm with a furious caller")
    said(db_path, "plan", "anna", "tue 10:00")
    doc = exported(db_path)
    assert [p["name"] for p in doc["people"]] == ["Anna Virtanen", "Äki Mäkelä", "Ben Ek"]
    assert [w["text"] for w in doc["wins"]] == ["closed the case"]
    assert [s["text"] for s in doc["suggestions"]] == ["shorter wrap-up codes"]
    assert [(a["text"], a["follow_up_on"]) for a in doc["agreements"]] == [
        ("bring the QA sheet", "2026-11-27")
    ]
    assert [n["text"] for n in doc["notes"]] == ["calm with a furious caller"]
    assert [s["planned_for"] for s in doc["sessions"]] == ["2026-11-24T10:00:00+02:00"]


def test_export_for_one_person_holds_only_their_records(db_path):
    add_team(db_path)
    said(db_path, "win", "anna", "closed the case")
    said(db_path, "win", "ben", "helped a new colleague")
    doc = exported(db_path, "--person", "virt")
    assert [p["name"] for p in doc["people"]] == ["Anna Virtanen"]
    assert [w["text"] for w in doc["wins"]] == ["closed the case"]


def test_export_markdown_is_readable_with_user_text_shown_literally(db_path):
    add_team(db_path)
    said(db_path, "win", "anna", "closed the *escalated* case \x1b[2J")
    out = ok(db_path, "export", "--person", "anna", "--format", "md")
    assert out.startswith("# Anna Virtanen (@anna)\n")
    assert "## Wins" in out
    assert "\\*escalated\\*" in out
    assert "\x1b" not in out
    assert "␛" in out


# -- `sup today` as text -----------------------------------------------------------------


def _busy_day(db: Path) -> None:
    add_team(db)
    said(db, "plan", "aki", "today 15:00")
    said(db, "todo", "aki", "bring the QA sheet", "--by", "today")
    said(db, "idea", "ben", "shorter wrap-up codes")
    said(db, "win", "anna", "closed the case")


def test_today_text_shows_every_section_with_counts_and_a_legend(db_path):
    _busy_day(db_path)
    assert ok(db_path, "today") == (
        "Sunday 22 November 2026 · 3 people\n"
        "\n"
        "TODAY'S SESSIONS (1)\n"
        "    #4 Äki Mäkelä       1 open item to return to               15:00\n"
        "\n"
        "DUE FOR COACHING (2)\n"
        "!      Ben Ek           never coached · started Tue 1 Sep      7 weeks overdue\n"
        "       Anna Virtanen    never coached · started Tue 27 Oct     due in 2 days\n"
        "\n"
        "UNANSWERED SUGGESTIONS (1)\n"
        "    #6 Ben Ek           shorter wrap-up codes                  today\n"
        "\n"
        "UNACKNOWLEDGED WINS (1)\n"
        "    #7 Anna Virtanen    closed the case                        today\n"
        "\n"
        "FOLLOW-UPS DUE (1)\n"
        "    #5 Äki Mäkelä       bring the QA sheet (you)               due today\n"
        "\n"
        "! = needs attention (1). Act with: sup ack ID, sup answer ID, sup done ID\n"
    )


def test_today_text_says_so_kindly_when_a_section_is_empty(db_path):
    said(db_path, "people", "add", "Äki Mäkelä")
    out = ok(db_path, "today")
    assert out == (
        "Sunday 22 November 2026 · 1 person\n"
        "\n"
        "TODAY'S SESSIONS (0)\n"
        "  No sessions planned for today.\n"
        "\n"
        "DUE FOR COACHING (0)\n"
        "  Everyone's coaching is on track.\n"
        "\n"
        "UNANSWERED SUGGESTIONS (0)\n"
        "  Every suggestion has its answer.\n"
        "\n"
        "UNACKNOWLEDGED WINS (0)\n"
        "  Every win has been acknowledged.\n"
        "\n"
        "FOLLOW-UPS DUE (0)\n"
        "  No follow-ups due.\n"
    )
    assert "!" not in out


def test_today_with_no_team_says_how_to_add_someone(db_path):
    assert ok(db_path, "today") == (
        "Sunday 22 November 2026 · 0 people\n"
        'No one on your team yet. Add someone: sup people add "Anna Virtanen"\n'
    )
    assert not db_path.exists(), "looking must not create the database"


def test_today_text_fits_80_columns_with_long_wide_and_hostile_text(db_path):
    said(db_path, "people", "add", "Maria-Kristiina Järvenpää-Lindqvist", "--started", "2026-01-05")
    said(db_path, "people", "add", "王秀英 李", "--started", "2026-11-01")
    said(db_path, "people", "add", "Anna Virtanen")
    texts = [
        "handled forty chats in one shift without a single escalation, and trained two new hires",
        "解决了一个非常复杂的账单问题并且客户非常满意地给了五星好评谢谢你们的帮助" * 2,
        "🎉🎉 top NPS of the month 🎉🎉 " * 4,
        "\x1b[31mred\x1b[0m \u202eevil\u202c " * 5,
        "e\u0301" * 60,
    ]
    for person in ("maria", "王", "anna"):
        for text in texts:
            said(db_path, "win", person, text, "--on", "-3d")
            said(db_path, "idea", person, text)
            said(db_path, "todo", person, text, "--by", "today")
    said(db_path, "plan", "anna", "today 09:00")
    out = ok(db_path, "today")
    lines = out.splitlines()
    assert len(lines) > 50
    too_wide = [line for line in lines if cell_len(line) > 80]
    assert too_wide == []
    assert any(line.endswith("…") or "… " in line for line in lines)
    assert not RAW_CONTROL.search(out)


def test_flagged_rows_start_with_an_exclamation_mark_and_others_do_not(db_path):
    add_team(db_path)
    said(db_path, "win", "anna", "old win", "--on", "2026-11-10")
    said(db_path, "win", "anna", "new win")
    rows = [line for line in ok(db_path, "today").splitlines() if "win" in line and "#" in line]
    assert rows[0].startswith("! ") and "old win" in rows[0] and "12 days ago" in rows[0]
    assert rows[1].startswith("  ") and "new win" in rows[1]


def test_today_text_has_no_colour_codes_in_a_pipe_even_when_forced_with_no_color(
    db_path, monkeypatch
):
    _busy_day(db_path)
    plain = run(db_path, "today")
    assert plain.exit_code == 0
    assert "\x1b" not in plain.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    forced = run(db_path, "today", color=True)
    assert forced.exit_code == 0
    assert "\x1b" not in forced.stdout
    assert forced.stdout == plain.stdout


# -- colour in a real terminal -----------------------------------------------------------


def _in_terminal(db: Path, *args: str, no_color: bool = False) -> str:
    """What `sup ARGS` shows when its output is a terminal (a pseudo-terminal here)."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm-256color"
    if no_color:
        env["NO_COLOR"] = "1"
    command = [sys.executable, "-m", "supervisor_tui", "--db", str(db), "--today", TODAY, *args]
    leader, follower = pty.openpty()
    proc = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([leader], [], [], 30)
            assert ready, "sup did not finish in a terminal"
            try:
                data = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other end is closed
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(leader)
        assert proc.wait(timeout=30) == 0
    return b"".join(chunks).decode().replace("\r\n", "\n")


def test_today_in_a_terminal_is_coloured_and_flagged_rows_keep_their_mark(db_path):
    _busy_day(db_path)
    shown = _in_terminal(db_path, "today")
    assert ANSI.search(shown)
    plain = ANSI.sub("", shown)
    assert plain == ok(db_path, "today")
    flagged = next(line for line in shown.splitlines() if "Ben Ek" in line and "overdue" in line)
    assert flagged.startswith("\x1b[")
    assert ANSI.sub("", flagged).startswith("!")


def test_today_in_a_terminal_with_no_color_has_no_colour(db_path):
    _busy_day(db_path)
    shown = _in_terminal(db_path, "today", no_color=True)
    assert "\x1b" not in shown
    assert shown == ok(db_path, "today")


# -- `sup today --json` ------------------------------------------------------------------


def _iso_date(value: str) -> None:
    assert dt.date.fromisoformat(value).isoformat() == value


def _iso_moment(value: str) -> None:
    assert dt.datetime.fromisoformat(value).tzinfo is not None, value


def test_today_json_has_the_documented_shape(db_path):
    _busy_day(db_path)
    doc = day(db_path)
    sections = ["sessions_today", "due_for_coaching", "suggestions", "wins", "follow_ups"]
    assert list(doc) == ["format", "today", "counts", *sections]
    assert doc["format"] == 1
    assert doc["today"] == TODAY
    assert doc["counts"] == {key: len(doc[key]) for key in sections}
    assert doc["counts"] == {
        "sessions_today": 1,
        "due_for_coaching": 2,
        "suggestions": 1,
        "wins": 1,
        "follow_ups": 1,
    }
    person = {"id", "name", "handle"}
    (session,) = doc["sessions_today"]
    assert set(session) == {
        "id",
        "person",
        "planned_for",
        "flagged",
        "last_held_on",
        "goals_off_track",
        "open_agreements",
    }
    assert set(session["person"]) == person
    _iso_moment(session["planned_for"])
    assert set(session["open_agreements"][0]) == {"id", "text", "owner", "follow_up_on"}
    _iso_date(session["open_agreements"][0]["follow_up_on"])
    for due in doc["due_for_coaching"]:
        assert set(due) == {
            "person",
            "due_on",
            "days_until_due",
            "last_held_on",
            "planned_for",
            "flagged",
        }
        _iso_date(due["due_on"])
    assert doc["due_for_coaching"][0] == {
        "person": BEN,
        "due_on": "2026-10-01",
        "days_until_due": -52,
        "last_held_on": None,
        "planned_for": None,
        "flagged": True,
    }
    (suggestion,) = doc["suggestions"]
    assert set(suggestion) == {
        "id",
        "person",
        "text",
        "received_on",
        "decision",
        "come_back_by",
        "age_days",
        "flagged",
    }
    _iso_date(suggestion["received_on"])
    (win,) = doc["wins"]
    assert set(win) == {"id", "person", "text", "happened_on", "age_days", "flagged"}
    _iso_date(win["happened_on"])
    (follow_up,) = doc["follow_ups"]
    assert set(follow_up) == {
        "id",
        "person",
        "text",
        "owner",
        "follow_up_on",
        "days_late",
        "flagged",
    }
    _iso_date(follow_up["follow_up_on"])


def test_today_json_of_an_empty_database(db_path):
    doc = day(db_path)
    assert doc["counts"] == dict.fromkeys(
        ["sessions_today", "due_for_coaching", "suggestions", "wins", "follow_ups"], 0
    )
    assert doc["wins"] == []


# -- text a user typed -------------------------------------------------------------------

HOSTILE = {
    "textual markup": ("[@click=app.quit]x[/]", "[@click=app.quit]x[/]"),
    "rich markup": ("[b]bold[/b]", "[b]bold[/b]"),
    "colour escape": ("\x1b[31mred\x1b[0m", "␛[31mred␛[0m"),
    "clipboard write": ("\x1b]52;c;aGk=\x07", "␛]52;c;aGk=␇"),
    "bidi override": ("\u202eevil", "<U+202E>evil"),
    "c1 csi": ("\x9b31mred", "<U+009B>31mred"),
}


@pytest.mark.parametrize("text, shown", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_win_text_is_stored_exactly_and_shown_as_inert_text(db_path, text, shown):
    add_team(db_path)
    message = said(db_path, "win", "anna", f"got {text} done")
    assert message == "Saved win #4 for Anna Virtanen. Acknowledge it soon: sup ack 4"
    raw_json = ok(db_path, "today", "--json")
    assert not RAW_CONTROL.search(raw_json)
    assert [w["text"] for w in json.loads(raw_json)["wins"]] == [f"got {text} done"]
    out = ok(db_path, "today")
    assert not RAW_CONTROL.search(out)
    assert f"got {shown} done" in out


HOSTILE = "Eve \x1b]52;c;aGk=\x07Mallory\u202e"


def test_a_name_with_a_line_break_or_control_characters_is_refused_not_changed(db_path):
    for name in ("Carl\r\nBEGIN:VEVENT", HOSTILE, "Carl\tTab"):
        message = refused(db_path, "people", "add", name)
        assert "A name is one line of text, without line breaks, tabs or control" in message
        assert not RAW_CONTROL.search(message)
    assert "Carl␍␊BEGIN:VEVENT" in refused(db_path, "people", "add", "Carl\r\nBEGIN:VEVENT")
    said(db_path, "people", "add", "Carl  Berg")  # spaces are tidied, and it says so
    assert [p["name"] for p in team(db_path)] == ["Carl Berg"]
    message = refused(db_path, "people", "set", "carl", "--role", "lead\nBEGIN:VEVENT")
    assert "A role is one line of text" in message


def test_hostile_person_name_is_shown_inert_everywhere(db_path):
    plant_person(db_path, HOSTILE, "eve")
    said(db_path, "win", "eve", "fixed it")
    assert team(db_path)[0]["name"] == HOSTILE  # kept as it is, shown inert
    assert day(db_path)["wins"][0]["person"]["name"] == HOSTILE
    for out in (
        ok(db_path, "today"),
        ok(db_path, "people"),
        ok(db_path, "people", "--json"),
        ok(db_path, "today", "--json"),
        ok(db_path, "export", "--format", "md"),
        ok(db_path, "export", "--person", "eve"),
        run(db_path, "forget", "eve", input="n\n").stdout,  # the confirmation prompt
        said(db_path, "forget", "eve", "--yes"),
    ):
        assert not RAW_CONTROL.search(out)


# -- person references -------------------------------------------------------------------

REFS = {
    "handle": ("anna", "Anna Virtanen"),
    "at handle": ("@ben", "Ben Ek"),
    "upper case": ("ANNA", "Anna Virtanen"),
    "last name prefix": ("virt", "Anna Virtanen"),
    "full name": ("Anna Virtanen", "Anna Virtanen"),
    "no accents": ("aki", "Äki Mäkelä"),
    "accented": ("ÄKI", "Äki Mäkelä"),
    "last name without accents": ("makela", "Äki Mäkelä"),
}


@pytest.mark.parametrize("ref, name", REFS.values(), ids=REFS.keys())
def test_person_reference_finds_the_one_person(db_path, ref, name):
    add_team(db_path)
    assert said(db_path, "win", ref, "closed the case") == (
        f"Saved win #4 for {name}. Acknowledge it soon: sup ack 4"
    )
    assert names(day(db_path)["wins"]) == [name]


# -- dates -------------------------------------------------------------------------------

BY = {
    "weekday": ("fri", "2026-11-27", "Fri 27 Nov"),
    "days ahead": ("+3d", "2026-11-25", "Wed 25 Nov"),
    "weeks ahead": ("+2w", "2026-12-06", "Sun 6 Dec"),
    "finnish day and month": ("1.12.", "2026-12-01", "Tue 1 Dec"),
    "finnish with year": ("5.1.2027", "2027-01-05", "Tue 5 Jan 2027"),
    "iso": ("2026-12-01", "2026-12-01", "Tue 1 Dec"),
    "tomorrow": ("tomorrow", "2026-11-23", "Mon 23 Nov"),
    "finnish weekday": ("ma", "2026-11-23", "Mon 23 Nov"),
}


@pytest.mark.parametrize("word, iso, shown", BY.values(), ids=BY.keys())
def test_todo_by_date_word_is_due_on_that_day_and_not_before(db_path, word, iso, shown):
    add_team(db_path)
    assert said(db_path, "todo", "anna", "send the shift plan", "--by", word) == (
        f"Saved to-do #4 for Anna Virtanen, follow up on {shown}."
    )
    the_day = dt.date.fromisoformat(iso)
    assert day(db_path, today=(the_day - dt.timedelta(days=1)).isoformat())["follow_ups"] == []
    (item,) = day(db_path, today=iso)["follow_ups"]
    assert (item["follow_up_on"], item["days_late"]) == (iso, 0)


LATE_FOR_ANNA = " That is after Anna's due date, Tue 24 Nov: move it earlier if you can."


@pytest.mark.parametrize(
    "when, moment, shown",
    [
        ("2026-12-01 10:00", "2026-12-01T10:00:00+02:00", "Tue 1 Dec 10:00." + LATE_FOR_ANNA),
        ("1.12. 14:30", "2026-12-01T14:30:00+02:00", "Tue 1 Dec 14:30." + LATE_FOR_ANNA),
        ("tue", "2026-11-24T10:00:00+02:00", "Tue 24 Nov 10:00."),
        ("+1w 8:15", "2026-11-29T08:15:00+02:00", "Sun 29 Nov 08:15." + LATE_FOR_ANNA),
    ],
)
def test_plan_takes_a_date_with_an_optional_time(db_path, when, moment, shown):
    add_team(db_path)
    assert said(db_path, "plan", "anna", when) == f"Planned Anna Virtanen's session for {shown}"
    anna = next(p for p in team(db_path) if p["handle"] == "anna")
    assert anna["next_planned_for"] == moment


@pytest.mark.parametrize(
    ("who", "when", "warning"),
    [
        pytest.param("anna", "tue", "", id="on-the-due-date"),
        pytest.param("anna", "wed", LATE_FOR_ANNA, id="a-day-after-the-due-date"),
        # Ben is long overdue; today is Sunday, so Monday is as soon as it gets.
        pytest.param("ben", "mon", "", id="overdue-on-the-next-working-day"),
        pytest.param(
            "ben",
            "tue",
            " That is after Ben's due date, Thu 1 Oct: move it earlier if you can.",
            id="overdue-later",
        ),
    ],
)
def test_plan_warns_when_the_session_comes_after_the_due_date(db_path, who, when, warning):
    add_team(db_path)
    name = {"anna": "Anna Virtanen", "ben": "Ben Ek"}[who]
    out = said(db_path, "plan", who, when)
    assert out.startswith(f"Planned {name}'s session for ")
    assert out.endswith("." + warning)
    listed = names(day(db_path)["due_for_coaching"])
    assert (name in listed) is bool(warning)


def test_plan_when_may_be_unquoted_words(db_path):
    add_team(db_path)
    said(db_path, "plan", "anna", "tue", "13:00")
    (session,) = day(db_path, today="2026-11-24")["sessions_today"]
    assert session["planned_for"] == "2026-11-24T13:00:00+02:00"


def test_people_add_started_and_every_take_dates_and_lengths(db_path):
    said(db_path, "people", "add", "Anna Virtanen", "--started", "1.10.", "--every", "3w")
    (anna,) = team(db_path)
    assert (anna["started_on"], anna["cadence_days"], anna["due_on"]) == (
        "2026-10-01",
        21,
        "2026-10-22",
    )


# -- which database, which day -----------------------------------------------------------


def test_supervisor_tui_db_chooses_the_file(tmp_path):
    chosen = tmp_path / "team" / "lead.json"
    env = {"SUPERVISOR_TUI_DB": str(chosen)}
    result = invoke(["--today", TODAY, "people", "add", "Anna Virtanen"], env=env)
    assert result.exit_code == 0, result.stderr
    assert chosen.exists()
    assert [p["name"] for p in team(chosen)] == ["Anna Virtanen"]
    listed = invoke(["--today", TODAY, "people", "--json"], env=env)
    assert [p["name"] for p in json.loads(listed.stdout)] == ["Anna Virtanen"]


def test_db_option_overrides_the_environment(tmp_path):
    from_env = tmp_path / "env.json"
    given = tmp_path / "given.json"
    env = {"SUPERVISOR_TUI_DB": str(from_env)}
    result = invoke(["--db", str(given), "--today", TODAY, "people", "add", "Ben Ek"], env=env)
    assert result.exit_code == 0
    assert given.exists()
    assert not from_env.exists()


def test_default_database_lives_in_the_user_data_directory(tmp_path):
    result = invoke(["--today", TODAY, "people", "add", "Anna Virtanen"])
    assert result.exit_code == 0, result.stderr
    default = Path(os.environ["XDG_DATA_HOME"]) / "supervisor-tui" / "supervisor.json"
    assert default.exists()
    assert default.stat().st_mode & 0o777 == 0o600
    assert default.parent.stat().st_mode & 0o777 == 0o700


def test_supervisor_tui_today_sets_the_day_and_today_option_overrides_it(db_path):
    env = {"SUPERVISOR_TUI_TODAY": "2026-12-24"}
    result = invoke(["--db", str(db_path), "today", "--json"], env=env)
    assert json.loads(result.stdout)["today"] == "2026-12-24"
    result = invoke(["--db", str(db_path), "--today", "2027-01-04", "today", "--json"], env=env)
    assert json.loads(result.stdout)["today"] == "2027-01-04"


def test_errors_say_nothing_on_stdout_and_refused_commands_leave_no_trace(db_path):
    # The helper every error test relies on must notice a write.
    add_team(db_path)
    with pytest.raises(AssertionError):
        refused(db_path, "win", "anna", "closed the case")


def test_help_lists_every_command_under_what_the_lead_is_doing():
    from click.testing import CliRunner

    from supervisor_tui.cli import cli
    from supervisor_tui.cli.main import COMMAND_MODULES, HELP_SECTIONS

    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for title, _ in HELP_SECTIONS:
        assert f"\n{title}:\n" in result.output
    listed = [line.split()[0] for line in result.output.splitlines() if line.startswith("  ")]
    assert set(COMMAND_MODULES) <= set(listed)
    assert "Other commands" not in result.output  # every command has its section


def test_cancel_cancels_the_planned_session_and_the_person_is_due_again(db_path):
    add_team(db_path)
    said(db_path, "plan", "anna", "tue 10:00")
    assert "anna" not in [r["person"]["handle"] for r in day(db_path)["due_for_coaching"]]
    assert said(db_path, "cancel", "anna") == (
        "Cancelled Anna Virtanen's session of Tue 24 Nov 10:00. "
        "Plan the next one: sup plan anna DATE"
    )
    assert "anna" in [r["person"]["handle"] for r in day(db_path)["due_for_coaching"]]
    result = run(db_path, "cancel", "anna")
    assert result.exit_code == 2
    assert "Anna Virtanen has no planned session to cancel." in result.stderr


def test_people_json_shows_a_persons_own_coaching_form(db_path):
    add_team(db_path)
    said(db_path, "people", "set", "anna", "--form", "New starter")
    forms = {p["handle"]: p["form"] for p in team(db_path)}
    assert forms == {"anna": "New starter", "aki": None, "ben": None}


def test_plan_warns_when_the_day_falls_in_the_persons_leave(db_path):
    add_team(db_path)
    said(db_path, "people", "leave", "anna", "2026-12-07", "2026-12-18")
    assert said(db_path, "plan", "anna", "2026-12-08 10:00") == (
        "Planned Anna Virtanen's session for Tue 8 Dec 10:00."
        + LATE_FOR_ANNA
        + " Anna is on leave that day (Mon 7 Dec – Fri 18 Dec): move it if you can."
    )
    moved = said(db_path, "plan", "anna", "2026-12-21 10:00")
    assert moved.startswith("Moved Anna Virtanen's session to Mon 21 Dec 10:00 (moved 1× so far).")
    assert "leave" not in moved
