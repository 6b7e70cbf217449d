"""Pasted web pages: keep the article, drop the site around it, and set reader comments apart.

Text copied from a town's website carries its navigation ("Home", "Suchen:"), teaser lists of other
articles ("Weitere Meldungen …", lines ending in "mehr..."), advertising ("Anzeige") and, below the
article, reader comments. The article is what lies between; its title is the first line that reads
like a headline; its date is a labelled or bracketed date near the top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import find_dates
from .kinds import names_an_occasion
from .published import publication_date, publication_month

NAVIGATION = re.compile(
    r"^(?:Home|Startseite|Navigation|Hauptnavigation|Menü|Menu|Suche|Suchen|Search|Kontakt|Impressum|Datenschutz|"
    r"Barrierefreiheit|Drucken|Druckversion|Teilen|Share|Zurück|Back|Nach oben|Top|Login|Anmelden|Newsletter|"
    r"Diskriminierung melden|Link mailen|PDF|Sprache|Language|Leichte Sprache|Gebärdensprache|Inhalt|"
    r"Zum Inhalt springen|Springe (?:direkt )?zu(?:m)? (?:Haupt)?(?:Inhalt|Navigation)|Skip to (?:main )?content|"
    r"Breadcrumb|Sie sind hier)\b.{0,40}$",
    re.IGNORECASE,
)
# Everything after one of these lines is teasers, advertising or page furniture, not the article.
CUT_MARKERS = re.compile(
    r"^(?:Weitere (?:Meldungen|Nachrichten|Artikel|Beiträge|Informationen zum Thema)|Mehr zum Thema|"
    r"Das könnte Sie auch interessieren|Lesen Sie auch|Auch interessant|Ähnliche (?:Artikel|Beiträge|Meldungen)|"
    r"Verwandte (?:Artikel|Themen)|Related (?:articles|stories|news|posts)|More (?:news|stories)|"
    r"You (?:may|might) also like|Aktuelle Meldungen|Fotoserien?|Bildergalerien?|"
    r"Stichw[öo]rter|Schlagw[öo]rter|Tags|Themen:|Teilen:|Share this)\b",
    re.IGNORECASE,
)
# Advertising sits inside a page, often inside the article: it ends where prose resumes.
AD_MARKER = re.compile(r"^(?:Anzeige|Advertisement|Werbung|Sponsored)$", re.IGNORECASE)
COMMENT_MARKERS = re.compile(
    r"^(?:\d+\s+)?(?:Kommentare?|Leserkommentare?|Leserbriefe|Comments?|Reader comments|Responses|"
    r"Ihre Meinung|Diskussion)\b(?:\s*\(\d+\))?:?\s*$",
    re.IGNORECASE,
)
COMMENT_AUTHOR = re.compile(
    r"^(?P<author>[^\n:]{2,60}?)\s+(?:schrieb|schreibt|sagt|says|wrote|commented)(?:\s+(?:am|on))?\s*"
    r"(?P<date>[^\n:]{0,40})?:?\s*$",
    re.IGNORECASE,
)
TEASER_LINE = re.compile(r"(?:\bmehr\s*(?:\.\.\.|…|»|>)|\bweiterlesen\b|\bread more\b|\bmore\s*(?:\.\.\.|…))\s*$", re.I)
IMAGE_LINE = re.compile(r"\(Bild vergrößern\)|^Bild zur Meldung:|^(?:Foto|Fotos|Bild|Photo|Image|Credit)s?:\s", re.I)
URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
SIGN_OFF = re.compile(
    r"Mit freundlichen Grüßen|Pressekontakt|Ansprechpartner|Kontakt:|Best regards|Media contact", re.I
)
COMMENT_VOICE = re.compile(r"\?|!|\b(?:ich|mir|mich|mein|meine|wir|uns|I|I'm|my|me|lol|na|naja|tja)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?:;“\"»)]\s*$")


@dataclass
class Comment:
    author: str | None
    published: str | None
    text: str

    def as_dict(self) -> dict:
        return {"author": self.author, "published": self.published, "text": self.text}


@dataclass
class Cleaned:
    text: str
    title: str | None
    text_without_title: str
    published: str | None
    comments: list[Comment] = field(default_factory=list)


def word_count(line: str) -> int:
    return len(line.split())


def find_title(lines: list[str]) -> tuple[str | None, int]:
    """The first headline-like line (joined with the next when it ends in a colon) and where the body
    starts; no title when the text opens with a sentence."""
    for index, line in enumerate(lines[:12]):
        if NAVIGATION.match(line) or URL_LINE.match(line) or (publication_date([line]) and word_count(line) < 5):
            continue
        if line.endswith(":") and index + 1 < len(lines) and word_count(line) <= 4:
            joined = f"{line} {lines[index + 1]}"
            if word_count(joined) <= 25:
                return joined, index + 2
        if 3 <= word_count(line) <= 25 and not re.search(r"[.!?;,]$", line):
            return line, index + 1
        # "Kommunale Klimapartnerschaften" over a paragraph: a short headline, not a navigation item
        headline_of_prose = index + 1 < len(lines) and word_count(lines[index + 1]) >= 15
        if word_count(line) == 2 and headline_of_prose and line[0].isupper() and not re.search(r"[.!?;,:|]", line):
            return line, index + 1
        if word_count(line) >= 3:
            return None, index
    return None, 0


def separate_comments(lines: list[str]) -> tuple[list[str], list[Comment]]:
    """Reader comments: after a "Kommentare" heading, or unmarked short lines in a reader's voice at the end."""
    for index, line in enumerate(lines):
        if COMMENT_MARKERS.match(line):
            return lines[:index], parse_comments(lines[index + 1 :])
    tail = len(lines)
    while tail > 0 and word_count(lines[tail - 1]) < 30 and not SIGN_OFF.search(lines[tail - 1]):
        tail -= 1
    candidates = lines[tail:]
    body_paragraphs = sum(1 for line in lines[:tail] if word_count(line) >= 30)
    if (
        candidates
        and body_paragraphs >= 2
        and tail > 0
        and COMMENT_VOICE.search(candidates[0])
        and not any(SIGN_OFF.search(line) or URL_LINE.match(line) for line in candidates)
    ):
        return lines[:tail], [Comment(author=None, published=None, text=line) for line in candidates]
    return lines, []


def parse_comments(lines: list[str]) -> list[Comment]:
    comments: list[Comment] = []
    author: str | None = None
    published: str | None = None
    for line in lines:
        heading = COMMENT_AUTHOR.match(line)
        if heading:
            author = heading.group("author").strip()
            date = publication_date([heading.group("date") or ""])
            published = date.isoformat() if date else None
            continue
        if NAVIGATION.match(line) or re.match(r"^(?:Antworten|Reply|Melden|Report)$", line, re.I):
            continue
        comments.append(Comment(author=author, published=published, text=line))
        author = published = None
    return comments


def is_prose(line: str) -> bool:
    """A sentence of an article, not a slogan, an address or a list heading."""
    return word_count(line) >= 8 and bool(SENTENCE_END.search(line)) and not line.endswith(":")


def is_period(line: str) -> bool:
    """ "13.07.2019 bis 27.07.2019" under a headline: when the event takes place, kept as part of the text."""
    return any(date.first != date.last for date in find_dates(line))


def is_dated_item(line: str, in_list: bool) -> bool:
    """ "12.05.2024 | Workshop", "Mo, 3. Juni Empfang", or "3. Mai: Dresden" under "Drei Workshops fanden statt:":
    a short line of a table or a list that holds a day and names an occasion, or stands in a list."""
    return (in_list or names_an_occasion(line)) and any(date.first.day is not None for date in find_dates(line))


def kept_lines(body: list[str]) -> list[str]:
    """The article's lines without the page's furniture. A short line stays when it ends a sentence, gives a
    period, or is a dated item of a table or a list (under a line ending in a colon, up to the next prose)."""
    kept: list[str] = []
    in_list = False
    for line in body:
        if NAVIGATION.match(line) or URL_LINE.match(line) or IMAGE_LINE.search(line) or TEASER_LINE.search(line):
            continue
        short = word_count(line) <= 4 and not SENTENCE_END.search(line)
        dated_item = short and is_dated_item(line, in_list)
        in_list = line.endswith(":") or (in_list and not is_prose(line))
        if not short or dated_item or is_period(line):
            kept.append(line)
    return kept


def clean_pasted_text(raw: str, *, split_comments: bool = True) -> Cleaned:
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in raw.split("\n")]
    lines = [line for line in lines if line]
    published = publication_date(lines)
    title, body_start = find_title(lines)

    body: list[str] = []
    in_advert = False
    for line in lines[body_start:]:
        if CUT_MARKERS.match(line):
            break
        if AD_MARKER.match(line):
            in_advert = True
            continue
        in_advert = in_advert and not is_prose(line)
        if not in_advert:
            body.append(line)
    comments: list[Comment] = []
    if split_comments:
        body, comments = separate_comments(body)
    kept = kept_lines(body)
    # A page repeats its lead as an image caption; one copy is enough.
    unique = list(dict.fromkeys(kept))
    text_without_title = "\n\n".join(unique)
    text = f"{title}\n\n{text_without_title}" if title else text_without_title
    return Cleaned(
        text=text,
        title=title,
        text_without_title=text_without_title,
        published=published.isoformat() if published else publication_month(lines),
        comments=comments,
    )
