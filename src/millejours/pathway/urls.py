from django.urls import path

from . import careteam_views, views, worklist_views

app_name = "pathway"
urlpatterns = [
    path("", views.family_list, name="family_list"),
    path("nouvelle/", views.family_create, name="family_create"),
    path("communes/", views.commune_search, name="commune_search"),
    path("liste-de-travail/", worklist_views.worklist, name="worklist"),
    path("liste-de-travail/action/", worklist_views.worklist_bulk, name="worklist_bulk"),
    path("recherche-territoire/", worklist_views.territory_search_page, name="territory_search"),
    path("mon-calendrier/", views.parent_calendar, name="parent_calendar"),
    path("mon-calendrier/abonnement/", views.parent_calendar_feed, name="parent_calendar_feed"),
    path("calendrier/<str:token>.ics", views.ical_feed, name="ical_feed"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("<int:family_id>/", views.family_detail, name="family_detail"),
    path("<int:family_id>/grossesses/nouvelle/", views.pregnancy_create, name="pregnancy_create"),
    path(
        "<int:family_id>/grossesses/<int:pregnancy_id>/modifier/",
        views.pregnancy_edit,
        name="pregnancy_edit",
    ),
    path(
        "<int:family_id>/grossesses/<int:pregnancy_id>/naissance/",
        views.birth_create,
        name="birth_create",
    ),
    path(
        "<int:family_id>/grossesses/<int:pregnancy_id>/risque-post-partum/",
        views.pregnancy_postpartum_risk,
        name="pregnancy_postpartum_risk",
    ),
    path("<int:family_id>/etapes/<int:milestone_id>/", views.milestone_row, name="milestone_row"),
    path(
        "<int:family_id>/etapes/<int:milestone_id>/fait/",
        views.milestone_done,
        name="milestone_done",
    ),
    path(
        "<int:family_id>/etapes/<int:milestone_id>/annuler/",
        views.milestone_undo,
        name="milestone_undo",
    ),
    path(
        "<int:family_id>/etapes/<int:milestone_id>/reporter/",
        worklist_views.milestone_postpone,
        name="milestone_postpone",
    ),
    path(
        "<int:family_id>/etapes/<int:milestone_id>/non-realise/",
        worklist_views.milestone_missed,
        name="milestone_missed",
    ),
    path(
        "<int:family_id>/etapes/<int:milestone_id>/reprendre/",
        worklist_views.milestone_reopen,
        name="milestone_reopen",
    ),
    path("<int:family_id>/inviter-un-parent/", views.parent_invite, name="parent_invite"),
    path("<int:family_id>/equipe-de-soins/", careteam_views.careteam_page, name="careteam"),
    path(
        "<int:family_id>/equipe-de-soins/<int:member_id>/retirer/",
        careteam_views.careteam_remove,
        name="careteam_remove",
    ),
]
