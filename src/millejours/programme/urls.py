from django.urls import include, path

from .views import events, fiches, participation, partners, registrations

app_name = "programme"
urlpatterns = [
    path("", fiches.fiche_list, name="fiche_list"),
    path("catalogue/", fiches.catalogue, name="catalogue"),
    path("catalogue/<int:fiche_id>/<str:fmt>/", fiches.catalogue_export, name="catalogue_export"),
    path("fiches/nouvelle/", fiches.fiche_edit, name="fiche_create"),
    path("fiches/importer/", fiches.fiche_import, name="fiche_import"),
    path(
        "fiches/<int:fiche_id>/",
        include(
            [
                path("", fiches.fiche_detail, name="fiche_detail"),
                path("modifier/", fiches.fiche_edit, name="fiche_edit"),
                path("indicateurs/", fiches.fiche_indicators, name="fiche_indicators"),
                path("export/<str:fmt>/", fiches.fiche_export, name="fiche_export"),
            ]
        ),
    ),
    path("partenaires/", partners.partner_list, name="partner_list"),
    path("partenaires/nouveau/", partners.partner_edit, name="partner_create"),
    path("partenaires/<int:partner_id>/", partners.partner_edit, name="partner_edit"),
    path("evenements/", events.event_list, name="event_list"),
    path("evenements/nouveau/", events.event_edit, name="event_create"),
    path(
        "evenements/<int:event_id>/",
        include(
            [
                path("", events.event_detail, name="event_detail"),
                path("modifier/", events.event_edit, name="event_edit"),
                path("seances/nouvelle/", events.session_edit, name="session_create"),
                path("seances/<int:session_id>/", events.session_edit, name="session_edit"),
                path("chevauchements/", events.session_overlap_check, name="session_overlap_check"),
            ]
        ),
    ),
    path(
        "seances/<int:session_id>/",
        include(
            [
                path("emargement.pdf", events.session_attendance_sheet, name="attendance_sheet"),
                path("presences/", events.session_attendance, name="session_attendance"),
            ]
        ),
    ),
    path(
        "formations/",
        include(
            [
                path("", registrations.pro_events, name="pro_events"),
                path(
                    "<int:session_id>/inscription/", registrations.pro_register, name="pro_register"
                ),
            ]
        ),
    ),
    path(
        "ateliers/",
        include(
            [
                path("", registrations.public_events, name="public_events"),
                path(
                    "<int:session_id>/",
                    registrations.public_event_detail,
                    name="public_event_detail",
                ),
                path(
                    "annulation/<str:token>/",
                    registrations.registration_cancel,
                    name="registration_cancel",
                ),
                path("avis/<str:token>/", registrations.satisfaction, name="satisfaction"),
            ]
        ),
    ),
    path(
        "participations/",
        include(
            [
                path("", participation.participation_list, name="participation_list"),
                path(
                    "export.<str:fmt>",
                    participation.participation_export,
                    name="participation_export",
                ),
                path("repartition/", participation.load_sharing, name="load_sharing"),
            ]
        ),
    ),
    path("agenda/", partners.agenda, name="agenda"),
]
