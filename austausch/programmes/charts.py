"""Server-side SVG charts: plain data in, coordinates out; the template draws them. No JavaScript."""

from __future__ import annotations

from dataclasses import dataclass

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 180
CHART_WIDTH = 560


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: int  # per cent of the total, rounded
    y: int
    width: float
    text_x: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    total: int
    width: int
    height: int
    label_width: int


def bar_chart(counts: list[tuple[str, int]]) -> BarChart:
    """A horizontal bar chart of labelled counts, longest bar scaled to the available width."""
    total = sum(count for _, count in counts)
    largest = max((count for _, count in counts), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 60
    bars = []
    for index, (label, count) in enumerate(counts):
        width = room * count / largest
        bars.append(
            Bar(
                label=label,
                count=count,
                share=round(100 * count / total) if total else 0,
                y=index * (BAR_HEIGHT + BAR_GAP),
                width=round(width, 1),
                text_x=round(LABEL_WIDTH + width + 6, 1),
            )
        )
    height = max(len(bars) * (BAR_HEIGHT + BAR_GAP), BAR_HEIGHT)
    return BarChart(bars=bars, total=total, width=CHART_WIDTH, height=height, label_width=LABEL_WIDTH)
