"""What can be seen in the source files themselves, before docutils reads them.

What a writer cannot see in the output:

* an rst file saved in Windows-1252/Latin-1 (Word, Kladblok): Sphinx stops with an
  English "Encoding error!" traceback. We register a text codec (standard ``codecs``
  API) and make it the project's ``source_encoding``: it reads UTF-8 as before, and a
  file that is not UTF-8 is read as Windows-1252 (so no letter is lost) while a located
  Dutch message says how to save it as UTF-8 - a ``fout`` in the check.
* a Kernbeleid item without ``:id:``: sphinx-needs invents one (``MR_A9926``) that
  changes with the title, which orphans progress and links. ``source-read`` sees the
  directive and its options (rst, or MyST through :mod:`.mystbron`); the item stays in
  the plan, the check fails.
* a line that looks like our directive but is not read (:mod:`.verloren`), and in
  Markdown an option written twice (myst-parser keeps the last value silently).

All run where the document is read (a parallel reader too); the problems go into the
environment per document (:func:`.bouwmeldingen.remember`) and are merged back.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .. import events
from ..model.needtypes import TYPE_TITLES
from . import bouwmeldingen

# bouwcatalogus, mystbron and verloren are imported by the functions that read a source:
# every build sets this module up, an unchanged plan reads nothing
# (tests/test_import_cost.py).

logger = logging.getLogger(__name__)

CODEC_NAME = "kernbeleid-utf-8"
_CODEC_NAMES = {CODEC_NAME, CODEC_NAME.replace("-", "_")}

#: The environment being read in this process (set before reading, inherited by forks).
_READING: dict[str, BuildEnvironment] = {}


def source_file(env: BuildEnvironment, docname: str) -> str:
    """The source file of a document, relative to the plan and with '/' (``ivp/index.rst``),
    as messages and reports name it; the docname itself for one Sphinx did not read (a
    progress file, ``voortgang/2026-Q2.yaml``)."""
    if docname not in env.all_docs:
        return docname
    try:
        return str(env.doc2path(docname, base=False)).replace("\\", "/")
    except Exception:  # an unknown docname still gets a name the writer recognises
        return docname


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def _not_utf8(data: bytes, error: UnicodeDecodeError) -> str:
    """Read a Windows-1252/Latin-1 file, and say once, in Dutch, how to fix it."""
    text = _cp1252(data)
    env = _READING.get("env")
    docname = getattr(env, "docname", None) if env is not None else None
    lineno = _line_of(data, error.start)
    name = "dit bestand"
    if env is not None and docname:
        try:
            name = Path(env.doc2path(docname)).name
        except Exception:
            name = docname
    bad = data[error.start : error.start + 1].decode("cp1252", errors="replace")
    message = (
        f"{name} is niet opgeslagen als UTF-8 (regel {lineno} bevat '{bad}' in een oudere "
        f"Windows-codering). De tekst is zo goed mogelijk gelezen; controleer letters als é, "
        f"ë en €. Sla het bestand op als UTF-8: in Kladblok via 'Opslaan als' > Codering "
        f"'UTF-8', in Visual Studio Code via 'Save with Encoding' > 'UTF-8'."
    )
    problem = bouwmeldingen.BuildProblem(docname, lineno, message, None, "codering")
    if env is not None:
        bouwmeldingen.remember(env, problem)
    logger.warning(
        message,
        type="kernbeleid",
        subtype="codering",
        location=(docname, lineno) if docname else None,
    )
    return text


def _cp1252(data: bytes) -> str:
    """Windows-1252, with the five bytes it leaves undefined read as Latin-1."""
    return "".join(
        chunk.decode("cp1252") if index % 2 == 0 else chunk.decode("latin-1")
        for index, chunk in enumerate(re.split(rb"([\x81\x8d\x8f\x90\x9d])", data))
    )


def decode(data: Any, errors: str = "strict") -> tuple[str, int]:
    raw = bytes(data)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = _not_utf8(raw, error)
    return text, len(raw)


def _encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return text.encode("utf-8", errors), len(text)


class _Decoder(codecs.BufferedIncrementalDecoder):
    """Decodes the whole file at once (Sphinx reads it whole anyway)."""

    def _buffer_decode(self, data: Any, errors: str, final: bool) -> tuple[str, int]:
        if not final:
            return "", 0
        return decode(data, errors)


class _Encoder(codecs.IncrementalEncoder):
    def encode(self, text: str, final: bool = False) -> bytes:
        return text.encode("utf-8", self.errors)


def _search(name: str) -> codecs.CodecInfo | None:
    if name.lower() not in _CODEC_NAMES:
        return None
    return codecs.CodecInfo(
        _encode,
        decode,
        incrementalencoder=_Encoder,
        incrementaldecoder=_Decoder,
        name=CODEC_NAME,
    )


codecs.register(_search)


def use_codec(app: Sphinx, config: Config) -> None:
    """Read sources with our codec unless the project chose another encoding on purpose."""
    if str(config.source_encoding).lower().replace("_", "-") in ("utf-8-sig", "utf-8", "utf8"):
        config.source_encoding = CODEC_NAME


def _before_read(app: Sphinx, env: BuildEnvironment, _docnames: list[str]) -> None:
    _READING["env"] = env


# --------------------------------------------------------------------------- missing ids

_DIRECTIVE = re.compile(r"^(?P<indent>\s*)\.\.\s+(?P<name>[\w-]+)::(?P<title>.*)$")
_ID_OPTION = re.compile(r"^\s+:id:")


def missing_ids(text: str) -> list[tuple[int, str, str]]:
    """(line, directive, title) of each Kernbeleid item in ``text`` without ``:id:``."""
    lines = text.splitlines()
    out = []
    for number, line in enumerate(lines, start=1):
        match = _DIRECTIVE.match(line)
        if not match or match["name"] not in TYPE_TITLES:
            continue
        indent = len(match["indent"])
        has_id = False
        for option in lines[number:]:
            stripped = option.strip()
            if not stripped:
                break
            if len(option) - len(option.lstrip()) <= indent or not stripped.startswith(":"):
                break
            if _ID_OPTION.match(option):
                has_id = True
                break
        if not has_id:
            out.append((number, match["name"], match["title"].strip()))
    return out


def missing_ids_md(text: str, *, colon_fence: bool = True) -> list[tuple[int, str, str]]:
    """(line, directive, title) of each Kernbeleid item of a MyST text without ``:id:``."""
    from . import mystbron

    return [
        (block.lineno, block.name, block.title)
        for block in mystbron.blocks(text, colon_fence=colon_fence)
        if block.name in TYPE_TITLES and block.option("id") is None
    ]


def repeated_options_md(text: str, *, colon_fence: bool = True) -> list[tuple[int, str, str]]:
    """(line, need id or title, message) of each option written twice in a MyST item.

    rst refuses the whole item (docutils' "duplicate option"); myst-parser keeps the last
    value and drops the first without a word, so the writer is told here.
    """
    from . import bouwcatalogus, mystbron

    out = []
    for block in mystbron.blocks(text, colon_fence=colon_fence):
        if block.name not in TYPE_TITLES:
            continue
        label = bouwcatalogus.item_label(block.name, block.title, block.option("id") or "")
        seen: dict[str, str] = {}
        for lineno, key, value in block.options:
            if key in seen:
                out.append(
                    (
                        lineno,
                        block.option("id") or "",
                        f"optie ':{key}:' staat twee keer bij {label}; alleen de laatste waarde "
                        f"('{value}') wordt gelezen, '{seen[key]}' ontbreekt daardoor in het "
                        f"plan. Laat één ':{key}:' staan.",
                    )
                )
            seen[key] = value
    return out


def _is_markdown(app: Sphinx, docname: str) -> bool:
    try:
        return Path(app.env.doc2path(docname)).suffix.lower() == ".md"
    except Exception:
        return False


def _tell(app: Sphinx, docname: str, lineno: int, message: str, kind: str, need: str | None):
    bouwmeldingen.remember(
        app.env, bouwmeldingen.BuildProblem(docname, lineno, message, need or None, kind)
    )
    logger.warning(message, type="kernbeleid", subtype=kind, location=(docname, lineno))


def check_sources(app: Sphinx, docname: str, source: list[str]) -> None:
    """What the writer typed that the build would drop silently: ids, lost blocks, options."""
    from . import bouwcatalogus, verloren

    text = source[0]

    markdown = _is_markdown(app, docname)
    if markdown:
        colon_fence = "colon_fence" in (getattr(app.config, "myst_enable_extensions", ()) or ())
        lost = verloren.scan_md(text, colon_fence=colon_fence)
        missing = missing_ids_md(text, colon_fence=colon_fence)
        for lineno, need, message in repeated_options_md(text, colon_fence=colon_fence):
            _tell(app, docname, lineno, message, "optie", need)
    else:
        lost = verloren.scan_rst(text) if ".." in text else []
        missing = missing_ids(text) if ".. " in text else []
    for block in lost:
        _tell(app, docname, block.lineno, block.message, "verloren", block.need_id)
    if getattr(app.config, "needs_id_required", False):
        return  # sphinx-needs refuses the item itself; bouwmeldingen translates that
    for lineno, directive, title in missing:
        _tell(app, docname, lineno, bouwcatalogus.missing_id_message(directive, title), "id", None)


def setup(app: Sphinx) -> None:
    # After Sphinx's warning about non-UTF-8 source encodings (priority 790): ours reads
    # UTF-8 and only falls back for a file that is not.
    app.connect("config-inited", use_codec, priority=events.SOURCE_CODEC)
    app.connect("env-before-read-docs", _before_read)
    app.connect("source-read", check_sources)
