from django.urls import path

from . import views

app_name = "programme"
urlpatterns = [
    path("", views.fiche_list, name="fiche_list"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<int:fiche_id>/<str:fmt>/", views.catalogue_export, name="catalogue_export"),
    path("fiches/nouvelle/", views.fiche_edit, name="fiche_create"),
    path("fiches/importer/", views.fiche_import, name="fiche_import"),
    path("fiches/<int:fiche_id>/", views.fiche_detail, name="fiche_detail"),
    path("fiches/<int:fiche_id>/modifier/", views.fiche_edit, name="fiche_edit"),
    path("fiches/<int:fiche_id>/indicateurs/", views.fiche_indicators, name="fiche_indicators"),
    path("fiches/<int:fiche_id>/export/<str:fmt>/", views.fiche_export, name="fiche_export"),
    path("partenaires/", views.partner_list, name="partner_list"),
    path("partenaires/nouveau/", views.partner_edit, name="partner_create"),
    path("partenaires/<int:partner_id>/", views.partner_edit, name="partner_edit"),
    path("evenements/", views.event_list, name="event_list"),
    path("evenements/nouveau/", views.event_edit, name="event_create"),
    path("evenements/<int:event_id>/", views.event_detail, name="event_detail"),
    path("evenements/<int:event_id>/modifier/", views.event_edit, name="event_edit"),
    path("evenements/<int:event_id>/seances/nouvelle/", views.session_edit, name="session_create"),
    path(
        "evenements/<int:event_id>/seances/<int:session_id>/",
        views.session_edit,
        name="session_edit",
    ),
    path(
        "evenements/<int:event_id>/chevauchements/",
        views.session_overlap_check,
        name="session_overlap_check",
    ),
    path(
        "seances/<int:session_id>/emargement.pdf",
        views.session_attendance_sheet,
        name="attendance_sheet",
    ),
    path(
        "seances/<int:session_id>/presences/", views.session_attendance, name="session_attendance"
    ),
    path("formations/", views.pro_events, name="pro_events"),
    path("formations/<int:session_id>/inscription/", views.pro_register, name="pro_register"),
    path("ateliers/", views.public_events, name="public_events"),
    path("ateliers/<int:session_id>/", views.public_event_detail, name="public_event_detail"),
    path("ateliers/annulation/<str:token>/", views.registration_cancel, name="registration_cancel"),
    path("ateliers/avis/<str:token>/", views.satisfaction, name="satisfaction"),
    path("participations/", views.participation_list, name="participation_list"),
    path(
        "participations/export.<str:fmt>", views.participation_export, name="participation_export"
    ),
    path("participations/repartition/", views.load_sharing, name="load_sharing"),
    path("agenda/", views.agenda, name="agenda"),
]
