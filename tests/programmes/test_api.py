"""The API: published programmes, meetings and networks for everyone; rounds added by coordinators only."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from austausch.accounts.models import User
from austausch.programmes.models import FileKind, Meeting, Programme
from austausch.programmes.services.meetings import update_meeting
from austausch.programmes.services.programmes import add_round
from austausch.programmes.services.records import add_file


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_programmes_meetings_and_networks_are_listed(client: Client, visit: Meeting) -> None:
    programmes = client.get("/api/v1/programmes").json()
    assert programmes["count"] == 1 and programmes["items"][0]["slug"] == "tcot"
    meetings = client.get("/api/v1/meetings?town=de-02000000").json()
    assert meetings["count"] == 1
    assert sorted(meetings["items"][0]["host_municipalities"]) == ["US-1840000673", "US-1840001383"]
    assert sorted(meetings["items"][0]["delegations"]) == ["DE-02000000", "DE-13004000"]
    networks = client.get("/api/v1/networks").json()
    assert networks["items"][0]["lead"] == "DE-12070424" and len(networks["items"][0]["members"]) == 3


def test_drafts_are_not_in_the_api(client: Client, coordinator: User, visit: Meeting) -> None:
    update_meeting(actor=coordinator, meeting=visit, published=False)
    assert client.get("/api/v1/meetings").json()["count"] == 0
    response = client.get(f"/api/v1/meetings/{visit.pk}")
    assert response.status_code == 404 and "detail" in response.json()


def test_only_coordinators_add_rounds(client: Client, coordinator: User, outsider: User, programme: Programme) -> None:
    assert client.post("/api/v1/programmes/tcot/rounds", {}, content_type="application/json").status_code == 401
    refused = as_user(outsider).post("/api/v1/programmes/tcot/rounds", {}, content_type="application/json")
    assert refused.status_code == 403
    added = as_user(coordinator).post(
        "/api/v1/programmes/tcot/rounds", {"title": "USA"}, content_type="application/json"
    )
    assert added.status_code == 201 and added.json() == {
        "number": 1,
        "title": "USA",
        "translations": {"de": {"title": "USA"}, "en": {"title": ""}},
    }


def test_a_meeting_lists_its_photos_and_documents(
    client: Client, coordinator: User, visit: Meeting, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    pdf = SimpleUploadedFile("programme.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
    add_file(actor=coordinator, meeting=visit, kind=FileKind.DOCUMENT, title="Programme of the visit", upload=pdf)
    files = client.get(f"/api/v1/meetings/{visit.pk}").json()["files"]
    assert [(f["kind"], f["title"], f["content_type"]) for f in files] == [
        ("document", "Programme of the visit", "application/pdf")
    ]
    response = client.get(files[0]["url"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_a_programme_answers_with_its_rounds_meetings_towns_and_networks(
    client: Client, coordinator: User, visit: Meeting
) -> None:
    add_round(actor=coordinator, programme=visit.programme, title="Runde 2")  # type: ignore[arg-type]
    programme = client.get("/api/v1/programmes/tcot").json()
    assert programme["rounds"] == [{"number": 1, "title": "Digitalisation"}, {"number": 2, "title": ""}]
    assert programme["meetings"] == [
        {
            "id": visit.pk,
            "round": 1,
            "kind": "study_visit",
            "title": "Study visit to Philadelphia and Trenton",
            "starts_on": visit.starts_on.isoformat(),
            "ends_on": visit.ends_on.isoformat(),
            "hosts": [{"key": "US-1840000673", "name": "Philadelphia"}, {"key": "US-1840001383", "name": "Trenton"}],
        }
    ]
    towns = {town["key"]: (town["name"], town["rounds"]) for town in programme["towns"]}
    assert towns["DE-02000000"] == ("Hamburg", [1])  # sent a delegation in round 1
    assert towns["US-1840000673"] == ("Philadelphia", [1])  # hosted in round 1
    assert towns["DE-12070424"] == ("Wittenberge", [])  # network lead, at no meeting
    assert len(towns) == 7
    assert [network["lead"] for network in programme["networks"]] == ["DE-12070424"]


def test_a_programme_leaves_out_its_draft_meetings_and_an_unknown_one_answers_404(
    client: Client, coordinator: User, visit: Meeting
) -> None:
    update_meeting(actor=coordinator, meeting=visit, published=False)
    programme = client.get("/api/v1/programmes/tcot").json()
    assert programme["meetings"] == []
    assert "US-1840000673" not in {town["key"] for town in programme["towns"]}
    missing = client.get("/api/v1/programmes/no-such-programme")
    assert missing.status_code == 404 and missing.json() == {"detail": "No published programme 'no-such-programme'."}


def test_the_schema_documents_the_programmes_parts() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/programmes/{slug}"]["get"]
    assert {"200", "404"} <= set(operation["responses"])
    detail = schema["components"]["schemas"]["ProgrammeDetailOut"]
    assert {"rounds", "meetings", "towns", "networks"} <= set(detail["required"])
