"""Forms of the programme, one module per sub-domain: ``fiches``, ``partners``, ``events``
(sessions, registrations, satisfaction), ``participation`` (and the agenda import)."""
