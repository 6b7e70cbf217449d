"""KERN UX's CSS cut down to the rules our pages can use, at install time (`make install`).

kern.min.css holds every component of the design system, about 330 KB; a page uses a dozen of them. A rule
stays when one of its selectors can match: every class it names (outside :not(), :is(), :where()) appears as
a word in our templates, scripts or Python. Rules without classes (elements, attributes, :root with KERN's
custom properties), @font-face and @keyframes stay whole; @media and @supports keep what they hold and vanish
when that is nothing. A template that builds a class from a modifier (`kern-alert--{{ level }}`) keeps every
modifier of that block. The result goes to build/kern/ (not committed), which the settings serve as
vendor/kern/ in place of the package's own folder; tests/web/test_kern_css.py checks that no class our
templates use is lost.

    .venv/bin/python scripts/purge_css.py [NODE_MODULES] [OUTPUT]
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SOURCES = ("kern.min.css",)
# Where the class names of our pages are written: templates, our scripts, and Python that renders HTML.
CONTENT_GLOBS = ("austausch/**/templates/**/*.html", "austausch/**/static/**/*.js", "austausch/**/*.py")
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# Braces and semicolons that structure a style sheet; strings and comments are matched whole to be passed over.
STRUCTURE = re.compile(r'"(?:\\.|[^"\\])*"' + r"|'(?:\\.|[^'\\])*'|/\*.*?\*/|[{};]", re.DOTALL)
WORD = re.compile(r"[A-Za-z0-9_-]+")
# A class built in a template from a block and a modifier, such as kern-alert--{% if ... %}danger{% endif %}.
BUILT_MODIFIER = re.compile(r"([A-Za-z_][\w-]*--)\{[{%]")
CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
# KERN's own data attributes (a theme switch); HTML's attributes may come from Django's widgets, so they stay.
DATA_ATTRIBUTE = re.compile(r"\[\s*(data-[\w-]+)")
# Selectors inside these pseudo-classes need not match for the rule to apply (or one of several suffices).
OPTIONAL_PSEUDO = re.compile(r":(?:not|is|where|matches|-webkit-any)\(")
# At-rules whose block holds rules to be filtered in turn; every other block (font-face, keyframes) stays.
GROUPING_AT_RULES = ("@media", "@supports", "@layer", "@container")


class Vocabulary:
    """The words of our pages' sources: a class can be used if it is one of them or has a built modifier."""

    def __init__(self, words: Iterable[str], modifier_prefixes: Iterable[str] = ()) -> None:
        self.words = set(words)
        self.prefixes = tuple(modifier_prefixes)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        words: set[str] = set()
        prefixes: set[str] = set()
        for text in texts:
            words.update(WORD.findall(text))
            prefixes.update(BUILT_MODIFIER.findall(text))
        return cls(words, sorted(prefixes))

    def __contains__(self, class_name: object) -> bool:
        return isinstance(class_name, str) and (class_name in self.words or class_name.startswith(self.prefixes))


def blocks(css: str) -> Iterator[tuple[str, str | None]]:
    """The top-level statements of a style sheet as (prelude, block): block is None for `@charset ...;`."""
    start = depth = 0
    prelude = ""
    for token in STRUCTURE.finditer(css):
        char, position = token.group(), token.start()
        if char == "{":
            if depth == 0:
                prelude, start = COMMENT.sub("", css[start:position]).strip(), position + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                raise ValueError(f"unbalanced '}}' at character {position}")
            if depth == 0:
                yield prelude, css[start:position]
                start = position + 1
        elif char == ";" and depth == 0:
            yield COMMENT.sub("", css[start:position]).strip(), None
            start = position + 1
    if depth:
        raise ValueError("a block is not closed at the end of the style sheet")


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """Split at separators outside parentheses, brackets and strings (a selector list into selectors)."""
    parts, depth, quote, start = [], 0, "", 0
    for position, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:position].strip())
            start = position + 1
    parts.append(text[start:].strip())
    return parts


def required_names(selector: str) -> set[str]:
    """The classes and data attributes an element must have somewhere for the selector to match."""
    text = selector
    while match := OPTIONAL_PSEUDO.search(text):
        depth, end = 1, match.end()
        while end < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        text = text[: match.start()] + text[end:]
    attributes = set(DATA_ATTRIBUTE.findall(text))
    text = re.sub(r"\[[^\]]*\]", "", text)  # attribute values may hold dots
    return set(CLASS.findall(text)) | attributes


def purge(css: str, used: Vocabulary) -> str:
    """The rules of css whose selectors can match what our pages use, minified as they came."""
    kept: list[str] = []
    for prelude, block in blocks(css):
        if block is None:
            kept.append(f"{prelude};")
        elif prelude.startswith(GROUPING_AT_RULES):
            inner = purge(block, used)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            kept.append(f"{prelude}{{{block}}}")
        else:
            selectors = [
                selector
                for selector in split_top_level(prelude)
                if all(name in used for name in required_names(selector))
            ]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{block}}}")
    return "".join(kept)


def our_sources(project: Path) -> Iterator[str]:
    for pattern in CONTENT_GLOBS:
        for path in sorted(project.glob(pattern)):
            yield path.read_text(encoding="utf-8")


def main(node_modules: Path, output: Path) -> None:
    used = Vocabulary.from_texts(our_sources(PROJECT))
    source = node_modules / "@kern-ux" / "native" / "dist"
    output.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        css = (source / name).read_text(encoding="utf-8")
        purged = purge(css, used)
        (output / name).write_text(purged, encoding="utf-8")
        print(f"{output / name}: {len(purged.encode()):,} bytes of {len(css.encode()):,}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(
        Path(arguments[0]) if arguments else PROJECT / "node_modules",
        Path(arguments[1]) if len(arguments) > 1 else PROJECT / "build" / "kern",
    )
