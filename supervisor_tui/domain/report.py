"""The month measured: how well the three routines were kept (`sup report`, the report view).

Pure rules over the records, a month and today. What counts where:

- A month is its first day (``dt.date(2026, 11, 1)``); the month arithmetic is the
  stdlib's (no pendulum: it is not needed for whole months and costs 30 ms to import).
- Archived people drop out, as from every list: the file does not say when they
  left, so nothing of theirs is counted in any month.
- A person counts in a month they were on the team for: started on or before its
  last day (or today, for the month under way). Someone who joined mid-month counts,
  and is listed as not coached until their first 1:1.
- Items count in the month they came in: a suggestion by the day it was received, a
  win by the day it happened, a follow-up by its follow-up date, a session by the day
  it was held. A suggestion received in one month and answered in the next counts in
  the first, with its whole wait.
- A suggestion is answered when the lead came back with a decision (accepted,
  declined or in progress): the day of the latest answer counts.
- Counts of what came in are numbers (0 when nothing did). Every figure about those
  items (how many answered, the median wait, a share) is None when there were none:
  no data is not zero.
- For the month under way, only what has had its chance counts in the shares: a
  follow-up whose date has not come is not yet due, and a win still inside its flag
  days is neither thanked in time nor late yet.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import statistics
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

from .entities import (
    ACCEPTED,
    DECLINED,
    HELD,
    IN_PROGRESS,
    LEAD,
    OPEN,
    Agreement,
    Person,
    Records,
    Session,
    Settings,
    Suggestion,
    Win,
)
from .folding import fold

TREND_MONTHS = 6
DEFAULT_SETTINGS = Settings()


class MonthError(ValueError):
    """A month that is not YYYY-MM, or one that has not begun; the message says what works."""


# -- months -----------------------------------------------------------------------------------


def month_of(day: dt.date) -> dt.date:
    """The month ``day`` lies in, as its first day."""
    return day.replace(day=1)


def month_end(month: dt.date) -> dt.date:
    """The last day of ``month``."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def add_months(month: dt.date, count: int) -> dt.date:
    """The month ``count`` months after ``month`` (before, when negative)."""
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_month(text: str, today: dt.date) -> dt.date:
    """``2026-11`` as a month; refuses other forms and months that have not begun."""
    parts = text.strip().split("-")
    if len(parts) == 2 and all(p.isascii() and p.isdigit() for p in parts) and len(parts[0]) == 4:
        year, number = int(parts[0]), int(parts[1])
        if 1 <= number <= 12 and year >= 1:
            month = dt.date(year, number, 1)
            if month > month_of(today):
                raise MonthError(
                    f"{month:%B %Y} has not begun yet; the latest is {today:%Y-%m} ({today:%B %Y})."
                )
            return month
    shown = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
    raise MonthError(f'"{shown}" is not a month. Give it as YYYY-MM, e.g. {today:%Y-%m}.')


# -- the figures --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coaching:
    """Coaching in a month: who was coached, and how the sessions went."""

    people: int  # on the team that month
    coached: int | None  # with at least one session held in the month
    not_coached: tuple[Person, ...]  # by name
    held: int  # sessions held in the month
    held_on_planned_day: int | None  # held on the day planned, never moved
    moved: int | None  # held after being moved, or on another day than planned
    times_moved: int | None  # every move of the sessions held in the month
    days_overdue: int | None  # person-days past a due date, within the month


@dataclass(frozen=True, slots=True)
class OpenSuggestion:
    """A suggestion received in the month and still without an answer today."""

    suggestion: Suggestion
    person: Person
    age_days: int


@dataclass(frozen=True, slots=True)
class Suggestions:
    """The suggestions received in a month and what became of them."""

    received: int
    answered: int | None
    median_days_to_answer: float | None
    p90_days_to_answer: int | None
    answered_within_flag: int | None  # answered before the day view flagged them
    open: tuple[OpenSuggestion, ...]  # oldest first
    accepted: int | None
    declined: int | None
    in_progress: int | None


@dataclass(frozen=True, slots=True)
class Wins:
    """The wins of a month and how soon they were thanked."""

    captured: int
    acknowledged: int | None
    median_days_to_acknowledge: float | None
    acknowledged_within_flag: int | None  # thanked before the day view flagged them
    judged: int  # thanked, or past the flag days: those a share in time is out of
    by_how: tuple[tuple[str, int], ...]  # (how, count), most used first


@dataclass(frozen=True, slots=True)
class FollowUps:
    """Follow-ups whose date fell in the month (up to today), and whether they were kept."""

    due: int  # not dropped
    done_on_time: int | None
    done_late: int | None
    open: int | None
    dropped: int


@dataclass(frozen=True, slots=True)
class Promise:
    """One of the lead's open loops today: a follow-up they own, or a come-back date."""

    record: Agreement | Suggestion
    person: Person
    due_on: dt.date | None  # None: a follow-up with no date (last)
    days_late: int  # 0 when not late


@dataclass(frozen=True, slots=True)
class PersonMonth:
    """One person's month, a row of the per-person table."""

    person: Person
    held: int
    moved: int
    days_overdue: int
    suggestions: int
    answered: int
    wins: int
    thanked: int
    follow_ups_due: int
    follow_ups_on_time: int


@dataclass(frozen=True, slots=True)
class Headline:
    """A month's four headline figures, for the trend."""

    month: dt.date
    share_coached: float | None
    median_days_to_answer: float | None
    share_wins_thanked_in_time: float | None
    share_follow_ups_on_time: float | None


@dataclass(frozen=True, slots=True)
class MonthReport:
    """Everything the report says about one month, as seen on ``today``."""

    month: dt.date
    today: dt.date
    settings: Settings
    coaching: Coaching
    suggestions: Suggestions
    wins: Wins
    follow_ups: FollowUps
    promises: tuple[Promise, ...]
    people: tuple[PersonMonth, ...]
    trend: tuple[Headline, ...]  # oldest first, ending with this month
    before_records: bool = False  # the month ended before the file's first record

    @property
    def last_day(self) -> dt.date:
        """The last day counted: the month's last, or today for the month under way."""
        return min(month_end(self.month), self.today)

    @property
    def under_way(self) -> bool:
        """The month is the current one (its figures are so far)."""
        return month_end(self.month) >= self.today


def median(values: list[int]) -> float | None:
    """The median, as a whole number when it is one; None for no values."""
    if not values:
        return None
    middle = statistics.median(values)
    return int(middle) if middle == int(middle) else middle


def p90(values: list[int]) -> int | None:
    """The 90th percentile by nearest rank: 90 % of the values are at most this."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def share(part: int | None, whole: int | None) -> float | None:
    """``part`` of ``whole`` as a fraction to three places; None when the whole is 0."""
    if not whole or part is None:
        return None
    return round(part / whole, 3)


def _none_if_empty(base: int, value: int) -> int | None:
    return value if base else None


# -- an index of the records by month -------------------------------------------------------------


class ReportIndex:
    """The records sorted once by the month they count in, so that a month (and six of
    them for the trend) is read from its own bucket, not from every record.

    Built once per snapshot of the records (the report view keeps it while stepping
    through months); cheap to query.
    """

    def __init__(self, records: Records) -> None:
        self.people = {p.id: p for p in records.people if not p.archived}
        self.held: dict[int, list[dt.date]] = defaultdict(list)  # by person, sorted
        self.sessions: dict[dt.date, list[Session]] = defaultdict(list)
        self.suggestions: dict[dt.date, list[Suggestion]] = defaultdict(list)
        self.wins: dict[dt.date, list[Win]] = defaultdict(list)
        self.agreements: dict[dt.date, list[Agreement]] = defaultdict(list)
        self.lead_open: list[Agreement] = []
        self.in_progress: list[Suggestion] = []
        for s in records.sessions:
            if s.person_id in self.people and s.status == HELD and s.held_on is not None:
                self.held[s.person_id].append(s.held_on)
                self.sessions[month_of(s.held_on)].append(s)
        for days in self.held.values():
            days.sort()
        # The first day the file knows anything of: before it, the lead was not using the
        # app yet, and "nobody coached" would be a claim the records cannot make.
        firsts = [
            *(
                s.held_on or s.planned_for.date()
                for s in records.sessions
                if s.held_on or s.planned_for
            ),
            *(s.received_on for s in records.suggestions),
            *(w.happened_on for w in records.wins),
            *(a.created.date() for a in records.agreements),
            *(n.created.date() for n in records.notes),
        ]
        self.since: dt.date | None = min(firsts, default=None)
        for s in records.suggestions:
            if s.person_id in self.people:
                self.suggestions[month_of(s.received_on)].append(s)
                if s.decision == IN_PROGRESS and s.come_back_by is not None:
                    self.in_progress.append(s)
        for w in records.wins:
            if w.person_id in self.people:
                self.wins[month_of(w.happened_on)].append(w)
        for a in records.agreements:
            if a.person_id not in self.people:
                continue
            if a.follow_up_on is not None:
                self.agreements[month_of(a.follow_up_on)].append(a)
            if a.owner == LEAD and a.is_open:
                self.lead_open.append(a)

    # -- who was on the team -------------------------------------------------------------

    def team(self, month: dt.date, today: dt.date) -> list[Person]:
        """The people on the team in ``month`` (by name)."""
        last = min(month_end(month), today)
        return sorted(
            (p for p in self.people.values() if p.started_on <= last), key=lambda p: fold(p.name)
        )

    def before_records(self, month: dt.date) -> bool:
        """The month ended before the first record in the file: nothing can be said of it."""
        return self.since is not None and month_end(month) < self.since

    def days_overdue(self, person: Person, month: dt.date, today: dt.date) -> int:
        """Days of ``month`` (up to today) on which the person was past their coaching due
        date: one cadence after the last session held on or before that day (or after
        their start)."""
        first = max(month, person.started_on, self.since or month)
        last = min(month_end(month), today)
        held = self.held.get(person.id, [])
        count = 0
        day = first
        one = dt.timedelta(days=1)
        while day <= last:
            n = bisect_right(held, day)  # sessions held on or before ``day``
            base = held[n - 1] if n else person.started_on
            due = base + dt.timedelta(days=person.cadence_days)
            following = held[n] if n < len(held) else None  # the next one held, after ``day``
            if day > due:
                # Overdue until the next session held, or the end of the span.
                stop = last if following is None else min(last, following - one)
                count += (stop - day).days + 1
                day = stop + one
            elif following is not None and following <= due:
                day = following
            else:
                day = due + one
        return count

    # -- one month ---------------------------------------------------------------------------

    def coaching(self, month: dt.date, today: dt.date) -> tuple[Coaching, dict[int, tuple]]:
        """The month's coaching, and each person's (held, moved, days overdue)."""
        team = self.team(month, today)
        on_team = {p.id for p in team}
        held = [s for s in self.sessions.get(month, []) if s.person_id in on_team]
        per: dict[int, list[int]] = {p.id: [0, 0, 0] for p in team}
        on_day = moved = moves = 0
        for s in held:
            planned_day = s.planned_for.date() if s.planned_for is not None else None
            was_moved = s.times_moved > 0 or (planned_day is not None and planned_day != s.held_on)
            on_day += planned_day == s.held_on and not was_moved
            moved += was_moved
            moves += s.times_moved
            per[s.person_id][0] += 1
            per[s.person_id][1] += was_moved
        overdue = 0
        for p in team:
            per[p.id][2] = self.days_overdue(p, month, today)
            overdue += per[p.id][2]
        not_coached = tuple(p for p in team if not per[p.id][0])
        if self.before_records(month):
            not_coached = ()
            team_figure: int | None = None
        else:
            team_figure = len(team) - len(not_coached)
        coaching = Coaching(
            people=len(team),
            coached=_none_if_empty(len(team), team_figure) if team_figure is not None else None,
            not_coached=not_coached,
            held=len(held),
            held_on_planned_day=_none_if_empty(len(held), on_day),
            moved=_none_if_empty(len(held), moved),
            times_moved=_none_if_empty(len(held), moves),
            days_overdue=None if team_figure is None else _none_if_empty(len(team), overdue),
        )
        return coaching, {k: tuple(v) for k, v in per.items()}

    def suggestions_of(
        self, month: dt.date, today: dt.date, settings: Settings
    ) -> tuple[Suggestions, list[Suggestion]]:
        """The month's suggestions, and the list they were counted from."""
        items = [s for s in self.suggestions.get(month, []) if s.received_on <= today]
        answered = [s for s in items if s.decision != OPEN and s.answered_on is not None]
        waits = [(s.answered_on - s.received_on).days for s in answered]
        still_open = sorted(
            (s for s in items if s.decision == OPEN), key=lambda s: (s.received_on, s.id)
        )
        n = len(items)
        decisions = Counter(s.decision for s in answered)
        return (
            Suggestions(
                received=n,
                answered=_none_if_empty(n, len(answered)),
                median_days_to_answer=median(waits),
                p90_days_to_answer=p90(waits),
                answered_within_flag=_none_if_empty(
                    n, sum(w < settings.suggestion_flag_days for w in waits)
                ),
                open=tuple(
                    OpenSuggestion(s, self.people[s.person_id], (today - s.received_on).days)
                    for s in still_open
                ),
                accepted=_none_if_empty(n, decisions[ACCEPTED]),
                declined=_none_if_empty(n, decisions[DECLINED]),
                in_progress=_none_if_empty(n, decisions[IN_PROGRESS]),
            ),
            items,
        )

    def wins_of(self, month: dt.date, today: dt.date, settings: Settings) -> tuple[Wins, list[Win]]:
        """The month's wins, and the list they were counted from."""
        items = [w for w in self.wins.get(month, []) if w.happened_on <= today]
        thanked = [w for w in items if w.acknowledged_on is not None]
        waits = [(w.acknowledged_on - w.happened_on).days for w in thanked]
        flag = settings.win_flag_days
        judged = sum(
            w.acknowledged_on is not None or (today - w.happened_on).days >= flag for w in items
        )
        hows = Counter(w.acknowledged_how or "not said" for w in thanked)
        n = len(items)
        return (
            Wins(
                captured=n,
                acknowledged=_none_if_empty(n, len(thanked)),
                median_days_to_acknowledge=median(waits),
                acknowledged_within_flag=_none_if_empty(n, sum(w < flag for w in waits)),
                judged=judged,
                by_how=tuple(sorted(hows.items(), key=lambda kv: (-kv[1], kv[0]))),
            ),
            items,
        )

    def follow_ups_of(self, month: dt.date, today: dt.date) -> tuple[FollowUps, list[Agreement]]:
        """The month's follow-ups (dates up to today), and the ones counted as due."""
        dated = [a for a in self.agreements.get(month, []) if a.follow_up_on <= today]
        due = [a for a in dated if a.dropped_on is None]
        on_time = sum(a.done_on is not None and a.done_on <= a.follow_up_on for a in due)
        late = sum(a.done_on is not None and a.done_on > a.follow_up_on for a in due)
        n = len(due)
        return (
            FollowUps(
                due=n,
                done_on_time=_none_if_empty(n, on_time),
                done_late=_none_if_empty(n, late),
                open=_none_if_empty(n, n - on_time - late),
                dropped=len(dated) - n,
            ),
            due,
        )

    def promises(self, today: dt.date) -> tuple[Promise, ...]:
        """The lead's open loops today: follow-ups they own that are not done, and
        suggestions in progress with the date promised; soonest first."""
        rows = [
            Promise(a, self.people[a.person_id], a.follow_up_on, _late(a.follow_up_on, today))
            for a in self.lead_open
        ]
        rows += [
            Promise(s, self.people[s.person_id], s.come_back_by, _late(s.come_back_by, today))
            for s in self.in_progress
        ]
        far = dt.date.max
        return tuple(sorted(rows, key=lambda r: (r.due_on or far, r.record.id)))

    def headline(self, month: dt.date, today: dt.date, settings: Settings) -> Headline:
        """The four headline figures of ``month``."""
        coaching, _ = self.coaching(month, today)
        suggestions, _ = self.suggestions_of(month, today, settings)
        wins, _ = self.wins_of(month, today, settings)
        follow_ups, _ = self.follow_ups_of(month, today)
        return _headline(month, coaching, suggestions, wins, follow_ups)

    def report(self, month: dt.date, today: dt.date, settings: Settings) -> MonthReport:
        """The whole report on ``month`` as it stands on ``today``."""
        coaching, per = self.coaching(month, today)
        suggestions, s_items = self.suggestions_of(month, today, settings)
        wins, w_items = self.wins_of(month, today, settings)
        follow_ups, f_items = self.follow_ups_of(month, today)
        people = []
        for p in self.team(month, today):
            held, moved, overdue = per[p.id]
            mine_s = [s for s in s_items if s.person_id == p.id]
            mine_w = [w for w in w_items if w.person_id == p.id]
            mine_f = [a for a in f_items if a.person_id == p.id]
            people.append(
                PersonMonth(
                    person=p,
                    held=held,
                    moved=moved,
                    days_overdue=overdue,
                    suggestions=len(mine_s),
                    answered=sum(s.decision != OPEN for s in mine_s),
                    wins=len(mine_w),
                    thanked=sum(w.acknowledged_on is not None for w in mine_w),
                    follow_ups_due=len(mine_f),
                    follow_ups_on_time=sum(
                        a.done_on is not None and a.done_on <= a.follow_up_on for a in mine_f
                    ),
                )
            )
        earlier = tuple(
            self.headline(add_months(month, -back), today, settings)
            for back in range(TREND_MONTHS - 1, 0, -1)
        )
        return MonthReport(
            month=month,
            today=today,
            settings=settings,
            coaching=coaching,
            suggestions=suggestions,
            wins=wins,
            follow_ups=follow_ups,
            promises=self.promises(today),
            people=tuple(people),
            trend=(*earlier, _headline(month, coaching, suggestions, wins, follow_ups)),
            before_records=self.before_records(month),
        )


def _late(day: dt.date | None, today: dt.date) -> int:
    return max(0, (today - day).days) if day is not None else 0


def _headline(
    month: dt.date, coaching: Coaching, suggestions: Suggestions, wins: Wins, follow: FollowUps
) -> Headline:
    return Headline(
        month=month,
        share_coached=share(coaching.coached, coaching.people),
        median_days_to_answer=suggestions.median_days_to_answer,
        share_wins_thanked_in_time=share(wins.acknowledged_within_flag, wins.judged),
        share_follow_ups_on_time=share(follow.done_on_time, follow.due),
    )


def month_report(
    records: Records, month: dt.date, today: dt.date, settings: Settings = DEFAULT_SETTINGS
) -> MonthReport:
    """The report on ``month`` as it stands on ``today`` (see the module's docstring)."""
    return ReportIndex(records).report(month, today, settings)
