"""Response times of the load test per group of pages (exact percentiles over all requests).

Locust's own table gives percentiles per request name; the target of issue 12 is stated
per group (« p95 < 300 ms for professionals' pages », with the health page's p95 beside
it), and a group's p95 cannot be derived from its pages' p95. Request names start with
their group (``pro : …``, ``parent : …``, ``coordination : …``, ``santé``, ``connexion``).
"""

from __future__ import annotations

GROUPS = (
    ("pro", "professionnels (pages)"),
    ("parent", "parents"),
    ("coordination", "coordination"),
    ("santé", "santé (health page)"),
    ("connexion", "connexion"),
)


def group_of(name: str) -> str:
    for prefix, label in GROUPS:
        if name.startswith(prefix):
            return label
    return "autres"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(fraction * len(ordered)) - 1)] if ordered else 0.0


class GroupTimes:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}
        self.failures: dict[str, int] = {}

    def add(self, name: str, response_time: float, *, failed: bool) -> None:
        for group in (group_of(name), "toutes"):
            self.times.setdefault(group, []).append(response_time)
            self.failures[group] = self.failures.get(group, 0) + int(failed)

    def report(self) -> dict[str, dict[str, float]]:
        order = [label for _, label in GROUPS] + ["autres", "toutes"]
        return {
            group: {
                "count": len(values),
                "errors": self.failures.get(group, 0),
                "p50": round(percentile(values, 0.50)),
                "p95": round(percentile(values, 0.95)),
                "p99": round(percentile(values, 0.99)),
            }
            for group, values in sorted(self.times.items(), key=lambda kv: order.index(kv[0]))
        }

    @staticmethod
    def table(report: dict[str, dict[str, float]]) -> str:
        lines = [
            "| groupe | requêtes | erreurs | p50 (ms) | p95 (ms) | p99 (ms) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for group, row in report.items():
            lines.append(
                f"| {group} | {row['count']} | {row['errors']} | {row['p50']} "
                f"| {row['p95']} | {row['p99']} |"
            )
        return "\n".join(lines)
