"""`sup session show`: a held coaching session read back, for the lead or to share."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from clihelpers import RAW_CONTROL, add_team, ok, plant_person, refused, said

from supervisor_tui.domain.entities import HELD, PERSON, Agreement, Session
from supervisor_tui.store import Store

NOON = dt.datetime(2026, 11, 20, 12, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def write_up(db, person_id: int, held_on: str, notes, agreed=(), closed=()) -> int:
    """Notes on the person's session held on ``held_on``, and its agreements, as the
    session view saves them; returns the session's id."""
    store = Store(db)
    with store.transaction() as txn:
        session = next(
            s
            for s in txn.records.sessions
            if s.person_id == person_id and s.held_on == dt.date.fromisoformat(held_on)
        )
        txn.put(replace(session, notes=tuple(notes)))
        for text, owner, follow_up_on in agreed:
            txn.add(
                Agreement(
                    0,
                    person_id,
                    text,
                    NOON,
                    owner=owner,
                    follow_up_on=dt.date.fromisoformat(follow_up_on),
                    session_id=session.id,
                )
            )
        for text, done_on in closed:
            txn.add(Agreement(0, person_id, text, NOON, done_on=dt.date.fromisoformat(done_on)))
    return session.id


def anna_coached(db) -> None:
    """Anna held on Fri 23 Oct and Fri 20 Nov; the November one written up."""
    add_team(db)
    said(db, "held", "anna", "--on", "2026-10-23", "--no-next")
    said(db, "held", "anna", "--on", "fri", "--no-next")
    write_up(
        db,
        1,
        "2026-11-20",
        notes=[
            ("Agreed next steps", "Anna leads Monday's huddle."),
            ("Wins", "Closed the escalated billing case.\nCalm with a furious caller."),
        ],
        agreed=[
            ("send the updated shift plan", "lead", "2026-11-27"),
            ("try the new wrap-up codes", PERSON, "2026-12-04"),
        ],
        closed=[("book the headset repair", "2026-11-20"), ("closed another day", "2026-11-19")],
    )


TEXT = """\
Anna Virtanen (@anna) · held Fri 20 Nov
Form: Coaching 1:1, version 1

1. Since last time (our agreements)
   (no notes)

2. Wins
   Closed the escalated billing case.
   Calm with a furious caller.

3. Numbers and behaviours against goals
   (no notes)

4. Wellbeing and workload
   (no notes)

5. What you need from me
   (no notes)

6. Agreed next steps
   Anna leads Monday's huddle.

Agreed in this session
   #6 send the updated shift plan (you; follow up Fri 27 Nov, open)
   #7 try the new wrap-up codes (Anna; follow up Fri 4 Dec, open)

From earlier sessions, closed that day
   #8 book the headset repair (you; done Fri 20 Nov)
"""

HARD_BREAK = "  "  # Markdown's line break inside a paragraph: the note's own line breaks
MARKDOWN = f"""\
# Coaching session: Anna Virtanen

Held on Friday 20 November 2026. Form: Coaching 1:1, version 1.

## Since last time (our agreements)

_No notes._

## Wins

Closed the escalated billing case.{HARD_BREAK}
Calm with a furious caller.

## Numbers and behaviours against goals

_No notes._

## Wellbeing and workload

_No notes._

## What you need from me

_No notes._

## Agreed next steps

Anna leads Monday's huddle.

## What we agreed

- send the updated shift plan (team lead; follow up Friday 27 November 2026, open)
- try the new wrap-up codes (Anna; follow up Friday 4 December 2026, open)

## From last time, closed that day

- book the headset repair (team lead; done Friday 20 November 2026)
"""


def test_show_prints_the_latest_held_session_under_its_agenda(db_path):
    anna_coached(db_path)
    assert ok(db_path, "session", "show", "anna") == TEXT


def test_last_is_the_default(db_path):
    anna_coached(db_path)
    assert ok(db_path, "session", "show", "anna", "--last") == TEXT


def test_show_as_markdown_to_share_with_the_person(db_path):
    anna_coached(db_path)
    assert ok(db_path, "session", "show", "anna", "--format", "md") == MARKDOWN


@pytest.mark.parametrize("date", ["2026-10-23", "23.10.", "30d"])
def test_a_date_picks_the_session_held_that_day(db_path, date):
    anna_coached(db_path)
    out = ok(db_path, "session", "show", "anna", date)
    assert out.splitlines()[0] == "Anna Virtanen (@anna) · held Fri 23 Oct"
    assert "Agreed in this session: nothing." in out
    assert "From earlier sessions, closed that day: nothing." in out


def test_a_weekday_means_the_last_one(db_path):
    anna_coached(db_path)
    assert ok(db_path, "session", "show", "anna", "fri").startswith(
        "Anna Virtanen (@anna) · held Fri 20 Nov\n"
    )


def test_a_day_without_a_session_lists_the_days_there_were(db_path):
    anna_coached(db_path)
    message = refused(db_path, "session", "show", "anna", "thu")
    assert "Anna Virtanen had no session held on Thu 19 Nov. Held on: Fri 20 Nov, Fri 23 Oct." in (
        message
    )


def test_someone_never_coached_is_told_how_to_record_a_session(db_path):
    add_team(db_path)
    said(db_path, "plan", "ben", "tue 10:00")  # planned is not held
    message = refused(db_path, "session", "show", "ben")
    assert "Ben Ek has no held session yet. Record one with: sup held ben" in message


def test_last_and_a_date_together_are_refused(db_path):
    anna_coached(db_path)
    assert "Give either --last or a DATE, not both." in refused(
        db_path, "session", "show", "anna", "--last", "fri"
    )


def test_an_old_session_keeps_the_agenda_of_its_form_version(db_path):
    anna_coached(db_path)
    said(db_path, "forms", "edit", "Coaching 1:1", "--items-file", "-", input="Wins\nGoals\n")
    said(db_path, "held", "ben", "--no-next")
    write_up(db_path, 3, "2026-11-22", notes=[("Goals", "Handle time under 6 min.")])
    assert ok(db_path, "session", "show", "anna") == TEXT
    assert ok(db_path, "session", "show", "ben") == (
        "Ben Ek (@ben) · held Sun 22 Nov\n"
        "Form: Coaching 1:1, version 2\n"
        "\n"
        "1. Wins\n"
        "   (no notes)\n"
        "\n"
        "2. Goals\n"
        "   Handle time under 6 min.\n"
        "\n"
        "Agreed in this session: nothing.\n"
        "\n"
        "From earlier sessions, closed that day: nothing.\n"
    )


def test_notes_without_a_known_form_follow_their_own_order(db_path):
    add_team(db_path)
    with Store(db_path).transaction() as txn:
        txn.add(
            Session(
                0,
                2,
                HELD,
                held_on=dt.date(2026, 11, 18),
                form_name="Retired form",
                form_version=4,
                notes=(("Zeta", "last first"), ("Alpha", "")),
            )
        )
    out = ok(db_path, "session", "show", "aki")
    assert out.splitlines()[:8] == [
        "Äki Mäkelä (@aki) · held Wed 18 Nov",
        "Form: Retired form, version 4",
        "",
        "1. Zeta",
        "   last first",
        "",
        "2. Alpha",
        "   (no notes)",
    ]


def test_a_session_without_form_or_notes_says_so(db_path):
    add_team(db_path)
    with Store(db_path).transaction() as txn:
        txn.add(Session(0, 2, HELD, held_on=dt.date(2026, 11, 18)))
    assert ok(db_path, "session", "show", "aki").splitlines()[:4] == [
        "Äki Mäkelä (@aki) · held Wed 18 Nov",
        "Form: no form recorded",
        "",
        "No notes were written in this session.",
    ]


def test_long_notes_are_wrapped_to_80_columns_and_indented(db_path):
    anna_coached(db_path)
    long = " ".join(["handled"] * 30)
    write_up(db_path, 1, "2026-11-20", notes=[("Wins", long)])
    lines = ok(db_path, "session", "show", "anna").splitlines()
    wins = lines[
        lines.index("2. Wins") + 1 : lines.index("3. Numbers and behaviours against goals")
    ]
    assert len(wins) > 2
    assert all(len(line) <= 80 and line.startswith("   handled") for line in wins if line)


def test_an_archived_persons_sessions_can_still_be_read(db_path):
    anna_coached(db_path)
    said(db_path, "people", "archive", "anna")
    assert ok(db_path, "session", "show", "anna") == TEXT


HOSTILE = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\u202eevil"


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_hostile_text_is_shown_inert(db_path, fmt):
    plant_person(db_path, f"Eve {HOSTILE}", "eve")
    said(db_path, "held", "eve", "--no-next")
    write_up(
        db_path,
        1,
        "2026-11-22",
        notes=[("Wins", f"note {HOSTILE}"), (f"Item {HOSTILE}", "x")],
        agreed=[(f"agreement {HOSTILE}", PERSON, "2026-12-01")],
    )
    out = ok(db_path, "session", "show", "eve", "--format", fmt)
    assert not RAW_CONTROL.search(out)
    # Name, note, agenda item and agreement: each shown with its controls made visible.
    assert out.replace("\\", "").count("␛]52;c;ZXZpbA==␇␛[2J<U+202E>evil") == 4


def test_markdown_specials_in_notes_are_escaped_not_formatted(db_path):
    add_team(db_path)
    said(db_path, "held", "anna", "--no-next")
    write_up(
        db_path,
        1,
        "2026-11-22",
        notes=[("Wins", "# not a heading\n* not a list [not](a link) <b>x</b>\n\n    not code")],
    )
    md = ok(db_path, "session", "show", "anna", "--format", "md")
    section = md.split("## Wins\n\n")[1].split("\n\n## ")[0]
    assert section == (
        "\\# not a heading  \n\\* not a list \\[not\\](a link) \\<b\\>x\\</b\\>\n\nnot code"
    )


def test_markdown_and_text_list_the_agreements_carried_over_still_open(db_path):
    anna_coached(db_path)
    # Agreed in October, gone through in November and carried over to a later date.
    write_up(
        db_path,
        1,
        "2026-10-23",
        notes=[],
        agreed=[("listen back to two calls together", PERSON, "2026-12-11")],
    )
    markdown = ok(db_path, "session", "show", "anna", "--format", "md")
    assert markdown.endswith(
        "## Carried over\n\n"
        "- listen back to two calls together (Anna; follow up Friday 11 December 2026, open)\n"
    )
    text = ok(db_path, "session", "show", "anna")
    assert text.endswith(
        "Carried over from earlier sessions\n"
        "   #10 listen back to two calls together (Anna; follow up Fri 11 Dec, open)\n"
    )
    # The October session agreed it: there it is listed as agreed, not carried.
    october = ok(db_path, "session", "show", "anna", "2026-10-23", "--format", "md")
    assert "## Carried over" not in october
    assert "- listen back to two calls together (Anna;" in october


def test_an_agreement_closed_before_the_session_is_not_carried_over(db_path):
    anna_coached(db_path)
    assert "Carried over" not in ok(db_path, "session", "show", "anna", "--format", "md")
