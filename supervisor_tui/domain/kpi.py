"""Reading a month of figures exported by a contact-centre platform (CSV), purely.

Each row is a person (handle or name), a date, a metric (a goal's title, matched
ignoring case and accents) and a value. Comma or semicolon separated, decimal
point or comma; a first row of column names is recognised and may order the columns.
Rows that can't be read are collected with their line numbers, never half-used.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import NamedTuple

from .entities import Goal, Person, Records
from .folding import fold
from .goals import GoalValueError, find_goal, parse_value

# Why a row was refused (each interface words them).
TOO_FEW, UNKNOWN_PERSON, UNKNOWN_METRIC, BAD_DATE, FUTURE_DATE, BAD_VALUE = (
    "too few columns",
    "unknown person",
    "unknown metric",
    "bad date",
    "future date",
    "bad value",
)

COLUMNS = ("person", "date", "metric", "value")
# Column names platforms use, folded; a header row is told apart by its date cell.
_HEADERS = {
    "person": ("person", "agent", "name", "handle", "employee", "henkilo", "nimi"),
    "date": ("date", "day", "paiva", "pvm", "paivamaara"),
    "metric": ("metric", "kpi", "goal", "measure", "mittari", "tavoite"),
    "value": ("value", "figure", "result", "arvo", "tulos"),
}


class KpiRow(NamedTuple):
    """One readable row: whose goal, which day, and the value it records."""

    line: int
    person: Person
    goal: Goal
    on: dt.date
    value: float | None
    level: str | None


class BadRow(NamedTuple):
    """A row that can't be imported: its line, why (TOO_FEW, …) and the cell at fault."""

    line: int
    problem: str
    cell: str
    detail: str = ""  # for a bad value, what was wrong with it in words


def parse_day(text: str) -> dt.date:
    """A date as a file has it: 2026-11-30, or 30.11.2026 as Finland writes it."""
    raw = text.strip()
    found = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", raw)
    if found:
        return dt.date(int(found[3]), int(found[2]), int(found[1]))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        return dt.date.fromisoformat(raw)
    raise ValueError(raw)


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if first.count(";") > first.count(",") or "," not in first else ","


def _header(cells: list[str]) -> dict[str, int] | None:
    """Where each column is, when ``cells`` are column names; else None."""
    names = [fold(c).strip() for c in cells]
    found = {}
    for column, words in _HEADERS.items():
        at = next((n for n, name in enumerate(names) if name in words), None)
        if at is None:
            return None
        found[column] = at
    return found


def _person(people: tuple[Person, ...], cell: str) -> Person | None:
    key = " ".join(fold(cell.strip().lstrip("@")).split())
    matches = [p for p in people if key and (fold(p.handle) == key or fold(p.name) == key)]
    return matches[0] if len(matches) == 1 else None


def read_kpi(text: str, records: Records, today: dt.date) -> tuple[list[KpiRow], list[BadRow]]:
    """The rows of a KPI file: those that can be imported, and every one that can't."""
    rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    people = tuple(p for p in records.people if not p.archived)
    where = dict(zip(COLUMNS, range(4), strict=True))
    good: list[KpiRow] = []
    bad: list[BadRow] = []
    first = True
    for line, cells in enumerate(rows, 1):
        if not any(c.strip() for c in cells):
            continue
        if first:
            first = False
            header = _header(cells)
            if header is not None:
                where = header
                continue
        if len(cells) <= max(where.values()):
            bad.append(BadRow(line, TOO_FEW, ";".join(cells)))
            continue
        who, day, metric, value = (cells[where[c]].strip() for c in COLUMNS)
        person = _person(people, who)
        if person is None:
            bad.append(BadRow(line, UNKNOWN_PERSON, who))
            continue
        try:
            on = parse_day(day)
        except ValueError:
            bad.append(BadRow(line, BAD_DATE, day))
            continue
        if on > today:
            bad.append(BadRow(line, FUTURE_DATE, day))
            continue
        goal = find_goal(records, person.id, metric)
        if goal is None:
            bad.append(BadRow(line, UNKNOWN_METRIC, metric, person.name))
            continue
        try:
            figure, level = parse_value(goal, value)
        except GoalValueError as exc:
            bad.append(BadRow(line, BAD_VALUE, value, str(exc)))
            continue
        good.append(KpiRow(line, person, goal, on, figure, level))
    return good, bad
