"""Panels the check-up shows on pages of other domains (worklist, calendar, case review)."""

from datetime import timedelta

from django import template
from django.utils import timezone

from millejours.checkup import questionnaire, selectors
from millejours.lib.panels import panel_professional, panel_user, render_panel

register = template.Library()
WORKLIST_DAYS = 7  # goals to review within a week (late ones included)


@register.filter
def get(mapping, key):
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


def _labels() -> dict:
    return {d.code: d.label for d in questionnaire.get().domains}


@register.simple_tag
def checkup_domain_labels():
    return _labels()


@register.simple_tag
def checkup_domain_label(code):
    return _labels().get(code, code)


@register.simple_tag(takes_context=True)
def checkup_worklist_panel(context):
    """Open prevention goals to review this week in the professional's families."""
    user = panel_user(context)
    if user is None:
        return ""
    goals = list(
        selectors.goals_to_review_for(
            user, until=timezone.localdate() + timedelta(days=WORKLIST_DAYS)
        )[:50]
    )
    if not goals:
        return ""
    return render_panel(context, "checkup/_worklist_panel.html", {"goals": goals})


@register.simple_tag(takes_context=True)
def checkup_calendar_panel(context, family):
    """The family's open goals and their review dates in the parent's calendar."""
    goals = list(selectors.goals_for_calendar(family)[:10])
    if not goals:
        return ""
    return render_panel(context, "checkup/_calendar_panel.html", {"goals": goals})


@register.simple_tag(takes_context=True)
def checkup_review_panel(context, family):
    """The latest plan the referent may see, in the case review (followup)."""
    user = panel_user(context)
    plan = selectors.latest_plan(family, user) if user else None
    if plan is None:
        return ""
    extra = {"plan": plan, "goals": selectors.plan_goals(plan), "domains": _labels()}
    return render_panel(context, "checkup/_review_panel.html", extra)


@register.simple_tag(takes_context=True)
def checkup_family_panel(context, family):
    """On the family record: the latest check-up and a link to the check-up page."""
    if panel_professional(context) is None:
        return ""
    extra = {"family": family, "last": selectors.family_checkups(family).first()}
    return render_panel(context, "checkup/_family_panel.html", extra)
