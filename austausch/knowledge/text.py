"""Words, stems and snippets for German and English text. Plain functions, no database.

The stemmers are deliberately small (no stemming package is installed): they fold umlauts and ß,
strip the common inflection endings of each language, and are applied the same way to documents
and queries, so "Städte" and "Stadt", "coworking spaces" and "coworking space" meet.
"""

from __future__ import annotations

import html
import re
import unicodedata

MAX_QUERY_LENGTH = 1000
MAX_QUERY_WORDS = 32

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
        "not",
        "no",
        "can",
        "our",
        "we",
        "you",
        "they",
        "he",
        "she",
        "which",
        "who",
        "what",
        "how",
        "aber",
        "als",
        "am",
        "an",
        "auch",
        "auf",
        "aus",
        "bei",
        "bin",
        "bis",
        "da",
        "dass",
        "das",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "dies",
        "diese",
        "dieser",
        "dieses",
        "doch",
        "du",
        "durch",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "er",
        "es",
        "für",
        "hat",
        "hatte",
        "haben",
        "ich",
        "ihr",
        "im",
        "in",
        "ist",
        "ja",
        "kann",
        "mit",
        "nach",
        "nicht",
        "noch",
        "nun",
        "oder",
        "sich",
        "sie",
        "sind",
        "so",
        "über",
        "um",
        "und",
        "uns",
        "von",
        "vor",
        "war",
        "was",
        "weil",
        "wie",
        "wir",
        "wird",
        "zu",
        "zum",
        "zur",
    ]
)

_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def clean_query(text: str) -> str:
    """What a person typed, without control characters (PostgreSQL refuses NUL), within bounds."""
    return "".join(char for char in (text or "") if char.isprintable()).strip()[:MAX_QUERY_LENGTH]


def words(text: str) -> list[str]:
    """Lower-case words; a hyphenated word also yields its joined form ("co-working" → co, working, coworking)."""
    found: list[str] = []
    for match in _WORD.finditer(unicodedata.normalize("NFC", text.lower())):
        token = match.group()
        if "-" in token:
            parts = [part for part in token.split("-") if part]
            found.extend(parts)
            found.append("".join(parts))
        else:
            found.append(token)
    return found


def fold(word: str) -> str:
    """ "Städte" → "stadte"; accents go too, so "café" and "cafe" are one word."""
    word = word.lower().translate(_FOLD)
    return "".join(char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char))


def stem_german(word: str) -> str:
    word = fold(word)
    if len(word) <= 4:
        return word
    for suffix in ("ungen", "heiten", "keiten", "ern", "em", "en", "er", "es", "e", "n", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("ung") and len(word) > 6:
        word = word[:-3]
    # Umlaut plurals fold onto the singular: "stadte" → "stadt" needs the plural e stripped above.
    return word


def stem_english(word: str) -> str:
    word = fold(word)
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    for suffix in ("ings", "ing", "edly", "ed", "ment", "ments", "ly", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if suffix == "es" and not stem.endswith(("s", "x", "z", "ch", "sh")):
                stem = word[:-1]
            if suffix in ("ing", "ed", "ings") and len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]
            return stem
    return word


def stem(word: str, language: str) -> str:
    return stem_german(word) if language == "de" else stem_english(word)


def index_terms(text: str, language: str) -> str:
    """The stems a document is indexed under, in its own language, separated by spaces."""
    return " ".join(stem(word, language) for word in words(text) if word not in STOPWORDS)


def query_words(text: str) -> list[str]:
    """The plain words of a query: operators, quotes and brackets are just characters between words."""
    seen: dict[str, None] = {}
    for word in words(clean_query(text)):
        if word not in STOPWORDS and word not in seen:
            seen[word] = None
    return list(seen)[:MAX_QUERY_WORDS]


def query_stems(word: str) -> set[str]:
    """A query word may be German or English: it matches either language's stem."""
    return {stem_german(word), stem_english(word), fold(word)}


_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}|>)\s+|\*{1,3}|`+|(?<!\w)_{1,3}|_{1,3}(?!\w)", re.MULTILINE)


def snippet(text: str, terms: list[str], *, width: int = 240) -> str:
    """An HTML-escaped excerpt of `text` around the first query word found, with matches in <mark>.

    Markdown marks (emphasis, headings, quotes, link targets) go first: an excerpt is plain text.
    """
    text = _MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", text))
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return ""
    stems = {stem for term in terms for stem in query_stems(term) if len(stem) >= 3}

    def matches(token: str) -> bool:
        folded = fold(token)
        return any(folded.startswith(candidate) for candidate in stems)

    tokens = list(_WORD.finditer(text))
    first = next((token for token in tokens if matches(token.group())), None)
    start = 0
    if first is not None and first.start() > width // 3:
        start = text.rfind(" ", 0, first.start() - width // 3) + 1
    end = min(len(text), start + width)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + width // 2)
    parts: list[str] = ["… " if start > 0 else ""]
    position = start
    for token in tokens:
        if token.start() < start or token.end() > end:
            continue
        if matches(token.group()):
            parts.append(html.escape(text[position : token.start()]))
            parts.append(f"<mark>{html.escape(token.group())}</mark>")
            position = token.end()
    parts.append(html.escape(text[position:end]))
    if end < len(text):
        parts.append(" …")
    return "".join(parts)
