"""Panels: whose page is being rendered (``panel_user``, ``panel_professional``)."""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.template import Context

from millejours.lib.panels import panel_professional, panel_user


def _context(user=None) -> Context:
    return Context({"request": SimpleNamespace(user=user)} if user is not None else {})


PROFESSIONAL = SimpleNamespace(is_authenticated=True, is_professional=True)
PARENT = SimpleNamespace(is_authenticated=True, is_professional=False)


def test_a_panel_knows_the_logged_in_user_of_the_page():
    assert panel_user(_context(PROFESSIONAL)) is PROFESSIONAL
    assert panel_user(_context(PARENT)) is PARENT


def test_a_panel_has_no_user_when_nobody_is_logged_in_or_there_is_no_request():
    assert panel_user(_context(AnonymousUser())) is None
    assert panel_user(_context()) is None


def test_the_professional_panels_are_for_professionals_only():
    assert panel_professional(_context(PROFESSIONAL)) is PROFESSIONAL
    assert panel_professional(_context(PARENT)) is None
    assert panel_professional(_context(AnonymousUser())) is None
    assert panel_professional(_context()) is None
