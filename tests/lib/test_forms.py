"""The shared form pieces: HTML5 date inputs with ISO values, French date and free-text fields."""

import datetime as dt

from django import forms

from millejours.lib.forms import INVALID_DATE, DateInput, DateTimeInput, date_field, text_area_field


class NoteForm(forms.Form):
    on = date_field("Date", required="Indiquez la date.")
    until = date_field("Jusqu'au")
    note = text_area_field("Note", rows=3, max_length=10, required="La note est obligatoire.")


def test_a_filled_form_gives_the_date_and_the_stripped_text():
    form = NoteForm({"on": "2026-11-30", "until": "", "note": "  Appel  "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"on": dt.date(2026, 11, 30), "until": None, "note": "Appel"}


def test_a_text_of_spaces_counts_as_empty_and_gets_the_french_message():
    form = NoteForm({"on": "2026-11-30", "note": "   "})
    assert not form.is_valid()
    assert form.errors["note"] == ["La note est obligatoire."]


def test_the_date_messages_are_french():
    form = NoteForm({"on": "", "until": "30 février", "note": "x"})
    assert not form.is_valid()
    assert form.errors["on"] == ["Indiquez la date."]
    assert form.errors["until"] == [INVALID_DATE]


def test_the_text_length_is_bounded():
    form = NoteForm({"on": "2026-11-30", "note": "x" * 11})
    assert not form.is_valid()
    assert "note" in form.errors


def test_the_date_inputs_show_iso_values_whatever_the_language():
    html = DateInput().render("on", dt.date(2026, 3, 4))
    assert 'type="date"' in html and 'value="2026-03-04"' in html
    html = DateTimeInput().render("at", dt.datetime(2026, 3, 4, 9, 5))
    assert 'type="datetime-local"' in html and 'value="2026-03-04T09:05"' in html
