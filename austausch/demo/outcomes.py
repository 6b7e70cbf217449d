"""Commitments, updates, a transfer and two practices for the seed programmes, so that the "what came of it"
pages are filled.

Only what the seed texts say is stated as fact; where the demo needs more (a commitment nobody reported, a due
date, a transfer), the record's `assumption_note` says so and pages show it under the "assumption" badge.
Idempotent: what exists (by title) keeps its identity and has its texts brought up to date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from austausch.accounts.models import User
from austausch.citizens.models import Comment
from austausch.citizens.services import record_public_question
from austausch.demo import data as seeds
from austausch.demo.data import NO_TEXT, PRESS, SEED_001, SEED_002, SEED_003, Text, cite
from austausch.demo.texts import as_fields, refresh
from austausch.knowledge.models import Practice, Topic
from austausch.knowledge.services import create_practice
from austausch.organisations.models import Organisation
from austausch.outcomes.models import Commitment, CommitmentState, Transfer, TransferState
from austausch.outcomes.services import create_commitment, create_transfer, post_update
from austausch.programmes.models import Meeting
from austausch.registry.models import Municipality

REFRESHED = "demo.record.refreshed"


@dataclass(frozen=True)
class UpdateData:
    on: date
    text: str
    new_state: str = ""
    link: str = ""


@dataclass(frozen=True)
class CommitmentData:
    town: str
    meeting: Text  # the title of a seed meeting
    title: Text
    description: Text
    source: Text
    assumption: Text = NO_TEXT
    owner_role: str = ""
    owner_organisation: str = ""  # an organisation's German name
    due_on: date | None = None
    success_indicator: Text = NO_TEXT
    practice: str = ""  # the German title of a demo practice
    updates: list[UpdateData] = field(default_factory=list)
    reader_questions: list[str] = field(default_factory=list)  # asked in public, quoted as the source gives them


@dataclass(frozen=True)
class PracticeData:
    town: str
    title: Text
    summary: Text
    body: Text
    lessons_worked: Text
    topics: list[str]
    status: str
    source: Text


WITTENBERGE_MEETING = Text(
    "Digitale Arbeitswelten: Erfahrungsaustausch in Wittenberge",
    "Digital working worlds: exchange of experience in Wittenberge",
)
SUMMER_OF_PIONEERS = PracticeData(
    town=seeds.WITTENBERGE,
    title=Text(
        "summer of pioneers: Coworking auf Probe in Wittenberge",
        "summer of pioneers: coworking on trial in Wittenberge",
    ),
    summary=Text(
        "Im Projekt summer of pioneers hat Wittenberge positive Erfahrungen mit Coworking gesammelt: "
        "zeit- und ortsunabhängiges Arbeiten in einer Kleinstadt.",
        "In the summer of pioneers project Wittenberge had good experience with coworking: working independent "
        "of time and place in a small town.",
    ),
    body=NO_TEXT,
    lessons_worked=NO_TEXT,
    topics=["coworking"],
    status="completed",
    source=cite(
        SEED_003,
        PRESS,
        "„Im Rahmen des Projekts summer of pioneers hat Wittenberge bereits positive Erfahrungen mit dem Thema "
        "Coworking gesammelt.“",
        "in the summer of pioneers project Wittenberge has already had good experience with coworking.",
    ),
)
DIGITALSTADT_DARMSTADT = PracticeData(
    town=seeds.DARMSTADT,
    title=Text(
        "Digitalstadt Darmstadt: Pilotprojekte als Leuchtturm und Labor",
        "Digitalstadt Darmstadt: pilot projects as lighthouse and lab",
    ),
    summary=Text(
        "Darmstadt erprobt als Digitalstadt zahlreiche Pilotprojekte. Der Deutsche Städte- und Gemeindebund nennt "
        "die Stadt „Leuchtturm und Labor“: ihre Erfahrungen sind ein Beitrag für alle Städte und Gemeinden.",
        "As the Digitalstadt, Darmstadt tries out many pilot projects. The German Association of Towns and "
        "Municipalities calls the city a “lighthouse and lab”: its experience is a contribution to all towns.",
    ),
    body=Text(
        "In der Digitalstadt Darmstadt laufen zahlreiche Pilotprojekte.\n\n"
        "**Was andere Kommunen übernehmen können:**\n\n"
        "- **Die Akteure einbinden**: Neben den Pilotprojekten war die Einbindung der verschiedenen Akteure von "
        "großer Bedeutung.\n"
        "- **Eine klare Ausrichtung**: Digitalisierung steht im Dienst der Menschen.\n"
        "- **Erfahrungen teilen**: Das Land Hessen will die Erkenntnisse aus Darmstadt und anderen Kommunen "
        "verfügbar machen und auf andere Städte und Gemeinden übertragen; der Austausch untereinander ist durch "
        "nichts zu ersetzen.",
        "Many pilot projects run in the Digitalstadt Darmstadt.\n\n**What other municipalities can take over:**\n\n"
        "- **Involve the stakeholders**: besides the pilot projects, involving the various stakeholders mattered "
        "most.\n"
        "- **A clear direction**: digitalisation serves people.\n"
        "- **Share the experience**: the state of Hesse wants to make the lessons of Darmstadt and other "
        "municipalities available and transfer them to other towns; nothing replaces exchange between them.",
    ),
    lessons_worked=Text(
        "Die Einbindung der verschiedenen Akteure und die klare Ausrichtung, Digitalisierung in den Dienst der "
        "Menschen zu stellen.",
        "Involving the various stakeholders, and the clear aim of putting digitalisation at the service of people.",
    ),
    topics=["smart-city"],
    status="running",
    source=cite(
        SEED_002,
        seeds.REPORT,
        "„Darmstadt ist Leuchtturm und Labor“ (DStGB); „Neben zahlreichen Pilotprojekten seien vor allem die "
        "Einbindung der verschiedenen Akteure und die klare Ausrichtung … von großer Bedeutung.“",
        "“Darmstadt is lighthouse and lab” (DStGB); besides many pilot projects, involving the stakeholders and "
        "the clear direction mattered most.",
    ),
)
PRACTICES = [SUMMER_OF_PIONEERS, DIGITALSTADT_DARMSTADT]

E_FILE_QUESTION = "Bereits 2019 gab es so einen Austausch und wir haben bis heute keine eAkte im Gesundheitsamt?"

COMMITMENTS = [
    CommitmentData(
        town=seeds.HALLE,
        meeting=seeds.STUDY_VISIT_2019,
        title=Text("Elektronische Akte (E-Akte) im Gesundheitsamt", "Electronic files (e-file) in the health office"),
        description=Text(
            "Das Gesundheitsamt der Stadt Halle (Saale) führt seine Akten elektronisch.",
            "The health office of the city of Halle (Saale) keeps its files electronically.",
        ),
        source=cite(
            SEED_001,
            PRESS,
            "Leserkommentar unter der Pressemitteilung: „Bereits 2019 gab es so einen Austausch und wir haben bis "
            "heute keine eAkte im Gesundheitsamt?“",
            "a reader's comment under the press release: “There was an exchange like this back in 2019, and we "
            "still have no e-file in the health office?”",
        ),
        assumption=Text(
            "Die Texte berichten von keiner Zusage: dass Halle nach der Studienreise 2019 die E-Akte zusagte, "
            "fällig Ende 2021, ist für das Beispiel ergänzt.",
            "The texts report no commitment: that Halle committed to the e-file after the 2019 study visit, due at "
            "the end of 2021, is added for this example.",
        ),
        owner_role="Gesundheitsamt der Stadt Halle (Saale)",
        due_on=date(2021, 12, 31),
        success_indicator=Text(
            "Das Gesundheitsamt führt seine Akten elektronisch.", "The health office keeps its files electronically."
        ),
        updates=[
            UpdateData(
                date(2023, 4, 22),
                "Stand im April 2023 laut Leserkommentar zur Pressemitteilung der Stadt: noch keine E-Akte im "
                "Gesundheitsamt.",
            )
        ],
        reader_questions=[E_FILE_QUESTION],
    ),
    CommitmentData(
        town=seeds.HALLE,
        meeting=seeds.NEW_YORK_CONFERENCE,
        title=Text(
            "Entwicklungen der „Smart City Halle“ mit internationalen Partnern teilen",
            "Share the developments of “Smart City Halle” with international partners",
        ),
        description=Text(
            "Die EVG stellt auf der Abschlusskonferenz die Entwicklungen der „Smart City Halle“ in den "
            "Kernbereichen Wirtschaft, Mobilität und Bildung vor.",
            "At the closing conference the EVG presents the developments of “Smart City Halle” in its core areas: "
            "the economy, mobility and education.",
        ),
        source=cite(
            SEED_001,
            PRESS,
            "„Wir nutzen die Gelegenheit, … die aktuellen Entwicklungen der ‚Smart City Halle‘ in den Kernbereichen "
            "Wirtschaft, Mobilität und Bildung mit internationalen Partnern zu teilen“ (Maximilian Metz, EVG).",
            "“We use the opportunity to share … the current developments of ‘Smart City Halle’ in the economy, "
            "mobility and education with international partners” (Maximilian Metz, EVG).",
        ),
        owner_organisation="Entwicklungs- und Verwaltungsgesellschaft Halle-Saalkreis",
        due_on=date(2023, 4, 22),
        success_indicator=Text("Vortrag auf der Abschlusskonferenz gehalten.", "Talk given at the closing conference."),
        updates=[
            UpdateData(
                date(2023, 4, 22),
                "Der Marketingleiter der EVG hat in New York teilgenommen und die „Smart City Halle“ vorgestellt. "
                "Der Stadt Halle (Saale) entstanden für Reise und Teilnahme keine Kosten.",
                new_state=CommitmentState.DONE,
            )
        ],
    ),
    CommitmentData(
        town=seeds.HALLE,
        meeting=seeds.NEW_YORK_CONFERENCE,
        title=Text(
            "Maßnahmen anderer Städte zur Stärkung digitaler Teilhabe auswerten",
            "Learn from other cities' measures to strengthen digital participation",
        ),
        description=Text(
            "„Die Konferenz ermöglicht es uns, mehr über Maßnahmen anderer Städte zur Stärkung digitaler Teilhabe "
            "einer smarten Stadtentwicklung zu erfahren.“ (EVG)",
            "“The conference lets us learn more about other cities' measures to strengthen digital participation "
            "in smart urban development.” (EVG)",
        ),
        source=cite(SEED_001, PRESS, "Zitat von Maximilian Metz (EVG).", "a quotation of Maximilian Metz (EVG)."),
        owner_organisation="Entwicklungs- und Verwaltungsgesellschaft Halle-Saalkreis",
    ),
    CommitmentData(
        town=seeds.WITTENBERGE,
        meeting=WITTENBERGE_MEETING,
        title=Text("Coworking Space im Bahnhofsempfangsgebäude", "A coworking space in the station building"),
        description=Text(
            "Im Projekt *summer of pioneers* hat Wittenberge positive Erfahrungen mit Coworking gesammelt; das "
            "Bahnhofsempfangsgebäude soll zukünftig einen Coworking Space, also einen Ort für mobiles Arbeiten, "
            "enthalten.",
            "Wittenberge had good experience with coworking in the *summer of pioneers* project; the station "
            "building is to house a coworking space, a place for mobile work.",
        ),
        source=cite(
            SEED_003,
            PRESS,
            "„Auch das Bahnhofsempfangsgebäude soll zukünftig einen Coworking Space … enthalten.“",
            "the station building is also to house a coworking space in future.",
        ),
        owner_role="Bauamt der Stadt Wittenberge",
        success_indicator=Text(
            "Der Coworking Space im Bahnhofsempfangsgebäude ist geöffnet.",
            "The coworking space in the station building is open.",
        ),
        practice=SUMMER_OF_PIONEERS.title.de,
    ),
    CommitmentData(
        town=seeds.WITTENBERGE,
        meeting=WITTENBERGE_MEETING,
        title=Text(
            "Angebote für digitales Arbeiten mit den Erfahrungen der Partnerstädte weiterentwickeln",
            "Develop the offers for digital work with the partner towns' experience",
        ),
        description=Text(
            "„Für uns ist es interessant zu erfahren, welche Erfahrungen andere Städte mit digitalen "
            "Arbeitsmodellen machen und wie wir unsere Angebote weiterentwickeln können.“ (Bauamtsleiter)",
            "“We are interested to hear what experience other towns have with digital ways of working and how we "
            "can develop our offers.” (head of the building authority)",
        ),
        source=cite(
            SEED_003,
            PRESS,
            "Zitat des Bauamtsleiters Martin Hahn.",
            "a quotation of Martin Hahn, head of the building authority.",
        ),
        owner_role="Bauamt der Stadt Wittenberge",
        updates=[
            UpdateData(
                date(2023, 4, 25),
                "Erfahrungsaustausch mit Vertreterinnen und Vertretern von 27 Kleinstädten in Wittenberge.",
                new_state=CommitmentState.IN_PROGRESS,
            )
        ],
    ),
]

COMMITMENTS.append(
    CommitmentData(
        town=seeds.DARMSTADT,
        meeting=Text(
            "Innovators Lounge in der Digitalstadt Darmstadt", "Innovators Lounge in the Digitalstadt Darmstadt"
        ),
        title=Text(
            "Erfahrungen aus den Pilotprojekten für andere Kommunen verfügbar machen",
            "Make the experience of the pilot projects available to other municipalities",
        ),
        description=Text(
            "„Als Pionier leistet die Stadt mit den hier gewonnenen Erfahrungen einen unschätzbar wertvollen "
            "Beitrag für alle Städte und Gemeinden.“ (DStGB)",
            "“As a pioneer, the city makes an invaluable contribution to all towns and municipalities with the "
            "experience gained here.” (DStGB)",
        ),
        source=cite(
            SEED_002,
            seeds.REPORT,
            "Zitat von Alexander Handschuh (DStGB); das Land Hessen will die Erkenntnisse aus Darmstadt „verfügbar "
            "machen und auf andere Städte und Gemeinden übertragen“.",
            "a quotation of Alexander Handschuh (DStGB); the state of Hesse wants to make the lessons of Darmstadt "
            "available and transfer them to other towns.",
        ),
        assumption=Text(
            "Die Texte berichten von keiner Zusage Darmstadts: dass die Stadt dies als Zusage festhält, ist ergänzt.",
            "The texts report no commitment by Darmstadt: that the city records this as a commitment is added.",
        ),
        owner_organisation="Digitalstadt Darmstadt",
        practice=DIGITALSTADT_DARMSTADT.title.de,
    )
)

MOELLN_TRANSFER_SOURCE = cite(
    SEED_003,
    PRESS,
    "Mölln gehört zum Verbund „Digitale Arbeitswelten“ unter Wittenberges Leitung.",
    "Mölln belongs to the “Digital working worlds” network led by Wittenberge.",
)
MOELLN_TRANSFER_ASSUMPTION = Text(
    "Die Texte berichten von keiner Übernahme: dass Mölln Wittenberges Coworking prüft, ist ergänzt.",
    "The texts report no transfer: that Mölln is considering Wittenberge's coworking is added.",
)


@transaction.atomic
def load_outcomes(actor: User) -> Counter[str]:
    """Add what is missing and refresh what changed; return how many of each (empty on a second run)."""
    created: Counter[str] = Counter()
    towns = {town.key: town for town in Municipality.objects.filter(key__in=seeds.TOWNS)}
    practices = {item.title.de: _practice(actor, item, towns, created) for item in PRACTICES}
    for item in COMMITMENTS:
        _commitment(actor, item, towns, practices, created)
    moelln, practice = towns[seeds.MOELLN], practices[SUMMER_OF_PIONEERS.title.de]
    notes = {"source_note": MOELLN_TRANSFER_SOURCE, "assumption_note": MOELLN_TRANSFER_ASSUMPTION, "adaptations": ""}
    transfer = Transfer.objects.filter(municipality=moelln, practice=practice).first()
    if transfer is None:
        create_transfer(
            actor=actor,
            municipality=moelln,
            practice=practice,
            origin_municipality=towns[seeds.WITTENBERGE],
            meeting=_meeting(WITTENBERGE_MEETING),
            state=TransferState.CONSIDERING,
            started_on=date(2023, 4, 25),
            **as_fields(Transfer, **notes),
        )
        created["transfers"] += 1
    elif refresh(transfer, actor=actor, action=REFRESHED, **notes):
        created["transfers refreshed"] += 1
    return created


def _meeting(title: Text) -> Meeting:
    return Meeting.objects.select_related("programme").get(title=title.de)


def _commitment(
    actor: User,
    item: CommitmentData,
    towns: dict[str, Municipality],
    practices: dict[str, Practice],
    created: Counter[str],
) -> None:
    values = {
        "title": item.title,
        "description": item.description,
        "success_indicator": item.success_indicator,
        "due_on": item.due_on,
        "source_note": item.source,
        "assumption_note": item.assumption,
    }
    town = towns[item.town]
    commitment = Commitment.objects.filter(municipality=town, title=item.title.de).first()
    if commitment is None:
        commitment = create_commitment(
            actor=actor,
            municipality=town,
            meeting=_meeting(item.meeting),
            owner_role=item.owner_role,
            owner_organisation=Organisation.objects.get(name=item.owner_organisation)
            if item.owner_organisation
            else None,
            practice=practices.get(item.practice),
            **as_fields(Commitment, **values),
        )
        created["commitments"] += 1
        for update in item.updates:
            post_update(
                actor=actor,
                commitment=commitment,
                on=update.on,
                text=update.text,
                link=update.link,
                new_state=update.new_state,
            )
            created["commitment updates"] += 1
    elif refresh(commitment, actor=actor, action=REFRESHED, **values):
        created["commitments refreshed"] += 1
    for question in item.reader_questions:
        if not Comment.objects.on(commitment).filter(body=question).exists():
            record_public_question(actor=actor, target=commitment, body=question)
            created["reader questions"] += 1


def _practice(actor: User, item: PracticeData, towns: dict[str, Municipality], created: Counter[str]) -> Practice:
    values = {
        "title": item.title,
        "summary": item.summary,
        "body": item.body,
        "lessons_worked": item.lessons_worked,
        "source_note": item.source,
    }
    practice = Practice.objects.filter(title=item.title.de).first()
    if practice is None:
        practice = create_practice(
            actor=actor,
            municipalities=[towns[item.town]],
            topics=Topic.objects.filter(slug__in=item.topics),
            publish=True,
            language="de",
            status=item.status,
            **as_fields(Practice, **values),
        )
        created["practices"] += 1
    elif refresh(practice, actor=actor, action=REFRESHED, **values):
        created["practices refreshed"] += 1
    return practice
