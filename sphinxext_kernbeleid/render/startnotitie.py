"""The startnotitie's planning: the six steps, durations, dates and the coordinator's effort."""

from __future__ import annotations

import datetime as dt

from docutils import nodes
from sphinx.application import Sphinx

from ..authoring.nodes import kernbeleid_overview
from ..model import stappen
from ..model.parsing import dutch_date
from ..model.plan import Plan
from .tables import Cell, make_table


def date_text(day: dt.date | None) -> str:
    return "–" if day is None else dutch_date(day)


def render(
    app: Sphinx, plan: Plan, node: kernbeleid_overview, fromdocname: str
) -> list[nodes.Node]:
    start = node["target"]
    weken = stappen.parse_weken(node.get("weken", "") or "")
    rows: list[list[Cell]] = []
    if start:
        for p in stappen.planning(dt.date.fromisoformat(start), weken):
            duur = "doorlopend" if p.weken is None else f"{p.weken} weken"
            eind = "tijdens de uitvoering" if p.eind is None else date_text(p.eind)
            rows.append([f"{p.stap.nummer} {p.stap.naam}", p.stap.product, duur,
                         date_text(p.begin), eind, p.stap.inzet])  # fmt: skip
        headers = ["Stap", "Product", "Doorlooptijd", "Begin", "Eind", "Inzet coördinator"]
        widths = [18, 30, 12, 12, 14, 14]
    else:
        for s in stappen.load():
            duur = f"{weken[s.nummer]} weken" if s.nummer in weken else s.doorlooptijd
            rows.append([f"{s.nummer} {s.naam}", s.product, duur, s.inzet])
        headers = ["Stap", "Product", "Doorlooptijd", "Inzet coördinator"]
        widths = [22, 42, 18, 18]
    return [make_table(headers, rows, widths=widths, title="Planning van de zes stappen")]
