from django.urls import include, path

from .views import careteam, families, milestones, parents, pregnancies, worklist

# Groups nested inside the family group of ``urlpatterns``, named to keep it shallow.

# Under <family_id>/grossesses/<pregnancy_id>/.
pregnancy_patterns = [
    path("modifier/", pregnancies.pregnancy_edit, name="pregnancy_edit"),
    path("naissance/", pregnancies.birth_create, name="birth_create"),
    path(
        "risque-post-partum/",
        pregnancies.pregnancy_postpartum_risk,
        name="pregnancy_postpartum_risk",
    ),
]

# Under <family_id>/etapes/<milestone_id>/.
milestone_patterns = [
    path("", milestones.milestone_row, name="milestone_row"),
    path("ligne/", worklist.worklist_row, name="worklist_row"),
    path("fait/", milestones.milestone_done, name="milestone_done"),
    path("annuler/", milestones.milestone_undo, name="milestone_undo"),
    path("reporter/", worklist.milestone_postpone, name="milestone_postpone"),
    path("non-realise/", worklist.milestone_missed, name="milestone_missed"),
    path("reprendre/", worklist.milestone_reopen, name="milestone_reopen"),
]

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
    path(
        "<int:family_id>/",
        include(
            [
                path("", families.family_detail, name="family_detail"),
                path("grossesses/nouvelle/", pregnancies.pregnancy_create, name="pregnancy_create"),
                path("grossesses/<int:pregnancy_id>/", include(pregnancy_patterns)),
                path("etapes/<int:milestone_id>/", include(milestone_patterns)),
                path("inviter-un-parent/", parents.parent_invite, name="parent_invite"),
                path("equipe-de-soins/", careteam.careteam_page, name="careteam"),
                path(
                    "equipe-de-soins/<int:member_id>/retirer/",
                    careteam.careteam_remove,
                    name="careteam_remove",
                ),
            ]
        ),
    ),
]
