"""The closing report: attendance, organisations present, summary; edited on the manage page, shown publicly."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from austausch.accounts.models import User
from austausch.audit.models import AuditEntry
from austausch.organisations.models import Organisation, OrganisationKind, Sector
from austausch.programmes.models import Meeting
from austausch.programmes.services.records import update_report


@pytest.fixture
def university(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Temple University", kind=OrganisationKind.UNIVERSITY, sector=Sector.EDUCATION
    )


def test_the_report_records_the_organisations_present_and_is_audited(
    coordinator: User, visit: Meeting, university: Organisation
) -> None:
    update_report(actor=coordinator, meeting=visit, attendance=30, report="Good.", organisations_present=[university])
    visit.refresh_from_db()
    assert visit.attendance == 30 and list(visit.organisations_present.all()) == [university]
    entry = AuditEntry.objects.get(action="programmes.meeting.report_changed")
    assert entry.before["organisations_present"] == [] and entry.after["organisations_present"] == [university.pk]
    assert entry.before["attendance"] == 12 and entry.after["attendance"] == 30


def test_only_coordinators_write_the_report(outsider: User, visit: Meeting) -> None:
    with pytest.raises(PermissionDenied):
        update_report(actor=outsider, meeting=visit, attendance=1, report="", organisations_present=[])
    client = Client()
    client.force_login(outsider)
    assert client.post(f"/en/programmes/meetings/{visit.pk}/report/", {"attendance": "1"}).status_code == 403


def test_the_manage_page_edits_the_report_and_the_public_page_shows_it(
    client: Client, coordinator: User, visit: Meeting, university: Organisation
) -> None:
    staff = Client()
    staff.force_login(coordinator)
    manage = staff.get(f"/en/programmes/meetings/{visit.pk}/manage/").content.decode()
    assert 'name="organisations_present"' in manage and "Temple University" in manage
    bad = staff.post(f"/en/programmes/meetings/{visit.pk}/report/", {"attendance": "-3", "report_en": "x"})
    assert bad.status_code == 422 and not visit.organisations_present.exists()
    response = staff.post(
        f"/en/programmes/meetings/{visit.pk}/report/",
        {"attendance": "25", "organisations_present": [university.pk], "report_en": "We *met*."},
    )
    assert response.status_code == 302
    html = client.get(f"/en/programmes/meetings/{visit.pk}/").content.decode()
    assert "Closing report" in html and "Attendance: 25" in html
    assert "Organisations present" in html and "Temple University" in html and "<em>met</em>" in html
