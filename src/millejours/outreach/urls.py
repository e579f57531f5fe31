from django.urls import include, path

from . import duplicate_views, email_tracking, family_views, operator_views, views

app_name = "outreach"
urlpatterns = [
    path("", views.home, name="home"),
    path("imports/nouveau/", views.import_new, name="import_new"),
    path(
        "imports/<int:pk>/",
        include(
            [
                path("", views.import_detail, name="import_detail"),
                path("etat/", views.import_status, name="import_status"),
                path("confirmer/", views.import_commit, name="import_commit"),
                path("lignes-rejetees.csv", views.import_rejects, name="import_rejects"),
            ]
        ),
    ),
    path(
        "doublons/",
        include(
            [
                path("", duplicate_views.duplicate_list, name="duplicates"),
                path(
                    "<int:pk>/meme-personne/", duplicate_views.duplicate_same, name="duplicate_same"
                ),
                path(
                    "<int:pk>/personnes-differentes/",
                    duplicate_views.duplicate_different,
                    name="duplicate_different",
                ),
            ]
        ),
    ),
    path(
        "sequences/",
        include(
            [
                path("nouvelle/", views.sequence_edit, name="sequence_new"),
                path("<int:pk>/", views.sequence_edit, name="sequence_edit"),
                path("<int:sequence_pk>/messages/nouveau/", views.step_edit, name="step_new"),
                path("<int:sequence_pk>/messages/<int:pk>/", views.step_edit, name="step_edit"),
            ]
        ),
    ),
    path("sms/apercu/", views.sms_preview, name="sms_preview"),
    path("recontacts/nouveau/", views.recontact_new, name="recontact_new"),
    path("familles/<int:family_id>/", family_views.family, name="family"),
    path("d/<str:token>/", views.optout, name="optout"),
    path(
        "webhooks/",
        include(
            [
                path("sms-entrant/", views.webhook_inbound, name="webhook_inbound"),
                path("accuses/", views.webhook_receipt, name="webhook_receipt"),
                path("courriel/", email_tracking.email_tracking, name="webhook_email"),
                path(
                    "operateur/<str:operator>/",
                    operator_views.webhook_operator,
                    name="webhook_operator",
                ),
            ]
        ),
    ),
]
