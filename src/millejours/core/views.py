from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from millejours.accounts.models import Role

from .i18n import language_chosen, supported

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


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language`` (language cookie), and for a parent: the family's choice.

    The family's preferred language is then used on the next login, and for its SMS and
    e-mails (``pathway.languages``).
    """
    response = django_set_language(request)
    language = supported(request.POST.get("language"))
    if language:
        language_chosen.send(
            sender=set_language, request=request, user=request.user, language=language
        )
    return response
