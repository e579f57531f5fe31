"""The error summary of an invalid form (``core/_error_summary.html`` or the same markup):
one per page, focusable, each field error linked to an element of the page."""

from __future__ import annotations

import re

SUMMARY = re.compile(r"<div class=\"error-summary\"[^>]*data-error-summary[^>]*>(.*?)</div>", re.S)


def summary_links(html: str) -> list[str]:
    """The summary's links (``#id``), checking there is exactly one summary and that every
    link points to an element of the page."""
    summaries = SUMMARY.findall(html)
    assert len(summaries) == 1, f"{len(summaries)} error summaries on the page"
    assert 'tabindex="-1"' in SUMMARY.search(html).group(0)
    links = re.findall(r'<a href="#([^"]+)"', summaries[0])
    for anchor in links:
        assert f'id="{anchor}"' in html, f"the summary links to #{anchor}, absent from the page"
    return links
