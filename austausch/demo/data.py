"""The example programmes of `austausch demo`, reconstructed by hand from the five seed press texts.

Where a text gives only a month or a year, the dates below are an approximation and the meeting's
description says so. No people are invented: the texts name few, and accounts are personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal


@dataclass(frozen=True)
class OrganisationData:
    name: str
    abbreviation: str
    kind: str
    sector: str
    town: str | None = None
    website: str = ""


@dataclass(frozen=True)
class SessionData:
    kind: str
    title: str
    day: date
    starts: time
    ends: time
    room: str = ""
    speakers: str = ""
    language: str = "de"


@dataclass(frozen=True)
class CostData:
    description: str
    amount: Decimal | None = None
    currency: str = "EUR"
    paid_by: str | None = None  # an organisation's abbreviation
    municipality: str | None = None  # a key
    municipality_share: Decimal | None = None


@dataclass(frozen=True)
class MeetingData:
    title: str
    kind: str
    hosts: list[str]
    starts_on: date
    ends_on: date
    round: int | None = None
    venue: str = ""
    description: str = ""
    delegations: list[str] = field(default_factory=list)
    sessions: list[SessionData] = field(default_factory=list)
    costs: list[CostData] = field(default_factory=list)
    attendance: int | None = None
    report: str = ""
    registration_open: bool = False
    capacity: int | None = None
    questions: list[dict[str, object]] = field(default_factory=list)


@dataclass(frozen=True)
class NetworkData:
    name: str
    topic: str
    lead: str | None
    partners: list[str]


@dataclass(frozen=True)
class ProgrammeData:
    slug: str
    name: str
    description: str
    organiser: str | None
    funders: list[str]
    countries: list[str]
    status: str
    starts_on: date | None
    ends_on: date | None
    website: str = ""
    min_population: int | None = None
    max_population: int | None = None
    rounds: list[str] = field(default_factory=list)
    meetings: list[MeetingData] = field(default_factory=list)
    networks: list[NetworkData] = field(default_factory=list)


# Town keys: DE-<AGS> and US-<SimpleMaps id> from the registry.
HAMBURG, SCHWERIN, ROSTOCK = "DE-02000000", "DE-13004000", "DE-13003000"
DARMSTADT, DORTMUND, HALLE, HEIDELBERG = "DE-06411000", "DE-05913000", "DE-15002000", "DE-08221000"
LEIPZIG, MAGDEBURG, MAINZ, STUTTGART = "DE-14713000", "DE-15003000", "DE-07315000", "DE-08111000"
WITTENBERGE, MOELLN, DIESSEN = "DE-12070424", "DE-01053090", "DE-09181114"
OESTRICH_WINKEL, DIPPOLDISWALDE, BERLIN = "DE-06439012", "DE-14628060", "DE-11000000"
PHILADELPHIA, TRENTON, PRINCETON = "US-1840000673", "US-1840001383", "US-1840001381"
NEWARK, JERSEY_CITY, NEW_YORK = "US-1840002791", "US-1840003600", "US-1840034016"
CHARLOTTE, KNOXVILLE, NASHVILLE = "US-1840014557", "US-1840014486", "US-1840036155"

TOWNS = sorted(
    {
        HAMBURG, SCHWERIN, ROSTOCK, DARMSTADT, DORTMUND, HALLE, HEIDELBERG, LEIPZIG, MAGDEBURG, MAINZ, STUTTGART,
        WITTENBERGE, MOELLN, DIESSEN, OESTRICH_WINKEL, DIPPOLDISWALDE, BERLIN, PHILADELPHIA, TRENTON, PRINCETON,
        NEWARK, JERSEY_CITY, NEW_YORK, CHARLOTTE, KNOXVILLE, NASHVILLE,
    }
)  # fmt: skip

ORGANISATIONS = [
    OrganisationData("American Council on Germany", "ACG", "nonprofit", "nonprofit", website="https://www.acgusa.org"),
    OrganisationData("Bundesministerium für Wirtschaft und Klimaschutz", "BMWK", "ministry", "public_agency"),
    OrganisationData("Deutscher Städte- und Gemeindebund", "DStGB", "association", "public_agency",
                     website="https://www.dstgb.de"),
    OrganisationData("Bundesinstitut für Bau-, Stadt- und Raumforschung", "BBSR", "ministry", "public_agency"),
    OrganisationData("Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen", "BMWSB", "ministry",
                     "public_agency"),
    OrganisationData("Entwicklungs- und Verwaltungsgesellschaft Halle-Saalkreis", "EVG", "municipal_company",
                     "public_agency", town=HALLE),
    OrganisationData("Digitalstadt Darmstadt", "", "municipal_company", "public_agency", town=DARMSTADT,
                     website="https://www.digitalstadt-darmstadt.de"),
    OrganisationData("Friedrich-Ebert-Stiftung", "FES", "foundation", "nonprofit", website="https://www.fes.de"),
]  # fmt: skip

APPROXIMATE = "Die Pressetexte nennen nur {when}; die Daten hier sind ungefähr."

TRANSATLANTIC = ProgrammeData(
    slug="transatlantic-cities-of-tomorrow",
    name="Transatlantic Cities of Tomorrow: Digitalization and the Future of Work",
    description=(
        "Ein Austauschprogramm für Vertreterinnen und Vertreter kleiner und mittelgroßer Städte in Deutschland "
        "und den USA zu Digitalisierung und Zukunft der Arbeit: vier Runden gegenseitiger Besuche und eine "
        "zweitägige Abschlusskonferenz im Frühjahr 2023. Die Delegationen kommen aus Behörden auf Landes- und "
        "Kommunalebene, gemeinnützigen Organisationen, Bürgerorganisationen, Universitäten, Bildungseinrichtungen "
        "und dem privaten Sektor.\n\n"
        "Ziel ist ein **dauerhaftes Netzwerk** zwischen den teilnehmenden Städten, um voneinander zu lernen und "
        "die Herausforderungen der Digitalisierung gemeinsam zu bewältigen.\n\n"
        "In den ersten drei Runden nahmen von deutscher Seite Darmstadt, Dortmund, Halle, Heidelberg, Leipzig, "
        "Magdeburg, Mainz und Stuttgart teil."
    ),
    organiser="ACG",
    funders=["BMWK"],
    countries=["DE", "US"],
    status="completed",
    starts_on=None,
    ends_on=date(2023, 4, 22),
    rounds=["Halle, Leipzig, Magdeburg", "Austausch in Halle (Saale)", "Runde 3", "Hamburg, Schwerin, Rostock"],
    networks=[
        NetworkData(
            "Deutsche Städte der Runden 1–3",
            "Digitalisierung und Zukunft der Arbeit",
            None,
            [DARMSTADT, DORTMUND, HALLE, HEIDELBERG, LEIPZIG, MAGDEBURG, MAINZ, STUTTGART],
        )
    ],
    meetings=[
        MeetingData(
            title="Studienreise nach Charlotte, Knoxville und Nashville",
            kind="study_visit",
            round=1,
            hosts=[CHARLOTTE, KNOXVILLE, NASHVILLE],
            starts_on=date(2019, 6, 3),
            ends_on=date(2019, 6, 7),
            delegations=[HALLE, LEIPZIG, MAGDEBURG],
            description=APPROXIMATE.format(when="das Jahr 2019"),
        ),
        MeetingData(
            title="Austausch mit internationalen Partnern in Halle (Saale)",
            kind="return_visit",
            round=2,
            hosts=[HALLE],
            starts_on=date(2020, 3, 2),
            ends_on=date(2020, 3, 4),
            description=APPROXIMATE.format(when="das Jahr 2020") + " Die Partnerstädte nennen die Texte nicht.",
        ),
        MeetingData(
            title="Studienreise nach Philadelphia, Trenton, Princeton und Newark/Jersey City",
            kind="study_visit",
            round=4,
            hosts=[PHILADELPHIA, TRENTON, PRINCETON, NEWARK, JERSEY_CITY],
            starts_on=date(2022, 11, 7),
            ends_on=date(2022, 11, 11),
            delegations=[HAMBURG, SCHWERIN, ROSTOCK],
            description=(
                "Die amerikanischen Gastgeberinnen und Gastgeber stellten ihre Arbeit vor, mit dem Fokus auf "
                "digitale Innovationen, Start-ups, New Work und Bildung. "
                + APPROXIMATE.format(when="„die vergangene Woche“ vor dem 18.11.2022")
            ),
            report=(
                "Immer wieder wurde festgestellt, dass die Menschen in den USA und in Deutschland vor denselben "
                "Problemen und Herausforderungen stehen. Der Austausch von Ideen und Erfahrungen hilft bei der "
                "Suche nach Lösungen, um in den Städten neue Technologien zu nutzen und anzupassen."
            ),
        ),
        MeetingData(
            title="Gegenbesuch in Hamburg, Schwerin und Rostock",
            kind="return_visit",
            round=4,
            hosts=[HAMBURG, SCHWERIN, ROSTOCK],
            starts_on=date(2022, 12, 5),
            ends_on=date(2022, 12, 9),
            delegations=[PHILADELPHIA, TRENTON, PRINCETON, NEWARK, JERSEY_CITY],
            description=APPROXIMATE.format(when="„Dezember 2022“ (geplant)"),
        ),
        MeetingData(
            title="Abschlusskonferenz in New York",
            kind="conference",
            hosts=[NEW_YORK],
            starts_on=date(2023, 4, 21),
            ends_on=date(2023, 4, 22),
            venue="New York",
            delegations=[HALLE],
            description=(
                "Zweitägige Abschlusskonferenz mit Vorträgen, Diskussionen und interaktiven Workshops. "
                "Für Halle (Saale) nimmt der Marketingleiter der EVG teil und stellt die Entwicklungen der "
                "„Smart City Halle“ in Wirtschaft, Mobilität und Bildung vor."
            ),
            costs=[
                CostData(
                    "Reise und Teilnahme an der Abschlusskonferenz (Halle (Saale))",
                    municipality=HALLE,
                    municipality_share=Decimal("0"),
                )
            ],
        ),
    ],
)

KLEINSTADTAKADEMIE = ProgrammeData(
    slug="kleinstadtakademie",
    name="Kleinstadtakademie",
    description=(
        "Ein 2019 gestartetes Bundesprojekt, vom Bundesinstitut für Bau-, Stadt- und Raumforschung initiiert: "
        "Erfahrungsaustausch zwischen 27 Kleinstädten vergleichbarer Größe (5.000 bis 20.000 Einwohner), aber "
        "ganz unterschiedlicher wirtschaftlicher und gesellschaftlicher Voraussetzungen. Sechs Leitkommunen "
        "leiten je einen Verbund von Partnerstädten zu einem selbst gewählten Thema."
    ),
    organiser="BBSR",
    funders=["BMWSB"],
    countries=["DE"],
    status="running",
    starts_on=None,
    ends_on=None,
    min_population=5000,
    max_population=20000,
    networks=[
        NetworkData(
            "Digitale Arbeitswelten",
            "Zeit- und ortsunabhängiges Arbeiten in Kleinstädten, Coworking",
            WITTENBERGE,
            [MOELLN, DIESSEN, OESTRICH_WINKEL, DIPPOLDISWALDE],
        )
    ],
    meetings=[
        MeetingData(
            title="Digitale Arbeitswelten: Erfahrungsaustausch in Wittenberge",
            kind="exchange_meeting",
            hosts=[WITTENBERGE],
            starts_on=date(2023, 4, 24),
            ends_on=date(2023, 4, 25),
            venue="Rathaus Wittenberge und ehemaliges Kaufhaus Magnet (künftige Stadtbibliothek)",
            delegations=[MOELLN, DIESSEN, OESTRICH_WINKEL, DIPPOLDISWALDE],
            description=(
                "Zweitägiger Erfahrungsaustausch mit Rahmenprogramm und Stadtführungen. Wittenberge hat im "
                "Projekt *summer of pioneers* Erfahrungen mit Coworking gesammelt; auch das "
                "Bahnhofsempfangsgebäude soll einen Coworking Space erhalten. Die Uhrzeiten sind ungefähr."
            ),
            sessions=[
                SessionData(
                    "talk",
                    "Begrüßung und Eröffnung",
                    date(2023, 4, 24),
                    time(10, 0),
                    time(11, 0),
                    room="Sitzungssaal des Rathauses",
                    speakers="Bürgermeister Dr. Oliver Hermann; Dr. Lara Streup (BMWSB)",
                ),
                SessionData(
                    "tour",
                    "Mit Donkey-Leihfahrrädern zum Veritas-Gelände, in die Altstadt und das Jahnschulviertel",
                    date(2023, 4, 24),
                    time(14, 0),
                    time(17, 0),
                ),
                SessionData(
                    "discussion",
                    "Erfahrungsaustausch der Kleinstädte",
                    date(2023, 4, 25),
                    time(9, 0),
                    time(13, 0),
                    room="Ehemaliges Kaufhaus Magnet",
                ),
            ],
            report="Vertreterinnen und Vertreter von insgesamt 27 Kleinstädten aus dem gesamten Bundesgebiet.",
        ),
    ],
)

INNOVATORS_CLUB = ProgrammeData(
    slug="innovators-club",
    name="Innovators Club des DStGB",
    description=(
        "Die Ideenschmiede des Deutschen Städte- und Gemeindebunds. Fazit der Innovators Lounge in Darmstadt: "
        "Digitalisierung in den Kommunen gelingt nur, wenn der Wissens- und Erfahrungsaustausch zwischen Städten "
        "und Gemeinden intensiviert wird und Erkenntnisse aus Pilotprojekten **verfügbar und übertragbar** werden."
    ),
    organiser="DStGB",
    funders=[],
    countries=["DE"],
    status="running",
    starts_on=None,
    ends_on=None,
    meetings=[
        MeetingData(
            title="Innovators Lounge in der Digitalstadt Darmstadt",
            kind="exchange_meeting",
            hosts=[DARMSTADT],
            starts_on=date(2019, 8, 27),
            ends_on=date(2019, 8, 27),
            description=(
                "Kommunalvertreter aus ganz Deutschland in der Digitalstadt Darmstadt, „Leuchtturm und Labor“. "
                + APPROXIMATE.format(when="den Bericht vom 29.8.2019")
            ),
            report=(
                "„Es ist wichtig, dass es uns gelingt, die Erkenntnisse aus Darmstadt, aber auch aus anderen "
                "Kommunen, verfügbar zu machen und auf andere Städte und Gemeinden zu übertragen.“ "
                "(Kristina Sinemus, Hessische Digitalministerin). Redner: Alexander Handschuh (DStGB)."
            ),
        ),
    ],
)

# A public presentation outside any programme, with registration (seed 004).
SMART_CITY_PRESENTATION = MeetingData(
    title="Smart City in der sozialen Stadt: Vorstellung der Ergebnisse und Handlungsempfehlungen",
    kind="presentation",
    hosts=[BERLIN],
    starts_on=date(2019, 12, 2),
    ends_on=date(2019, 12, 2),
    venue="Friedrich-Ebert-Stiftung Berlin",
    description=(
        "Die Projektgruppe stellt die Studie vor: *Mit dem Menschen im Mittelpunkt* dürfen nicht die technischen "
        "Möglichkeiten im Zentrum stehen, sondern Arbeitsqualität, lebenswerte Städte, lokale Wertschöpfung und "
        "nachhaltige soziale Infrastruktur. Die Zahl der Plätze nennt die Einladung nicht; 100 ist angenommen."
    ),
    sessions=[
        SessionData(
            "talk",
            "Vorstellung der Ergebnisse und Handlungsempfehlungen, gemeinsame Diskussion",
            date(2019, 12, 2),
            time(17, 0),
            time(20, 0),
            room="Friedrich-Ebert-Stiftung Berlin",
        )
    ],
    registration_open=True,
    capacity=100,
    questions=[{"id": "q1", "label": "Organisation oder Kommune", "required": False}],
)

PROGRAMMES = [TRANSATLANTIC, KLEINSTADTAKADEMIE, INNOVATORS_CLUB]
