from django.urls import path

from . import feeds_views, views

app_name = "interop"
urlpatterns = [
    path("catalogue/fiches.json", feeds_views.feed, name="fiche_feed"),
    path("fhir/metadata", views.metadata, name="metadata"),
    path("fhir/Questionnaire/<str:resource_id>", views.questionnaire_read, name="questionnaire"),
    path(
        "fhir/QuestionnaireResponse",
        views.questionnaire_response_search,
        name="questionnaire_response_search",
    ),
    path(
        "fhir/QuestionnaireResponse/<str:resource_id>",
        views.questionnaire_response_read,
        name="questionnaire_response",
    ),
    path("fhir/Immunization", views.immunization_search, name="immunization_search"),
    path("fhir/Immunization/<str:resource_id>", views.immunization_read, name="immunization"),
    path("fhir/Patient/<str:resource_id>", views.patient_read, name="patient"),
    path("fhir/Observation", views.observation_search, name="observation_search"),
    path("fhir/Observation/<str:resource_id>", views.observation_read, name="observation"),
]
