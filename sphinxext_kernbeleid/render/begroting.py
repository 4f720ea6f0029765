"""``.. kernbeleid-begroting::``: the budget tables of the IVP and the Uitvoeringsplan.

Every amount and every total comes from :func:`..model.trace.begroting`, the one owner of
budgets, so the IVP, the Uitvoeringsplan, the site, the voortgangsrapportage and the check
show the same figures. Where two figures legitimately differ (the jaarbudget and what is
given to maatregelen), a sentence under the table says so and why.
"""

from __future__ import annotations

from decimal import Decimal

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..model import display, trace
from ..model.plan import Maatregel, Onderdeel, Plan
from .links import item_ref
from .tables import Cell, make_table

logger = logging.getLogger(__name__)

#: The directive's argument: which document's table.
SOORTEN = ("ivp", "uitvoeringsplan")


def line_label(item: Onderdeel | Maatregel) -> str:
    """``Prioriteit 1: Ondermijning tegengaan``, ``Thema: Verkeersveiligheid``, or a post."""
    if isinstance(item, Onderdeel):
        return display.onderdeel_label(item)
    return f"Overige post: {item.title}"


def _label_cell(app: Sphinx, fromdocname: str, line: trace.BudgetLine) -> Cell:
    prefix = line_label(line.item).removesuffix(line.item.title)
    return [nodes.Text(prefix), item_ref(app, fromdocname, line.item)]


def _jaarbudget_text(line: trace.BudgetLine) -> str:
    text = display.money(line.jaarbudget)
    if line.declared is None and isinstance(line.item, Onderdeel):
        return f"{text} (geen eigen budget: de maatregelen)"
    return text


def _strong(text: str) -> nodes.Node:
    return nodes.strong("", text)


def ivp_table(app: Sphinx, plan: Plan, fromdocname: str) -> list[nodes.Node]:
    """Jaarbudget per prioriteit, thema and post; bestaand/intensivering when written."""
    begroting = trace.begroting(plan)
    split = begroting.intensivering is not None
    headers = ["Onderdeel", "Jaarbudget"]
    if split:
        headers += ["Waarvan bestaand", "Waarvan intensivering"]
    rows: list[list[Cell]] = []
    for line in begroting.lines:
        row: list[Cell] = [_label_cell(app, fromdocname, line), _jaarbudget_text(line)]
        if split:
            row += [display.money(line.bestaand), display.money(line.intensivering)]
        rows.append(row)
    total: list[Cell] = [_strong("Totaal"), _strong(display.money(begroting.jaarbudget))]
    if split:
        total += [
            _strong(display.money(begroting.bestaand)),
            _strong(display.money(begroting.intensivering)),
        ]
    rows.append(total)
    title = f"Jaarbudget integrale veiligheid {display.periode(plan.settings.periode)}"
    table = make_table(
        headers,
        rows,
        widths=[46, 18, 18, 18] if split else [60, 40],
        classes=["kernbeleid-begroting"],
        title=title,
    )
    return [table, _note(ivp_sentences(begroting, split))]


def uitvoeringsplan_table(app: Sphinx, plan: Plan, fromdocname: str) -> list[nodes.Node]:
    """Jaarbudget against what is given to maatregelen, and what is not (yet)."""
    begroting = trace.begroting(plan)
    jaar = plan.settings.uitvoeringsjaar
    rows: list[list[Cell]] = [
        [
            _label_cell(app, fromdocname, line),
            _jaarbudget_text(line),
            display.money(line.toegewezen),
            _open_text(line.niet_toegewezen),
        ]
        for line in begroting.lines
    ]
    rows.append(
        [
            _strong("Totaal"),
            _strong(display.money(begroting.jaarbudget)),
            _strong(display.money(begroting.toegewezen)),
            _strong(_open_text(begroting.niet_toegewezen)),
        ]
    )
    table = make_table(
        ["Onderdeel", "Jaarbudget IVP", f"Maatregelen {jaar}", "Nog niet toegewezen"],
        rows,
        widths=[40, 20, 20, 20],
        classes=["kernbeleid-begroting"],
        title=f"Verdeling budget {jaar}",
    )
    return [table, _note(uitvoeringsplan_sentences(begroting, jaar))]


def _open_text(amount: Decimal) -> str:
    if amount < 0:
        return f"{display.money(-amount)} te veel toegewezen"
    return display.money(amount)


def ivp_sentences(begroting: trace.Begroting, split: bool) -> list[str]:
    """What the total holds, said once under the table."""
    out = [
        f"Het totaal ({display.money(begroting.jaarbudget)}) is de som van de regels hierboven: "
        f"de jaarbudgetten van de prioriteiten en thema's en de posten daarbuiten."
    ]
    if split and begroting.intensivering:
        out.append(
            f"Daarvan is {display.money(begroting.intensivering)} intensivering (nieuw geld) "
            f"en {display.money(begroting.bestaand)} bestaand budget."
        )
    return out


def uitvoeringsplan_sentences(begroting: trace.Begroting, jaar: int) -> list[str]:
    """Why the jaarbudget and the maatregelen differ, when they do."""
    total, given = begroting.jaarbudget, begroting.toegewezen
    if total == given:
        return [
            f"Het jaarbudget ({display.money(total)}) is in {jaar} volledig aan maatregelen "
            f"toegewezen."
        ]
    if given > total:
        return [
            f"De maatregelen van {jaar} kosten samen {display.money(given)}, "
            f"{display.money(given - total)} meer dan het jaarbudget van {display.money(total)}."
        ]
    return [
        f"Het jaarbudget is {display.money(total)}; aan maatregelen voor {jaar} is "
        f"{display.money(given)} toegewezen. Het verschil ({display.money(total - given)}) is "
        f"nog niet aan een maatregel toegewezen. Het budget van de maatregelen in de andere "
        f"overzichten en de voortgangsrapportage is daarom {display.money(given)}."
    ]


def _note(sentences: list[str]) -> nodes.paragraph:
    return nodes.paragraph("", " ".join(sentences), classes=["kernbeleid-budget-toelichting"])


def begroting_tables(
    app: Sphinx, plan: Plan, node: nodes.Element, fromdocname: str
) -> list[nodes.Node]:
    soort = (node["target"] or "").strip().lower()
    if soort == "ivp":
        return ivp_table(app, plan, fromdocname)
    if soort == "uitvoeringsplan":
        return uitvoeringsplan_table(app, plan, fromdocname)
    logger.warning(
        f"kernbeleid-begroting: '{node['target']}' is geen soort begroting. Schrijf "
        f"'.. kernbeleid-begroting:: ivp' (jaarbudget per onderdeel) of "
        f"'.. kernbeleid-begroting:: uitvoeringsplan' (jaarbudget en maatregelen).",
        type="kernbeleid",
        subtype="verwijzing",
        location=node,
    )
    return []
