from django.urls import include, path

from . import partner_views, views

app_name = "directory"
urlpatterns = [
    path("", views.public_search, name="public_search"),
    path("carte.json", views.public_markers, name="public_markers"),
    path("service/<int:pk>/", views.public_detail, name="public_detail"),
    path(
        "pro/",
        include(
            [
                path("", views.pro_search, name="pro_search"),
                path("carte.json", views.pro_markers, name="pro_markers"),
                path("service/<int:pk>/", views.pro_detail, name="pro_detail"),
                path("service/<int:pk>/verifiee/", views.mark_checked, name="mark_checked"),
                path("service/<int:pk>/modifier/", partner_views.service_edit, name="service_edit"),
                path("mes-fiches/", partner_views.my_services, name="my_services"),
                path("modifications/", partner_views.changes, name="changes"),
            ]
        ),
    ),
    path("import/", views.import_view, name="import"),
    path("export.json", views.export_view, name="export"),
]
