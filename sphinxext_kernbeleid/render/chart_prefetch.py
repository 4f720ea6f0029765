"""Draw the build's new charts in a second process while Sphinx writes the pages.

Drawing costs tens of milliseconds per chart (and half a second to import matplotlib);
pages are written on one core. A page only needs a chart's file name (a hash of its
data) and its text alternative, not the picture. So when writing starts the charts whose
data is not yet in the cache go to one worker process, the pages are written meanwhile,
and at ``build-finished`` the finished charts are copied into the output. An HTML build
starts the worker when the first page asks for a chart that is not in the cache (a
rebuild that writes no page builds no plan for it), the Word builder when it knows it
writes a voortgangsrapportage (:func:`start`). Where ``fork`` is not available, or in a
process that did not start the worker (parallel writing), charts are drawn where they
are needed.

The cache is one folder per plan build folder (:func:`cache_dir`), so the Word build
uses the charts the HTML build drew and the other way round; ``make schoon`` (removing
``_build/``) clears it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.application import Sphinx
from sphinx.builders import Builder

from .. import events

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from .charts import ChartData

# The worker pool, the charts and the plan are imported where charts are drawn: every
# build connects this module, a rebuild that writes no chart needs none of them
# (tests/test_import_cost.py).

CACHE_DIR = "kernbeleid-grafieken"
#: Names of a folder that holds all outputs of a plan (Sphinx's and our Makefile's).
BUILD_FOLDERS = ("_build", "build")
WAIT_SECONDS = 120


class _Prefetch:
    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.pid = 0
        #: The build whose first missing chart starts the worker (HTML), and its process.
        self.lazy: Sphinx | None = None
        self.lazy_pid = 0
        self.pending: dict[Path, Future[Path]] = {}
        self.needed: dict[Path, Path] = {}  # cached chart -> where the output wants it

    def start(self, jobs: list[tuple[ChartData, Path]]) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from .charts import draw_to

        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # pragma: no cover - no fork on this platform
            return
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        self.pid = os.getpid()
        self.pending = {path: self.pool.submit(draw_to, data, path) for data, path in jobs}

    def wait(self, cached: Path) -> None:
        """Let the worker finish ``cached`` if it is drawing it (else return at once)."""
        future = self.pending.get(cached)
        if future is None or os.getpid() != self.pid:
            return
        try:
            future.result(timeout=WAIT_SECONDS)
        except Exception:  # drawn by the caller, where a real error shows itself
            pass

    def deliver(self, data: ChartData, cached: Path, target: Path) -> None:
        """Make sure ``target`` will hold the chart: now, or when the worker is done."""
        if not cached.is_file() and cached in self.pending and os.getpid() == self.pid:
            self.needed[cached] = target
            return
        if not cached.is_file():
            from .charts import draw_to

            draw_to(data, cached)
        _copy(cached, target)

    def finish(self) -> None:
        """Wait for the worker, then put every chart a page asked for in the output."""
        if os.getpid() != self.pid:
            return
        for cached, target in self.needed.items():
            self.wait(cached)
            if not cached.is_file():
                continue
            _copy(cached, target)
        self.stop()

    def stop(self) -> None:
        if self.pool is not None and os.getpid() == self.pid:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool, self.pending, self.needed = None, {}, {}
        self.lazy, self.lazy_pid = None, 0


_PREFETCH = _Prefetch()


def cache_dir(app: Sphinx) -> Path:
    """The chart cache of this build: beside the outputs in the plan's build folder
    (``_build/kernbeleid-grafieken`` for ``_build/website``, ``_build/word``, …), shared
    by every builder; with the doctrees when the output folder stands elsewhere."""
    outdir = Path(app.outdir)
    if outdir.parent.name in BUILD_FOLDERS:
        return outdir.parent / CACHE_DIR
    return Path(app.doctreedir) / CACHE_DIR


def _copy(cached: Path, target: Path) -> None:
    if not target.is_file() or target.stat().st_size != cached.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)


def deliver(data: ChartData, cached: Path, target: Path) -> None:
    """Put the chart at ``target``; the first one missing from the cache starts the worker."""
    app = _PREFETCH.lazy
    if app is not None and _PREFETCH.lazy_pid == os.getpid() and not cached.is_file():
        start(app)
    _PREFETCH.deliver(data, cached, target)


def wait(cached: Path) -> None:
    """For :func:`.charts.cached_png`: a chart the worker is drawing is awaited, not
    drawn a second time."""
    _PREFETCH.wait(cached)


def start(app: Sphinx) -> None:
    """Send every chart of the plan that is not in the cache to the worker."""
    from ..build.plan_cache import get_plan
    from ..model.plan import EffectIndicator
    from .charts import cached_path, chart_data, has_chart

    _PREFETCH.lazy, _PREFETCH.lazy_pid = None, 0

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


def on_write_started(app: Sphinx, builder: Builder) -> None:
    _PREFETCH.stop()
    if getattr(builder, "format", "") == "html":
        _PREFETCH.lazy, _PREFETCH.lazy_pid = app, os.getpid()


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    _PREFETCH.finish()


def setup(app: Sphinx) -> None:
    app.connect("write-started", on_write_started, priority=events.CHARTS_PREFETCHED)
    app.connect("build-finished", on_build_finished)
