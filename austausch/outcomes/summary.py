"""Commitments counted by state, and the summary line a journalist can quote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from austausch.outcomes.models import Commitment, CommitmentState, overdue_q


@dataclass(frozen=True)
class Summary:
    """Counts by state. Overdue ones (planned or in progress, due date passed) count only as overdue,
    so that the parts add up to the total."""

    total: int = 0
    done: int = 0
    in_progress: int = 0
    planned: int = 0
    overdue: int = 0
    dropped: int = 0


def summarise(commitments: QuerySet[Commitment], today: date | None = None) -> Summary:
    late = overdue_q(today or timezone.localdate())
    counts = commitments.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(state=CommitmentState.DONE)),
        in_progress=Count("pk", filter=Q(state=CommitmentState.IN_PROGRESS) & ~late),
        planned=Count("pk", filter=Q(state=CommitmentState.PLANNED) & ~late),
        overdue=Count("pk", filter=late),
        dropped=Count("pk", filter=Q(state=CommitmentState.DROPPED)),
    )
    return Summary(**counts)


def summary_line(summary: Summary, scope: str) -> str:
    """ "12 commitments from this programme: 5 done, 4 in progress, 2 overdue, 1 dropped".

    `scope` is "programme", "town" or "meeting".
    """
    n = summary.total
    if n == 0:
        return gettext("No commitments recorded yet.")
    if scope == "programme":
        head = ngettext("%(count)d commitment from this programme", "%(count)d commitments from this programme", n)
    elif scope == "meeting":
        head = ngettext("%(count)d commitment from this meeting", "%(count)d commitments from this meeting", n)
    else:
        head = ngettext("%(count)d commitment of this town", "%(count)d commitments of this town", n)
    parts = [
        ngettext("%(count)d done", "%(count)d done", summary.done) % {"count": summary.done},
        ngettext("%(count)d in progress", "%(count)d in progress", summary.in_progress)
        % {"count": summary.in_progress},
        ngettext("%(count)d planned", "%(count)d planned", summary.planned) % {"count": summary.planned},
        ngettext("%(count)d overdue", "%(count)d overdue", summary.overdue) % {"count": summary.overdue},
        ngettext("%(count)d dropped", "%(count)d dropped", summary.dropped) % {"count": summary.dropped},
    ]
    counts = [summary.done, summary.in_progress, summary.planned, summary.overdue, summary.dropped]
    listed = ", ".join(part for part, count in zip(parts, counts, strict=True) if count)
    return gettext("%(head)s: %(parts)s") % {"head": head % {"count": n}, "parts": listed}
