from django.urls import path

from . import views, views_aggregates

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.<str:fmt>", views.export, name="export"),
    path("1000-jours/", views_aggregates.thousand_days, name="thousand_days"),
    path("rapports/<slug:name>.<str:fmt>", views_aggregates.report, name="report"),
]
