"""The indicators come out of the other domains' demo data (see ``outreach.demo``)."""


def load(ctx) -> None:
    ctx.log.append(
        "Indicateurs : calculés à partir des données de démonstration (aucune donnée propre)."
    )
