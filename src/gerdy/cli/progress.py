"""The progress bar of long commands (`gerdy import`, `gerdy analyze`): on stderr, so that
stdout stays clean, and gone when the work is done."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

Advance = Callable[[int, int, str], None]


@contextmanager
def progress_bar(description: str, *, keep_label: bool = False) -> Iterator[Advance]:
    """Yields `advance(done, total, label)`; a total of 0 means unknown. With `keep_label` the
    bar keeps `description`; otherwise each call's label replaces it."""
    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=None)

        def advance(done: int, total: int, label: str) -> None:
            shown = description if keep_label else label
            bar.update(task, completed=done, total=total or None, description=shown)

        yield advance
