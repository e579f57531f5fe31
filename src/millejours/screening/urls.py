from django.urls import include, path

from .views import alerts, epds, epp, family

app_name = "screening"
urlpatterns = [
    path("epds/", epds.epds_parent, name="epds_parent"),
    path("epds/test/", epds.epds_public, name="epds_public"),
    path("epds/resultat/<str:token>/", epds.epds_result, name="epds_result"),
    path(
        "familles/<int:family_id>/",
        include(
            [
                path("", family.family_screening, name="family"),
                path("epds/", epds.epds_pro, name="epds_pro"),
                path("epp/", epp.epp_new, name="epp_new"),
                path("epp/<int:pk>/", epp.epp_detail, name="epp_detail"),
                path("epp/<int:pk>/corriger/", epp.epp_correct, name="epp_correct"),
                path("epp/<int:pk>/fiche-liaison.pdf", epp.epp_pdf, name="epp_pdf"),
            ]
        ),
    ),
    path("reperages/<int:pk>/confirmer/", epp.flag_confirm, name="flag_confirm"),
    path("alertes/", alerts.alert_list, name="alert_list"),
    path("demandes-de-contact/", alerts.contact_list, name="contact_list"),
    path("alertes/<int:pk>/", alerts.alert_detail, name="alert_detail"),
]
