"""The calendar engine: data rules (``rules/*.yaml``) → each pathway's milestones.

Public API (other domains call only these):

- ``compute_milestones(case, *, today=None) -> list[ComputedMilestone]`` — pure function,
  used by the ``millejours calendar`` command and by materialisation;
- ``materialise(pregnancies) -> MaterialiseResult`` — (re)computes and stores the
  milestones of the given pregnancies (queryset or iterable) in bulk, never losing what
  was marked done;
- ``refresh_states(today=None) -> int`` — nightly bulk update of time-dependent states
  (à venir → à faire → en retard).
"""
