from django.urls import path

from . import views

app_name = "clinical"
urlpatterns = [
    path("regles-a-valider/", views.review_list, name="review_list"),
]
