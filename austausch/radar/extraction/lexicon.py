"""Whether a word is one simplemma's dictionaries know ("Wetter", "Lehrer"), without loading them whole.

simplemma decodes a language's dictionary (a million words for German) into memory on first use: seconds that
a command reading one file would spend on a few dozen look-ups. Here each dictionary is written once into an
SQLite file in `var/radar/` and looked up there; the answers are simplemma's own, through its lookup strategy.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import IO, Any

from .disk_cache import cache_folder, write_whole


class StoredWords(Mapping[str, str]):
    """One language's dictionary (word -> lemma) in an SQLite file; a connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.local = threading.local()

    def connection(self) -> sqlite3.Connection:
        if not hasattr(self.local, "connection"):
            self.local.connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        connection: sqlite3.Connection = self.local.connection
        return connection

    def __getitem__(self, key: str) -> str:
        row = self.connection().execute("SELECT lemma FROM words WHERE word = ?", (key.encode(),)).fetchone()
        if row is None:
            raise KeyError(key)
        return bytes(row[0]).decode()

    def __iter__(self) -> Iterator[str]:
        for (word,) in self.connection().execute("SELECT word FROM words"):
            yield bytes(word).decode()

    def __len__(self) -> int:
        return int(self.connection().execute("SELECT count(*) FROM words").fetchone()[0])


def stored_words(language: str) -> Mapping[str, str]:
    """The dictionary of `language` from its SQLite file, written first if missing; simplemma's own in memory
    where the file cannot be written."""
    from simplemma.__metadata__ import __version__
    from simplemma.strategies.dictionaries.dictionary_factory import (
        MappingStrToByteString,
        _load_dictionary_from_disk,
    )

    folder = cache_folder()
    path = folder / f"words-{language}-{__version__}.sqlite3"
    if path.exists():
        return StoredWords(path)
    words = _load_dictionary_from_disk(language)

    def write(handle: IO[bytes]) -> None:
        handle.close()
        with sqlite3.connect(handle.name) as connection:
            connection.execute("CREATE TABLE words (word BLOB PRIMARY KEY, lemma BLOB NOT NULL) WITHOUT ROWID")
            connection.executemany("INSERT INTO words VALUES (?, ?)", words.items())
        connection.close()

    if write_whole(folder, path, write):
        return StoredWords(path)
    return MappingStrToByteString(words)


@cache
def dictionaries() -> Any:
    """simplemma's dictionary factory, reading the SQLite files."""
    from simplemma.strategies.dictionaries.dictionary_factory import CachingDictionaryFactory

    class StoredDictionaries(CachingDictionaryFactory):
        def _get_dictionary_uncached(self, lang: str) -> Mapping[str, str]:
            return stored_words(lang)

    return StoredDictionaries()


@cache
def lookup() -> Any:
    from simplemma.strategies import DictionaryLookupStrategy

    return DictionaryLookupStrategy(dictionaries())


@cache
def lemmatizer() -> Any:
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=dictionaries()))


def prepare(languages: tuple[str, ...] = ("de", "en")) -> None:
    """Opens (and at the first run writes) the dictionaries, so that no text's time budget pays for it."""
    for language in languages:
        dictionaries().get_dictionary(language)


def is_known(word: str, languages: tuple[str, ...]) -> bool:
    """As `simplemma.is_known(word, lang=languages)`."""
    from simplemma.utils import normalize_token, validate_lang_input

    token = normalize_token(word)
    return any(lookup().get_lemma(token, code) is not None for code in validate_lang_input(languages))


def lemmatize(word: str, language: str) -> str:
    """As `simplemma.lemmatize(word, lang=language)`."""
    return str(lemmatizer().lemmatize(word, language))
