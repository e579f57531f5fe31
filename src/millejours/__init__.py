"""Mille Jours."""
