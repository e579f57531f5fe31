from django.urls import path

from . import feeds_views

app_name = "catalogue_regional"
urlpatterns = [
    path("", feeds_views.regional, name="index"),
    path("abonnements/<int:subscription_id>/actualiser/", feeds_views.refresh, name="refresh"),
    path("fiches/<int:fiche_id>/", feeds_views.remote_fiche, name="fiche"),
]
