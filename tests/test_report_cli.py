"""`sup report`, `sup brief team` and `sup handover` on the hand-built team (reportteam.py)."""

from __future__ import annotations

import json

import pytest
from clihelpers import ok, refused, run
from reportteam import CANARY, TODAY, in_store

DAY = TODAY.isoformat()


@pytest.fixture
def team(db_path):
    """The hand-built team in the test's database; ids by name."""
    return in_store(db_path)


def person(ids, key, name):
    return {"id": ids[key], "name": name, "handle": key}


def report_json(db, *args):
    return json.loads(ok(db, "report", "--json", *args, today=DAY))


def test_report_json_for_october_holds_the_figures_worked_out_by_hand(db_path, team):
    doc = report_json(db_path, "--month", "2026-10")
    anna, ben, chloe = (
        person(team, "anna", "Anna Virtanen"),
        person(team, "ben", "Ben Ek"),
        person(team, "chloe", "Chloé Nieminen"),
    )
    assert (doc["month"], doc["today"], doc["under_way"]) == ("2026-10", DAY, False)
    assert doc["coaching"] == {
        "people": 3,
        "coached": 2,
        "not_coached": [chloe],
        "held": 2,
        "held_on_planned_day": 1,
        "moved": 1,
        "times_moved": 2,
        "days_overdue": 9,
    }
    assert doc["suggestions"] == {
        "received": 4,
        "answered": 3,
        "median_days_to_answer": 2,
        "p90_days_to_answer": 9,
        "answered_within_flag": 2,
        "flag_days": 7,
        "open": [
            {
                "id": team["s3"],
                "person": chloe,
                "text": "idea s3",
                "received_on": "2026-10-20",
                "age_days": 31,
            }
        ],
        "decisions": {"accepted": 1, "declined": 1, "in_progress": 1},
    }
    assert doc["wins"] == {
        "captured": 3,
        "acknowledged": 2,
        "median_days_to_acknowledge": 1.5,
        "acknowledged_within_flag": 1,
        "flag_days": 2,
        "by_how": {"in person": 1, "message": 1},
    }
    assert doc["follow_ups"] == {
        "due": 3,
        "done_on_time": 1,
        "done_late": 1,
        "open": 1,
        "dropped": 1,
    }
    assert doc["promises"] == [
        {
            "kind": "follow_up",
            "id": team["a3"],
            "person": chloe,
            "text": "follow-up a3",
            "due_on": "2026-10-30",
            "days_late": 21,
        },
        {
            "kind": "suggestion",
            "id": team["s5"],
            "person": anna,
            "text": "idea s5",
            "due_on": "2026-11-25",
            "days_late": 0,
        },
        {
            "kind": "follow_up",
            "id": team["a5"],
            "person": ben,
            "text": "follow-up a5",
            "due_on": "2026-11-25",
            "days_late": 0,
        },
    ]
    assert [row["person"]["name"] for row in doc["people"]] == [
        "Anna Virtanen",
        "Ben Ek",
        "Chloé Nieminen",
    ]
    assert doc["people"][1] == {
        "person": ben,
        "held": 1,
        "moved": 1,
        "days_overdue": 9,
        "suggestions": 1,
        "answered": 1,
        "wins": 1,
        "thanked": 1,
        "follow_ups_due": 1,
        "follow_ups_on_time": 0,
    }
    assert [t["month"] for t in doc["trend"]] == [f"2026-{m:02d}" for m in range(5, 11)]
    assert doc["trend"][-1] == {
        "month": "2026-10",
        "share_coached": 0.667,
        "median_days_to_answer": 2,
        "share_wins_thanked_in_time": 0.333,
        "share_follow_ups_on_time": 0.333,
    }


def test_report_json_defaults_to_this_month_and_a_figure_with_no_data_is_null(db_path, team):
    doc = report_json(db_path)
    assert (doc["month"], doc["under_way"]) == ("2026-11", True)
    assert doc["suggestions"] == {
        "received": 0,
        "answered": None,
        "median_days_to_answer": None,
        "p90_days_to_answer": None,
        "answered_within_flag": None,
        "flag_days": 7,
        "open": [],
        "decisions": {"accepted": None, "declined": None, "in_progress": None},
    }
    assert doc["coaching"]["coached"] == 0  # four people, none coached: a real 0
    assert doc["coaching"]["held_on_planned_day"] is None  # no sessions: nothing to say
    assert doc["follow_ups"] == {
        "due": 0,
        "done_on_time": None,
        "done_late": None,
        "open": None,
        "dropped": 0,
    }


OCTOBER_MD = """\
# Report: October 2026

## Coaching

- **People:** 3
- **Coached:** 2 of 3 (67 %)
- **Not coached:** Chloé Nieminen (joined Thu 15 Oct)
- **Sessions:** 2 held: 1 on the planned day, 1 moved (2 moves in all)
- **Days overdue:** 9 in all

## Suggestions

- **Received:** 4
- **Answered:** 3 of 4
- **Days to answer:** median 2 days, 90 % within 9 days
- **In under 7 days:** 2 of 4
- **Decisions:** 1 accepted, 1 declined, 1 in progress
- **Still open:** Chloé Nieminen, 31 days

## Wins

- **Captured:** 3
- **Thanked:** 2 of 3
- **Days to thank:** median 1.5 days
- **In under 2 days:** 1 of 3
- **How:** 1 in person, 1 message

## Follow-ups

- **Due:** 3
- **Done on time:** 1 of 3
- **Done late:** 1 of 3
- **Still open:** 1 of 3
- **Dropped:** 1

## Per person

| Person | 1:1s | Moved | Overdue | Ideas | Wins | Follow-ups |
|---|--:|--:|--:|--:|--:|--:|
| Anna Virtanen | 1 |  |  | 2/2 | 1/1 | 1/1 |
| Ben Ek | 1 | 1 | 9 d | 1/1 | 1/1 | 0/1 |
| Chloé Nieminen | none |  |  | 0/1 | 0/1 | 0/1 |

## Your open promises today (3)

- #{a3} follow-up a3 (Chloé Nieminen): **21 days late**
- #{s5} answer on: idea s5 (Anna Virtanen): by Wed 25 Nov
- #{a5} follow-up a5 (Ben Ek): by Wed 25 Nov

## Trend

| | May | Jun | Jul | Aug | Sep | Oct |
|---|--:|--:|--:|--:|--:|--:|
| Coached | – | – | – | – | 100 % | 67 % |
| Days to answer | – | – | – | – | – | 2 d |
| Wins thanked in time | – | – | – | – | – | 33 % |
| Follow-ups on time | – | – | – | – | – | 33 % |
"""


def test_report_in_markdown_for_october(db_path, team):
    out = ok(db_path, "report", "--month", "2026-10", "--format", "md", today=DAY)
    assert out == OCTOBER_MD.format(**team)


def test_report_as_text_fits_80_columns_and_says_the_month_is_under_way(db_path, team):
    out = ok(db_path, "report", today=DAY)
    lines = out.splitlines()
    assert lines[0] == "Report: November 2026 · so far, to Fri 20 Nov"
    assert max(len(line) for line in lines) <= 80
    assert "  Received         0" in lines
    assert "  Answered         –" in lines
    assert "  Days overdue     7 in all" in lines
    assert "  Ben Ek                  none             1 d           1/1" in lines
    assert f"! #{team['a3']:<5} Chloé Nieminen     follow-up a3" in out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--month", "2026-12"), "December 2026 has not begun yet; the latest is 2026-11"),
        (("--month", "nov"), '"nov" is not a month. Give it as YYYY-MM, e.g. 2026-11.'),
        (("--json", "--format", "md"), "Give either --json or --format md, not both."),
    ],
)
def test_report_refuses_a_month_it_cannot_report_on(db_path, team, args, says):
    assert says in refused(db_path, "report", *args, today=DAY)


# -- the team brief ---------------------------------------------------------------------------

BRIEF_MD = """\
**You said, we did**

What became of your suggestions since Thursday 1 October: 3 decisions.

**Accepted, and happening**
- "idea s1" — trialling it from December

**Not now, and why**
- "idea s2" — not before spring, the rota is fixed

**Still looking into it**
- "idea s5" — asked IT (we'll come back by Wednesday 25 November)

Thank you for every idea: keep them coming.
"""


def test_brief_team_in_markdown_lists_the_decisions_without_names(db_path, team):
    out = ok(db_path, "brief", "team", "--since", "1.10.", "--format", "md", today=DAY)
    assert out == BRIEF_MD
    assert "Anna" not in out and "Ben" not in out


def test_brief_team_with_names_says_who_suggested_what(db_path, team):
    out = ok(db_path, "brief", "team", "--since", "1.10.", "--names", today=DAY)
    assert '  - Anna: "idea s1" — trialling it from December' in out.splitlines()
    assert '  - Ben: "idea s2" — not before spring, the rota is fixed' in out.splitlines()
    assert "Dawit" not in out  # archived: his accepted idea is not the team's news


def test_brief_team_looks_back_30_days_by_default(db_path, team):
    out = ok(db_path, "brief", "team", today=DAY)
    # Since Wed 21 Oct: only Ben's decline of 6 Nov; Anna's answers came earlier.
    assert "What became of your suggestions since Wednesday 21 October: 1 decision." in out
    assert "idea s2" in out and "idea s1" not in out and "idea s5" not in out


def test_brief_team_with_no_decisions_says_so(db_path, team):
    out = ok(db_path, "brief", "team", "--since", "yesterday", today=DAY)
    assert "No decisions on your suggestions since Thursday 19 November yet" in out


@pytest.mark.parametrize(
    ("args", "says"),
    [(("--since", "someday"), '"someday"'), (("--since", "+2w"), "--since is a day in the past")],
)
def test_brief_team_refuses_a_bad_date(db_path, team, args, says):
    assert says in refused(db_path, "brief", "team", *args, today=DAY)


# -- the handover ------------------------------------------------------------------------------


def test_handover_lists_each_persons_open_loops_until_the_date(db_path, team):
    out = ok(db_path, "handover", "--until", "+2w", today=DAY)
    lines = out.splitlines()
    assert lines[0] == "Handover for a deputy: Fri 20 Nov to Fri 4 Dec (2 weeks)"
    assert "Chloé Nieminen (@chloe)" in lines
    assert (
        "  Coaching      overdue since Sat 14 Nov (never coached); nothing planned: plan" in lines
    )
    assert f"  Follow-ups    #{team['a3']} follow-up a3 (team lead; 21 days late)" in lines
    assert f'  Suggestions   #{team["s3"]} "idea s3": received 4 weeks ago, no answer yet' in lines
    assert f"  Wins to thank #{team['w3']} win w3 (3 weeks ago)" in lines
    assert f"  1:1 planned   #{_anna_planned(db_path)} Mon 23 Nov 10:00" in lines
    assert "Dawit" not in out
    assert max(len(line) for line in lines) <= 80


def _anna_planned(db) -> int:
    from supervisor_tui.store import Store

    records = Store(db).load()
    return next(s.id for s in records.sessions if s.status == "planned")


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_brief_and_handover_never_show_notes_of_any_kind(db_path, team, fmt):
    brief = ok(
        db_path, "brief", "team", "--since", "1.1.2026", "--names", "--format", fmt, today=DAY
    )
    handover = ok(db_path, "handover", "--until", "+5w", "--format", fmt, today=DAY)
    for out in (brief, handover):
        assert CANARY not in out


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_handover_with_include_notes_shows_them_and_says_so_at_the_top(db_path, team, fmt):
    out = ok(db_path, "handover", "--until", "+2w", "--include-notes", "--format", fmt, today=DAY)
    first = out.splitlines()[0]
    assert "INCLUDES PRIVATE NOTES" in first
    assert f"an observation {CANARY}" in out  # Chloé's
    assert f"rough week {CANARY}" in out  # Ben's wellbeing note
    assert f"tired {CANARY}" in out  # Anna's last 1:1


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--until", "whenever"), '"whenever"'),
        (("--until", "today"), "--until is the last day the deputy covers, after today"),
        (("--until", "2026-11-01"), "after today"),
    ],
)
def test_handover_refuses_a_date_that_is_not_ahead(db_path, team, args, says):
    assert says in refused(db_path, "handover", *args, today=DAY)


def test_handover_needs_until(db_path, team):
    result = run(db_path, "handover", today=DAY)
    assert result.exit_code == 2
    assert "Missing option '--until'" in result.stderr


def test_markup_and_escape_sequences_in_text_stay_inert(db_path, team):
    ok(db_path, "idea", "ben", "[bold]x[/] \x1b[31mred", today=DAY)
    out = ok(db_path, "handover", "--until", "+1w", today=DAY)
    assert "\x1b" not in out
    assert "[bold]x[/]" in out
    md = ok(db_path, "handover", "--until", "+1w", "--format", "md", today=DAY)
    assert "\\[bold\\]x\\[/\\]" in md
