"""Pages of the privacy domain, under /confiance/ (same paths as before the split)."""

from django.urls import include, path

from . import views

app_name = "privacy"
urlpatterns = [
    path("mon-dossier/consultations/", views.my_access_history, name="my_access_history"),
    path("mes-consentements/", views.my_consents, name="my_consents"),
    path(
        "mes-donnees/",
        include(
            [
                path("", views.my_data, name="my_data"),
                path("<int:family_id>.json", views.my_data_json, name="my_data_json"),
                path("<int:family_id>.pdf", views.my_data_pdf, name="my_data_pdf"),
            ]
        ),
    ),
    path(
        "familles/<int:family_id>/",
        include(
            [
                path("consentements/", views.family_consent, name="family_consent"),
                path("bris-de-glace/", views.breakglass_request, name="breakglass_request"),
                path("suppression/", views.family_erase, name="family_erase"),
            ]
        ),
    ),
    path("bris-de-glace/", views.breakglass_list, name="breakglass_list"),
    path("journal/", views.accesslog_search, name="accesslog_search"),
    path("registre-des-suppressions/", views.erasure_list, name="erasure_list"),
]
