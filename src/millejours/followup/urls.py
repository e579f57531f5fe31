from django.urls import include, path

from . import views

app_name = "followup"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path(
        "familles/<int:family_id>/",
        include(
            [
                path("", views.family_followup, name="family"),
                path("contacts/", views.contact_add, name="contact_add"),
                path("objectifs/", views.goal_add, name="goal_add"),
                path("objectifs/<int:goal_id>/etat/", views.goal_status, name="goal_status"),
                path("synthese/", views.review_prepare, name="review"),
            ]
        ),
    ),
]
