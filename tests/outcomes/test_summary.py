"""The summary line a journalist can quote: counts that add up, plurals right in both languages."""

from __future__ import annotations

import pytest
from django.utils import translation

from austausch.outcomes.summary import Summary, summary_line


@pytest.mark.parametrize(
    ("language", "summary", "scope", "expected"),
    [
        ("en", Summary(12, 5, 4, 0, 2, 1), "programme",
         "12 commitments from this programme: 5 done, 4 in progress, 2 overdue, 1 dropped"),
        ("de", Summary(12, 5, 4, 0, 2, 1), "programme",
         "12 Zusagen aus diesem Programm: 5 erledigt, 4 in Arbeit, 2 überfällig, 1 aufgegeben"),
        ("en", Summary(1, 0, 0, 1, 0, 0), "town", "1 commitment of this town: 1 planned"),
        ("de", Summary(1, 0, 0, 1, 0, 0), "town", "1 Zusage dieser Stadt: 1 geplant"),
        ("en", Summary(2, 1, 0, 0, 1, 0), "meeting", "2 commitments from this meeting: 1 done, 1 overdue"),
        ("de", Summary(2, 1, 0, 0, 1, 0), "meeting", "2 Zusagen aus diesem Treffen: 1 erledigt, 1 überfällig"),
        ("en", Summary(), "programme", "No commitments recorded yet."),
        ("de", Summary(), "town", "Noch keine Zusagen erfasst."),
    ],
)  # fmt: skip
def test_the_summary_line(language: str, summary: Summary, scope: str, expected: str) -> None:
    with translation.override(language):
        assert summary_line(summary, scope) == expected
