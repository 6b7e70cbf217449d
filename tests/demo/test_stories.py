"""The five seed stories, told as their sources tell them: every record cites its source, what the texts do not
say is marked as an assumption outside the public text, and no page carries a note to ourselves."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import translation

from austausch.citizens.models import Comment, CommentKind, CommentStatus
from austausch.knowledge.models import Practice, Publication
from austausch.organisations.models import Organisation
from austausch.outcomes.models import Commitment, Transfer
from austausch.programmes.models import Meeting, Participation, Programme

NOTES_TO_OURSELVES = ["Annahme für die Demo", "angenommen", "ungefähr", "Assumption for the demo", "approximate"]
TRANSATLANTIC = "/programmes/transatlantic-cities-of-tomorrow/"


@pytest.fixture
def demo(demo_towns: None, run_demo: Callable[[], str]) -> None:
    run_demo()


def text_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(response.content.decode().split())


def demo_pages() -> list[str]:
    """Every public page of the demo, without its language prefix."""
    with translation.override("de"):
        urls = [programme.get_absolute_url() for programme in Programme.objects.all()]
        urls += [meeting.get_absolute_url() for meeting in Meeting.objects.all()]
        urls += [commitment.get_absolute_url() for commitment in Commitment.objects.all()]
        urls += [practice.get_absolute_url() for practice in Practice.objects.all()]
        urls += [publication.get_absolute_url() for publication in Publication.objects.all()]
        urls += [organisation.get_absolute_url() for organisation in Organisation.objects.all()]
    urls += [f"/de/outcomes/programmes/{slug}/" for slug in Programme.objects.values_list("slug", flat=True)]
    urls += [f"/de/outcomes/towns/{key}/" for key in ("DE-15002000", "DE-12070424", "DE-01053090")]
    return [url.removeprefix("/de") for url in urls]


def test_no_demo_page_carries_a_note_to_ourselves(demo: None, client: Client) -> None:
    pages = demo_pages()
    assert len(pages) > 20
    for url in pages:
        for language in ("de", "en"):
            page = text_of(client, f"/{language}{url}")
            found = [note for note in NOTES_TO_OURSELVES if note.lower() in page.lower()]
            assert not found, f"/{language}{url}: {found}"


def test_every_demo_record_cites_its_source(demo: None, client: Client) -> None:
    for model in (Programme, Meeting, Commitment, Practice, Publication, Transfer):
        assert not model.objects.filter(source_note="").exists(), model.__name__
        assert all(note.startswith("Seed 00") for note in model.objects.values_list("source_note", flat=True))
    page = text_of(client, "/de" + TRANSATLANTIC)
    assert "Über dieses Beispiel" in page or "About this example" in page
    assert "Seed 000" in page


def test_what_the_texts_do_not_say_is_marked_as_an_assumption_not_written_into_the_text(
    demo: None, client: Client
) -> None:
    e_file = Commitment.objects.get(title__contains="(E-Akte)")
    assert e_file.assumption_note and "2021" not in e_file.description
    page = text_of(client, "/en" + e_file.get_absolute_url().removeprefix("/de"))
    assert 'kern-badge--warning"><span class="kern-label kern-label--small">Assumption' in page
    transfer = Transfer.objects.get()
    assert transfer.assumption_note and not transfer.adaptations


def test_dates_are_as_exact_as_the_texts(demo: None, client: Client) -> None:
    page = text_of(client, "/en" + TRANSATLANTIC)
    assert "2019 – 2023" in page  # the programme: from the first visit in 2019 to the closing conference
    assert "November 2022" in page and "December 2022" in page
    assert "7 Nov" not in page and "3 Jun" not in page and "3. Jun" not in page
    german = text_of(client, "/de" + TRANSATLANTIC)
    assert "Dezember 2022" in german


def test_the_transatlantic_programme_names_every_town_of_its_texts(demo: None, client: Client) -> None:
    page = text_of(client, "/de" + TRANSATLANTIC)
    towns = page.split('id="towns-heading"')[1].split("</section>")[0]
    for name in ("Darmstadt", "Dortmund", "Halle (Saale)", "Heidelberg", "Leipzig", "Magdeburg", "Mainz",
                 "Stuttgart", "Hamburg", "Schwerin", "Rostock", "Charlotte", "Knoxville", "Nashville",
                 "Philadelphia", "Trenton", "Princeton", "Newark", "Jersey City", "New York"):  # fmt: skip
        assert name in towns, name
    assert "No meetings in this round yet" not in page and "Noch keine Treffen in dieser Runde" not in page
    english = text_of(client, "/en" + TRANSATLANTIC)
    assert "No meeting of this round is recorded." in english
    assert "Abschlusskonferenz (Halle (Saale))" not in page


def test_the_person_the_press_names_is_a_participant_without_an_account(demo: None, client: Client) -> None:
    participant = Participation.objects.get()
    assert participant.person is None and participant.public_name == "Maximilian Metz"
    assert participant.organisation is not None and participant.organisation.abbreviation == "EVG"
    assert participant.delegation.municipality.name == "Halle (Saale)"
    page = text_of(client, "/en" + participant.delegation.meeting.get_absolute_url().removeprefix("/de"))
    assert "Maximilian Metz, Marketingleiter (Entwicklungs- und Verwaltungsgesellschaft" in page


def test_the_kleinstadtakademie_gives_its_counts_and_a_formatted_population_range(demo: None, client: Client) -> None:
    page = text_of(client, "/de/programmes/kleinstadtakademie/")
    assert "27 Kleinstädte, sechs Leitkommunen" in page
    assert "5.000" in page and "20.000" in page and "5000" not in page


def test_the_fes_study_is_a_publication_found_by_the_api_and_linked_to_its_presentation(
    demo: None, client: Client
) -> None:
    answer = client.get("/api/v1/publications", {"q": "Smart City"}).json()
    titles = [item["title"] for item in answer["items"]]
    assert "Smart City in der sozialen Stadt" in titles
    study = Publication.objects.get(title="Smart City in der sozialen Stadt")
    presentation = study.meetings.get()
    assert presentation.kind == "presentation" and not presentation.registration_open
    page = text_of(client, "/de" + study.get_absolute_url().removeprefix("/de"))
    assert presentation.title in page and "Empfehlungen" in page
    assert study.title in text_of(client, "/de" + presentation.get_absolute_url().removeprefix("/de"))


def test_darmstadt_has_a_practice_with_what_others_can_take_over(demo: None) -> None:
    practice = Practice.objects.get(municipalities__name="Darmstadt")
    assert practice.is_published and "übernehmen" in practice.body and practice.lessons_worked


def test_the_readers_question_is_a_citizen_question_on_the_commitment(demo: None, client: Client) -> None:
    e_file = Commitment.objects.get(title__contains="(E-Akte)")
    question = Comment.objects.on(e_file).get()
    assert question.kind == CommentKind.QUESTION and question.status == CommentStatus.PUBLISHED
    assert "eAkte" in question.body and "eAkte" not in e_file.description
    page = text_of(client, "/de" + e_file.get_absolute_url().removeprefix("/de"))
    assert "keine eAkte im Gesundheitsamt?" in page
    assert 'kern-badge--danger"><span class="kern-label kern-label--small">überfällig' in page


def test_organisations_have_their_right_kind_and_sector(demo: None) -> None:
    assert Organisation.objects.get(abbreviation="BBSR").kind == "institute"
    assert Organisation.objects.get(abbreviation="DStGB").sector != "public_agency"


def test_the_programme_pages_show_the_readers_language(demo: None, client: Client) -> None:
    english = text_of(client, "/en/programmes/kleinstadtakademie/")
    assert "<h1>Kleinstadtakademie (Small Town Academy)</h1>" in english
    assert "27 small towns, six lead towns." in english and "27 Kleinstädte" not in english
    german = text_of(client, "/de/programmes/kleinstadtakademie/")
    assert "<h1>Kleinstadtakademie</h1>" in german and "27 Kleinstädte, sechs Leitkommunen." in german
    assert "27 small towns" not in german
