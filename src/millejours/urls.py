from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from millejours.interop.api import api
from millejours.ops.views import health

urlpatterns = [
    path("", include("millejours.core.urls")),
    path("comptes/", include("millejours.accounts.urls")),
    path("territoire/", include("millejours.territory.urls")),
    path("familles/", include("millejours.pathway.urls")),
    path("confiance/", include("millejours.privacy.urls")),
    path("reperage/", include("millejours.screening.urls")),
    path("ressources/", include("millejours.directory.urls")),
    path("orientations/", include("millejours.orientations.urls")),
    path("accompagnement/", include("millejours.followup.urls")),
    path("programme/", include("millejours.programme.urls")),
    path("aller-vers/", include("millejours.outreach.urls")),
    path("indicateurs/", include("millejours.indicators.urls")),
    path("api/v1/", api.urls),  # the open API (django-ninja), see docs/interop.md
    path("api/", include("millejours.interop.urls")),
    path("catalogue-regional/", include("millejours.interop.catalogue_urls")),
    path("clinique/", include("millejours.clinical.urls")),
    path("bilan-prevention/", include("millejours.checkup.urls")),
    path("django-admin/", admin.site.urls),
    path("sante/", health, name="health"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
