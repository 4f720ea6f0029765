"""Generate a synthetic Kernbeleid plan of N maatregelen in three variants with the same content.

Variants (one directory each under the output directory):

``kernbeleid``
    our extension (``extensions = ["sphinxext_kernbeleid"]``), overview directives;
``needs``
    plain sphinx-needs: the same directives, configured with ``needs_types`` /
    ``needs_fields`` / ``needs_links`` in conf.py, default layout, ``needtable`` overviews;
``sphinx``
    plain Sphinx: the same prose, every item an admonition with a field list, links as
    ``:ref:``, overviews as ``list-table``.

The plan follows the method's rules (4 prioriteiten, doelen with 3 effectindicatoren,
every maatregel with trekkers, planning, budget and prestatie-indicatoren, analyses for
all five fields) so variant ``kernbeleid`` builds without warnings.

Usage: ``python bench/generate.py N OUTDIR [--per-file 50]``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

VARIANTS = ("kernbeleid", "needs", "sphinx")

# Onderdelen: (title, kv codes). Four prioriteiten, six overige thema's.
PRIORITEITEN = [
    ("Ondermijning tegengaan", "5.2, 2.2"),
    ("Jeugd: overlast en afglijden voorkomen", "3.1, 3.3"),
    ("Woninginbraak en geweld terugdringen", "1.3"),
    ("Zorg en veiligheid verbinden", "1.1, 5.1"),
]
THEMAS = [
    ("Veilig centrum en uitgaan", "2.1, 2.3"),
    ("Verkeersveiligheid", "1.4"),
    ("Fysieke veiligheid", "4.1, 4.3"),
    ("Digitale veiligheid", "5.5"),
    ("Leefbare wijken", "1.2"),
    ("Radicalisering en polarisatie", "5.3"),
]
# One analyse per catalogue theme used above, so all five fields are covered.
ANALYSE_CODES = sorted(
    {c.strip() for _, kv in PRIORITEITEN + THEMAS for c in kv.split(",")},
    key=lambda c: tuple(int(p) for p in c.split(".")),
)
UITGANGSPUNTEN = [
    "Informatiegestuurd werken",
    "Wijkgericht en samen met inwoners",
    "Zorg en veiligheid verbonden",
    "Voorkomen waar het kan, ingrijpen waar het moet",
]
# Effectindicatoren per doel: (title, bron, soort, eenheid, nulmeting, streefwaarde, richting)
EI_TEMPLATES = [
    (
        "Geregistreerde incidenten",
        "politieregistratie",
        "objectief",
        "incidenten per jaar",
        "420 (2024)",
        "360 (2029)",
        "dalen",
    ),
    (
        "Rapportcijfer veiligheid in de buurt",
        "veiligheidsmonitor",
        "subjectief",
        "rapportcijfer (1-10)",
        "6,9 (2023)",
        "7,3 (2029)",
        "stijgen",
    ),
    (
        "Meldingen bij de gemeente",
        "gemeentelijke-registratie",
        "objectief",
        "meldingen per jaar",
        "150 (2024)",
        "110 (2029)",
        "dalen",
    ),
]
# Realisations since the nulmeting: every indicator has one, as in a real plan.
EI_METINGEN = {
    "Geregistreerde incidenten": "405 (2025)",
    "Rapportcijfer veiligheid in de buurt": "7,0 (2025)",
    "Meldingen bij de gemeente": "141 (2025)",
}
TREKKERS_B = ["Burgemeester", "Wethouder Sociaal Domein", "Wethouder Economie en Wonen"]
TREKKERS_A = ["Team OOV", "Team Jeugd", "Team Vergunningen en Handhaving", "Sociaal wijkteam"]
PARTNERS = [
    "Politie",
    "RIEC",
    "Brandweer",
    "Openbaar Ministerie",
    "Welzijn",
    "Woningcorporatie",
    "Veilig Thuis",
    "GGD",
    "Ondernemersvereniging",
    "Reclassering",
]
STATUSES = ["gepland", "lopend", "gereed"]
PLANNINGS = ["2026-Q1..2026-Q4", "2026-Q1..2026-Q2", "2026-Q2..2026-Q4", "2026-Q3"]
WORDS = (
    "wijk buurt inwoners partners politie gemeente jongeren ondernemers aanpak signalen "
    "overlast preventie controles afspraken veiligheid samenwerking handhaving zorg toezicht "
    "bewoners scholen overleg informatie meldingen kern centrum bedrijventerrein netwerk"
).split()
VERBS = "versterken verbeteren uitbreiden organiseren evalueren bespreken delen".split()


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, 7)
    return (
        f"De {words[0]} en de {words[1]} {rng.choice(VERBS)} samen de {words[2]} in de "
        f"{words[3]}, zodat {words[4]} en {words[5]} beter aansluiten bij de {words[6]}."
    )


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


@dataclass
class Item:
    type: str  # directive name
    id: str
    title: str
    fields: dict[str, str] = field(default_factory=dict)  # includes link fields
    body: str = ""


LINK_FIELDS = ("hoort_bij", "draagt_bij_aan", "uitgangspunt")
TYPE_TITLES = {
    "prioriteit": "Prioriteit",
    "thema": "Overig thema",
    "doel": "Doel",
    "effectindicator": "Effectindicator",
    "uitgangspunt": "Uitgangspunt",
    "actiepunt": "Actiepunt",
    "maatregel": "Maatregel",
    "prestatie-indicator": "Prestatie-indicator",
    "analyse": "Analyse",
}


@dataclass
class Overview:
    """Tables of one onderdeel: its maatregelen and its effectindicatoren."""

    onderdeel: Item
    maatregelen: list[Item]
    actiepunt_ids: list[str]
    indicatoren: list[Item]
    doel_ids: list[str]
    prestatie: dict[str, list[Item]]


@dataclass
class Doc:
    name: str
    title: str
    blocks: list[object] = field(default_factory=list)  # str (prose/heading rst) | Item | Overview


@dataclass
class Plan:
    docs: list[Doc]
    edit_doc: str  # document holding the maatregel the benchmark edits
    edit_id: str


def money(value: int) -> str:
    return "€ " + f"{value:,}".replace(",", ".")


def heading(text: str, char: str) -> str:
    return f"{text}\n{char * len(text)}"


def build_plan(n: int, per_file: int = 50, seed: int = 1) -> Plan:
    """The plan's content, independent of how a variant spells it."""
    rng = random.Random(seed)
    strat, up_ids = _strategy_doc(rng)
    docs = [strat, _analysis_doc(rng)]
    onderdelen = _onderdelen(rng, docs)
    # Uitvoeringsplan: N maatregelen, per_file per document, 5 per actiepunt.
    overviews = {o.id: Overview(o, [], [], inds, doel_ids, {}) for o, doel_ids, inds in onderdelen}
    edit = _uitvoering(rng, n, per_file, onderdelen, up_ids, overviews, docs)
    over = Doc("overzichten", "Overzichten per prioriteit en thema")
    over.blocks.append(paragraph(rng, 2))
    for o, _, _ in onderdelen:
        over.blocks.append(heading(o.title, "-"))
        over.blocks.append(overviews[o.id])
    docs.append(over)
    return Plan(docs, edit[0], edit[1])


#: A prioriteit or thema with the ids of its doelen and its effectindicatoren.
Onderdeel = tuple[Item, list[str], list[Item]]


def _strategy_doc(rng: random.Random) -> tuple[Doc, list[str]]:
    strat = Doc("ivp/strategie", "Strategische doelstelling en uitgangspunten")
    strat.blocks.append(paragraph(rng, 5))
    strat.blocks.append(
        Item(
            "doel",
            "DOEL_STRATEGISCH",
            "Een gemeente waar inwoners veilig zijn en zich veilig voelen",
            {"niveau": "strategisch"},
            paragraph(rng),
        )
    )
    strat.blocks.append(heading("Uitgangspunten", "-"))
    up_ids = []
    for i, title in enumerate(UITGANGSPUNTEN, 1):
        up_ids.append(f"UP_{i}")
        strat.blocks.append(Item("uitgangspunt", f"UP_{i}", title, {}, paragraph(rng, 2)))
    return strat, up_ids


def _analysis_doc(rng: random.Random) -> Doc:
    analyse = Doc("ivp/analyse", "Veiligheidsanalyse")
    analyse.blocks.append(paragraph(rng, 4))
    for code in ANALYSE_CODES:
        analyse.blocks.append(
            Item(
                "analyse",
                f"AN_{code.replace('.', '_')}",
                f"Analyse thema {code}",
                {"kv": code},
                f"**Problematiek.** {paragraph(rng, 2)}\n\n**Huidige aanpak.** {paragraph(rng, 2)}",
            )
        )
    return analyse


def _onderdelen(rng: random.Random, docs: list[Doc]) -> list[Onderdeel]:
    """The prioriteiten and thema's with their doelen and indicators (two documents)."""
    onderdelen: list[Onderdeel] = []
    for kind, specs, doc_name, doc_title in (
        ("prioriteit", PRIORITEITEN, "ivp/prioriteiten", "Prioriteiten"),
        ("thema", THEMAS, "ivp/themas", "Overige thema's"),
    ):
        doc = Doc(doc_name, doc_title)
        doc.blocks.append(paragraph(rng, 4))
        for index, (title, kv) in enumerate(specs, 1):
            prefix = "PRIO" if kind == "prioriteit" else "THEMA"
            oid = f"{prefix}_{index:02d}"
            fields = {"kv": kv, "hoort_bij": "DOEL_STRATEGISCH"}
            if kind == "prioriteit":
                fields["rang"] = str(index)
            doc.blocks.append(heading(f"{TYPE_TITLES[kind]} {index}: {title}", "-"))
            onderdeel = Item(kind, oid, title, fields, paragraph(rng, 4))
            doc.blocks.append(onderdeel)
            doc.blocks.append(paragraph(rng, 3))
            doel_ids, indicators = _doelen(rng, doc, oid, title)
            onderdelen.append((onderdeel, doel_ids, indicators))
        docs.append(doc)
    return onderdelen


def _doelen(rng: random.Random, doc: Doc, oid: str, title: str) -> tuple[list[str], list[Item]]:
    doel_ids, indicators = [], []
    for d, templates in ((1, EI_TEMPLATES[:2]), (2, EI_TEMPLATES[2:])):
        did = f"DOEL_{oid}_{d}"
        doel_ids.append(did)
        doc.blocks.append(
            Item("doel", did, f"{title}: doel {d}", {"hoort_bij": oid}, paragraph(rng, 1))
        )
        for e, (t, bron, soort, eenheid, nul, streef, richting) in enumerate(templates, 1):
            ei = Item(
                "effectindicator",
                f"EI_{oid}_{d}_{e}",
                f"{t} ({title.lower()})",
                {
                    "hoort_bij": did,
                    "bron": bron,
                    "soort": soort,
                    "eenheid": eenheid,
                    "nulmeting": nul,
                    "streefwaarde": streef,
                    "richting": richting,
                    "metingen": EI_METINGEN[t],
                },
            )
            indicators.append(ei)
            doc.blocks.append(ei)
    return doel_ids, indicators


def _uitvoering(
    rng: random.Random,
    n: int,
    per_file: int,
    onderdelen: list[Onderdeel],
    up_ids: list[str],
    overviews: dict[str, Overview],
    docs: list[Doc],
) -> tuple[str, str]:
    """The uitvoering documents; returns the document and id of the maatregel to edit."""
    # Actiepunten go round the onderdelen, so even a tiny plan reaches every one of them.
    per_ap = min(5, max(1, n // len(onderdelen)))
    files = max(1, -(-n // per_file))
    counter = 0
    ap_count = 0
    edit: tuple[str, str] | None = None
    for f in range(files):
        doc = Doc(f"uitvoering/deel_{f + 1:04d}", f"Uitvoering deel {f + 1}")
        doc.blocks.append(paragraph(rng, 3))
        in_file = min(per_file, n - counter)
        for a in range(-(-in_file // per_ap)):
            onderdeel, doel_ids, _ = onderdelen[ap_count % len(onderdelen)]
            ap_count += 1
            overview = overviews[onderdeel.id]
            ap_id = f"AP_{f + 1:04d}_{a + 1:02d}"
            overview.actiepunt_ids.append(ap_id)
            doc.blocks.append(heading(f"Actiepunt {f + 1}.{a + 1}: {onderdeel.title}", "-"))
            doc.blocks.append(paragraph(rng, 2))
            doc.blocks.append(
                Item(
                    "actiepunt",
                    ap_id,
                    f"Actiepunt {f + 1}.{a + 1} ({onderdeel.title})",
                    {"hoort_bij": onderdeel.id},
                    paragraph(rng, 1),
                )
            )
            for _ in range(min(per_ap, in_file - a * per_ap)):
                counter += 1
                maatregel, pis = _maatregel(rng, counter, ap_id, doel_ids, up_ids)
                doc.blocks.append(maatregel)
                doc.blocks.extend(pis)
                overview.maatregelen.append(maatregel)
                overview.prestatie[maatregel.id] = pis
                if edit is None:
                    edit = (doc.name, maatregel.id)
        docs.append(doc)
    assert edit is not None
    return edit


def _maatregel(
    rng: random.Random, counter: int, ap_id: str, doel_ids: list[str], up_ids: list[str]
) -> tuple[Item, list[Item]]:
    """Maatregel number ``counter`` and its one or two prestatie-indicatoren."""
    mid = f"MR_{counter:05d}"
    partners = "; ".join(rng.sample(PARTNERS, rng.randint(1, 4)))
    maatregel = Item(
        "maatregel",
        mid,
        f"Maatregel {counter}: {rng.choice(WORDS)} en {rng.choice(WORDS)}",
        {
            "hoort_bij": ap_id,
            "draagt_bij_aan": doel_ids[counter % 2],
            "uitgangspunt": up_ids[counter % len(up_ids)],
            "bestuurlijk_trekker": rng.choice(TREKKERS_B),
            "ambtelijk_trekker": rng.choice(TREKKERS_A),
            "partners": partners,
            "planning": rng.choice(PLANNINGS),
            "budget": money(rng.randint(1, 60) * 500),
            "status": rng.choice(STATUSES),
        },
        paragraph(rng, 2),
    )
    pis = []
    for p in range(1 if counter % 2 else 2):
        pis.append(
            Item(
                "prestatie-indicator",
                f"PI_{counter:05d}_{p + 1}",
                f"Prestatie {counter}.{p + 1}",
                {
                    "hoort_bij": mid,
                    "streefwaarde": str(rng.randint(1, 200)),
                    "eenheid": rng.choice(["bijeenkomsten", "controles", "deelnemers"]),
                },
            )
        )
    return maatregel, pis


# --------------------------------------------------------------------------- rendering


def indent(text: str, prefix: str = "   ") -> str:
    return textwrap.indent(text, prefix, lambda line: bool(line.strip()))


def need_rst(item: Item) -> str:
    """Variants kernbeleid and needs: the same directive, as a writer types it."""
    lines = [f".. {item.type}:: {item.title}", f"   :id: {item.id}"]
    lines += [f"   :{name}: {value}" for name, value in item.fields.items()]
    if item.body:
        lines += ["", indent(item.body)]
    return "\n".join(lines)


def label(need_id: str) -> str:
    return need_id.lower().replace("_", "-")


def admonition_rst(item: Item, titles: dict[str, str]) -> str:
    """Variant sphinx: an admonition with a field list; links as references."""
    lines = [
        f".. _{label(item.id)}:",
        "",
        f".. admonition:: {TYPE_TITLES[item.type]}: {item.title} ({item.id})",
        f"   :class: kb-{item.type}",
        "",
    ]
    for name, value in item.fields.items():
        if name in LINK_FIELDS:
            refs = "; ".join(
                f":ref:`{titles[v.strip()]} <{label(v.strip())}>`" for v in value.split(",")
            )
            lines.append(f"   :{name}: {refs}")
        else:
            lines.append(f"   :{name}: {value}")
    if item.body:
        lines += ["", indent(item.body)]
    return "\n".join(lines)


def overview_rst(variant: str, ov: Overview) -> str:
    oid = ov.onderdeel.id
    if variant == "kernbeleid":
        return f".. kernbeleid-maatregelen:: {oid}\n\n.. kernbeleid-indicatoren:: {oid}"
    if variant == "needs":
        aps = ", ".join(f'"{a}"' for a in ov.actiepunt_ids) or '""'
        doelen = ", ".join(f'"{d}"' for d in ov.doel_ids) or '""'
        columns = "id;title;bestuurlijk_trekker;ambtelijk_trekker;partners;planning;budget;status"
        return (
            f".. needtable:: Maatregelen – {ov.onderdeel.title}\n"
            f"   :filter: type == 'maatregel' and hoort_bij and hoort_bij[0] in ({aps},)\n"
            f"   :columns: {columns}\n"
            f"   :style: table\n\n"
            f".. needtable:: Effectindicatoren – {ov.onderdeel.title}\n"
            f"   :filter: type == 'effectindicator' and hoort_bij and hoort_bij[0] in ({doelen},)\n"
            f"   :columns: id;title;bron;soort;eenheid;nulmeting;streefwaarde;richting\n"
            f"   :style: table"
        )
    rows = []
    for m in ov.maatregelen:
        f = m.fields
        pis = "; ".join(
            f"{p.title}: {p.fields['streefwaarde']} {p.fields['eenheid']}"
            for p in ov.prestatie.get(m.id, [])
        )
        cells = [
            f":ref:`{m.title} <{label(m.id)}>`",
            f["hoort_bij"],
            f"{f['bestuurlijk_trekker']} / {f['ambtelijk_trekker']}",
            f["partners"],
            f["planning"],
            f["budget"],
            f["status"],
            pis,
        ]
        rows.append("   * - " + "\n     - ".join(cells))
    header = (
        "   * - Maatregel\n     - Actiepunt\n     - Trekker\n     - Partners\n"
        "     - Planning\n     - Budget\n     - Status\n     - Prestatie-indicatoren"
    )
    table = (
        f".. list-table:: Maatregelen – {ov.onderdeel.title}\n   :header-rows: 1\n\n"
        + "\n".join([header, *rows])
    )
    ei_rows = []
    for ei in ov.indicatoren:
        f = ei.fields
        cells = [f":ref:`{ei.title} <{label(ei.id)}>`"] + [
            f[k] for k in ("bron", "soort", "eenheid", "nulmeting", "streefwaarde", "richting")
        ]
        ei_rows.append("   * - " + "\n     - ".join(cells))
    ei_header = (
        "   * - Effectindicator\n     - Bron\n     - Soort\n     - Eenheid\n"
        "     - Nulmeting\n     - Streefwaarde\n     - Richting"
    )
    ei_table = (
        f".. list-table:: Effectindicatoren – {ov.onderdeel.title}\n   :header-rows: 1\n\n"
        + "\n".join([ei_header, *ei_rows])
    )
    return table + "\n\n" + ei_table


def doc_rst(variant: str, doc: Doc, titles: dict[str, str]) -> str:
    parts = [heading(doc.title, "=")]
    for block in doc.blocks:
        if isinstance(block, Item):
            parts.append(need_rst(block) if variant != "sphinx" else admonition_rst(block, titles))
        elif isinstance(block, Overview):
            parts.append(overview_rst(variant, block))
        else:
            parts.append(str(block))
    return "\n\n".join(parts) + "\n"


FIELD_NAMES = (
    "kv rang niveau bron soort eenheid nulmeting streefwaarde richting metingen "
    "bestuurlijk_trekker ambtelijk_trekker partners planning budget afwijking"
).split()

#: Records the phases of a build (for "beyond reading" times) when bench/run.py asks.
PHASE_HOOK = '''

def setup(app):
    """bench/run.py: record when reading ends and writing ends (KB_BENCH_PHASES)."""
    import json
    import os
    import time

    path = os.environ.get("KB_BENCH_PHASES")
    if not path:
        return

    def mark(name):
        def handler(*_args):
            with open(path, "a", encoding="utf-8") as out:
                record = {"phase": name, "t": time.time(), "cpu": time.process_time()}
                out.write(json.dumps(record) + "\\n")

        return handler

    app.connect("env-updated", mark("read_done"), priority=999)
    app.connect("write-started", mark("write_started"), priority=1)
    # sphinx-needs resolves its needs (back links, dynamic functions, schemas) in
    # write-started at the default priority 500: after this, the builder's own work.
    app.connect("write-started", mark("needs_done"), priority=501)
    app.connect("build-finished", mark("build_finished"), priority=999)
'''


def conf_py(variant: str) -> str:
    common = (
        'project = "Benchmark IVP"\nlanguage = "nl"\nexclude_patterns = ["_build"]\n'
        'html_theme = "alabaster"\n'
    )
    if variant == "kernbeleid":
        body = (
            'extensions = ["sphinxext_kernbeleid"]\n'
            'kernbeleid_gemeente = "Benchmarkstad"\n'
            "kernbeleid_periode = (2026, 2029)\n"
            "kernbeleid_uitvoeringsjaar = 2026\n"
        )
    elif variant == "needs":
        types = ",\n".join(
            f'    {{"directive": "{d}", "title": "{t}", "prefix": "{d[:3].upper()}_"}}'
            for d, t in TYPE_TITLES.items()
        )
        fields = ",\n".join(
            f'    "{name}": {{"schema": {{"type": "string"}}, "nullable": True}}'
            for name in FIELD_NAMES
        )
        body = (
            'extensions = ["sphinx_needs"]\n'
            f"needs_types = [\n{types},\n]\n"
            f"needs_fields = {{\n{fields},\n}}\n"
            "needs_links = {\n"
            '    "hoort_bij": {"outgoing": "Hoort bij", "incoming": "Onderdelen"},\n'
            '    "draagt_bij_aan": {"outgoing": "Draagt bij aan", '
            '"incoming": "Maatregelen die bijdragen"},\n'
            '    "uitgangspunt": {"outgoing": "Uitgangspunt", "incoming": "Toegepast in"},\n'
            "}\n"
            'needs_id_regex = r"^[A-Z][A-Z0-9_]+$"\n'
        )
    else:
        body = "extensions = []\n"
    return common + body + PHASE_HOOK


def index_rst(docs: list[Doc]) -> str:
    entries = "\n".join(f"   {d.name}" for d in docs)
    return (
        f"{heading('Integraal Veiligheidsplan Benchmarkstad', '=')}\n\n"
        f".. toctree::\n   :maxdepth: 1\n\n{entries}\n"
    )


def write_variant(plan: Plan, variant: str, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    titles = {b.id: b.title for d in plan.docs for b in d.blocks if isinstance(b, Item)}
    (target / "conf.py").write_text(conf_py(variant), "utf-8")
    (target / "index.rst").write_text(index_rst(plan.docs), "utf-8")
    for doc in plan.docs:
        path = target / f"{doc.name}.rst"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(doc_rst(variant, doc, titles), "utf-8")


def generate(n: int, outdir: Path, per_file: int = 50, variants=VARIANTS) -> Plan:
    """Write the variants under ``outdir/<variant>``; returns the plan (for the edit step)."""
    plan = build_plan(n, per_file)
    for variant in variants:
        write_variant(plan, variant, outdir / variant)
    return plan


def edit_one_maatregel(plan: Plan, src: Path, stamp: str) -> Path:
    """Change the body of one maatregel in a variant's source (the rebuild-after-edit step)."""
    path = src / f"{plan.edit_doc}.rst"
    text = path.read_text("utf-8")
    marker = f"({plan.edit_id})" if f"({plan.edit_id})" in text else f":id: {plan.edit_id}"
    start = text.index(marker)
    # The item's body is its first indented paragraph after the options.
    body_at = text.index("\n\n   ", start) + 2
    text = text[:body_at] + f"   Gewijzigd: {stamp}.\n" + text[body_at:]
    path.write_text(text, "utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="aantal maatregelen")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--per-file", type=int, default=50, help="maatregelen per bestand")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    generate(args.n, args.outdir, args.per_file, tuple(args.variants.split(",")))
    print(f"{args.n} maatregelen geschreven naar {args.outdir}/{{{args.variants}}}")


if __name__ == "__main__":
    main()
