"""Peer finder and network builder pages."""

from django.urls import URLPattern, path

from austausch.matching import staff_views, views

app_name = "matching"
urlpatterns: list[URLPattern] = [
    path("peers/<str:key>/", views.peers, name="peers"),
    path("compare/<str:key>/", views.compare_page, name="compare"),
    path("plans/", staff_views.plan_list, name="plans"),
    path("plans/new/", staff_views.plan_new, name="plan-new"),
    path("plans/compare/", staff_views.plan_compare, name="plan-compare"),
    path("plans/<int:pk>/", staff_views.plan_detail, name="plan"),
    path("plans/<int:pk>/rules/", staff_views.plan_rules_update, name="plan-rules"),
    path("plans/<int:pk>/run/", staff_views.plan_run, name="plan-run"),
    path("plans/<int:pk>/constrain/", staff_views.plan_constrain, name="plan-constrain"),
    path("plans/<int:pk>/clear/", staff_views.plan_clear, name="plan-clear"),
    path("plans/<int:pk>/accept/", staff_views.plan_accept, name="plan-accept"),
    path("plans/<int:pk>/export.<str:kind>", staff_views.plan_export, name="plan-export"),
]
