from django.urls import path

from . import views

app_name = "territory"
urlpatterns = [
    path("", views.territory_index, name="list"),
    path("<slug:slug>/", views.territory_detail, name="detail"),
]
