"""A gzip bomb in an upload: `.fit.gz` files (loose, or members of an export zip) whose few
kilobytes inflate to megabytes each. What they inflate to counts against the upload's cap and
the day's allowance, measured by streaming and stopped at the cap, before any decoding; and an
import feeds the shared decoding pool a few files at a time, so another runner's upload is not
queued behind all of a large one."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import zipfile
from concurrent.futures import Executor, Future
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from gerdy.importers import pipeline
from gerdy.importers.pipeline import FileToDecode, decode_all, unpacked_size
from gerdy.web.limits import keyed
from gerdy.web.state import WebSettings

from .conftest import NOW, MakeApp, csrf_of, signed_up

MB = 1024 * 1024


def gzipped_zeros(size: int) -> bytes:
    return gzip.compress(b"\0" * size, compresslevel=9)


def zip_of_gzips(members: int, size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for n in range(members):
            archive.writestr(f"activities/{n}.fit.gz", gzipped_zeros(size))
    return buffer.getvalue()


def upload(client: TestClient, name: str, data: bytes) -> Any:
    return client.post(
        "/api/imports",
        files=[("files", (name, data, "application/octet-stream"))],
        headers={"X-CSRF-Token": csrf_of(client)},
    )


def charged_today(app: FastAPI, email: str) -> int:
    state = app.state.gerdy
    account = state.accounts.by_email(email)
    bucket = keyed(state, "import-bytes", str(account.id))
    return int(state.accounts.attempts(bucket, NOW - dt.timedelta(days=1)).total)


def test_a_zip_of_gzip_bombs_is_refused_by_what_it_inflates_to_before_any_decoding(
    make_app: MakeApp,
) -> None:
    """30 members of about 1 KB each, 1 MB each once inflated: 30 MB, over a 4 MB cap. The
    zip's own directory says 30 KB."""
    settings = WebSettings(max_upload_unpacked_bytes=4 * MB, max_daily_unpacked_bytes=64 * MB)
    app = make_app(settings=settings)
    client = signed_up(TestClient(app), "bomb@example.org")
    bomb = zip_of_gzips(30, MB)
    assert len(bomb) < 100_000
    response = upload(client, "export.zip", bomb)
    assert response.status_code == 413, response.text
    assert "unpack" in response.json()["detail"]
    assert app.state.gerdy.imports._pool is None  # nothing was handed to the decoders
    assert charged_today(app, "bomb@example.org") == 0


def test_a_loose_gzip_counts_its_inflated_size_against_the_days_allowance(
    make_app: MakeApp,
) -> None:
    settings = WebSettings(max_upload_unpacked_bytes=8 * MB, max_daily_unpacked_bytes=10 * MB)
    app = make_app(settings=settings)
    client = signed_up(TestClient(app), "loose@example.org")
    bomb = gzipped_zeros(3 * MB)  # 3 KB on the wire
    first = upload(client, "run.fit.gz", bomb)
    assert first.status_code == 200, first.text
    assert charged_today(app, "loose@example.org") >= 3 * MB
    assert upload(client, "run2.fit.gz", gzipped_zeros(3 * MB + 1)).status_code == 200
    assert upload(client, "run3.fit.gz", gzipped_zeros(3 * MB + 2)).status_code == 200
    refused = upload(client, "run4.fit.gz", gzipped_zeros(3 * MB + 3))
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0


def test_inflating_stops_at_the_cap(tmp_path: Any) -> None:
    """The measure reads no further than it must: a 1 GB gzip costs the cap, not a gigabyte."""
    path = tmp_path / "huge.fit.gz"
    with gzip.open(path, "wb", compresslevel=1) as handle:
        chunk = b"\0" * MB
        for _ in range(1024):
            handle.write(chunk)
    size, over = unpacked_size([FileToDecode(str(path), str(path))], limit=2 * MB)
    assert over and 2 * MB < size <= 2 * MB + pipeline.INFLATE_CHUNK_BYTES + MB


class CountingExecutor(Executor):
    """Runs each submitted call at once; counts the files submitted (an executor's `map`
    submits every item up front) against those the import has taken back so far."""

    def __init__(self) -> None:
        self.submitted = 0
        self.taken = 0
        self.most_queued = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        files = args[0]
        self.submitted += len(files) if isinstance(files, list | tuple) else 1
        self.most_queued = max(self.most_queued, self.submitted - self.taken)
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def test_an_import_queues_only_a_few_files_at_a_time_in_the_shared_pool() -> None:
    """The pool is shared by every upload of the process: an import that queued all of its
    files would make the next runner's upload wait for every one of them."""
    tasks = [FileToDecode(f"f{n}.fit", f"/nonexistent/f{n}.fit") for n in range(200)]
    executor = CountingExecutor()
    for result in decode_all(tasks, workers=2, executor=executor):
        assert result.failure is not None  # no such file: reported, never raised
        executor.taken += 1
    assert executor.taken == 200
    assert executor.most_queued <= pipeline.QUEUED_PER_IMPORT
