"""Applicants for the network builder: the CSV format, its validation, and the towns as the
optimiser's `Applicant`s.

The format (also in `data/README.md`, the command's `--help` and the upload page): UTF-8 text,
comma-separated, a header row, then one applicant per row.

    town    a key (DE-12070424) or an unambiguous name (Wittenberge)            required
    topics  topic slugs or labels, most wanted first, separated by ";"            required
    lead    willing to lead a network: yes/no/ja/nein/true/false/1/0 (empty: no)  optional
    group   the town's side in pairings, e.g. DE or US                            pairings only

Every row is checked and every problem reported with its line number; nothing is used until the
whole file is clean.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from austausch.knowledge.models import Topic
from austausch.matching.algorithms.planning import Applicant
from austausch.registry.models import Municipality
from austausch.registry.search import resolve_municipality

COLUMNS = ("town", "topics", "lead", "group")
REQUIRED = ("town", "topics")
YES = {"yes", "ja", "y", "j", "true", "1", "x"}
NO = {"no", "nein", "n", "false", "0", ""}
MAX_ROWS = 2000
GROUP = re.compile(r"[A-Z0-9][A-Z0-9 _-]{0,19}")


class ApplicantsError(ValueError):
    """Everything wrong with the applicants, one plain sentence per problem, lines named."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class ApplicantEntry:
    """One checked applicant: what a saved plan stores, by key and slug."""

    town: str  # municipality key
    topics: tuple[str, ...]  # topic slugs, most wanted first
    lead: bool
    group: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"town": self.town, "topics": list(self.topics), "lead": self.lead, "group": self.group}

    @classmethod
    def from_dict(cls, data: dict) -> ApplicantEntry:
        return cls(
            town=data["town"], topics=tuple(data["topics"]), lead=bool(data["lead"]), group=data.get("group", "")
        )


@dataclass(frozen=True)
class RawRow:
    """One row as typed, before checking: from the CSV or from the form."""

    line: int
    town: str
    topics: str
    lead: str = ""
    group: str = ""


def read_csv(data: bytes | str) -> list[RawRow]:
    """The rows of an applicants file; raises ApplicantsError for the file as a whole
    (encoding, header, empty)."""
    rows = _csv_rows(_decoded(data))
    header_at = next((position for position, row in enumerate(rows) if any(cell.strip() for cell in row)), None)
    if header_at is None:
        raise ApplicantsError([_("The file is empty: it needs a header row (town,topics,lead) and one row per town.")])
    header = [cell.strip().lower() for cell in rows[header_at]]
    problems = _header_problems(header, line=header_at + 1)
    if problems:
        raise ApplicantsError(problems)
    position = {name: header.index(name) for name in header}
    result = []
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(
                _("Line {line}: {count} cells, but the header has {columns} columns.").format(
                    line=number, count=len(row), columns=len(header)
                )
            )
            continue

        def cell(name: str, row: list[str] = row) -> str:
            return row[position[name]].strip() if name in position and position[name] < len(row) else ""

        result.append(
            RawRow(line=number, town=cell("town"), topics=cell("topics"), lead=cell("lead"), group=cell("group"))
        )
    if problems:
        raise ApplicantsError(problems)
    if not result:
        raise ApplicantsError([_("The file has a header row but no applicants.")])
    if len(result) > MAX_ROWS:
        raise ApplicantsError(
            [
                _("The file has {count} applicants; at most {most} fit in one plan.").format(
                    count=len(result), most=MAX_ROWS
                )
            ]
        )
    return result


def _decoded(data: bytes | str) -> str:
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ApplicantsError(
                [
                    _(
                        "The file is not UTF-8 text (an unreadable byte at position {position}). "
                        "Save it as “CSV UTF-8” and upload it again."
                    ).format(position=error.start)
                ]
            ) from None
    else:
        text = data
    if "\x00" in text:
        raise ApplicantsError([_("The file contains NUL characters; it is not a CSV text file.")])
    return text


def _csv_rows(text: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise ApplicantsError([_("The file is not valid CSV: {error}.").format(error=error)]) from None


def _header_problems(header: list[str], *, line: int) -> list[str]:
    """Unknown, missing and repeated columns of the header row."""
    problems = []
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        problems.append(
            _("Line {line}: unknown column {names}; the columns are: {known}.").format(
                line=line, names=", ".join(f"“{name}”" for name in unknown), known=", ".join(COLUMNS)
            )
        )
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        problems.append(
            _("Line {line}: the column {names} is missing; the header row needs at least: town,topics.").format(
                line=line, names=", ".join(f"“{name}”" for name in missing)
            )
        )
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        problems.append(
            _("Line {line}: the column {names} appears twice.").format(
                line=line, names=", ".join(f"“{name}”" for name in repeated)
            )
        )
    return problems


def check_rows(rows: Iterable[RawRow], *, pairings: bool = False) -> list[ApplicantEntry]:
    """Resolve towns and topics and check every row; raises ApplicantsError listing all problems."""
    topics = _topic_lookup()
    entries: list[ApplicantEntry] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    groups: set[str] = set()
    for row in rows:
        line = _("Line {line}").format(line=row.line)
        municipality, row_problems = _row_town(row, line, seen)
        slugs = _row_topics(row, line, topics, row_problems)
        lead = row.lead.strip().casefold()
        if lead not in YES | NO:
            row_problems.append(
                _("{line}: “{value}” in the lead column is neither yes nor no (yes/no/ja/nein).").format(
                    line=line, value=row.lead
                )
            )
        group = _row_group(row, line, pairings, row_problems)
        groups.add(group)
        problems.extend(row_problems)
        if not row_problems and municipality is not None:
            entries.append(ApplicantEntry(town=municipality.key, topics=tuple(slugs), lead=lead in YES, group=group))
    if pairings and not problems and len(groups) != 2:
        problems.append(
            _("Pairings need exactly two groups; the applicants name {count}: {groups}.").format(
                count=len(groups), groups=", ".join(sorted(groups))
            )
        )
    if problems:
        raise ApplicantsError(problems)
    if not entries:
        raise ApplicantsError([_("There are no applicants.")])
    return entries


def _row_town(row: RawRow, line: str, seen: dict[str, int]) -> tuple[Municipality | None, list[str]]:
    """The row's town and the problems with it; `seen` remembers the line of each town's first row."""
    if not row.town:
        return None, [_("{line}: the town is missing.").format(line=line)]
    try:
        municipality = resolve_municipality(row.town)
    except ValidationError as error:
        return None, [f"{line}: {error.messages[0]}"]
    if municipality.key in seen:
        message = _("{line}: {name} ({key}) already applied on line {first}.").format(
            line=line, name=municipality.name, key=municipality.key, first=seen[municipality.key]
        )
        return municipality, [message]
    seen[municipality.key] = row.line
    return municipality, []


def _row_topics(row: RawRow, line: str, topics: dict[str, str], problems: list[str]) -> list[str]:
    """The row's topics as slugs in the order given; what is wrong with them goes to `problems`."""
    slugs: list[str] = []
    names = [name.strip() for name in row.topics.split(";") if name.strip()]
    if not names:
        problems.append(_("{line}: no topic is given; list topics separated by “;”.").format(line=line))
    for name in names:
        slug = topics.get(name.casefold())
        if slug is None:
            problems.append(
                _("{line}: there is no topic “{topic}”; use a topic's slug or label (e.g. {example}).").format(
                    line=line, topic=name, example=next(iter(topics.values()), "mobility")
                )
            )
        elif slug in slugs:
            problems.append(_("{line}: the topic “{topic}” is listed twice.").format(line=line, topic=name))
        else:
            slugs.append(slug)
    return slugs


def _row_group(row: RawRow, line: str, pairings: bool, problems: list[str]) -> str:
    group = row.group.strip().upper()
    if pairings and not group:
        problems.append(_("{line}: pairings need the town's group (e.g. DE or US).").format(line=line))
    elif group and not GROUP.fullmatch(group):
        problems.append(
            _("{line}: the group “{group}” is not a short name of letters and digits (e.g. DE or US).").format(
                line=line, group=row.group
            )
        )
    return group


def read_applicants(data: bytes | str, *, pairings: bool = False) -> list[ApplicantEntry]:
    return check_rows(read_csv(data), pairings=pairings)


def write_csv(entries: Iterable[ApplicantEntry]) -> str:
    """Applicants in the same format, so a saved plan's applicants can be downloaded and edited."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow([entry.town, ";".join(entry.topics), "yes" if entry.lead else "no", entry.group])
    return output.getvalue()


def _topic_lookup() -> dict[str, str]:
    """Slug, German label and English label (case-folded) to slug."""
    lookup: dict[str, str] = {}
    for slug, label_de, label_en in Topic.objects.values_list("slug", "label_de", "label_en"):
        for name in (label_en, label_de):
            lookup.setdefault(name.casefold(), slug)
    for slug in Topic.objects.values_list("slug", flat=True):
        lookup[slug.casefold()] = slug
    return lookup


# --- towns for the optimiser ---------------------------------------------------------------------


@dataclass(frozen=True)
class Towns:
    """The applicants' towns, with the optimiser's view of them (`Applicant.town` is the
    municipality's primary key)."""

    applicants: tuple[Applicant, ...]
    municipalities: dict[int, Municipality]  # by primary key
    topics: tuple[str, ...]  # every slug an applicant listed, in the taxonomy's order

    def by_key(self) -> dict[str, Municipality]:
        return {town.key: town for town in self.municipalities.values()}


def towns_for(entries: Sequence[ApplicantEntry]) -> Towns:
    """Look the towns up with their standardised indicator profiles (the peer finder's table)."""
    from austausch.matching.peers import registry_table

    municipalities = Municipality.objects.in_bulk([entry.town for entry in entries], field_name="key")
    missing = [entry.town for entry in entries if entry.town not in municipalities]
    if missing:
        raise ApplicantsError([_("The town {key} is no longer in the registry.").format(key=key) for key in missing])
    table = registry_table()
    applicants = []
    for entry in entries:
        town = municipalities[entry.town]
        profile = table.towns.indicators[table.index_of(town.pk)]
        applicants.append(
            Applicant(
                town=town.pk,
                state=town.state,
                population=town.population,
                profile=tuple(float(value) for value in profile),
                topics=entry.topics,
                willing_to_lead=entry.lead,
                name=town.name,
            )
        )
    listed = {slug for entry in entries for slug in entry.topics}
    order = list(Topic.objects.filter(slug__in=listed).values_list("slug", flat=True))
    return Towns(
        applicants=tuple(applicants),
        municipalities={town.pk: town for town in municipalities.values()},
        topics=tuple(order),
    )
