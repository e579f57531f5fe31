from django.urls import path

from .views import careteam, families, milestones, parents, pregnancies, worklist

app_name = "pathway"
urlpatterns = [
    path("", families.family_list, name="family_list"),
    path("nouvelle/", families.family_create, name="family_create"),
    path("communes/", families.commune_search, name="commune_search"),
    path("liste-de-travail/", worklist.worklist, name="worklist"),
    path("liste-de-travail/action/", worklist.worklist_bulk, name="worklist_bulk"),
    path("recherche-territoire/", worklist.territory_search_page, name="territory_search"),
    path("mon-calendrier/", parents.parent_calendar, name="parent_calendar"),
    path("mon-calendrier/abonnement/", parents.parent_calendar_feed, name="parent_calendar_feed"),
    path("calendrier/<str:token>.ics", parents.ical_feed, name="ical_feed"),
    path("invitation/<str:token>/", parents.invitation_accept, name="invitation_accept"),
    path("<int:family_id>/", families.family_detail, name="family_detail"),
    path(
        "<int:family_id>/grossesses/nouvelle/",
        pregnancies.pregnancy_create,
        name="pregnancy_create",
    ),
    path(
        "<int:family_id>/grossesses/<int:pregnancy_id>/modifier/",
        pregnancies.pregnancy_edit,
        name="pregnancy_edit",
    ),
    path(
        "<int:family_id>/grossesses/<int:pregnancy_id>/naissance/",
        pregnancies.birth_create,
        name="birth_create",
    ),
    path(
        "<int:family_id>/grossesses/<int:pregnancy_id>/risque-post-partum/",
        pregnancies.pregnancy_postpartum_risk,
        name="pregnancy_postpartum_risk",
    ),
    path(
        "<int:family_id>/etapes/<int:milestone_id>/", milestones.milestone_row, name="milestone_row"
    ),
    path(
        "<int:family_id>/etapes/<int:milestone_id>/fait/",
        milestones.milestone_done,
        name="milestone_done",
    ),
    path(
        "<int:family_id>/etapes/<int:milestone_id>/annuler/",
        milestones.milestone_undo,
        name="milestone_undo",
    ),
    path(
        "<int:family_id>/etapes/<int:milestone_id>/reporter/",
        worklist.milestone_postpone,
        name="milestone_postpone",
    ),
    path(
        "<int:family_id>/etapes/<int:milestone_id>/non-realise/",
        worklist.milestone_missed,
        name="milestone_missed",
    ),
    path(
        "<int:family_id>/etapes/<int:milestone_id>/reprendre/",
        worklist.milestone_reopen,
        name="milestone_reopen",
    ),
    path("<int:family_id>/inviter-un-parent/", parents.parent_invite, name="parent_invite"),
    path("<int:family_id>/equipe-de-soins/", careteam.careteam_page, name="careteam"),
    path(
        "<int:family_id>/equipe-de-soins/<int:member_id>/retirer/",
        careteam.careteam_remove,
        name="careteam_remove",
    ),
]
