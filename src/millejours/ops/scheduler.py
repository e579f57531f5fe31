"""The long-running scheduler loop (``millejours scheduler``)."""

from __future__ import annotations

import logging
import signal
import time

from django.db import close_old_connections

from .jobs import JOBS
from .services import beat, run_due

logger = logging.getLogger("millejours.ops")


class Scheduler:
    def __init__(self, jobs=JOBS, interval: float = 30.0):
        self.jobs = jobs
        self.interval = interval
        self.stopping = False

    def stop(self, *_args) -> None:
        self.stopping = True

    def tick(self) -> list:
        close_old_connections()
        beat("scheduler")
        runs = run_due(self.jobs)
        for run in runs:
            logger.info("job %s %s", run.job, run.status)
        close_old_connections()
        return runs

    def run_forever(self, once: bool = False) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        while not self.stopping:
            self.tick()
            if once:
                return
            deadline = time.monotonic() + self.interval
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(min(1.0, self.interval))
