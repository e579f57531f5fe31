from django.urls import path

from . import views

app_name = "interop"
urlpatterns = [
    path("fhir/Patient/<str:resource_id>", views.patient_read, name="patient"),
    path("fhir/Observation", views.observation_search, name="observation_search"),
    path("fhir/Observation/<str:resource_id>", views.observation_read, name="observation"),
]
