"""Draw the build's new charts in a second process while Sphinx writes the pages.

Drawing costs tens of milliseconds per chart (and half a second to import matplotlib);
pages are written on one core. A page only needs a chart's file name (a hash of its
data) and its text alternative, not the picture. So at ``write-started`` the charts whose
data is not yet in the cache go to one worker process, the pages are written meanwhile,
and at ``build-finished`` the finished charts are copied into the output. Where ``fork``
is not available, or in a process that did not start the worker (parallel writing),
charts are drawn where they are needed.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder

from .. import events
from ..model.plan import EffectIndicator
from .charts import ChartData, cached_path, chart_data, draw_to, has_chart

CACHE_DIR = "kernbeleid-grafieken"  # under the doctree dir: survives a fresh output dir
WAIT_SECONDS = 120


class _Prefetch:
    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.pid = 0
        self.pending: dict[Path, Future[Path]] = {}
        self.needed: dict[Path, Path] = {}  # cached chart -> where the output wants it

    def start(self, jobs: list[tuple[ChartData, Path]]) -> None:
        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # pragma: no cover - no fork on this platform
            return
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        self.pid = os.getpid()
        self.pending = {path: self.pool.submit(draw_to, data, path) for data, path in jobs}

    def deliver(self, data: ChartData, cached: Path, target: Path) -> None:
        """Make sure ``target`` will hold the chart: now, or when the worker is done."""
        if not cached.is_file() and cached in self.pending and os.getpid() == self.pid:
            self.needed[cached] = target
            return
        if not cached.is_file():
            draw_to(data, cached)
        _copy(cached, target)

    def finish(self) -> None:
        """Wait for the worker, then put every chart a page asked for in the output."""
        if os.getpid() != self.pid:
            return
        for cached, target in self.needed.items():
            try:
                self.pending[cached].result(timeout=WAIT_SECONDS)
            except Exception:  # drawn below, where a real error shows itself
                pass
            if not cached.is_file():
                continue
            _copy(cached, target)
        self.stop()

    def stop(self) -> None:
        if self.pool is not None and os.getpid() == self.pid:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool, self.pending, self.needed = None, {}, {}


_PREFETCH = _Prefetch()


def cache_dir(app: Sphinx) -> Path:
    return Path(app.doctreedir) / CACHE_DIR


def _copy(cached: Path, target: Path) -> None:
    if not target.is_file() or target.stat().st_size != cached.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)


def deliver(data: ChartData, cached: Path, target: Path) -> None:
    _PREFETCH.deliver(data, cached, target)


def on_write_started(app: Sphinx, builder: Builder) -> None:
    _PREFETCH.stop()
    if getattr(builder, "format", "") != "html":
        return
    from ..build.plan_cache import get_plan

    directory = cache_dir(app)
    jobs = []
    for ei in get_plan(app).of_type(EffectIndicator):
        if has_chart(ei):
            data = chart_data(ei)
            path = cached_path(data, directory)
            if not path.is_file():
                jobs.append((data, path))
    if len(jobs) > 1:  # one chart is drawn faster than a worker starts
        directory.mkdir(parents=True, exist_ok=True)
        _PREFETCH.start(jobs)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    _PREFETCH.finish()


def setup(app: Sphinx) -> None:
    app.connect("write-started", on_write_started, priority=events.CHARTS_PREFETCHED)
    app.connect("build-finished", on_build_finished)
