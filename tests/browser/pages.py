"""Every page of the platform in one table: each URL pattern's name, an example address and who views it.

`test_every_page.py` fails when a pattern of the URLconf has no entry here, and visits every entry with an
example address in German and English, on a phone and on a desktop. Addresses name objects of `World`
(built by `build_world`) through `{placeholders}`; `{lang}` is the language prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import StringIO
from typing import Any

ANYONE, ADMIN = "anyone", "admin"


@dataclass(frozen=True)
class Entry:
    name: str  # the URL pattern's name, with its namespace
    address: str | None  # an example address; None when the pattern answers no page (see `why`)
    viewer: str = ANYONE
    why: str = ""  # why a pattern has no page to visit


def no_page(name: str, why: str) -> Entry:
    return Entry(name, None, why=why)


POST_ONLY = "answers a form's POST with a redirect"

PAGES = [
    # Public pages.
    Entry("home", "/{lang}/"),
    Entry("about-data", "/{lang}/about/data/"),
    Entry("legal-imprint", "/{lang}/legal/imprint/"),
    Entry("legal-privacy", "/{lang}/legal/privacy/"),
    Entry("legal-accessibility", "/{lang}/legal/accessibility/"),
    Entry("registry:list", "/{lang}/municipalities/?country=DE"),
    Entry("registry:municipality", "/{lang}/municipalities/{town}/"),
    Entry("registry:partnerships", "/{lang}/municipalities/{town}/partnerships/"),
    Entry("organisations:list", "/{lang}/organisations/"),
    Entry("organisations:detail", "/{lang}/organisations/{organisation}/"),
    Entry("knowledge:search", "/{lang}/knowledge/?q=Verwaltung"),
    Entry("knowledge:practice", "/{lang}/knowledge/practices/{practice}/"),
    Entry("knowledge:publications", "/{lang}/knowledge/publications/"),
    Entry("knowledge:publication", "/{lang}/knowledge/publications/{publication}/"),
    Entry("programmes:list", "/{lang}/programmes/"),
    Entry("programmes:network", "/{lang}/programmes/network/"),
    Entry("programmes:detail", "/{lang}/programmes/{programme}/"),
    Entry("programmes:programme-network", "/{lang}/programmes/{programme}/network/"),
    Entry("programmes:meeting", "/{lang}/programmes/meetings/{meeting}/"),
    Entry("programmes:register", "/{lang}/programmes/meetings/{meeting}/register/"),
    Entry("programmes:registered", "/{lang}/programmes/meetings/{meeting}/registered/"),
    Entry("programmes:registration-cancel", "/{lang}/programmes/registration/not-a-token/cancel/"),
    Entry("matching:peers", "/{lang}/matching/peers/{town}/"),
    Entry("matching:compare", "/{lang}/matching/compare/{town}/?size=10"),
    Entry("offers:topics", "/{lang}/offers/"),
    Entry("offers:topic", "/{lang}/offers/topics/future-of-work/"),
    Entry("outcomes:town", "/{lang}/outcomes/towns/{outcome_town}/"),
    Entry("outcomes:programme", "/{lang}/outcomes/programmes/{programme}/"),
    Entry("outcomes:meeting", "/{lang}/outcomes/meetings/{meeting}/"),
    Entry("outcomes:commitment", "/{lang}/outcomes/commitments/{commitment}/"),
    Entry("citizens:comment", "/{lang}/citizens/comment/meeting/{meeting}/"),
    Entry("citizens:follow", "/{lang}/citizens/follow/commitment/{commitment}/"),
    Entry("citizens:confirm", "/{lang}/citizens/confirm/not-a-token/"),
    Entry("citizens:unsubscribe", "/{lang}/citizens/unsubscribe/not-a-token/"),
    Entry("citizens:reader", "/{lang}/citizens/my-data/not-a-token/"),
    Entry("accounts:login", "/{lang}/accounts/login/"),
    Entry("accounts:password-reset", "/{lang}/accounts/password/reset/"),
    Entry("accounts:password-reset-done", "/{lang}/accounts/password/reset/sent/"),
    Entry("accounts:password-reset-confirm", "/{lang}/accounts/password/reset/MQ/not-a-token/"),
    Entry("accounts:password-reset-complete", "/{lang}/accounts/password/reset/done/"),
    Entry("accounts:invitation", "/{lang}/accounts/invitation/not-a-token/"),
    Entry("accounts:erased", "/{lang}/accounts/erased/"),
    # Pages for signed-in people; the platform admin sees every one of them.
    Entry("workspace", "/{lang}/workspace/", ADMIN),
    Entry("accounts:profile", "/{lang}/accounts/profile/", ADMIN),
    Entry("accounts:invite", "/{lang}/accounts/profile/invite/", ADMIN),
    Entry("accounts:erase", "/{lang}/accounts/profile/erase/", ADMIN),
    Entry("accounts:password-change", "/{lang}/accounts/password/change/", ADMIN),
    Entry("accounts:two-factor", "/{lang}/accounts/two-factor/", ADMIN),
    Entry("accounts:person", "/{lang}/accounts/people/{admin}/", ADMIN),
    Entry("registry:partnership-add", "/{lang}/municipalities/{town}/partnerships/new/", ADMIN),
    Entry("registry:partnership-edit", "/{lang}/municipalities/{town}/partnerships/{partnership}/edit/", ADMIN),
    Entry("organisations:edit", "/{lang}/organisations/{organisation}/edit/", ADMIN),
    Entry("knowledge:practice-create", "/{lang}/knowledge/practices/new/", ADMIN),
    Entry("knowledge:practice-edit", "/{lang}/knowledge/practices/{practice}/edit/", ADMIN),
    Entry("programmes:create", "/{lang}/programmes/new/", ADMIN),
    Entry("programmes:mine", "/{lang}/programmes/mine/", ADMIN),
    Entry("programmes:edit", "/{lang}/programmes/{programme}/edit/", ADMIN),
    Entry("programmes:meeting-create", "/{lang}/programmes/{programme}/meetings/new/", ADMIN),
    Entry("programmes:meeting-manage", "/{lang}/programmes/meetings/{meeting}/manage/", ADMIN),
    Entry("programmes:meeting-edit", "/{lang}/programmes/meetings/{meeting}/edit/", ADMIN),
    Entry("programmes:registrations", "/{lang}/programmes/meetings/{meeting}/registrations/", ADMIN),
    Entry("matching:plans", "/{lang}/matching/plans/", ADMIN),
    Entry("matching:plan-new", "/{lang}/matching/plans/new/", ADMIN),
    Entry("matching:plan", "/{lang}/matching/plans/{plan}/", ADMIN),
    Entry("matching:plan-compare", "/{lang}/matching/plans/compare/?a={plan}&b={plan}", ADMIN),
    Entry("outcomes:commitment-create", "/{lang}/outcomes/commitments/new/?meeting={meeting}", ADMIN),
    Entry("outcomes:commitment-edit", "/{lang}/outcomes/commitments/{commitment}/edit/", ADMIN),
    Entry("outcomes:post-update", "/{lang}/outcomes/commitments/{commitment}/updates/new/", ADMIN),
    Entry("outcomes:transfer-create", "/{lang}/outcomes/transfers/new/", ADMIN),
    Entry("outcomes:transfer-edit", "/{lang}/outcomes/transfers/{transfer}/edit/", ADMIN),
    Entry("citizens:queue", "/{lang}/citizens/moderation/", ADMIN),
    Entry("citizens:programme-moderation", "/{lang}/citizens/moderation/programmes/{programme}/", ADMIN),
    Entry("radar:list", "/{lang}/radar/", ADMIN),
    Entry("radar:upload", "/{lang}/radar/upload/", ADMIN),
    Entry("radar:ingestion", "/{lang}/radar/readings/{ingestion}/", ADMIN),
    Entry("radar:source", "/{lang}/radar/sources/{source}/", ADMIN),
    Entry("exchanges:mine", "/{lang}/exchanges/", ADMIN),
    Entry("offers:town-edit", "/{lang}/offers/towns/{town}/", ADMIN),
    Entry("offers:organisation-edit", "/{lang}/offers/organisations/{organisation}/", ADMIN),
    Entry("exchanges:ask", "/{lang}/exchanges/ask/town/{peer_town}/", ADMIN),
    Entry("exchanges:detail", "/{lang}/exchanges/{exchange}/", ADMIN),
    Entry("exchanges:people", "/{lang}/exchanges/people/", ADMIN),
    Entry("exchanges:listing", "/{lang}/exchanges/people/me/", ADMIN),
    Entry("audit:object", "/{lang}/audit/programmes/programme/{programme_pk}/", ADMIN),
    Entry("api-docs", "/api/docs", ADMIN),
    # Addresses that answer no page of ours.
    no_page("admin:*", "Django's admin site, styled by Django"),
    no_page("api:*", "the JSON API; its documentation page is api-docs"),
    no_page("favicon.ico", "a redirect to the icon"),
    no_page("locator", "an SVG map, drawn into the town page"),
    no_page("calendar:programme", "an iCalendar feed"),
    no_page("calendar:meeting", "an iCalendar feed"),
    no_page("calendar:town", "an iCalendar feed"),
    no_page("calendar:person", "an iCalendar feed"),
    no_page("outcomes:town-feed", "an Atom feed"),
    no_page("outcomes:programme-feed", "an Atom feed"),
    no_page("outcomes:town-export", "a CSV or JSON download"),
    no_page("outcomes:programme-export", "a CSV or JSON download"),
    no_page("outcomes:document", "a file download"),
    no_page("programmes:file", "a file download"),
    no_page("programmes:registrations-csv", "a CSV download"),
    no_page("matching:plan-export", "a CSV or JSON download"),
    no_page("accounts:export", "a JSON download"),
    no_page("accounts:person-export", "a JSON download"),
    no_page("accounts:logout", POST_ONLY),
    no_page("accounts:login-code", "the second step of a sign-in, reached only with a password"),
    no_page("accounts:two-factor-disable", POST_ONLY),
    no_page("knowledge:practice-publish", POST_ONLY),
    no_page("programmes:answer", POST_ONLY),
    no_page("programmes:session-add", POST_ONLY),
    no_page("programmes:cost-add", POST_ONLY),
    no_page("programmes:delegation-add", POST_ONLY),
    no_page("programmes:invite", POST_ONLY),
    no_page("programmes:report", POST_ONLY),
    no_page("programmes:file-add", POST_ONLY),
    no_page("programmes:file-remove", POST_ONLY),
    no_page("programmes:check-in", POST_ONLY),
    no_page("programmes:round-add", POST_ONLY),
    no_page("matching:plan-rules", POST_ONLY),
    no_page("matching:plan-run", POST_ONLY),
    no_page("matching:plan-constrain", POST_ONLY),
    no_page("matching:plan-clear", POST_ONLY),
    no_page("matching:plan-accept", POST_ONLY),
    no_page("citizens:report", POST_ONLY),
    no_page("citizens:moderate", POST_ONLY),
    no_page("citizens:answer", POST_ONLY),
    no_page("exchanges:message", POST_ONLY),
    no_page("exchanges:report", POST_ONLY),
    no_page("exchanges:step", POST_ONLY),
    no_page("radar:fact-confirm", POST_ONLY),
    no_page("radar:fact-drop", POST_ONLY),
    no_page("radar:fact-correct", POST_ONLY),
    no_page("radar:fact-record", POST_ONLY),
    no_page("radar:fact-add", POST_ONLY),
    no_page("radar:confirm-all", POST_ONLY),
]


def build_world() -> dict[str, Any]:
    """The example objects the addresses name: the demo programmes on the demo towns, a plan, a radar text."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    from austausch.accounts.models import Role, RoleAssignment, User
    from austausch.knowledge.models import Practice, Publication, Topic
    from austausch.matching.applicants import ApplicantEntry
    from austausch.matching.services import create_plan
    from austausch.matching.solving import BuilderRules
    from austausch.organisations.models import Organisation
    from austausch.outcomes.models import Commitment, Transfer
    from austausch.programmes.models import Meeting, Programme
    from austausch.radar.models import Source
    from austausch.radar.services.ingesting import hand_in, read_handed_in
    from austausch.registry.models import Municipality
    from austausch.registry.twinnings import add_partnership, partner_place

    call_command("demo", stdout=StringIO())
    admin = User.objects.create_superuser("admin@example.org", "a long test password", name="Alex Admin")
    # The admin also edits a town, as a real admin would, so that the invitation page has someone to invite to.
    RoleAssignment.objects.create(
        user=admin,
        role=Role.EDITOR,
        scope_type=ContentType.objects.get_for_model(Municipality),
        scope_id=Municipality.objects.get(key="DE-12070424").pk,
    )
    # A dormant partnership the town's editors added, beside those the dataset brings.
    partnership = add_partnership(
        actor=admin,
        municipality=Municipality.objects.get(key="DE-12070424"),
        partner=partner_place(name="Gniezno", country="PL"),
        kind="friendship",
        since=1975,
        status="dormant",
    )
    publication = Publication.objects.create(title="Kommunale Partnerschaften", published_on=date(2023, 5, 1))
    # The taxonomy comes with a migration, which a browser test's flushed database no longer has.
    topic = Topic.objects.first() or Topic.objects.create(
        slug="digital-work", label_de="Digitale Arbeitswelten", label_en="Digital ways of working"
    )
    publication.topics.add(topic)
    plan = create_plan(
        actor=admin,
        title="Netzwerke 2026",
        entries=[
            ApplicantEntry(town=key, topics=(), lead=index < 2)
            for index, key in enumerate(["DE-12070424", "DE-01053090", "DE-15002000", "DE-06433008"])
        ],
        rules=BuilderRules(networks=2),
    )
    ingestion = hand_in(actor=admin, files=[("wittenberge.txt", SAMPLE_PRESS_TEXT.encode())])
    read_handed_in(ingestion.pk)  # as the background worker would
    exchange = _exchange_request(topic)
    programme = Programme.objects.order_by("pk").first()
    commitment = Commitment.objects.order_by("pk").first()
    assert programme is not None and commitment is not None
    return {
        "admin": admin.pk,
        "town": "DE-12070424",
        "outcome_town": commitment.municipality.key,
        "organisation": Organisation.objects.order_by("pk").values_list("pk", flat=True).first(),
        "practice": Practice.objects.order_by("pk").values_list("pk", flat=True).first(),
        "publication": publication.pk,
        "programme": programme.slug,
        "programme_pk": programme.pk,
        "meeting": Meeting.objects.filter(programme=programme).order_by("pk").values_list("pk", flat=True).first(),
        "commitment": commitment.pk,
        "transfer": Transfer.objects.order_by("pk").values_list("pk", flat=True).first(),
        "plan": plan.pk,
        "source": Source.objects.get().pk,
        "partnership": partnership.pk,
        "ingestion": ingestion.pk,
        "peer_town": "DE-01053090",
        "exchange": exchange.pk,
    }


def _exchange_request(topic: Any) -> Any:
    """Mölln's editor asks Wittenberge (which the admin edits) for a study visit."""
    from datetime import timedelta

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from austausch.accounts.models import Role, RoleAssignment, User
    from austausch.exchanges.services import ask
    from austausch.registry.models import Municipality

    molln = Municipality.objects.get(key="DE-01053090")
    asker = User.objects.create_user("mia@moelln.example", "a long test password", name="Mia Mölln")
    RoleAssignment.objects.create(
        user=asker, role=Role.EDITOR, scope_type=ContentType.objects.get_for_model(molln), scope_id=molln.pk
    )
    first = timezone.localdate() + timedelta(days=30)
    return ask(
        actor=asker,
        kind="study_visit",
        topic=topic,
        message="Wir würden gern sehen, wie das Coworking im Bahnhof läuft.\n<b>Kein HTML</b>",
        municipality=Municipality.objects.get(key="DE-12070424"),
        requester_municipality=molln,
        proposed_from=first,
        proposed_to=first + timedelta(days=1),
        delegation="Bürgermeisterin und Wirtschaftsförderung",
    )


SAMPLE_PRESS_TEXT = """Wittenberge, 12. Mai 2024 – Eine Delegation aus Mölln besuchte am 10. Mai 2024 die Stadt
Wittenberge im Rahmen des Programms „Kommunen gestalten Wandel“. Bürgermeister Oliver Hermann empfing die Gäste
im Rathaus. Thema des Austauschs war die Belebung der Innenstadt."""
