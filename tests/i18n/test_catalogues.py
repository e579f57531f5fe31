"""Message catalogues: complete, placeholders kept, compiled files up to date.

The compiled ``.mo`` files are committed (docs/langues.md): a fresh clone, a wheel or a
machine without GNU gettext serves the translations at once. This test fails when a
``.mo`` no longer matches its ``.po`` (recompile: ``millejours compilemessages``).
"""

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils import timezone

import millejours
from millejours.core import data_strings

LOCALE = Path(millejours.__file__).parent / "locale"
LANGUAGES = ("en", "ar")
PLACEHOLDER = re.compile(r"%\([a-z0-9_]+\)s")


def catalogue(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as fh:
        return read_po(fh, locale=language)


def messages(language):
    return [m for m in catalogue(language) if m.id]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    missing = [m.id for m in messages(language) if not m.string or m.fuzzy]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_and_markup_are_kept(language):
    for m in messages(language):
        assert sorted(PLACEHOLDER.findall(m.id)) == sorted(PLACEHOLDER.findall(m.string)), m.id
        assert m.id.count("<strong>") == m.string.count("<strong>"), m.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_its_source(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog
    source = {m.id: m.string for m in messages(language) if m.string and not m.fuzzy}
    compiled = {k: v for k, v in compiled.items() if k}
    assert compiled == source, "django.mo is stale: run `millejours compilemessages`"


def test_calendar_labels_reach_the_catalogues():
    from millejours.pathway.calendar.rules import get_rules

    labels = {r.label for r in get_rules().rules}
    assert labels - set(data_strings.CALENDAR_LABELS) == set()


def test_choice_labels_reach_the_catalogues():
    from millejours.accounts.models import Profession
    from millejours.audit.models import ConsentScope
    from millejours.audit.selectors import APP_LABELS, PAGE_LABELS
    from millejours.pathway.models import MilestoneState
    from millejours.screening.models import Level, Respondent

    listed = {*data_strings.CHOICE_LABELS, *data_strings.PRIVACY_LABELS}
    shown = {str(label) for choices in (MilestoneState, Respondent) for label in choices.labels}
    shown |= {str(label) for choices in (ConsentScope, Profession) for label in choices.labels}
    shown |= set(PAGE_LABELS.values()) | set(APP_LABELS.values())
    assert shown - listed == set()
    from millejours.programme.models import EventKind

    public_kinds = {"groupe_information", "groupe_partage", "groupe_specifique", "stand", "forum"}
    kinds = {str(EventKind(k).label) for k in public_kinds}
    assert kinds - set(data_strings.EVENT_KIND_LABELS) == set()
    from millejours.directory.opening_hours import open_now_label

    assert {"oui", "non", "à confirmer", "horaires non renseignés"} == set(
        data_strings.OPEN_NOW_LABELS
    )
    assert open_now_label("", timezone.now()) in set(data_strings.OPEN_NOW_LABELS)
    from millejours.screening.translations import LEVEL_LABELS

    assert set(Level.labels) == set(LEVEL_LABELS)


def test_checkup_labels_reach_the_catalogues():
    from millejours.checkup import questionnaire
    from millejours.checkup.models import Progress, Stage

    shown = {str(label) for choices in (Stage, Progress) for label in choices.labels}
    shown |= {option.label for option in questionnaire.get().knowledge_options}
    assert shown - set(data_strings.CHECKUP_LABELS) == set()
