"""Login, second factor (TOTP + recovery codes) and password reset pages."""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from millejours.lib.throttle import rate_limited

from . import enrolment
from .forms import FrenchPasswordResetForm, FrenchSetPasswordForm, LoginForm, OTPCodeForm
from .mfa import confirmed_totp, recovery_codes_renew, totp_confirm, totp_pending_device


class LoginView(auth_views.LoginView):
    template_name = "accounts/connexion.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "psc_enabled": settings.MILLEJOURS_PSC_ENABLED,
        }


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("core:home")


def _qr_svg(data: str) -> str:
    """The provisioning URI as an inline SVG QR code (no external service)."""
    svg = segno.make(data, error="m").svg_inline(
        scale=5, title="Code QR à scanner avec votre application"
    )
    return mark_safe(svg)


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """Enrol a TOTP device (QR code), then show the recovery codes once.

    Outside demo mode a session that has not passed a second factor may enrol only after
    redeeming a one-time enrolment link (``accounts.enrolment``): the password alone
    gets the « demandez un lien d'inscription » page.
    """
    user = request.user
    granted = enrolment.has_enrolment_grant(request, user)
    if confirmed_totp(user) is not None and not user.is_verified() and not granted:
        return redirect(f"{reverse('accounts:otp_verify')}?next={_next_url(request)}")
    if enrolment.enrolment_needs_link(user, request):
        return render(request, "accounts/otp_link_required.html", {"next": _next_url(request)})
    device = totp_pending_device(user)
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = totp_confirm(user, device)
            otp_login(request, device)
            enrolment.end_grant(request)
            return render(
                request,
                "accounts/otp_recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error(
            "code", "Ce code n'est pas valide. Vérifiez l'heure de votre téléphone et réessayez."
        )
    secret = device.config_url.split("secret=")[1].split("&")[0]
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": secret,
            "next": _next_url(request),
        },
    )


@login_required
@require_http_methods(["POST"])
def otp_request_link(request):
    """E-mail a one-time enrolment link to the logged-in person's own address."""
    if enrolment.request_link(request.user):
        messages.success(request, f"Un lien d'inscription a été envoyé à {request.user.email}.")
    else:
        messages.info(
            request, "Un lien vient déjà de vous être envoyé : consultez votre messagerie."
        )
    return redirect(f"{reverse('accounts:otp_setup')}?next={_next_url(request)}")


@login_required
@require_http_methods(["GET", "POST"])
def otp_enrol_link(request, token: str):
    """Redeem a one-time enrolment link (GET shows a button: mail scanners never use it)."""
    link = enrolment.find_link(token)
    if link is None:
        return render(request, "accounts/otp_enrol_link.html", {"invalid": True}, status=410)
    if link.user_id != request.user.pk:  # ``redeem`` refuses it too; here, the page's answer
        return render(request, "accounts/otp_enrol_link.html", {"other_account": True}, status=403)
    if request.method == "POST":
        if enrolment.redeem(request, link):
            return redirect("accounts:otp_setup")
        return render(request, "accounts/otp_enrol_link.html", {"invalid": True}, status=410)
    return render(request, "accounts/otp_enrol_link.html", {"link": link})


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    """Ask for the TOTP code (or a recovery code) of a logged-in session."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    totp = confirmed_totp(user)
    if totp is None:
        return redirect(f"{reverse('accounts:otp_setup')}?next={_next_url(request)}")
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        device = None
        if totp.verify_is_allowed()[0] and totp.verify_token(code):
            device = totp
        else:
            for static in StaticDevice.objects.filter(user=user, confirmed=True):
                if static.verify_token(code.lower()):
                    device = static
                    messages.warning(
                        request,
                        f"Vous avez utilisé un code de secours ; il vous en reste {static.token_set.count()}.",
                    )
                    break
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", "Ce code n'est pas valide ou a déjà été utilisé.")
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


@login_required
@require_http_methods(["POST"])
def otp_recovery_codes(request):
    """Replace the recovery codes (after a verified second factor)."""
    if not request.user.is_verified():
        return redirect("accounts:otp_verify")
    codes = recovery_codes_renew(request.user)
    return render(
        request, "accounts/otp_recovery_codes.html", {"codes": codes, "next": reverse("core:home")}
    )


def lockout(request, credentials=None, *args, **kwargs):
    """django-axes lockout answer (French, HTTP 429)."""
    return render(request, "accounts/lockout.html", status=429)


@method_decorator(
    rate_limited("password_reset", per_ip=10, per_target=3, window=3600, targets=("email",)),
    name="dispatch",
)
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    form_class = FrenchPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = FrenchSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
