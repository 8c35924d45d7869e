"""The import capacity of one server process: its pool of decoding processes (made on the
first large upload, `WebSettings.import_workers` processes) and its import slots (at most
`WebSettings.import_slots` imports at once; `web/imports.py` takes and gives them back)."""

from __future__ import annotations

import threading
from concurrent.futures import Executor

from gerdy.importers.pipeline import new_pool


class ImportCapacity:
    """The per-process part of the import limits: the shared pool and the import slots."""

    def __init__(self, workers: int, slots: int) -> None:
        self.workers = workers
        self.slots = threading.BoundedSemaphore(slots)
        self._pool: Executor | None = None
        self._lock = threading.Lock()

    def pool(self) -> Executor:
        with self._lock:
            if self._pool is None:
                self._pool = new_pool(self.workers)
            return self._pool

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
