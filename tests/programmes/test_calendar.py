"""The .ics files, each parsed back with icalendar."""

from __future__ import annotations

from datetime import date, timedelta

from django.test import Client
from icalendar import Calendar

from austausch.accounts.models import User
from austausch.lib.provenance import DatePrecision
from austausch.programmes.calendar import person_token
from austausch.programmes.models import Meeting
from austausch.programmes.services.meetings import update_meeting


def events(body: bytes) -> list:
    calendar = Calendar.from_ical(body)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


def test_a_meeting_downloads_with_its_dates_place_and_agenda(client: Client, visit: Meeting) -> None:
    response = client.get(f"/calendar/meetings/{visit.pk}.ics", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"].startswith("text/calendar")
    meeting_event, session_event = events(response.content)
    assert str(meeting_event["SUMMARY"]) == "Study visit to Philadelphia and Trenton"
    assert meeting_event.decoded("DTSTART") == visit.starts_on
    assert meeting_event.decoded("DTEND") == visit.ends_on + timedelta(days=1)
    assert "Philadelphia" in str(meeting_event["LOCATION"]) and "Trenton" in str(meeting_event["LOCATION"])
    assert str(meeting_event["URL"]).endswith(f"/programmes/meetings/{visit.pk}/")
    assert str(session_event["SUMMARY"]) == "Talk: Welcome at City Hall"


def test_a_meeting_known_only_to_the_month_spans_its_month_and_says_so(client: Client, visit: Meeting) -> None:
    Meeting.objects.filter(pk=visit.pk).update(
        starts_on=date(2019, 5, 1), ends_on=date(2019, 5, 1), date_precision=DatePrecision.MONTH
    )
    meeting_event = events(client.get(f"/calendar/meetings/{visit.pk}.ics", HTTP_ACCEPT_LANGUAGE="en").content)[0]
    assert meeting_event.decoded("DTSTART") == date(2019, 5, 1)
    assert meeting_event.decoded("DTEND") == date(2019, 6, 1)  # exclusive: the whole of May
    assert str(meeting_event["DESCRIPTION"]).startswith("The source gives only the month, not the days.")


def test_the_programme_and_town_feeds_list_published_meetings(
    client: Client, coordinator: User, visit: Meeting, open_event: Meeting
) -> None:
    assert [str(e["SUMMARY"]) for e in events(client.get("/calendar/programmes/tcot.ics").content)] == [visit.title]
    hamburg = events(client.get("/calendar/towns/DE-02000000.ics").content)
    assert [str(e["UID"]) for e in hamburg] == [f"meeting-{visit.pk}@austausch"]
    update_meeting(actor=coordinator, meeting=visit, published=False)
    assert events(client.get("/calendar/towns/DE-02000000.ics").content) == []
    assert client.get(f"/calendar/meetings/{visit.pk}.ics").status_code == 404


def test_a_persons_feed_needs_their_secret_and_dies_with_a_new_password(
    client: Client, participant: User, visit: Meeting
) -> None:
    url = f"/calendar/people/{participant.pk}/{person_token(participant)}.ics"
    assert [str(e["SUMMARY"]) for e in events(client.get(url).content)] == [visit.title]
    assert client.get(f"/calendar/people/{participant.pk}/{'0' * 32}.ics").status_code == 404
    participant.set_password("another long passphrase 43")
    participant.save()
    assert client.get(url).status_code == 404
