"""Writes of the pathway domain (one function per business action, audited).

Signatures other domains rely on (keep them stable):

- ``milestone_mark_done(*, milestone, user, done_on, note="") -> Milestone``
- ``pregnancy_flag_postpartum_risk(*, pregnancy, user, reason: str) -> None`` — makes the
  second postnatal interview (``epnp_2``) apply and recomputes the calendar.
- ``careteam_add(*, family, user, added_by, role=CareTeamRole.MEMBER) -> CareTeamMember``
"""
