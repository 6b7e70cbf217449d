"""A name the gazetteer found in a text, and the words before it that say whether it names a town.

`towns.py` decides which town a mention means; `abroad.py` and `not_towns.py` decide when it means none. All of
them read the same cues, kept here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .gazetteer import Town
from .lexicon import is_known

CUES_BEFORE = re.compile(
    r"(?:\b(?:[Ii]n|[Nn]ach|[Aa]us|[Vv]on|[Bb]ei|Stadt|Gemeinde|Städte[n]?|Kommunen?|Oberbürgermeister(?:in)?|"
    r"Bürgermeister(?:in)?|Partner(?:stadt|gemeinde|kommune|ort)|Schwesterstadt|Ortsteil|sister city|city of|"
    r"town of|City of|Town of|village of|to|from|visited|besucht|"
    # "Ort: Lauf", "Venue: Essen": a label that introduces the place of an event.
    r"(?:[Vv]eranstaltungs|[Tt]agungs)?[Oo]rt:|Location:|Venue:|Place:)\s+)$"
)
SAYING_BEFORE = re.compile(
    r"\b(?:sagt|sagte|meint|meinte|erklärt|erklärte|betont|betonte|so|said|says|told|according to)\s+"
    r"(?:(?:Dr\.|Prof\.|Mr\.|Ms\.|Mrs\.)\s+)?$"
)


@dataclass
class Mention:
    start: int
    end: int
    surface: str
    candidates: tuple[tuple[int, int], ...]
    chosen: Town | None = None
    score: float = 0.0
    role: str = "mentioned"
    group: int = 0
    cues: set[str] = field(default_factory=set)
    occurrences: int = 0  # how often the text holds the name, as part of words too (as `str.count` counts)


def cue_before(text: str, mention: Mention) -> bool:
    """ "in Jena", "Stadt Hagen", "visited Bergen": a word right before the name that introduces a place."""
    return bool(CUES_BEFORE.search(text[max(0, mention.start - 30) : mention.start]))


def a_dictionary_word(word: str, languages: tuple[str, ...] = ("de",)) -> bool:
    """A word simplemma's dictionaries know ("Wetter", "Lehrer"); a town's own name mostly is not one."""
    return is_known(word, languages)
