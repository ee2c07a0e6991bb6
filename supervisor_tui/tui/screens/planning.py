"""Weeks ahead: the next four working weeks, each person's due date and planned 1:1.

`p` plans or moves the highlighted person's session and `x` cancels it (the day
view's own actions); `a` accepts the month plan that `sup plan --month` proposes,
which every unplanned row shows before it is accepted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ...actions import sessions
from ...domain.planning import Ahead, WeeksAhead, weeks_ahead
from ...domain.rules import planned_too_late
from ...domain.words import short_date
from ..keys import HoldsKeysUntilDrawn, at_once
from ..messages import DataChanged
from ..text import as_text
from ..widgets.footer import KeysFooter
from ..widgets.sectioned_list import Row, Section, SectionedList
from .acting import RowActions
from .rows import DUE, SESSION

NOT_PLANNED = "not planned"


def _moment(at: dt.datetime, today: dt.date) -> str:
    return f"{short_date(at.date(), today)} {at:%H:%M}"


def _span(first: dt.date, last: dt.date) -> str:
    """ "30 Nov – 4 Dec", or "7–11 Dec" within one month."""
    if first.month == last.month:
        return f"{first.day}–{last.day} {last:%b}"
    return f"{first.day} {first:%b} – {last.day} {last:%b}"


WIDE = 110  # columns from which a row also says when the last 1:1 was, and the cadence


def planning_row(ahead: Ahead, today: dt.date, wide: bool = False) -> Row:
    """A person on the planning screen: when their 1:1 is, and when they are due; on a
    wide screen also the last one and the cadence."""
    what = [f"due {short_date(ahead.due_on, today)}"]
    if ahead.planned is not None:
        when = _moment(ahead.planned.planned_for, today)
        if ahead.late:
            days = (ahead.planned.planned_for.date() - ahead.due_on).days
            what.append(f"planned {days} day{'s' if days != 1 else ''} late")
    else:
        when = NOT_PLANNED
        if ahead.proposal is not None:
            what.append(f"proposed {_moment(ahead.proposal.at, today)}")
    person = ahead.person
    if wide:
        last = ahead.last_held_on
        what.append(f"last held {short_date(last, today)}" if last else "never coached")
        what.append(f"every {person.cadence_days} days")
    return Row(
        f"plan-{person.id}",
        SESSION if ahead.planned is not None else DUE,
        when,
        person.name,
        " · ".join(what),
        person.id,
        ahead.planned,
        ahead.flagged,
    )


def planning_sections(view: WeeksAhead, wide: bool = False) -> list[Section]:
    """Overdue with nothing planned (when anyone is), each week, then later (when anyone is)."""
    today = view.today
    sections = []
    if view.overdue:
        rows = tuple(planning_row(a, today, wide) for a in view.overdue)
        sections.append(Section("overdue", "Overdue, nothing planned", rows, ""))
    for week in view.weeks:
        number = week.monday.isocalendar().week
        title = f"Week {number} · {_span(week.monday, week.friday)}"
        rows = tuple(planning_row(a, today, wide) for a in week.people)
        sections.append(
            Section(f"week-{week.monday}", title, rows, "Nobody due, no session planned.")
        )
    if view.later:
        rows = tuple(planning_row(a, today, wide) for a in view.later)
        sections.append(Section("later", "Later", rows, ""))
    return sections


def planning_title(view: WeeksAhead) -> Content:
    """What the period holds, and what needs a session."""
    first, last = view.weeks[0].monday, view.weeks[-1].friday
    everyone = [*view.overdue, *(a for w in view.weeks for a in w.people), *view.later]
    planned = sum(a.planned is not None for a in everyone)
    flagged = sum(a.flagged for a in everyone)
    parts: list[str | tuple[str, str]] = [
        (f"Weeks ahead · {_span(first, last)}", "bold"),
        (f"  ·  {planned} of {len(everyone)} planned", "$text-muted"),
    ]
    if flagged:
        parts.append(("  ·  ", "$text-muted"))
        parts.append((f"! {flagged} need a 1:1", "$warning bold"))
    return Content.assemble(*parts)


def proposal_line(view: WeeksAhead, key: str = "a") -> Content:
    """The month plan in one line: how many sessions, over which days, and the key."""
    proposals = view.proposals
    if not proposals:
        return Content.styled(
            "No proposal: everyone due within 30 days has a session planned.", "$text-muted"
        )
    count = len(proposals)
    first, last = proposals[0].at.date(), proposals[-1].at.date()
    days = short_date(first, view.today)
    if last != first:
        days += f" – {short_date(last, view.today)}"
    # Late as the day view would flag it: Monday is not late for someone due on Sunday.
    late = sum(planned_too_late(p.due_on, p.at.date(), view.today) for p in proposals)
    noun = "session" if count == 1 else "sessions"
    return Content.assemble(
        (f"Month plan: {count} {noun}, {days}", "bold"),
        (f" ({late} late)" if late else "", "$warning"),
        as_text(f"  ·  {key} accepts it", "$text-muted"),
    )


class PlanningScreen(HoldsKeysUntilDrawn, RowActions, Screen):
    """The next four working weeks; plan, move and cancel 1:1s, or accept the month plan."""

    CSS_PATH = "planning.tcss"
    AUTO_FOCUS = "SectionedList"
    BINDINGS = at_once(
        [
            Binding("enter", "open_person", "Open", id="open"),
            *(b for b in RowActions.ROW_BINDINGS if b.id in ("plan", "cancel-session")),
            Binding(
                "a",
                "accept_month_plan",
                "Accept plan",
                tooltip="Accept the month plan: a session for everyone shown as proposed",
                id="accept-month-plan",
            ),
            Binding("escape,backspace", "back", "Back", id="back-from-weeks"),
        ]
    )

    def __init__(self) -> None:
        super().__init__()
        self.view: WeeksAhead | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield Static(id="proposal")
        yield SectionedList(id="rows")
        yield KeysFooter()

    def on_mount(self) -> None:
        if self.app.records is not None:
            self.redraw()

    def on_data_changed(self, _: DataChanged) -> None:
        self.redraw()

    def on_screen_resume(self) -> None:
        if self.app.records is not None:
            self.redraw()

    def on_resize(self, _: events.Resize) -> None:
        if self.app.records is not None and self.view is not None:
            self.redraw()

    def redraw(self) -> None:
        """Rebuild from the app's records: what is open is all it needs (people, planned
        sessions and each person's last held one), so it is as quick at any size."""
        app = self.app
        self.view = view = weeks_ahead(app.records, app.today, app.settings)
        self.query_one("#title", Static).update(planning_title(view))
        key = app.keymap.get("accept-month-plan", "a").split(",")[0].strip()
        self.query_one("#proposal", Static).update(proposal_line(view, key))
        wide = self.size.width >= WIDE
        self.query_one(SectionedList).show(planning_sections(view, wide))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept_month_plan":
            return self.view is not None and bool(self.view.proposals)
        return self.row_action_allowed(action)

    def on_sectioned_list_row_highlighted(self, _: SectionedList.RowHighlighted) -> None:
        self.refresh_bindings()

    def on_sectioned_list_row_chosen(self, event: SectionedList.RowChosen) -> None:
        self.action_open_person(event.row)

    def action_open_person(self, row: Row | None = None) -> None:
        """Enter: the highlighted row's person."""
        from .person import PersonScreen

        row = row or self.current
        if row is not None:
            self.app.push_screen(PersonScreen(row.person_id))

    def action_accept_month_plan(self) -> None:
        """Plan every proposed session, in one write (u undoes them all)."""
        if self.view is None or not self.view.proposals:
            return
        app = self.app
        chosen = [(p.person.id, p.at) for p in self.view.proposals]
        app.perform(lambda: sessions.plan_many(app.store, chosen, app.now))

    def action_back(self) -> None:
        """Back to the day view."""
        self.app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's actions, for the command palette."""
        if self.view is not None and self.view.proposals:
            yield SystemCommand(
                "Accept the month plan",
                "Plan every session shown as proposed",
                self.action_accept_month_plan,
            )
        if self.row_action_allowed("plan"):
            yield SystemCommand(
                "Plan 1:1", "Plan or move this person's coaching session", self.action_plan
            )
        if self.row_action_allowed("cancel_session"):
            yield SystemCommand(
                "Cancel 1:1", "Cancel the highlighted planned session", self.action_cancel_session
            )
