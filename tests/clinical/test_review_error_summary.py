"""« Règles à valider »: a validation without comment shows the error summary."""

import pytest

from tests.error_summary import summary_links

from .test_review_page import URL, epds_item10_rule

pytestmark = pytest.mark.django_db


def test_a_validation_without_comment_links_to_its_comment(medical_referent, login):
    rule = epds_item10_rule()
    data = {"kind": rule.kind, "code": rule.code, "version": rule.version, "comment": ""}
    html = login(medical_referent).post(URL, data).content.decode()
    assert len(summary_links(html)) == 1
