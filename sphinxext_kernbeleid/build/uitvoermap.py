"""Keep sphinx-needs' web-site files out of the Word, check and Excel output folders.

sphinx-needs writes ``permalink.html``, ``schema_violations.json`` and ``_static/`` (its
stylesheets, scripts and jQuery) into the output folder of every builder, with no setting
to turn that off for non-HTML builders. In our own builders' folders they are noise that
gets mailed out with the documents, so they are removed when the build finishes --
unless the folder is also an HTML site (``searchindex.js``), which needs them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

#: Our builders; any other builder's output is left alone.
OUR_BUILDERS_PREFIX = "kernbeleid-"
#: What sphinx-needs and sphinxcontrib-jquery put into ``_static/``.
STATIC_ENTRIES = ("sphinx-needs", "jquery.js", "_sphinx_javascript_frameworks_compat.js")


def stray_files(app: Sphinx) -> list[Path]:
    outdir = Path(app.outdir)
    permalink = Path(getattr(app.config, "needs_permalink_file", "permalink.html")).name
    files = [outdir / permalink, outdir / "schema_violations.json"]
    files += [outdir / "_static" / name for name in STATIC_ENTRIES]
    return files


def remove_stray_files(app: Sphinx, exception: BaseException | None) -> None:
    if not app.builder.name.startswith(OUR_BUILDERS_PREFIX):
        return
    outdir = Path(app.outdir)
    if (outdir / "searchindex.js").exists():
        return  # shared with an HTML site: these files belong to it
    for path in stray_files(app):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file():
            path.unlink(missing_ok=True)
    static = outdir / "_static"
    if static.is_dir() and not any(static.iterdir()):
        static.rmdir()


def setup(app: Sphinx) -> None:
    # Late: sphinx-needs writes its files up to and during build-finished.
    app.connect("build-finished", remove_stray_files, priority=900)
