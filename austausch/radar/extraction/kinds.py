"""Kinds of event and the words that name them: "Workshop", "Studienreise", "Empfang", "signed"."""

from __future__ import annotations

import re

CEREMONY = "ceremony"  # reported as a meeting
# The most specific kind wins when one sentence names several ("besucht … an einem Austausch teilgenommen").
KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("return visit", re.compile(r"Gegenbesuch\w*|Rückbesuch\w*|Gegenbesuche|return visit|reciprocal visit", re.I)),
    ("study visit", re.compile(
        r"Studienreise\w*|Studienfahrt\w*|Studienbesuch\w*|Delegationsreise\w*|Informationsreise\w*|Fachexkursion\w*|"
        r"Exkursion\w*|Bildungsreise\w*|Bürgerreise\w*|Delegation\w*|\w*[Bb]esuch(?:e|en|t|te|ten|s)?\b|"
        r"\b(?:be|ge)?reist\w*|\breisen\b|\bReise\b|study (?:tour|trip|visit)s?|\bdelegat\w*|fact-finding|arriv\w+|"
        r"\bvisit(?:s|ed|ing)?\b|\btrip\b|\btravel(?:led|ed|s)?\b", re.I)),
    ("conference", re.compile(
        r"\w*[Kk]onferenz\w*|Tagung\w*|Kongress\w*|Symposi\w+|Fachtag\w*|Gipfel\w*|conference|summit|congress|"
        r"convention", re.I)),
    ("workshop", re.compile(r"\w*[Ww]orkshop\w*|Werkstatt\w*|Seminar\w*|Hackathon\w*|Barcamp\w*|Zukunftswerkstatt",
                            re.I)),
    ("presentation", re.compile(
        r"Vorstellung|Präsentation\w*|Vortrag\w*|Vorträge\w*|vorgestellt|präsentiert\w*|presentation|presented|"
        r"keynote|Lesung\w*", re.I)),
    ("meeting", re.compile(
        r"Treffen\w*|Erfahrungsaustausch\w*|Netzwerktreffen\w*|Austausch\w*|Sitzung\w*|Begegnung\w*|"
        r"Veranstaltung\w*|Empfang\w*|Lounge|Runde|Auftaktveranstaltung|Diskussion\w*|eingeladen|meeting|getroffen|"
        r"\btrafen\b|\btraf\b|\bmet\b|\bmeet(?:s|ing)?\b|"
        r"gathering|roundtable|exchange|event|forum", re.I)),
    # A signing, a celebration, a reception: "unterzeichneten die Partnerschaftsurkunde", "kamen … zusammen".
    # Years before the text's date they are history ("signed on October 3, 1990"), not news.
    (CEREMONY, re.compile(
        r"unterzeichn\w*|Unterzeichnung\w*|\w*[Ff]eier\b|\w*[Ff]eier(?:n|s|lichkeit\w*)\b|Festakt\w*|Jubiläum\w*|"
        r"empf(?:ing|ängt|angen)\w*|zusammen(?:ge)?k(?:a|o)m+en\b|\bkamen\b[^.!?\n]{0,150}\bzusammen\b|\bsign(?:ed|ing)\b|"
        r"ceremony|celebrat\w+|reception|welcomed|"
        # an award: "wurden am 29. November mit Preisen ausgezeichnet"
        r"ausgezeichnet|Auszeichnung\w*|Preisverleihung\w*|verliehen|award(?:ed|s)?\b", re.I)),
    # Guests and their stay, weaker than any kind named above: "zu Gast", "Gäste … begrüßen", "verweilen".
    ("study visit", re.compile(
        r"zu Gast\b|\bGäste\w*|Gastfamilie\w*|begrüß\w*|verweil\w*|Aufenthalt\w*|angereist\w*|Ankunft|"
        r"\bguests?\b|\bstay(?:ed|ing|s)?\b|\btour(?:s|en)?\b|"
        # a town's festival, where the partner towns come as guests: "Partnerstadtfest", "Stadtfest", "festival"
        r"[a-zäöüß]+fest(?:e|es|s)?\b|\bfestivals?\b", re.I)),
]  # fmt: skip
KIND_ORDER = list(dict.fromkeys(kind for kind, _ in KINDS if kind != CEREMONY))


def kind_cues(sentence: str, offset: int) -> list[tuple[int, int, int, str]]:
    """Each word of the sentence that names a kind of event: (priority, start, end, kind), most specific first."""
    return sorted(
        (priority, offset + match.start(), offset + match.end(), kind)
        for priority, (kind, pattern) in enumerate(KINDS)
        for match in pattern.finditer(sentence)
    )


def names_an_occasion(text: str) -> bool:
    """Whether the text names a kind of event: "Workshop", "Empfang"."""
    return any(pattern.search(text) for _, pattern in KINDS)
