"""Admin pages of rows only the application writes (links it issues, append-only logs)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class NoEditAdmin(admin.ModelAdmin[Any]):
    """The admin lists and shows the rows, never adds nor changes one (it may delete one)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any | None = None) -> bool:
        return False


class ReadOnlyAdmin(NoEditAdmin):
    """Nor deletes one: the rows are a record (append-only, hash-chained…)."""

    def has_delete_permission(self, request: HttpRequest, obj: Any | None = None) -> bool:
        return False
