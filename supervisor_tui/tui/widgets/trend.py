"""The six-month trend as a small bar chart: one row a headline figure, one column a month.

Each cell is a bar (eighth blocks, so its height reads at a glance across the row)
and the figure itself, coloured by how it reads (good, fair, poor), so it reads in 16
colours and with NO_COLOR too. The bars widen with the terminal.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from ...present.report import FAIR_LEVEL, GOOD_LEVEL, TrendRow, month_short

BLOCKS = " ▁▂▃▄▅▆▇█"
LABEL_WIDTH = 21
VALUE_WIDTH = 5  # "100 %"
STYLES = {GOOD_LEVEL: "$success", FAIR_LEVEL: "$warning", None: "$text-muted"}


def bar(fraction: float | None, width: int, lines: int = 1) -> list[str]:
    """A bar ``width`` wide and up to ``lines`` tall, as its lines from the top, filled to
    ``fraction`` of its height (any value above 0 shows at least a sliver)."""
    if fraction is None:
        return [" " * width] * lines
    steps = len(BLOCKS) - 1
    filled = max(1, round(max(0.0, min(1.0, fraction)) * steps * lines))
    out = []
    for line in range(lines - 1, -1, -1):  # from the top line down
        level = max(0, min(steps, filled - line * steps))
        out.append(BLOCKS[level] * width)
    return out


class TrendChart(Widget):
    """The trend of the headline figures; set ``rows`` to redraw."""

    DEFAULT_CSS = """
    TrendChart {
        height: 5;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple[TrendRow, ...] = ()

    def show(self, rows: tuple[TrendRow, ...]) -> None:
        """Draw these rows."""
        self.rows = rows
        self.refresh()

    def render(self) -> Content:
        if not self.rows:
            return Content("")
        months = len(self.rows[0].cells)
        cell = max(VALUE_WIDTH + 2, (self.size.width - LABEL_WIDTH) // max(months, 1))
        bar_width = cell - VALUE_WIDTH - 2
        tall = max(1, (self.size.height - 1) // len(self.rows))  # lines a row may take
        head = [(f"{'Trend':<{LABEL_WIDTH}}", "bold")]
        for c in self.rows[0].cells:
            head.append((f"{month_short(c.month):>{cell - 1}} ", "$text-muted"))
        lines = [Content.assemble(*head)]
        for row in self.rows:
            bars = [bar(c.bar, bar_width, tall) for c in row.cells]
            for line in range(tall):
                last = line == tall - 1  # the label and the figures sit on the bottom line
                parts: list[tuple[str, str] | str] = [f"{row.label if last else '':<{LABEL_WIDTH}}"]
                for c, drawn in zip(row.cells, bars, strict=True):
                    style = STYLES.get(c.level, "$error")
                    parts.append((drawn[line], style))
                    value = f" {c.text:>{VALUE_WIDTH}} " if last else " " * (VALUE_WIDTH + 2)
                    parts.append((value, style if c.level else "$text-muted"))
                lines.append(Content.assemble(*parts))
        return Content("\n").join(lines)
