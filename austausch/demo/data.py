"""The example programmes of `austausch demo`, reconstructed by hand from the five seed press texts.

Every record says where it comes from (`source`: the seed file and its sentence, in brief) and, apart from that,
what it assumes (`assumption`); pages show both in an "about this example" note, never inside the public text.
A date the texts give only as a month or a year is stored with that precision and shown so. No people are
invented: only those the texts name in a public role appear. Every text is given in German (the sources'
language) and in English (our own translation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from typing import NamedTuple


class Text(NamedTuple):
    """One text in both languages of the platform."""

    de: str
    en: str


NO_TEXT = Text("", "")


@dataclass(frozen=True)
class OrganisationData:
    name: Text
    abbreviation: str
    kind: str
    sector: str
    town: str | None = None
    website: str = ""
    source: Text = NO_TEXT


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
class ParticipantData:
    """Someone a text names in a public role; a participant without an account."""

    town: str  # the delegation's town
    name: str
    role: str
    organisation: str  # an organisation's abbreviation


@dataclass(frozen=True)
class MeetingData:
    title: Text
    kind: str
    hosts: list[str]
    starts_on: date
    ends_on: date
    source: Text
    date_precision: str = "day"
    round: int | None = None
    venue: str = ""
    description: Text = NO_TEXT
    assumption: Text = NO_TEXT
    delegations: list[str] = field(default_factory=list)
    participants: list[ParticipantData] = field(default_factory=list)
    sessions: list[SessionData] = field(default_factory=list)
    costs: list[CostData] = field(default_factory=list)
    report: Text = NO_TEXT


@dataclass(frozen=True)
class NetworkData:
    name: Text
    topic: Text
    lead: str | None
    partners: list[str]


@dataclass(frozen=True)
class ProgrammeData:
    slug: str
    name: Text
    description: Text
    organiser: str | None
    funders: list[str]
    countries: list[str]
    status: str
    starts_on: date | None
    ends_on: date | None
    source: Text
    date_precision: str = "day"
    assumption: Text = NO_TEXT
    website: str = ""
    min_population: int | None = None
    max_population: int | None = None
    rounds: list[Text] = field(default_factory=list)
    meetings: list[MeetingData] = field(default_factory=list)
    networks: list[NetworkData] = field(default_factory=list)


@dataclass(frozen=True)
class PublicationData:
    title: Text
    summary: Text
    publisher: str
    source: Text
    presented_at: Text  # the title of its public presentation (a meeting)
    topics: list[str] = field(default_factory=list)
    language: str = "de"


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

# The German towns of the first three rounds of Transatlantic Cities of Tomorrow (seed 000).
ROUNDS_1_TO_3 = [DARMSTADT, DORTMUND, HALLE, HEIDELBERG, LEIPZIG, MAGDEBURG, MAINZ, STUTTGART]

# The seed texts, as the "about this example" notes cite them.
SEED_000 = "Seed 000 ({}, 18.11.2022)"
SEED_001 = "Seed 001 ({}, Stadt Halle (Saale), April 2023)"
SEED_002 = "Seed 002 ({}, Kommune21, 29.8.2019)"
SEED_003 = "Seed 003 ({}, Stadt Wittenberge, 25.4.2023)"
SEED_004 = "Seed 004 ({}, Friedrich-Ebert-Stiftung, 2019)"
PRESS = Text("Pressemitteilung", "press release")
REPORT = Text("Bericht", "report")
INVITATION = Text("Einladung", "invitation")


def cite(seed: str, kind: Text, de: str, en: str) -> Text:
    """A source note in both languages: the seed, the kind of text, and what it says (quoted or in brief)."""
    return Text(f"{seed.format(kind.de)}: {de}", f"{seed.format(kind.en)}: {en}")


ORGANISATIONS = [
    OrganisationData(Text("American Council on Germany", "American Council on Germany"), "ACG", "nonprofit",
                     "nonprofit", website="https://www.acgusa.org"),
    OrganisationData(Text("Bundesministerium für Wirtschaft und Klimaschutz",
                          "Federal Ministry for Economic Affairs and Climate Action"), "BMWK", "ministry",
                     "public_agency"),
    # A registered association of towns and municipalities (kommunaler Spitzenverband), not an agency.
    OrganisationData(Text("Deutscher Städte- und Gemeindebund", "German Association of Towns and Municipalities"),
                     "DStGB", "association", "nonprofit", website="https://www.dstgb.de"),
    # A federal research institute within the federal administration, not a ministry.
    OrganisationData(Text("Bundesinstitut für Bau-, Stadt- und Raumforschung",
                          "Federal Institute for Research on Building, Urban Affairs and Spatial Development"),
                     "BBSR", "institute", "public_agency"),
    OrganisationData(Text("Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen",
                          "Federal Ministry for Housing, Urban Development and Building"), "BMWSB", "ministry",
                     "public_agency"),
    OrganisationData(Text("Entwicklungs- und Verwaltungsgesellschaft Halle-Saalkreis",
                          "Entwicklungs- und Verwaltungsgesellschaft Halle-Saalkreis (development company)"), "EVG",
                     "municipal_company", "public_agency", town=HALLE),
    OrganisationData(Text("Digitalstadt Darmstadt", "Digitalstadt Darmstadt"), "", "municipal_company",
                     "public_agency", town=DARMSTADT, website="https://www.digitalstadt-darmstadt.de"),
    OrganisationData(Text("Friedrich-Ebert-Stiftung", "Friedrich-Ebert-Stiftung"), "FES", "foundation", "nonprofit",
                     website="https://www.fes.de"),
]  # fmt: skip

NEW_YORK_CONFERENCE = Text("Abschlusskonferenz in New York", "Closing conference in New York")
STUDY_VISIT_2019 = Text(
    "Studienreise nach Charlotte, Knoxville und Nashville", "Study visit to Charlotte, Knoxville and Nashville"
)

TRANSATLANTIC = ProgrammeData(
    slug="transatlantic-cities-of-tomorrow",
    name=Text(
        "Transatlantic Cities of Tomorrow: Digitalization and the Future of Work",
        "Transatlantic Cities of Tomorrow: Digitalization and the Future of Work",
    ),
    description=Text(
        "Ein Austauschprogramm für Vertreterinnen und Vertreter kleiner und mittelgroßer Städte in Deutschland "
        "und den USA zu Digitalisierung und Zukunft der Arbeit: vier Runden gegenseitiger Besuche und eine "
        "zweitägige Abschlusskonferenz im Frühjahr 2023. Die Delegationen kommen aus Behörden auf Landes- und "
        "Kommunalebene, gemeinnützigen Organisationen, Bürgerorganisationen, Universitäten, Bildungseinrichtungen "
        "und dem privaten Sektor.\n\n"
        "Ziel ist ein **dauerhaftes Netzwerk** zwischen den teilnehmenden Städten, um voneinander zu lernen und "
        "die Herausforderungen der Digitalisierung gemeinsam zu bewältigen.\n\n"
        "In den ersten drei Runden nahmen von deutscher Seite Darmstadt, Dortmund, Halle, Heidelberg, Leipzig, "
        "Magdeburg, Mainz und Stuttgart teil.",
        "An exchange programme for representatives of small and mid-sized cities in Germany and the USA on "
        "digitalisation and the future of work: four rounds of mutual visits and a two-day closing conference in "
        "spring 2023. The delegations come from state and local government, nonprofits, civic organisations, "
        "universities, educational institutions and the private sector.\n\n"
        "Its aim is a **lasting network** between the participating cities, to learn from each other and meet "
        "the challenges of digitalisation together.\n\n"
        "On the German side, Darmstadt, Dortmund, Halle, Heidelberg, Leipzig, Magdeburg, Mainz and Stuttgart took "
        "part in the first three rounds.",
    ),
    organiser="ACG",
    funders=["BMWK"],
    countries=["DE", "US"],
    status="completed",
    # Seed 001: the first visit was in 2019; the closing conference ended on 22 April 2023.
    starts_on=date(2019, 1, 1),
    ends_on=date(2023, 4, 22),
    date_precision="year",
    source=cite(
        SEED_000,
        PRESS,
        "„vier Runden des gegenseitigen Austauschs … zweitägige Konferenz im Frühjahr 2023“; seed 001: erste "
        "Studienreise 2019, Abschlusskonferenz 21./22. April 2023.",
        "“four rounds of mutual exchange … a two-day conference in spring 2023”; seed 001: first study visit in "
        "2019, closing conference on 21–22 April 2023.",
    ),
    assumption=Text(
        "Die Texte nummerieren die Runden nicht: Runde 1, 2 und 4 sind aus der Reihenfolge der Reisen erschlossen.",
        "The texts do not number the rounds: rounds 1, 2 and 4 are inferred from the order of the visits.",
    ),
    rounds=[
        Text("Halle, Leipzig, Magdeburg", "Halle, Leipzig, Magdeburg"),
        Text("Austausch in Halle (Saale)", "Exchange in Halle (Saale)"),
        NO_TEXT,  # the texts name no meeting of the third round
        Text("Hamburg, Schwerin, Rostock", "Hamburg, Schwerin, Rostock"),
    ],
    networks=[
        NetworkData(
            Text("Deutsche Städte der Runden 1–3", "German cities of rounds 1–3"),
            Text("Digitalisierung und Zukunft der Arbeit", "Digitalisation and the future of work"),
            None,
            ROUNDS_1_TO_3,
        )
    ],
    meetings=[
        MeetingData(
            title=STUDY_VISIT_2019,
            kind="study_visit",
            round=1,
            hosts=[CHARLOTTE, KNOXVILLE, NASHVILLE],
            starts_on=date(2019, 1, 1),
            ends_on=date(2019, 1, 1),
            date_precision="year",
            delegations=[HALLE, LEIPZIG, MAGDEBURG],
            source=cite(
                SEED_001,
                PRESS,
                "„Bereits 2019 hatten Vertreter und Vertreterinnen aus Halle (Saale), Leipzig und Magdeburg … die "
                "Städte Charlotte, Knoxville und Nashville besucht.“",
                "in 2019 representatives of Halle (Saale), Leipzig and Magdeburg visited Charlotte, Knoxville and "
                "Nashville.",
            ),
        ),
        MeetingData(
            title=Text(
                "Austausch mit internationalen Partnern in Halle (Saale)",
                "Exchange with international partners in Halle (Saale)",
            ),
            kind="return_visit",
            round=2,
            hosts=[HALLE],
            starts_on=date(2020, 1, 1),
            ends_on=date(2020, 1, 1),
            date_precision="year",
            source=cite(
                SEED_001,
                PRESS,
                "„Im Jahr 2020 folgte ein Austausch mit international Partnern in Halle (Saale).“ Die Partnerstädte "
                "nennt der Text nicht.",
                "in 2020 an exchange with international partners followed in Halle (Saale). The text does not name "
                "the partner cities.",
            ),
        ),
        MeetingData(
            title=Text(
                "Studienreise nach Philadelphia, Trenton, Princeton und Newark/Jersey City",
                "Study visit to Philadelphia, Trenton, Princeton and Newark/Jersey City",
            ),
            kind="study_visit",
            round=4,
            hosts=[PHILADELPHIA, TRENTON, PRINCETON, NEWARK, JERSEY_CITY],
            starts_on=date(2022, 11, 1),
            ends_on=date(2022, 11, 1),
            date_precision="month",
            delegations=[HAMBURG, SCHWERIN, ROSTOCK],
            description=Text(
                "Die amerikanischen Gastgeberinnen und Gastgeber stellten ihre Arbeit vor, mit dem Fokus auf "
                "digitale Innovationen, Start-ups, New Work und Bildung.",
                "The American hosts presented their work, focusing on digital innovation, start-ups, new work and "
                "education.",
            ),
            report=Text(
                "Immer wieder wurde festgestellt, dass die Menschen in den USA und in Deutschland vor denselben "
                "Problemen und Herausforderungen stehen. Der Austausch von Ideen und Erfahrungen hilft bei der "
                "Suche nach Lösungen, um in den Städten neue Technologien zu nutzen und anzupassen.",
                "Again and again the participants found that people in the USA and in Germany face the same problems "
                "and challenges. Exchanging ideas and experience helps in the search for ways to use and adapt new "
                "technologies in the cities.",
            ),
            source=cite(
                SEED_000,
                PRESS,
                "Expertinnen und Experten aus Hamburg, Schwerin und Rostock besuchten „in der vergangenen Woche“ "
                "Philadelphia, Trenton, Princeton und Newark/Jersey City.",
                "experts from Hamburg, Schwerin and Rostock visited Philadelphia, Trenton, Princeton and "
                "Newark/Jersey City “last week”.",
            ),
        ),
        MeetingData(
            title=Text("Gegenbesuch in Hamburg, Schwerin und Rostock", "Return visit to Hamburg, Schwerin and Rostock"),
            kind="return_visit",
            round=4,
            hosts=[HAMBURG, SCHWERIN, ROSTOCK],
            starts_on=date(2022, 12, 1),
            ends_on=date(2022, 12, 1),
            date_precision="month",
            delegations=[PHILADELPHIA, TRENTON, PRINCETON, NEWARK, JERSEY_CITY],
            source=cite(
                SEED_000,
                PRESS,
                "„Ein Gegenbesuch ist im Dezember geplant.“",
                "“A return visit is planned for December.”",
            ),
            assumption=Text(
                "Der Text kündigt den Gegenbesuch nur an; dass er stattfand, wo und mit wem, ist ergänzt.",
                "The text only announces the return visit; that it took place, where and with whom is added.",
            ),
        ),
        MeetingData(
            title=NEW_YORK_CONFERENCE,
            kind="conference",
            hosts=[NEW_YORK],
            starts_on=date(2023, 4, 21),
            ends_on=date(2023, 4, 22),
            venue="New York",
            delegations=[HALLE],
            participants=[ParticipantData(HALLE, "Maximilian Metz", "Marketingleiter", "EVG")],
            description=Text(
                "Zweitägige Abschlusskonferenz mit Vorträgen, Diskussionen und interaktiven Workshops. "
                "Für Halle (Saale) nimmt der Marketingleiter der EVG teil und stellt die Entwicklungen der "
                "„Smart City Halle“ in Wirtschaft, Mobilität und Bildung vor.",
                "A two-day closing conference with talks, discussions and interactive workshops. The EVG's head of "
                "marketing takes part for Halle (Saale) and presents the developments of “Smart City Halle” in the "
                "economy, mobility and education.",
            ),
            costs=[
                CostData(
                    "Reise und Teilnahme an der Abschlusskonferenz", municipality=HALLE, municipality_share=Decimal("0")
                )
            ],
            source=cite(
                SEED_001,
                PRESS,
                "Maximilian Metz, Marketingleiter der EVG, nimmt am 21. und 22. April 2023 an der Abschlusskonferenz "
                "in New York teil; „Der Stadt Halle (Saale) entstehen für Reise und Teilnahme … keine Kosten.“",
                "Maximilian Metz, the EVG's head of marketing, attends the closing conference in New York on 21 and "
                "22 April 2023; the trip costs the city of Halle (Saale) nothing.",
            ),
        ),
    ],
)

KLEINSTADTAKADEMIE = ProgrammeData(
    slug="kleinstadtakademie",
    name=Text("Kleinstadtakademie", "Kleinstadtakademie (Small Town Academy)"),
    description=Text(
        "Ein 2019 gestartetes Bundesprojekt, vom Bundesinstitut für Bau-, Stadt- und Raumforschung initiiert: "
        "Erfahrungsaustausch zwischen Kleinstädten vergleichbarer Größe, aber ganz unterschiedlicher "
        "wirtschaftlicher und gesellschaftlicher Voraussetzungen.\n\n"
        "**27 Kleinstädte, sechs Leitkommunen.** Jede Leitkommune leitet einen Verbund von Partnerstädten zu "
        "einem selbst gewählten Thema. Namentlich bekannt ist der Verbund „Digitale Arbeitswelten“ mit Wittenberge "
        "als Leitkommune und vier Partnerstädten.",
        "A federal project started in 2019 on the initiative of the Federal Institute for Research on Building, "
        "Urban Affairs and Spatial Development: an exchange of experience between small towns of similar size but "
        "very different economic and social conditions.\n\n"
        "**27 small towns, six lead towns.** Each lead town leads a network of partner towns on a topic of its "
        "choosing. Known by name is the network “Digital working worlds”, with Wittenberge as its lead town and "
        "four partner towns.",
    ),
    organiser="BBSR",
    funders=["BMWSB"],
    countries=["DE"],
    status="running",
    starts_on=date(2019, 1, 1),
    ends_on=None,
    date_precision="year",
    min_population=5000,
    max_population=20000,
    source=cite(
        SEED_003,
        PRESS,
        "„Vertreterinnen und Vertreter von insgesamt 27 Kleinstädten“; Wittenberge „eine von sechs Leitkommunen“; "
        "Städte vergleichbarer Größe (5.000 bis 20.000 Einwohner); Projekt 2019 gestartet.",
        "representatives of 27 small towns in all; Wittenberge is one of six lead towns; towns of similar size "
        "(5,000 to 20,000 inhabitants); the project started in 2019.",
    ),
    networks=[
        NetworkData(
            Text("Digitale Arbeitswelten", "Digital working worlds"),
            Text(
                "Zeit- und ortsunabhängiges Arbeiten in Kleinstädten, Coworking",
                "Working independent of time and place in small towns, coworking",
            ),
            WITTENBERGE,
            [MOELLN, DIESSEN, OESTRICH_WINKEL, DIPPOLDISWALDE],
        )
    ],
    meetings=[
        MeetingData(
            title=Text(
                "Digitale Arbeitswelten: Erfahrungsaustausch in Wittenberge",
                "Digital working worlds: exchange of experience in Wittenberge",
            ),
            kind="exchange_meeting",
            hosts=[WITTENBERGE],
            starts_on=date(2023, 4, 24),
            ends_on=date(2023, 4, 25),
            venue="Rathaus Wittenberge und ehemaliges Kaufhaus Magnet (künftige Stadtbibliothek)",
            delegations=[MOELLN, DIESSEN, OESTRICH_WINKEL, DIPPOLDISWALDE],
            description=Text(
                "Zweitägiger Erfahrungsaustausch mit Rahmenprogramm und Stadtführungen. Wittenberge hat im "
                "Projekt *summer of pioneers* Erfahrungen mit Coworking gesammelt; auch das "
                "Bahnhofsempfangsgebäude soll einen Coworking Space erhalten.",
                "A two-day exchange of experience with a side programme and guided tours of the town. Wittenberge "
                "gained experience with coworking in the *summer of pioneers* project; the station building is to "
                "house a coworking space too.",
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
            ],
            report=Text(
                "Vertreterinnen und Vertreter von insgesamt 27 Kleinstädten aus dem gesamten Bundesgebiet.",
                "Representatives of 27 small towns from all over Germany.",
            ),
            source=cite(
                SEED_003,
                PRESS,
                "„Wittenberge war am 24. und 25. April Gastgeber für einen Erfahrungsaustausch innerhalb des "
                "Bundesprojekts Kleinstadtakademie.“",
                "Wittenberge hosted an exchange of experience within the federal Kleinstadtakademie project on 24 and "
                "25 April.",
            ),
            assumption=Text(
                "Die Uhrzeiten der Programmpunkte: der Text nennt nur die Eröffnung und den Montagnachmittag.",
                "The times of the agenda: the text names only the opening and the Monday afternoon.",
            ),
        ),
    ],
)

INNOVATORS_CLUB = ProgrammeData(
    slug="innovators-club",
    name=Text("Innovators Club des DStGB", "Innovators Club of the DStGB"),
    description=Text(
        "Die Ideenschmiede des Deutschen Städte- und Gemeindebunds. Fazit der Innovators Lounge in Darmstadt: "
        "Digitalisierung in den Kommunen gelingt nur, wenn der Wissens- und Erfahrungsaustausch zwischen Städten "
        "und Gemeinden intensiviert wird und Erkenntnisse aus Pilotprojekten **verfügbar und übertragbar** werden.",
        "The think tank of the German Association of Towns and Municipalities. The conclusion of the Innovators "
        "Lounge in Darmstadt: digitalisation in municipalities succeeds only if towns exchange more knowledge and "
        "experience and the lessons of pilot projects become **available and transferable**.",
    ),
    organiser="DStGB",
    funders=[],
    countries=["DE"],
    status="running",
    starts_on=None,
    ends_on=None,
    source=cite(
        SEED_002,
        REPORT,
        "„Der Innovators Club, Ideenschmiede des DStGB, hat dazu Kommunalvertreter aus ganz Deutschland in die "
        "Digitalstadt Darmstadt eingeladen.“",
        "the Innovators Club, the DStGB's think tank, invited municipal representatives from all over Germany to "
        "the Digitalstadt Darmstadt.",
    ),
    meetings=[
        MeetingData(
            title=Text(
                "Innovators Lounge in der Digitalstadt Darmstadt", "Innovators Lounge in the Digitalstadt Darmstadt"
            ),
            kind="exchange_meeting",
            hosts=[DARMSTADT],
            starts_on=date(2019, 8, 1),
            ends_on=date(2019, 8, 1),
            date_precision="month",
            description=Text(
                "Kommunalvertreter aus ganz Deutschland in der Digitalstadt Darmstadt, „Leuchtturm und Labor“.",
                "Municipal representatives from all over Germany in the Digitalstadt Darmstadt, “lighthouse and lab”.",
            ),
            report=Text(
                "„Es ist wichtig, dass es uns gelingt, die Erkenntnisse aus Darmstadt, aber auch aus anderen "
                "Kommunen, verfügbar zu machen und auf andere Städte und Gemeinden zu übertragen.“ "
                "(Kristina Sinemus, Hessische Digitalministerin). Redner: Alexander Handschuh (DStGB).",
                "“It is important that we succeed in making the lessons from Darmstadt, and from other municipalities "
                "too, available and transferring them to other towns.” (Kristina Sinemus, Hesse's minister for "
                "digital affairs). Speaker: Alexander Handschuh (DStGB).",
            ),
            source=cite(
                SEED_002,
                REPORT,
                "„Zur Innovators Lounge hat der Innovators Club in die digitale Vorreiterstadt Darmstadt eingeladen.“",
                "the Innovators Club invited to its Innovators Lounge in Darmstadt, a digital pioneer city.",
            ),
            assumption=Text(
                "Der Monat: der Text nennt kein Datum der Lounge, nur das seines Berichts (29.8.2019).",
                "The month: the text gives no date for the lounge, only that of its report (29 Aug 2019).",
            ),
        ),
    ],
)

SMART_CITY_TITLE = Text("Smart City in der sozialen Stadt", "Smart City in the Social City")
SMART_CITY_PRESENTATION_TITLE = Text(
    "Smart City in der sozialen Stadt: Vorstellung der Ergebnisse und Handlungsempfehlungen",
    "Smart City in the Social City: presentation of the findings and recommendations",
)
SEED_004_SOURCE = cite(
    SEED_004, INVITATION,
    "„Vorstellung der Ergebnisse und Handlungsempfehlungen der Studie ‚Smart City in der sozialen Stadt‘ … am "
    "Montag, 02. Dezember 2019, von 17.00 Uhr bis 20.00 Uhr, in der Friedrich-Ebert-Stiftung Berlin“.",
    "the presentation of the findings and recommendations of the study “Smart City in der sozialen Stadt” on "
    "Monday, 2 December 2019, 5–8 pm, at the Friedrich-Ebert-Stiftung in Berlin.",
)  # fmt: skip

# Costs an earlier version of the demo described otherwise: their old description and the one they get now.
RENAMED_COSTS = {
    "Reise und Teilnahme an der Abschlusskonferenz (Halle (Saale))": "Reise und Teilnahme an der Abschlusskonferenz"
}

# A public presentation outside any programme (seed 004). Registration went through the foundation's own form,
# so the platform takes none.
SMART_CITY_PRESENTATION = MeetingData(
    title=SMART_CITY_PRESENTATION_TITLE,
    kind="presentation",
    hosts=[BERLIN],
    starts_on=date(2019, 12, 2),
    ends_on=date(2019, 12, 2),
    venue="Friedrich-Ebert-Stiftung Berlin",
    description=Text(
        "Die Projektgruppe der Friedrich-Ebert-Stiftung stellt die Ergebnisse und Handlungsempfehlungen ihrer Studie "
        "vor, mit gemeinsamer Diskussion. Anmeldung über das Formular der Stiftung: "
        "<https://www.fes.de/lnk/smartcity-programm>.",
        "The Friedrich-Ebert-Stiftung's project group presents the findings and recommendations of its study, "
        "followed by a discussion. Registration through the foundation's form: "
        "<https://www.fes.de/lnk/smartcity-programm>.",
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
    source=SEED_004_SOURCE,
)

SMART_CITY_STUDY = PublicationData(
    title=SMART_CITY_TITLE,
    publisher="Friedrich-Ebert-Stiftung",
    summary=Text(
        "Eine Projektgruppe der Friedrich-Ebert-Stiftung hat Chancen und Gefahren digitaler Technik für Städte "
        "untersucht und Städte und Kommunen mit ersten oder umfangreichen Erfahrungen mit digitalen Werkzeugen "
        "besucht.\n\n"
        "**Ihre Empfehlungen, zusammengefasst:**\n\n"
        "- *Smart City* soll eine kluge Stadt heißen: gut und lebenswert für alle, die in ihr wohnen.\n"
        "- Der Mensch steht im Mittelpunkt, nicht die Technik: Digitalpolitik fragt zuerst nach guter Arbeit, "
        "lebenswerten Städten, lokaler Wertschöpfung und nachhaltiger sozialer Infrastruktur.\n"
        "- Bewohnerschaft und örtliche Betriebe sollen mitwirken und mitgestalten können.\n"
        "- Versorgung soll ressourcensparend und klimafreundlich sein.\n"
        "- Kommunen sollen Gestalter analoger wie digitaler Räume werden und bleiben: Technik folgt Entscheidungen, "
        "die Menschen treffen.",
        "A project group of the Friedrich-Ebert-Stiftung examined the opportunities and dangers of digital "
        "technology for cities and visited towns with first or extensive experience of digital tools.\n\n"
        "**Its recommendations, in brief:**\n\n"
        "- *Smart city* should mean a wise city: good and liveable for everyone who lives there.\n"
        "- People come first, not technology: digital policy starts from good work, liveable cities, local value "
        "creation and sustainable social infrastructure.\n"
        "- Residents and local businesses should be able to take part and shape the city.\n"
        "- Public services should save resources and protect the climate.\n"
        "- Municipalities should become, and remain, the shapers of analogue and digital spaces alike: technology "
        "follows decisions that people make.",
    ),
    topics=["smart-city"],
    presented_at=SMART_CITY_PRESENTATION_TITLE,
    source=SEED_004_SOURCE,
)

PROGRAMMES = [TRANSATLANTIC, KLEINSTADTAKADEMIE, INNOVATORS_CLUB]
