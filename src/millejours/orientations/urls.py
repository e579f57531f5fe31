from django.urls import path

from . import views

app_name = "orientations"
urlpatterns = [
    path("", views.orientation_list, name="list"),
    path("famille/<int:family_id>/nouvelle/", views.orientation_create, name="create"),
    path("<int:pk>/", views.orientation_detail, name="detail"),
    path("<int:pk>/action/", views.orientation_action, name="action"),
    path("recues/", views.inbox, name="inbox"),
    path("recues/<int:pk>/", views.inbox_detail, name="inbox_detail"),
    path("lien/<str:token>/", views.partner_link, name="partner_link"),
]
