"""Admin pages of rows only the application writes (``lib.admin``)."""

from types import SimpleNamespace

from django.contrib import admin
from django.test import RequestFactory

from millejours.accounts.models import EnrolmentLink
from millejours.audit.models import AccessLog


def _rights(model) -> dict[str, bool]:
    """What the admin allows on ``model`` to an account holding every permission."""
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = SimpleNamespace(has_perm=lambda perm: True)
    return {
        "view": model_admin.has_view_permission(request),
        "add": model_admin.has_add_permission(request),
        "change": model_admin.has_change_permission(request),
        "delete": model_admin.has_delete_permission(request),
    }


def test_enrolment_links_are_never_added_nor_changed_in_the_admin_but_may_be_deleted():
    assert _rights(EnrolmentLink) == {"view": True, "add": False, "change": False, "delete": True}


def test_the_access_log_is_only_read_in_the_admin():
    assert _rights(AccessLog) == {"view": True, "add": False, "change": False, "delete": False}
