"""Peer finder and network builder pages."""

from django.urls import URLPattern, path

from austausch.matching import peer_views, plan_views

app_name = "matching"
urlpatterns: list[URLPattern] = [
    path("peers/<str:key>/", peer_views.peers, name="peers"),
    path("plans/", plan_views.plan_list, name="plans"),
    path("plans/new/", plan_views.plan_new, name="plan-new"),
    path("plans/compare/", plan_views.plan_compare, name="plan-compare"),
    path("plans/<int:pk>/", plan_views.plan_detail, name="plan"),
    path("plans/<int:pk>/rules/", plan_views.plan_rules_update, name="plan-rules"),
    path("plans/<int:pk>/run/", plan_views.plan_run, name="plan-run"),
    path("plans/<int:pk>/constrain/", plan_views.plan_constrain, name="plan-constrain"),
    path("plans/<int:pk>/clear/", plan_views.plan_clear, name="plan-clear"),
    path("plans/<int:pk>/accept/", plan_views.plan_accept, name="plan-accept"),
    path("plans/<int:pk>/export.<str:kind>", plan_views.plan_export, name="plan-export"),
]
