"""Answer builders for the screening tests."""

from millejours.screening import questionnaires


def epds_answers(positions):
    """Option positions (original order) → answers {q1: code, …}."""
    return questionnaires.epds().answers_from_positions(list(positions))


def epds_for_points(points):
    """Answers giving ``points[i]`` points to item i+1 (whatever the option order)."""
    q = questionnaires.epds()
    answers = {}
    for item, wanted in zip(q.choice_items, points, strict=True):
        answers[item.code] = next(o.code for o in item.options if o.points == wanted)
    return answers


def epp_answers(**domains):
    """A complete EPP grid: every domain "non" except those given (e.g. violences="oui")."""
    q = questionnaires.epp()
    answers = {
        "participants": "mere",
        "besoins": "Se reposer",
        "attentes": "Être accompagnée",
        "projet_naissance": "Accouchement physiologique si possible",
    }
    for dom in q.domains:
        answers[dom.code] = domains.get(dom.code, "non")
    return answers
