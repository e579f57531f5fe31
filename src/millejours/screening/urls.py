from django.urls import path

from . import views

app_name = "screening"
urlpatterns = [
    path("epds/", views.epds_parent, name="epds_parent"),
    path("epds/test/", views.epds_public, name="epds_public"),
    path("epds/resultat/<str:token>/", views.epds_result, name="epds_result"),
    path("familles/<int:family_id>/", views.family_screening, name="family"),
    path("familles/<int:family_id>/epds/", views.epds_pro, name="epds_pro"),
    path("familles/<int:family_id>/epp/", views.epp_new, name="epp_new"),
    path("familles/<int:family_id>/epp/<int:pk>/", views.epp_detail, name="epp_detail"),
    path("familles/<int:family_id>/epp/<int:pk>/corriger/", views.epp_correct, name="epp_correct"),
    path("familles/<int:family_id>/epp/<int:pk>/fiche-liaison.pdf", views.epp_pdf, name="epp_pdf"),
    path("reperages/<int:pk>/confirmer/", views.flag_confirm, name="flag_confirm"),
    path("alertes/", views.alert_list, name="alert_list"),
    path("demandes-de-contact/", views.contact_list, name="contact_list"),
    path("alertes/<int:pk>/", views.alert_detail, name="alert_detail"),
]
