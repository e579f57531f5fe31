from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import psc, views

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "double-authentification/",
        include(
            [
                path("activer/", views.otp_setup, name="otp_setup"),
                path("verifier/", views.otp_verify, name="otp_verify"),
                path("demander-un-lien/", views.otp_request_link, name="otp_request_link"),
                path("inscription/<str:token>/", views.otp_enrol_link, name="otp_enrol_link"),
                path("codes-de-secours/", views.otp_recovery_codes, name="otp_recovery_codes"),
            ]
        ),
    ),
    path("pro-sante-connect/", psc.psc_login, name="psc_login"),
    path("pro-sante-connect/retour/", psc.psc_callback, name="psc_callback"),
    path(
        "mot-de-passe/",
        include(
            [
                path("oubli/", views.PasswordResetView.as_view(), name="password_reset"),
                path(
                    "oubli/envoye/",
                    views.PasswordResetDoneView.as_view(),
                    name="password_reset_done",
                ),
                path(
                    "nouveau/<uidb64>/<token>/",
                    views.PasswordResetConfirmView.as_view(),
                    name="password_reset_confirm",
                ),
                path(
                    "modifie/",
                    views.PasswordResetCompleteView.as_view(),
                    name="password_reset_complete",
                ),
            ]
        ),
    ),
]
