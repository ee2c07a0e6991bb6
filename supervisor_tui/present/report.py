"""The month's report in words: its title, its figures, the per-person table and the trend.

`sup report` prints them as text or Markdown, the TUI's report view lays the same
words out on one screen. A figure with no data reads "–", never 0.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..domain.entities import Agreement, Suggestion
from ..domain.report import Headline, MonthReport, PersonMonth, Promise
from ..domain.textsafe import visible
from ..domain.words import short_date

NONE = "–"

# How the three headline shares read: at least this much is good, at least FAIR fair.
GOOD, FAIR = 0.9, 0.7
GOOD_LEVEL, FAIR_LEVEL, POOR_LEVEL = "good", "fair", "poor"


def _plural(n: int | float, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def number(value: int | float | None) -> str:
    """A count or a median, "–" when there is none."""
    return NONE if value is None else str(value)


def days(value: int | float | None) -> str:
    """A number of days in words, "–" when there is none."""
    return NONE if value is None else _plural(value, "day")


def percent(value: float | None) -> str:
    """A share as a whole percentage ("80 %"), "–" when there is none."""
    return NONE if value is None else f"{round(value * 100)} %"


def month_name(month: dt.date) -> str:
    """ "November 2026"."""
    return f"{month:%B %Y}"


def month_short(month: dt.date) -> str:
    """ "Nov", for a trend column."""
    return f"{month:%b}"


def month_title(report: MonthReport) -> str:
    """The report's title: "November 2026 · so far, to Fri 20 Nov" or "October 2026"."""
    title = month_name(report.month)
    if report.under_way:
        title += f" · so far, to {short_date(report.today, report.today)}"
    elif report.before_records:
        title += " · before the first record in your file"
    return title


def _waited(age: int) -> str:
    return "since today" if age == 0 else _plural(age, "day")


def _of(part: int | None, whole: int) -> str:
    return NONE if part is None else f"{part} of {whole}"


def _names(people) -> str:
    return ", ".join(p.name for p in people) if people else "nobody"


def not_coached_words(report: MonthReport) -> str:
    """Who had no session held in the month, with when they joined if it was that month."""
    if not report.coaching.not_coached:
        return "nobody" if report.coaching.coached else NONE
    words = []
    for p in report.coaching.not_coached:
        if p.started_on >= report.month:
            words.append(f"{p.name} (joined {short_date(p.started_on, report.today)})")
        else:
            words.append(p.name)
    return ", ".join(words)


# -- the figures, as labelled lines (text and Markdown) --------------------------------------------


class Figure(NamedTuple):
    """One labelled figure: "Coached" → "8 of 10 (80 %)"."""

    label: str
    value: str


class FigureSection(NamedTuple):
    """A section of figures: Coaching, Suggestions, Wins, Follow-ups."""

    title: str
    figures: tuple[Figure, ...]


def figure_sections(report: MonthReport) -> tuple[FigureSection, ...]:
    """The month's figures in four sections, each figure a label and its value."""
    c, s, w, f = report.coaching, report.suggestions, report.wins, report.follow_ups
    flag_s, flag_w = report.settings.suggestion_flag_days, report.settings.win_flag_days
    coached = _of(c.coached, c.people)
    if c.coached is not None:
        coached += f" ({percent(c.coached / c.people)})"
    if c.held:
        sessions = (
            f"{c.held} held: {c.held_on_planned_day} on the planned day, {c.moved} moved "
            f"({_plural(c.times_moved, 'move')} in all)"
        )
    else:
        sessions = "none held"
    coaching = FigureSection(
        "Coaching",
        (
            Figure("People", str(c.people)),
            Figure("Coached", coached),
            Figure("Not coached", not_coached_words(report)),
            Figure("Sessions", sessions),
            Figure("Days overdue", NONE if c.days_overdue is None else f"{c.days_overdue} in all"),
        ),
    )
    if s.received:
        decisions = f"{s.accepted} accepted, {s.declined} declined, {s.in_progress} in progress"
        waits = f"median {days(s.median_days_to_answer)}, 90 % within {days(s.p90_days_to_answer)}"
    else:
        decisions = waits = NONE
    still_open = (
        "; ".join(f"{o.person.name}, {_waited(o.age_days)}" for o in s.open)
        if s.open
        else ("none" if s.received else NONE)
    )
    suggestions = FigureSection(
        "Suggestions",
        (
            Figure("Received", str(s.received)),
            Figure("Answered", _of(s.answered, s.received)),
            Figure("Days to answer", waits if s.answered else NONE),
            Figure(f"In under {flag_s} days", _of(s.answered_within_flag, s.received)),
            Figure("Decisions", decisions),
            Figure("Still open", still_open),
        ),
    )
    how = ", ".join(f"{n} {way}" for way, n in w.by_how) or NONE
    wins = FigureSection(
        "Wins",
        (
            Figure("Captured", str(w.captured)),
            Figure("Thanked", _of(w.acknowledged, w.captured)),
            Figure("Days to thank", f"median {days(w.median_days_to_acknowledge)}"),
            Figure(f"In under {flag_w} days", _of(w.acknowledged_within_flag, w.captured)),
            Figure("How", how),
        ),
    )
    follow_ups = FigureSection(
        "Follow-ups",
        (
            Figure("Due", str(f.due) + (" so far" if report.under_way else "")),
            Figure("Done on time", _of(f.done_on_time, f.due)),
            Figure("Done late", _of(f.done_late, f.due)),
            Figure("Still open", _of(f.open, f.due)),
        )
        + ((Figure("Dropped", str(f.dropped)),) if f.dropped else ()),
    )
    return (coaching, suggestions, wins, follow_ups)


# -- the figures at a glance (the report view: four short columns) ---------------------------------


def _d(value: int | float | None) -> str:
    return NONE if value is None else f"{value} d"


def glance_columns(report: MonthReport) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The figures as four columns of short lines (at most 19 cells each), for one screen."""
    c, s, w, f = report.coaching, report.suggestions, report.wins, report.follow_ups
    flag_s, flag_w = report.settings.suggestion_flag_days, report.settings.win_flag_days
    coaching = (
        f"{_of(c.coached, c.people)} coached",
        f"{c.held} held",
        f"{number(c.held_on_planned_day)} on planned day",
        f"{c.moved} moved ({c.times_moved}×)" if c.moved else "none moved",
        f"{number(c.days_overdue)} days overdue",
    )
    suggestions = (
        f"{s.received} received",
        f"{number(s.answered)} answered",
        f"median {_d(s.median_days_to_answer)}, p90 {_d(s.p90_days_to_answer)}",
        f"{number(s.answered_within_flag)} in under {flag_s} d",
        f"{len(s.open)} still open",
    )
    top = w.by_how[0][0] if w.by_how else None
    wins = (
        f"{w.captured} captured",
        f"{number(w.acknowledged)} thanked",
        f"median {_d(w.median_days_to_acknowledge)}",
        f"{number(w.acknowledged_within_flag)} in under {flag_w} d",
        f"mostly {visible(top)}" if top else "",
    )
    follow_ups = (
        f"{f.due} due" + (" so far" if report.under_way else ""),
        f"{number(f.done_on_time)} on time",
        f"{number(f.done_late)} late",
        f"{number(f.open)} still open",
        f"{f.dropped} dropped" if f.dropped else "",
    )
    return (
        ("Coaching", coaching),
        ("Suggestions", suggestions),
        ("Wins", wins),
        ("Follow-ups", follow_ups),
    )


# -- the per-person table --------------------------------------------------------------------------

PERSON_COLUMNS = ("Person", "1:1s", "Moved", "Overdue", "Ideas", "Wins", "Follow-ups")
PERSON_HELP = (
    "1:1s held · moved · days overdue · ideas answered/received · "
    "wins thanked/captured · follow-ups on time/due"
)


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else ""


def person_cells(row: PersonMonth) -> tuple[str, ...]:
    """One person's row of the table, as the columns of ``PERSON_COLUMNS``."""
    return (
        row.person.name,
        str(row.held) if row.held else "none",
        str(row.moved) if row.moved else "",
        f"{row.days_overdue} d" if row.days_overdue else "",
        _ratio(row.answered, row.suggestions),
        _ratio(row.thanked, row.wins),
        _ratio(row.follow_ups_on_time, row.follow_ups_due),
    )


# -- the trend -------------------------------------------------------------------------------------


class TrendCell(NamedTuple):
    """One month of one headline figure: its words, its bar (0–1) and how it reads."""

    month: dt.date
    text: str  # "80 %", "3 d", "–"
    bar: float | None  # None: no data
    level: str | None  # GOOD_LEVEL, FAIR_LEVEL, POOR_LEVEL; None: no data


class TrendRow(NamedTuple):
    """One headline figure over the months."""

    label: str
    cells: tuple[TrendCell, ...]


def _share_cell(month: dt.date, value: float | None) -> TrendCell:
    if value is None:
        return TrendCell(month, NONE, None, None)
    level = GOOD_LEVEL if value >= GOOD else FAIR_LEVEL if value >= FAIR else POOR_LEVEL
    return TrendCell(month, percent(value), value, level)


def _days_cell(month: dt.date, value: float | None, flag: int) -> TrendCell:
    if value is None:
        return TrendCell(month, NONE, None, None)
    # Fewer days is better; the bar fills up towards twice the flag.
    level = GOOD_LEVEL if value < flag / 2 else FAIR_LEVEL if value < flag else POOR_LEVEL
    return TrendCell(month, f"{value} d", min(value / (2 * flag), 1.0) if flag else 1.0, level)


TREND_LABELS = (
    "Coached",
    "Days to answer",
    "Wins thanked in time",
    "Follow-ups on time",
)


def trend_rows(report: MonthReport) -> tuple[TrendRow, ...]:
    """The four headline figures, one row each, a cell a month (oldest first)."""
    flag = report.settings.suggestion_flag_days
    trend: tuple[Headline, ...] = report.trend
    return (
        TrendRow(TREND_LABELS[0], tuple(_share_cell(h.month, h.share_coached) for h in trend)),
        TrendRow(
            TREND_LABELS[1],
            tuple(_days_cell(h.month, h.median_days_to_answer, flag) for h in trend),
        ),
        TrendRow(
            TREND_LABELS[2],
            tuple(_share_cell(h.month, h.share_wins_thanked_in_time) for h in trend),
        ),
        TrendRow(
            TREND_LABELS[3], tuple(_share_cell(h.month, h.share_follow_ups_on_time) for h in trend)
        ),
    )


# -- the lead's open promises ----------------------------------------------------------------------


class PromiseWords(NamedTuple):
    """A promise in words: what, to whom, and when it falls."""

    record_id: int
    who: str
    what: str
    when: str
    late: bool


def promise_words(promise: Promise, today: dt.date) -> PromiseWords:
    """What the lead promised, to whom, and by when."""
    record, person = promise.record, promise.person
    if isinstance(record, Suggestion):
        what = f"answer on: {record.text}"
    else:
        assert isinstance(record, Agreement)
        what = record.text
    if promise.due_on is None:
        when = "no date"
    elif promise.days_late:
        when = f"{_plural(promise.days_late, 'day')} late"
    elif promise.due_on == today:
        when = "due today"
    else:
        when = f"by {short_date(promise.due_on, today)}"
    return PromiseWords(record.id, person.name, what, when, promise.days_late > 0)
