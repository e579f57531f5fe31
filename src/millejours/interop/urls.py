from django.urls import include, path

from . import feeds_views, views

app_name = "interop"
urlpatterns = [
    path("catalogue/fiches.json", feeds_views.feed, name="fiche_feed"),
    path(
        "fhir/",
        include(
            [
                path("metadata", views.metadata, name="metadata"),
                path(
                    "Questionnaire/<str:resource_id>",
                    views.questionnaire_read,
                    name="questionnaire",
                ),
                path(
                    "QuestionnaireResponse",
                    views.questionnaire_response_search,
                    name="questionnaire_response_search",
                ),
                path(
                    "QuestionnaireResponse/<str:resource_id>",
                    views.questionnaire_response_read,
                    name="questionnaire_response",
                ),
                path("Immunization", views.immunization_search, name="immunization_search"),
                path(
                    "Immunization/<str:resource_id>", views.immunization_read, name="immunization"
                ),
                path("Patient/<str:resource_id>", views.patient_read, name="patient"),
                path("Observation", views.observation_search, name="observation_search"),
                path("Observation/<str:resource_id>", views.observation_read, name="observation"),
            ]
        ),
    ),
]
