"""Commitments, updates and a transfer for the seed programmes, so that the "what came of it" pages are filled.

Only what the seed texts say is stated as fact. Where the demo needs more (a due date, a transfer the texts
do not report), the text says it is an assumption. Idempotent: what exists (by title) is left alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from austausch.accounts.models import User
from austausch.demo import data as seeds
from austausch.knowledge.models import Practice, Topic
from austausch.knowledge.services import create_practice
from austausch.organisations.models import Organisation
from austausch.outcomes.models import Commitment, CommitmentState, Transfer, TransferState
from austausch.outcomes.services import create_commitment, create_transfer, post_update
from austausch.programmes.models import Meeting
from austausch.registry.models import Municipality

ASSUMED = "Annahme für die Demo: {what}"


@dataclass(frozen=True)
class UpdateData:
    on: date
    text: str
    new_state: str = ""
    link: str = ""


@dataclass(frozen=True)
class CommitmentData:
    town: str
    meeting: str  # the title of a seed meeting
    title: str
    description: str
    owner_role: str = ""
    owner_organisation: str = ""  # an organisation's name
    due_on: date | None = None
    success_indicator: str = ""
    practice: str = ""  # the title of a demo practice
    updates: list[UpdateData] = field(default_factory=list)


SUMMER_OF_PIONEERS = "summer of pioneers: Coworking auf Probe in Wittenberge"

COMMITMENTS = [
    CommitmentData(
        town=seeds.HALLE,
        meeting="Studienreise nach Charlotte, Knoxville und Nashville",
        title="Elektronische Akte (E-Akte) im Gesundheitsamt",
        description=(
            "Unter der Pressemitteilung vom April 2023 fragt eine Leserin: „Bereits 2019 gab es so einen "
            "Austausch und wir haben bis heute keine eAkte im Gesundheitsamt?“ Diese Zusage zeigt, wie die Frage "
            "hier beantwortet würde. "
            + ASSUMED.format(what="dass die Stadt nach der Studienreise 2019 die E-Akte zugesagt hat, und das Datum.")
        ),
        owner_role="Gesundheitsamt der Stadt Halle (Saale)",
        due_on=date(2021, 12, 31),
        success_indicator="Das Gesundheitsamt führt seine Akten elektronisch.",
        updates=[
            UpdateData(
                date(2023, 4, 22),
                "Stand im April 2023 laut Leserkommentar zur Pressemitteilung der Stadt: noch keine E-Akte im "
                "Gesundheitsamt.",
            )
        ],
    ),
    CommitmentData(
        town=seeds.HALLE,
        meeting="Abschlusskonferenz in New York",
        title="Entwicklungen der „Smart City Halle“ mit internationalen Partnern teilen",
        description=(
            "Die EVG stellt auf der Abschlusskonferenz die Entwicklungen der „Smart City Halle“ in den "
            "Kernbereichen Wirtschaft, Mobilität und Bildung vor."
        ),
        owner_organisation="Entwicklungs- und Verwaltungsgesellschaft Halle-Saalkreis",
        due_on=date(2023, 4, 22),
        success_indicator="Vortrag auf der Abschlusskonferenz gehalten.",
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
        meeting="Abschlusskonferenz in New York",
        title="Maßnahmen anderer Städte zur Stärkung digitaler Teilhabe auswerten",
        description=(
            "„Die Konferenz ermöglicht es uns, mehr über Maßnahmen anderer Städte zur Stärkung digitaler Teilhabe "
            "einer smarten Stadtentwicklung zu erfahren.“ (EVG)"
        ),
        owner_organisation="Entwicklungs- und Verwaltungsgesellschaft Halle-Saalkreis",
    ),
    CommitmentData(
        town=seeds.WITTENBERGE,
        meeting="Digitale Arbeitswelten: Erfahrungsaustausch in Wittenberge",
        title="Coworking Space im Bahnhofsempfangsgebäude",
        description=(
            "Im Projekt *summer of pioneers* hat Wittenberge positive Erfahrungen mit Coworking gesammelt; das "
            "Bahnhofsempfangsgebäude soll zukünftig einen Coworking Space, also einen Ort für mobiles Arbeiten, "
            "enthalten."
        ),
        owner_role="Bauamt der Stadt Wittenberge",
        success_indicator="Der Coworking Space im Bahnhofsempfangsgebäude ist geöffnet.",
        practice=SUMMER_OF_PIONEERS,
    ),
    CommitmentData(
        town=seeds.WITTENBERGE,
        meeting="Digitale Arbeitswelten: Erfahrungsaustausch in Wittenberge",
        title="Angebote für digitales Arbeiten mit den Erfahrungen der Partnerstädte weiterentwickeln",
        description=(
            "„Für uns ist es interessant zu erfahren, welche Erfahrungen andere Städte mit digitalen "
            "Arbeitsmodellen machen und wie wir unsere Angebote weiterentwickeln können.“ (Bauamtsleiter)"
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
    CommitmentData(
        town=seeds.DARMSTADT,
        meeting="Innovators Lounge in der Digitalstadt Darmstadt",
        title="Erfahrungen aus den Pilotprojekten für andere Kommunen verfügbar machen",
        description=(
            "„Als Pionier leistet die Stadt mit den hier gewonnenen Erfahrungen einen unschätzbar wertvollen "
            "Beitrag für alle Städte und Gemeinden.“ (DStGB) "
            + ASSUMED.format(what="dass Darmstadt dies als Zusage festhält.")
        ),
        owner_organisation="Digitalstadt Darmstadt",
    ),
]


@transaction.atomic
def load_outcomes(actor: User) -> Counter[str]:
    """Add what is missing; return how many of each kind were created (empty on a second run)."""
    created: Counter[str] = Counter()
    towns = {town.key: town for town in Municipality.objects.filter(key__in=seeds.TOWNS)}
    practice = _summer_of_pioneers(actor, towns[seeds.WITTENBERGE], created)
    for item in COMMITMENTS:
        meeting = Meeting.objects.select_related("programme").get(title=item.meeting)
        commitment = Commitment.objects.filter(municipality=towns[item.town], title=item.title).first()
        if commitment is not None:
            continue
        commitment = create_commitment(
            actor=actor,
            municipality=towns[item.town],
            meeting=meeting,
            title=item.title,
            description=item.description,
            owner_role=item.owner_role,
            owner_organisation=Organisation.objects.get(name=item.owner_organisation)
            if item.owner_organisation
            else None,
            due_on=item.due_on,
            success_indicator=item.success_indicator,
            practice=practice if item.practice == SUMMER_OF_PIONEERS else None,
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
    moelln = towns[seeds.MOELLN]
    if not Transfer.objects.filter(municipality=moelln, practice=practice).exists():
        create_transfer(
            actor=actor,
            municipality=moelln,
            practice=practice,
            origin_municipality=towns[seeds.WITTENBERGE],
            meeting=Meeting.objects.get(title="Digitale Arbeitswelten: Erfahrungsaustausch in Wittenberge"),
            state=TransferState.CONSIDERING,
            started_on=date(2023, 4, 25),
            adaptations=ASSUMED.format(
                what="die Pressetexte berichten von keiner Übernahme. Die Zeile zeigt, wie das Übernahmeregister "
                "eine Partnerstadt aus dem Verbund „Digitale Arbeitswelten“ führt, die Coworking prüft."
            ),
        )
        created["transfers"] += 1
    return created


def _summer_of_pioneers(actor: User, wittenberge: Municipality, created: Counter[str]) -> Practice:
    practice = Practice.objects.filter(title=SUMMER_OF_PIONEERS).first()
    if practice is None:
        practice = create_practice(
            actor=actor,
            municipalities=[wittenberge],
            topics=Topic.objects.filter(slug="coworking"),
            publish=True,
            title=SUMMER_OF_PIONEERS,
            summary=(
                "Im Projekt summer of pioneers hat Wittenberge positive Erfahrungen mit Coworking gesammelt: "
                "zeit- und ortsunabhängiges Arbeiten in einer Kleinstadt."
            ),
            language="de",
            status="completed",
            source_note="Pressemitteilung der Stadt Wittenberge zum Erfahrungsaustausch der Kleinstadtakademie",
        )
        created["practices"] += 1
    return practice
