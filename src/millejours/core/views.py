from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from millejours.accounts.models import Role

# Where each role lands after logging in (first URL that exists).
HOME_BY_ROLE = {
    Role.PROFESSIONAL: ["pathway:worklist"],
    Role.REFERENT: ["pathway:worklist"],
    Role.PARENT: ["pathway:parent_calendar"],
    Role.COORDINATOR: ["programme:fiche_list", "indicators:dashboard"],
    Role.PARTNER: ["orientations:inbox"],
    Role.FUNDER: ["indicators:thousand_days"],
    Role.ADMIN: ["privacy:accesslog_search"],
}


def home(request):
    if request.user.is_authenticated:
        for name in HOME_BY_ROLE.get(request.user.role, []):
            try:
                return redirect(reverse(name))
            except NoReverseMatch:
                continue
    return render(request, "core/home.html")


def healthz(request):
    return JsonResponse({"status": "ok"})
