"""The arithmetic a griffie does on hand-written tables and prose (rule KB-R8-budget).

Two checks, over what the writer typed (collected by :mod:`..authoring.bedragen`):

* a table with a total row ("Totaal") whose column does not add up is a located ``fout``;
* an amount in a table row or a sentence that names one prioriteit or thema and matches
  none of that onderdeel's computed figures (:func:`..model.trace.begroting`) is a located
  ``waarschuwing`` that quotes both figures.

Pure functions over plain data and the plan; the figures are trace's, so the check and
every output compare against the same numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import display, trace
from ..model.parsing import ParseError, format_money, parse_money, parse_number
from ..model.plan import Onderdeel, Plan, Prioriteit
from .ruleset import BUDGET_ID as RULE
from .ruleset import FOUT, WAARSCHUWING, Finding

#: An amount in euros as Dutch text writes it: ``€ 250.000``, ``€250.000,50``, ``€ 1.000,-``,
#: ``€ 1,2 miljoen``.
AMOUNT = re.compile(
    r"€\s?(?P<num>\d{1,3}(?:\.\d{3})+|\d+)(?P<frac>,(?:\d{1,2}|-))?(?P<mln>\s*miljoen)?"
)
_TOTAL = re.compile(r"^\W*(totaal|totalen|som)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9€*(])")


@dataclass(frozen=True)
class WrittenRow:
    line: int | None
    cells: tuple[str, ...]


@dataclass(frozen=True)
class WrittenTable:
    """A table as written in a source file (header and body rows, cell texts)."""

    docname: str
    line: int | None
    title: str
    header: tuple[str, ...]
    rows: tuple[WrittenRow, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class WrittenText:
    """A paragraph of prose that holds an amount."""

    docname: str
    line: int | None
    text: str


def amounts(text: str) -> list[tuple[str, Decimal]]:
    """Every euro amount in ``text``: (as written, value)."""
    out = []
    for match in AMOUNT.finditer(text):
        number = match["num"] + (match["frac"] or "").removesuffix(",-")
        try:
            value = parse_number(number)
        except ParseError:
            continue
        if match["mln"]:
            value *= 1_000_000
        out.append((match.group(0).strip(), value))
    return out


def _cell_number(text: str) -> Decimal | None:
    """A cell's one number or amount (``€ 12.500``, ``**€ 745.000**``, ``12``); else None."""
    raw = text.strip().strip("*_ ").strip()
    if not raw or raw in ("-", "–", "—"):
        return None
    try:
        return parse_money(raw)
    except ParseError:
        return None


# --------------------------------------------------------------------------- total rows


def total_findings(table: WrittenTable) -> list[Finding]:
    """Each total row whose column differs from the sum of the rows above it."""
    out: list[Finding] = []
    block: list[WrittenRow] = []
    for row in table.rows:
        if not row.cells or not _TOTAL.match(row.cells[0]):
            block.append(row)
            continue
        for column in range(1, len(row.cells)):
            out += _column_finding(table, row, column, block)
        block = []
    return out


def _column_finding(
    table: WrittenTable, total_row: WrittenRow, column: int, block: list[WrittenRow]
) -> list[Finding]:
    stated = _cell_number(total_row.cells[column])
    if stated is None:
        return []
    values = []
    for row in block:
        text = row.cells[column].strip() if column < len(row.cells) else ""
        value = _cell_number(text)
        if value is None and text.strip("*_ –-—"):
            return []  # a column with words in it is not a column of figures
        if value is not None:
            values.append(value)
    if not values:
        return []
    summed = sum(values, start=Decimal(0))
    if summed == stated:
        return []
    euro = "€" in total_row.cells[column]
    shown = format_money if euro else display.number
    header = table.header[column] if column < len(table.header) else f"kolom {column + 1}"
    where = f"tabel '{table.title}'" if table.title else "een tabel"
    return [
        Finding(
            RULE,
            FOUT,
            None,
            table.docname,
            total_row.line or table.line,
            f"In {where} telt de kolom '{header}' niet op: de totaalregel zegt "
            f"{shown(stated)}, de {len(values)} bedragen erboven zijn samen {shown(summed)}. "
            f"Verbeter het totaal of de bedragen; of laat de tabel berekenen met "
            f"'.. kernbeleid-begroting::'.",
        )
    ]


# --------------------------------------------------------------------------- named onderdelen


@dataclass(frozen=True)
class Named:
    """What the plan computes for one onderdeel, and the words that name it."""

    onderdeel: Onderdeel
    patterns: tuple[re.Pattern[str], ...]
    line: trace.BudgetLine
    allowed: frozenset[Decimal]

    @property
    def label(self) -> str:
        o = self.onderdeel
        if isinstance(o, Prioriteit) and o.rang:
            return f"prioriteit {o.rang} ('{o.title}')"
        return f"{'prioriteit' if isinstance(o, Prioriteit) else 'thema'} '{o.title}'"


def named_onderdelen(plan: Plan) -> list[Named]:
    """Per onderdeel its names in text and every figure trace computes for it."""
    index = trace.index(plan)
    lines = {line.item.id: line for line in trace.begroting(plan).lines}
    out = []
    for onderdeel in plan.onderdelen:
        line = lines[onderdeel.id]
        names = [re.escape(onderdeel.title), re.escape(onderdeel.id)]
        if isinstance(onderdeel, Prioriteit) and onderdeel.rang:
            names.append(rf"prioriteit\s+{onderdeel.rang}")
        patterns = tuple(re.compile(rf"(?<!\w){n}(?!\w)", re.IGNORECASE) for n in names)
        figures = {line.jaarbudget, line.toegewezen, line.niet_toegewezen}
        figures |= {v for v in (line.intensivering, line.bestaand) if v is not None}
        figures |= {m.budget for m in index.active_of(onderdeel) if m.budget is not None}
        out.append(Named(onderdeel, patterns, line, frozenset(figures)))
    return out


def _named_in(text: str, named: list[Named]) -> Named | None:
    """The one onderdeel ``text`` names; None when it names none or several."""
    found = [n for n in named if any(p.search(text) for p in n.patterns)]
    return found[0] if len(found) == 1 else None


def mismatch(text: str, named: list[Named]) -> tuple[Named, list[str]] | None:
    """The onderdeel a text names and the amounts in it that match none of its figures."""
    written = amounts(text)
    if not written:
        return None
    subject = _named_in(text, named)
    if subject is None:
        return None
    wrong = [shown for shown, value in written if value not in subject.allowed]
    return (subject, wrong) if wrong else None


def amount_message(subject: Named, wrong: list[str], where: str) -> str:
    line = subject.line
    figures = f"de maatregelen ervan kosten samen {display.money(line.toegewezen)}"
    if line.declared is not None:
        figures += f", het jaarbudget is {display.money(line.jaarbudget)}"
    return (
        f"{where} noemt {' en '.join(wrong)} bij {subject.label}, maar {figures}. Pas het "
        f"bedrag aan, of laat het berekenen met '.. kernbeleid-begroting::'."
    )


def amount_findings(
    plan: Plan, tables: list[WrittenTable], texts: list[WrittenText]
) -> list[Finding]:
    """Amounts beside an onderdeel's name that differ from what the plan computes."""
    named = named_onderdelen(plan)
    out: list[Finding] = []
    for table in tables:
        for row in table.rows:
            if not row.cells or _TOTAL.match(row.cells[0]):
                continue
            found = mismatch(" | ".join(row.cells), named)
            if found is not None:
                where = f"Tabel '{table.title}'" if table.title else "Een tabel"
                out.append(_warning(table.docname, row.line or table.line, *found, where))
    plan_figures = _plan_figures(plan, named)
    for text in texts:
        for sentence in _SENTENCE_END.split(text.text):
            found = mismatch(sentence, named)
            if found is not None:
                out.append(_warning(text.docname, text.line, *found, "De tekst"))
            elif (wrong := _total_mismatch(sentence, named, plan_figures)) is not None:
                out.append(_total_warning(plan, text, wrong))
    return out


#: Words that make a sentence with an amount and no onderdeel's name about the plan's budget.
_ABOUT_BUDGET = re.compile(r"\b(budget|budgetten|begroting|totaal|totale|totaalbudget)\b", re.I)


def _plan_figures(plan: Plan, named: list[Named]) -> frozenset[Decimal]:
    """Every figure the plan computes: totals, each line's and each maatregel's budget."""
    begroting = trace.begroting(plan)
    figures = {begroting.jaarbudget, begroting.toegewezen, begroting.niet_toegewezen}
    figures |= {v for v in (begroting.intensivering, begroting.bestaand) if v is not None}
    figures |= {trace.declared_total(plan)}
    figures |= {v for line in begroting.lines for v in (line.jaarbudget, line.toegewezen)}
    figures |= {m.budget for m in plan.maatregelen if m.budget is not None}
    for n in named:
        figures |= n.allowed
    return frozenset(figures)


def _total_mismatch(
    sentence: str, named: list[Named], figures: frozenset[Decimal]
) -> list[str] | None:
    """Amounts in a sentence about the plan's budget (naming no onderdeel) that match no
    figure of the plan: "€ 250.000 in the text" while the maatregelen cost € 222.000."""
    if _named_in(sentence, named) is not None or not _ABOUT_BUDGET.search(sentence):
        return None
    if any(p.search(sentence) for n in named for p in n.patterns):
        return None  # several onderdelen named: which figure is meant cannot be told
    wrong = [shown for shown, value in amounts(sentence) if value not in figures]
    return wrong or None


def _total_warning(plan: Plan, text: WrittenText, wrong: list[str]) -> Finding:
    begroting = trace.begroting(plan)
    return Finding(
        RULE,
        WAARSCHUWING,
        None,
        text.docname,
        text.line,
        f"De tekst noemt {' en '.join(wrong)} als budget, maar dat bedrag komt in het plan "
        f"niet voor: de maatregelen kosten samen {display.money(begroting.toegewezen)}, het "
        f"jaarbudget is {display.money(begroting.jaarbudget)}. Pas het bedrag aan, of laat "
        f"het berekenen met '.. kernbeleid-begroting::'.",
    )


def _warning(
    docname: str, line: int | None, subject: Named, wrong: list[str], where: str
) -> Finding:
    return Finding(RULE, WAARSCHUWING, None, docname, line, amount_message(subject, wrong, where))


def findings(plan: Plan, tables: list[WrittenTable], texts: list[WrittenText]) -> list[Finding]:
    """Both checks, in file and line order."""
    out = [f for t in tables for f in total_findings(t)]
    out += amount_findings(plan, tables, texts)
    out.sort(key=lambda f: (f.docname or "", f.lineno or 0))
    return out
