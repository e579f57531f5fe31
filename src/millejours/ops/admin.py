from django.contrib import admin

from .models import Heartbeat, JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ("job", "slot", "trigger", "status", "started_at", "finished_at")
    list_filter = ("job", "status", "trigger")
    readonly_fields = [f.name for f in JobRun._meta.fields]


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "beat_at", "runner")
