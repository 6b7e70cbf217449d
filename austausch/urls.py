from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic.base import RedirectView
from ninja.openapi.views import openapi_view

from austausch.api import api
from austausch.portal import views as portal_views
from austausch.registry import views as registry_views
from austausch.web import views as web_views

handler400 = "austausch.web.errors.bad_request"
handler404 = "austausch.web.views.page_not_found"

urlpatterns = [
    # For platform admins: topics, publications, organisations; writes there are audited too.
    path("admin/", admin.site.urls),
    # Pages link their icon; this answers browsers (and the admin site) that ask for /favicon.ico.
    path("favicon.ico", RedirectView.as_view(url=static("austausch/favicon.svg"), permanent=True)),
    path("api/v1/", api.urls),
    path("api/docs", lambda request: openapi_view(request, api), name="api-docs"),
    path("locator/<str:country>/<str:state_code>.svg", registry_views.locator, name="locator"),
    path("calendar/", include("austausch.programmes.calendar_urls")),
]

urlpatterns += i18n_patterns(
    path("", portal_views.home, name="home"),
    path("workspace/", portal_views.workspace, name="workspace"),
    path("about/data/", web_views.about_data, name="about-data"),
    path("legal/", include("austausch.web.legal")),
    path("municipalities/", include("austausch.registry.urls")),
    path("organisations/", include("austausch.organisations.urls")),
    path("knowledge/", include("austausch.knowledge.urls")),
    path("programmes/", include("austausch.programmes.urls")),
    path("matching/", include("austausch.matching.urls")),
    path("outcomes/", include("austausch.outcomes.urls")),
    path("citizens/", include("austausch.citizens.urls")),
    path("radar/", include("austausch.radar.urls")),
    path("exchanges/", include("austausch.exchanges.urls")),
    path("offers/", include("austausch.offers.urls")),
    path("accounts/", include("austausch.accounts.urls")),
    path("audit/", include("austausch.audit.urls")),
)
