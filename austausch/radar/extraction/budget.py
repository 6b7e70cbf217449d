"""How much of a text the radar reads, and for how long: a long text is read in part, a slow one stopped.

The limits come from the settings (`AUSTAUSCH_RADAR_BUDGET_SECONDS`, `AUSTAUSCH_RADAR_BUDGET_CHARACTERS`) where
Django is set up, else from the defaults here, so that extraction alone (tests, benchmarks) keeps them too.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

# A seed-size text takes 20 ms; 100,000 characters dense with town names take about 5 seconds on a busy
# machine, some steps still growing faster than the text: within the 20 seconds with room to spare.
DEFAULT_SECONDS = 20.0
DEFAULT_CHARACTERS = 100_000


class OverBudget(Exception):
    """The extraction ran out of time."""


@dataclass
class Budget:
    seconds: float = DEFAULT_SECONDS
    characters: int = DEFAULT_CHARACTERS
    started: float = field(default_factory=time.monotonic)
    checked: float = 0.0  # when `check` was last called
    longest_step: float = 0.0  # the longest time between two checks so far

    @classmethod
    def configured(cls) -> Budget:
        from django.conf import settings

        if not settings.configured:
            return cls()
        return cls(
            seconds=getattr(settings, "RADAR_BUDGET_SECONDS", DEFAULT_SECONDS),
            characters=getattr(settings, "RADAR_BUDGET_CHARACTERS", DEFAULT_CHARACTERS),
        )

    def check(self) -> None:
        """Raises `OverBudget` when the next step of the extraction would likely end after the time is up (it
        may take as long as the longest so far); called between the steps."""
        now = time.monotonic()
        self.longest_step = max(self.longest_step, now - (self.checked or self.started))
        self.checked = now
        if now - self.started + self.longest_step > self.seconds:
            raise OverBudget

    def readable_part(self, text: str) -> str:
        """The whole text if it is within the budget's length, else its beginning up to the last paragraph or
        sentence that ends within it."""
        if len(text) <= self.characters:
            return text
        part = text[: self.characters]
        paragraph = part.rfind("\n")
        if paragraph >= self.characters // 2:
            return part[:paragraph]
        sentences = list(re.finditer(r"[.!?]\s", part[self.characters // 2 :]))
        return part[: self.characters // 2 + sentences[-1].end()] if sentences else part
