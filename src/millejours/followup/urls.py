from django.urls import path

from . import views

app_name = "followup"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("familles/<int:family_id>/", views.family_followup, name="family"),
    path("familles/<int:family_id>/contacts/", views.contact_add, name="contact_add"),
    path("familles/<int:family_id>/objectifs/", views.goal_add, name="goal_add"),
    path(
        "familles/<int:family_id>/objectifs/<int:goal_id>/etat/",
        views.goal_status,
        name="goal_status",
    ),
    path("familles/<int:family_id>/synthese/", views.review_prepare, name="review"),
]
