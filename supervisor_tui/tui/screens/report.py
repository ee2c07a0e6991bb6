"""The report view: how a month went, person by person, and the six months before it.

It needs the whole history, so it waits for the app's second read (the first holds
only what the day view lists). The figures are worked out in a worker thread: at
100k records indexing them by month takes longer than a frame. The index is kept
while the records stay the same, so stepping through months with `[` and `]` is quick.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ...domain.entities import Records, Settings
from ...domain.report import MonthReport, ReportIndex, add_months, month_of
from ...domain.textsafe import visible
from ...present import report as words
from ...present.cells import fit
from ..keys import HoldsKeysUntilDrawn
from ..messages import DataChanged
from ..text import as_text
from ..widgets.footer import KeysFooter
from ..widgets.trend import TrendChart

READING = "Reading the history…"
TALL = 34  # lines from which the trend's bars grow and the promises are listed


class ReportScreen(HoldsKeysUntilDrawn, Screen):
    """One month's figures, a table of the team, and the trend; `[` `]` step months."""

    CSS_PATH = "report.tcss"
    AUTO_FOCUS = "DataTable"
    BINDINGS = [
        Binding("left_square_bracket", "step(-1)", "Month before", id="report-previous"),
        Binding("right_square_bracket", "step(1)", "Month after", id="report-next"),
        Binding("escape,backspace", "back", "Back", id="back"),
    ]

    def __init__(self, month: dt.date | None = None) -> None:
        super().__init__()
        self.month = month  # None: this month, once today is known
        self.report: MonthReport | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(READING), id="title")
        with Horizontal(id="figures"):
            for n in range(4):
                yield Static(id=f"figures-{n}", classes="figures")
        yield TrendChart(id="trend")
        yield DataTable(id="people", cursor_type="row", zebra_stripes=True)
        yield Static(id="promises")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for n, label in enumerate(words.PERSON_COLUMNS):
            table.add_column(Text(label, justify="left" if n == 0 else "right"), key=label)
        if self.month is None:
            self.month = month_of(self.app.today)
        self.recompute()

    def on_data_changed(self, _: DataChanged) -> None:
        self.recompute()

    def on_resize(self) -> None:
        # Room to spare (120x40, say): taller bars, and the lead's open promises listed.
        self.set_class(self.size.height >= TALL, "-tall")

    # -- working it out ------------------------------------------------------------------------

    def recompute(self) -> None:
        """Work the month out again from the app's records (in a worker thread)."""
        app = self.app
        if app.records is None or not app.records_complete:
            return  # the whole history is on its way; DataChanged brings it
        self._work_out(app.records, self.month, app.today, app.settings)

    # A description of its own: Textual's default writes out every argument, and the
    # repr of 100k records held the event loop for a second each time.
    @work(thread=True, exclusive=True, group="report", description="the month's report")
    def _work_out(self, records: Records, month: dt.date, today: dt.date, settings: Settings):
        result = self.app.index_of(records, ReportIndex).report(month, today, settings)
        self.app.call_from_thread(self._show, result)

    def _show(self, report: MonthReport) -> None:
        if not self.is_attached or report.month != self.month:
            return  # left, or stepped on meanwhile: a newer one is coming
        self.report = report
        title = [(f"Report · {words.month_title(report)}", "bold")]
        promises = len(report.promises)
        late = sum(p.days_late > 0 for p in report.promises)
        if promises:
            title.append(("  ·  ", "$text-muted"))
            title.append((f"{promises} open promises", ""))
            if late:
                title.append((f", {late} late", "$warning bold"))
        self.query_one("#title", Static).update(Content.assemble(*title))
        for n, (heading, lines) in enumerate(words.glance_columns(report)):
            self.query_one(f"#figures-{n}", Static).update(
                Content.assemble((heading, "bold $accent"), "\n", "\n".join(lines))
            )
        self.query_one(TrendChart).show(words.trend_rows(report))
        table = self.query_one(DataTable)
        table.clear()
        for row in report.people:
            name, *cells = words.person_cells(row)
            table.add_row(
                Text(visible(name)),
                *(Text(c, justify="right") for c in cells),
                key=str(row.person.id),
            )
        if not report.people:
            table.add_row(Text("Nobody was on the team that month."), *[""] * 6)
        self.query_one("#promises", Static).update(_promises(report))
        self.refresh_bindings()

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step" and parameters and parameters[0] == 1:
            # No month after this one: shown, but dimmed.
            return None if self.month is None or self.month >= month_of(self.app.today) else True
        return True

    def action_step(self, months: int) -> None:
        """Show the month before (-1) or after (1)."""
        target = add_months(self.month, months)
        if target > month_of(self.app.today):
            return
        self.month = target
        self.recompute()

    def action_back(self) -> None:
        """Back to where the report was opened from."""
        self.app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's actions, for the command palette."""
        yield SystemCommand("Month before", "The report on the month before", self._before)
        if self.month is not None and self.month < month_of(self.app.today):
            yield SystemCommand("Month after", "The report on the month after", self._after)

    def _before(self) -> None:
        self.action_step(-1)

    def _after(self) -> None:
        self.action_step(1)


def _promises(report: MonthReport) -> Content:
    """The lead's open promises today, one a line, soonest first."""
    lines: list[Content] = [
        Content.styled(f"Your open promises today ({len(report.promises)})", "bold")
    ]
    for promise in report.promises:
        said = words.promise_words(promise, report.today)
        style = "$warning bold" if said.late else "$text-muted"
        lines.append(
            Content.assemble(
                ("! " if said.late else "  ", style),
                (f"{said.when:<14}", style),
                as_text(fit(said.who, 18), "bold"),
                " ",
                as_text(said.what),
            )
        )
    if not report.promises:
        lines.append(Content("  None: every follow-up you owe is done, and no answer is promised."))
    return Content("\n").join(lines)
