"""Writes of the programme domain, one module per sub-domain.

Every write is one atomic service call that also appends to the audit trail. Import from the
sub-module that owns the write:

- ``fiche_document``: the ``millejours.fiche/1`` JSON document (export, schema, limits);
- ``fiche_validation``: checking an imported document, section by section;
- ``fiches``: creating a fiche from a document and saving an edited one;
- ``events``: saving the coordination's events, their sessions and the partners;
- ``registrations``: registrations to sessions, waiting list, attendance, satisfaction, reminders;
- ``participation``: the professionals' time and its compensation;
- ``agenda_import``: other actors' actions imported into the shared agenda (CSV, iCalendar).
"""
