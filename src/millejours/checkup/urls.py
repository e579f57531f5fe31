from django.urls import include, path

from . import views

app_name = "checkup"
urlpatterns = [
    path("mon-bilan/", views.parent_checkup, name="parent_checkup"),
    path("mon-bilan/<int:pk>/", views.parent_result, name="parent_result"),
    path("mon-plan/", views.parent_plan, name="parent_plan"),
    path("mon-plan.pdf", views.parent_plan_pdf, name="parent_plan_pdf"),
    path(
        "familles/<int:family_id>/",
        include(
            [
                path("", views.family_page, name="family"),
                path("nouveau/", views.pro_new, name="pro_new"),
                path("<int:pk>/", views.detail, name="detail"),
                path("<int:pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
                path("reperages/<int:flag_id>/", views.flag_review, name="flag_review"),
                path("objectifs/<int:goal_id>/revue/", views.goal_review, name="goal_review"),
            ]
        ),
    ),
]
