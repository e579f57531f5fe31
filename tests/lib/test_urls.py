"""Links formatted from a pattern reversed once give exactly what ``reverse`` gives."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from millejours.lib.urls import reverse_ids, reverse_many

NAMES = [
    "pathway:milestone_row",
    "pathway:milestone_done",
    "pathway:milestone_undo",
    "pathway:milestone_reopen",
    "pathway:milestone_postpone",
    "pathway:milestone_missed",
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("ids", [(1, 2), (0, 0), (123456, 7), (7_919_813_571, 1)])
def test_same_url_as_reverse(name, ids):
    assert reverse_ids(name, *ids) == reverse(name, args=ids)


def test_one_id_and_several_names():
    urls = reverse_many(["pathway:family_detail", "pathway:careteam"], 42)
    assert urls == {
        "pathway:family_detail": reverse("pathway:family_detail", args=[42]),
        "pathway:careteam": reverse("pathway:careteam", args=[42]),
    }


def test_the_script_prefix_of_the_request_is_kept():
    try:
        set_script_prefix("/mj/")
        assert reverse_ids("pathway:milestone_done", 3, 4) == "/mj" + "/familles/3/etapes/4/fait/"
        assert reverse_ids("pathway:milestone_done", 3, 4) == reverse(
            "pathway:milestone_done", args=[3, 4]
        )
    finally:
        clear_script_prefix()
    assert not reverse_ids("pathway:milestone_done", 3, 4).startswith("/mj")


def test_what_is_not_a_plain_id_goes_through_reverse():
    # A string id: reverse decides (here it matches the int converter too).
    assert reverse_ids("pathway:milestone_done", "5", 6) == reverse(
        "pathway:milestone_done", args=["5", 6]
    )
    with pytest.raises(NoReverseMatch):  # a negative id matches no pattern: same refusal
        reverse_ids("pathway:milestone_done", -1, 6)
