"""Screening pages, one module per sub-domain: EPDS (public, parent, professional), the
family screening page, the EPP grid and its flags, alerts and contact requests."""
