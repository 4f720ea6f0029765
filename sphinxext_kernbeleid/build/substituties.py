"""``|gemeente|``, ``|periode|``, ``|versie|``, ``|status|``, ``|datum|`` and ``|uitvoeringsjaar|``
in every document, from the same conf.py values the title page uses.

Done as Sphinx does ``|today|`` (a transform for references the document does not define
itself) rather than through ``rst_prolog``: a document or a project prolog that defines
one of these names keeps its own without a "duplicate substitution" error. The text is
filled in again when each output is written, so a new document date reaches every page
without rereading the sources: the values are a computed ``html`` config value, so a new
date makes Sphinx write every page again.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import events
from . import datum
from .settings import COMPUTED, settings_of

NAMES = ("gemeente", "periode", "versie", "status", "datum", "uitvoeringsjaar")


def plan_values(app: Sphinx) -> dict[str, str]:
    """The substitution texts, as a reader sees them in the prose."""
    settings = settings_of(app)
    start, end = settings.periode
    return {
        "gemeente": settings.gemeente,
        "periode": f"{start}-{end}",
        "versie": settings.versie,
        "status": settings.status,
        "datum": datum.date_text(app),
        "uitvoeringsjaar": str(settings.uitvoeringsjaar),
    }


class plangegeven(nodes.Inline, nodes.TextElement):
    """A plan value in the prose; replaced by plain text before any writer sees it."""


def _values(config: Config) -> dict[str, str]:
    return dict(getattr(config, COMPUTED, None) or {})


class PlanSubstitutions(SphinxTransform):
    """Our names, where the document does not define them itself (after ``|today|``)."""

    default_priority = 211

    def apply(self, **kwargs: object) -> None:
        values = _values(self.config)
        defined = self.document.substitution_defs
        for ref in list(self.document.findall(nodes.substitution_reference)):
            name = ref["refname"]
            if name in NAMES and name not in defined:
                text = values.get(name, "")
                ref.replace_self(plangegeven(ref.rawsource, text, naam=name))


class FillPlanSubstitutions(SphinxPostTransform):
    """The current values, also for documents read in an earlier build."""

    default_priority = 5

    def run(self, **kwargs: object) -> None:
        values = _values(self.config)
        for node in list(self.document.findall(plangegeven)):
            node.replace_self(nodes.Text(values.get(node["naam"], node.astext())))


def _remember(app: Sphinx, config: Config) -> None:
    setattr(config, COMPUTED, plan_values(app))


def _visit(self: object, node: nodes.Element) -> None:
    """Only its text: for titles a theme renders outside the post-transforms (sidebar)."""


def _depart(self: object, node: nodes.Element) -> None:
    pass


def setup(app: Sphinx) -> None:
    both = (_visit, _depart)
    app.add_node(plangegeven, html=both, latex=both, text=both, man=both, texinfo=both)
    app.add_transform(PlanSubstitutions)
    app.add_post_transform(FillPlanSubstitutions)
    app.add_config_value(COMPUTED, {}, "html", dict)
    app.connect("config-inited", _remember, priority=events.SUBSTITUTIONS)
