"""Emergency numbers are links in every template (issue 10, item 7): ``tel:``, ``sms:`` for 114."""

import re
from pathlib import Path

from django.template import Context, Template

SRC = Path(__file__).resolve().parents[2] / "src" / "millejours"
LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.DOTALL)
TEMPLATE_CODE = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
# 3-4 digit numbers anywhere in the text; 15 and 17 when shown as a number on their own.
BARE = re.compile(r"(?<![\w,.:/-])(3114|3919|112|114|119|115)(?![\w,/%-])|<strong>(15|17)</strong>")


def test_no_template_shows_an_emergency_number_outside_a_link():
    offenders = []
    for path in SRC.glob("*/templates/**/*.html"):
        text = LINK.sub("", TEMPLATE_CODE.sub("", path.read_text(encoding="utf-8")))
        text = re.sub(r"<(style|script)\b.*?</\1>", "", text, flags=re.DOTALL)
        for match in BARE.finditer(text):
            before = re.sub(r"<[^>]+>", "", text[: match.start()])[-40:]
            offenders.append(f"{path.relative_to(SRC)}: …{before}{match.group(0)}")
    assert offenders == []


def test_the_emergency_tags_give_tel_and_sms_links():
    html = Template(
        '{% load emergency %}{% emergency_link "3114" %} {% emergency_link "114" %}'
    ).render(Context())
    assert 'href="tel:3114"' in html and 'href="sms:114"' in html
    listing = Template('{% load emergency %}{% emergency_list "17" "114" "3919" %}').render(
        Context()
    )
    assert 'href="tel:17"' in listing and 'href="sms:114"' in listing and "tel:3919" in listing
