"""`sup report` printed: as text (80 columns), Markdown, or JSON (the shape in the README)."""

from __future__ import annotations

import textwrap

import click

from ..domain.entities import Agreement, Person
from ..domain.report import Headline, MonthReport
from ..domain.textsafe import visible
from ..present import report as words
from ..present.cells import fit
from ..present.markdown import md_text
from .render import WIDTH, dumps

JSON_FORMAT = 1
LABEL = 16  # the width of a figure's label in the text


def _person(p: Person) -> dict:
    return {"id": p.id, "name": p.name, "handle": p.handle}


def _month(month) -> str:
    return f"{month:%Y-%m}"


def _headline(h: Headline) -> dict:
    return {
        "month": _month(h.month),
        "share_coached": h.share_coached,
        "median_days_to_answer": h.median_days_to_answer,
        "share_wins_thanked_in_time": h.share_wins_thanked_in_time,
        "share_follow_ups_on_time": h.share_follow_ups_on_time,
    }


def as_json(report: MonthReport) -> str:
    """The report as JSON; the keys are a contract (README, "sup report --json")."""
    c, s, w, f = report.coaching, report.suggestions, report.wins, report.follow_ups
    doc = {
        "format": JSON_FORMAT,
        "month": _month(report.month),
        "today": report.today,
        "under_way": report.under_way,
        "coaching": {
            "people": c.people,
            "coached": c.coached,
            "not_coached": [_person(p) for p in c.not_coached],
            "held": c.held,
            "held_on_planned_day": c.held_on_planned_day,
            "moved": c.moved,
            "times_moved": c.times_moved,
            "days_overdue": c.days_overdue,
        },
        "suggestions": {
            "received": s.received,
            "answered": s.answered,
            "median_days_to_answer": s.median_days_to_answer,
            "p90_days_to_answer": s.p90_days_to_answer,
            "answered_within_flag": s.answered_within_flag,
            "flag_days": report.settings.suggestion_flag_days,
            "open": [
                {
                    "id": o.suggestion.id,
                    "person": _person(o.person),
                    "text": o.suggestion.text,
                    "received_on": o.suggestion.received_on,
                    "age_days": o.age_days,
                }
                for o in s.open
            ],
            "decisions": {
                "accepted": s.accepted,
                "declined": s.declined,
                "in_progress": s.in_progress,
            },
        },
        "wins": {
            "captured": w.captured,
            "acknowledged": w.acknowledged,
            "median_days_to_acknowledge": w.median_days_to_acknowledge,
            "acknowledged_within_flag": w.acknowledged_within_flag,
            "flag_days": report.settings.win_flag_days,
            "by_how": dict(w.by_how),
        },
        "follow_ups": {
            "due": f.due,
            "done_on_time": f.done_on_time,
            "done_late": f.done_late,
            "open": f.open,
            "dropped": f.dropped,
        },
        "promises": [
            {
                "kind": "follow_up" if isinstance(p.record, Agreement) else "suggestion",
                "id": p.record.id,
                "person": _person(p.person),
                "text": p.record.text,
                "due_on": p.due_on,
                "days_late": p.days_late,
            }
            for p in report.promises
        ],
        "people": [
            {
                "person": _person(r.person),
                "held": r.held,
                "moved": r.moved,
                "days_overdue": r.days_overdue,
                "suggestions": r.suggestions,
                "answered": r.answered,
                "wins": r.wins,
                "thanked": r.thanked,
                "follow_ups_due": r.follow_ups_due,
                "follow_ups_on_time": r.follow_ups_on_time,
            }
            for r in report.people
        ],
        "trend": [_headline(h) for h in report.trend],
    }
    return dumps(doc)


# -- text ----------------------------------------------------------------------------------------


def _figure_lines(label: str, value: str) -> list[str]:
    lead = f"  {label:<{LABEL}} "
    return textwrap.wrap(
        visible(value),
        WIDTH,
        initial_indent=lead,
        subsequent_indent=" " * len(lead),
        break_on_hyphens=False,
    ) or [lead.rstrip()]


def as_text(report: MonthReport, color: bool = False) -> str:
    """The report as text for a terminal or a pipe, 80 columns."""

    def head(text: str) -> str:
        return click.style(text, bold=True, fg="cyan") if color else text

    title = f"Report: {words.month_title(report)}"
    out = [click.style(title, bold=True) if color else title]
    for section in words.figure_sections(report):
        out += ["", head(section.title.upper())]
        for figure in section.figures:
            out += _figure_lines(figure.label, figure.value)
    out += ["", head("PER PERSON")]
    out.append(_table_line(words.PERSON_COLUMNS))
    out += [_table_line(words.person_cells(row)) for row in report.people]
    if not report.people:
        out.append("  Nobody was on the team that month.")
    out += ["", head(f"YOUR OPEN PROMISES TODAY ({len(report.promises)})")]
    if not report.promises:
        out.append("  None: every follow-up you owe is done, and no answer is promised.")
    for promise in report.promises:
        said = words.promise_words(promise, report.today)
        mark = "!" if said.late else " "
        line = f"{mark} #{said.record_id:<5} {fit(said.who, 18)} {fit(said.what, 36)} {said.when}"
        out.append(line.rstrip())
    out += ["", head("TREND"), _trend_header(report)]
    for row in words.trend_rows(report):
        cells = "".join(f"{cell.text:>8}" for cell in row.cells)
        out.append(f"  {row.label:<22}{cells}")
    return "\n".join(out)


def _table_line(cells: tuple[str, ...]) -> str:
    name, *rest = cells
    widths = (6, 7, 9, 7, 7, 12)
    cells = "".join(f"{c:>{w}}" for c, w in zip(rest, widths, strict=True))
    return ("  " + fit(name, 22) + cells).rstrip()


def _trend_header(report: MonthReport) -> str:
    months = "".join(f"{words.month_short(h.month):>8}" for h in report.trend)
    return f"  {'':<22}{months}"


# -- Markdown --------------------------------------------------------------------------------------


def as_markdown(report: MonthReport) -> str:
    """The report as Markdown, to keep or to share with one's own manager."""
    out = [f"# Report: {md_text(words.month_title(report))}"]
    for section in words.figure_sections(report):
        out += ["", f"## {section.title}", ""]
        out += [f"- **{f.label}:** {md_text(f.value)}" for f in section.figures]
    out += ["", "## Per person", ""]
    out.append("| " + " | ".join(words.PERSON_COLUMNS) + " |")
    out.append("|" + "---|" + "--:|" * (len(words.PERSON_COLUMNS) - 1))
    for row in report.people:
        out.append("| " + " | ".join(md_text(c) for c in words.person_cells(row)) + " |")
    out += ["", f"## Your open promises today ({len(report.promises)})", ""]
    if not report.promises:
        out.append("_None._")
    for promise in report.promises:
        said = words.promise_words(promise, report.today)
        late = "**" if said.late else ""
        out.append(
            f"- #{said.record_id} {md_text(said.what)} ({md_text(said.who)}): "
            f"{late}{said.when}{late}"
        )
    out += ["", "## Trend", ""]
    out.append("| | " + " | ".join(words.month_short(h.month) for h in report.trend) + " |")
    out.append("|---|" + "--:|" * len(report.trend))
    for row in words.trend_rows(report):
        out.append(f"| {row.label} | " + " | ".join(cell.text for cell in row.cells) + " |")
    return "\n".join(out) + "\n"
