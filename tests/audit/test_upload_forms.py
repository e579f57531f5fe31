"""Every upload form checks extension, content (magic bytes) and size (issue 11, item 8)."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

import millejours
from millejours.audit import uploads

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"


def upload_forms():
    found = []
    for module_info in pkgutil.walk_packages(millejours.__path__, "millejours."):
        if not (module_info.name.endswith(".forms") or ".forms." in module_info.name):
            continue
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, forms.BaseForm):
                continue
            for name, field in cls.base_fields.items():
                if isinstance(field, forms.FileField):
                    found.append(
                        pytest.param(cls, name, id=f"{cls.__module__}.{cls.__name__}.{name}")
                    )
    return found


FORMS = upload_forms()


def test_the_upload_forms_are_found():
    assert len(FORMS) >= 5


@pytest.mark.django_db
@pytest.mark.parametrize(("form_class", "field"), FORMS)
@pytest.mark.parametrize("extension", [".csv", ".xlsx", ".json", ".ics", ".pdf", ".png"])
def test_an_executable_renamed_to_an_accepted_extension_is_refused(
    form_class, field, extension, monkeypatch
):
    calls = []
    real = uploads.validate_upload

    def spy(upload, **kwargs):
        calls.append(upload.name)
        return real(upload, **kwargs)

    monkeypatch.setattr(uploads, "validate_upload", spy)
    for module in {inspect.getmodule(form_class)}:
        if hasattr(module, "validate_upload"):
            monkeypatch.setattr(module, "validate_upload", spy)
    form = form_class(data={}, files={field: SimpleUploadedFile("fichier" + extension, EXECUTABLE)})
    form.is_valid()
    assert calls, f"{form_class.__name__}.{field} does not call audit.uploads.validate_upload"
    messages = " ".join(str(m) for m in form.errors.get(field, []))
    assert "ne correspond pas" in messages or "non accepté" in messages, messages


@pytest.mark.parametrize(
    ("content", "accepted"),
    [
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", True),
        (b"\xef\xbb\xbfBEGIN:VCALENDAR\n", True),
        (b"nom;date\n", False),
        (EXECUTABLE, False),
    ],
)
def test_an_icalendar_upload_must_look_like_one(content, accepted):
    upload = SimpleUploadedFile("agenda.ics", content)
    if accepted:
        assert uploads.validate_upload(upload, allowed={"ics"}) == "ics"
    else:
        with pytest.raises(uploads.UploadRejected):
            uploads.validate_upload(upload, allowed={"ics"})
