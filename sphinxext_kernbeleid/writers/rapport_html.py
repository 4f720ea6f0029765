"""The check report as one self-contained Dutch HTML page, written for the griffie.

Verdict first, then the figures, the outcome per rule, the findings with what to do,
the matrix, the plattegrond and the indicators. Inline CSS only: the file can be
mailed or attached to a raadsvoorstel as is.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from ..check.gemeenten import without_gemeenten
from ..model import display
from ..model.display import count
from ..model.plattegrond import Dekking

CSS = """
body { font-family: "Segoe UI", Arial, sans-serif; color: #1d2733; margin: 0; background: #f4f6f8; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; background: #fff;
       border-top: 8px solid var(--kb-huiskleur, #1f4e79); }
.afzender { display: flex; align-items: center; gap: 12px; font-weight: 700; margin: 0 0 14px; }
.afzender img { max-height: 48px; max-width: 200px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 36px 0 10px; padding-bottom: 4px;
     border-bottom: 2px solid #d5dbe0; color: var(--kb-tekstkleur, #1d2733); }
h3 { font-size: 1.05em; margin: 22px 0 8px; }
.meta { color: #566573; margin: 0 0 18px; }
.verdict { border-radius: 8px; padding: 22px 28px; color: #fff; margin: 8px 0 18px; }
.verdict .big { font-size: 2.1em; font-weight: 700; }
.verdict .sub { font-size: 1.05em; margin-top: 6px; }
.ok { background: #186a3b; } .nok { background: #c0392b; }
.tiles { display: flex; flex-wrap: wrap; gap: 10px; }
.tile { border: 1px solid #d5dbe0; border-radius: 6px; padding: 10px 14px; min-width: 118px; }
.tile .n { font-size: 1.5em; font-weight: 700; } .tile .l { color: #566573; font-size: .88em; }
table { border-collapse: collapse; width: 100%; font-size: .9em; margin: 6px 0 12px; }
th, td { border: 1px solid #d5dbe0; padding: 5px 8px; vertical-align: top; text-align: left; }
thead th { background: #eef2f5; }
.sev { font-weight: 700; white-space: nowrap; }
.sev-fout { color: #c0392b; } .sev-waarschuwing { color: #8a5300; } .sev-advies { color: #1f618d; }
tr.waived td { color: #566573; background: #f7f9fa; }
tr.waived .sev { text-decoration: line-through; }
.afw { color: #1f618d; font-style: italic; }
.rule-ok { color: #1e8449; font-weight: 700; } .rule-nok { color: #c0392b; font-weight: 700; }
.rule-warn { color: #8a5300; font-weight: 700; } .rule-off { color: #566573; }
.loc { font-family: Consolas, monospace; font-size: .9em; white-space: nowrap; }
.id { font-family: Consolas, monospace; font-size: .85em; color: #566573; }
tr.groep td { background: #eef2f5; font-weight: 600; }
tr.gat td { background: #fdecea; }
.gat { color: #c0392b; font-weight: 700; }
.mark { font-weight: 700; margin-right: 3px; }
.legend { color: #566573; font-size: .88em; }
.dk-prioriteit { background: #f5b7b1; } .dk-overig { background: #fad7a0; }
.dk-geanalyseerd { background: #d6eaf8; } .dk-niet { color: #595959; }
td.dk .id { color: #1a1a1a; }
td.dk { font-size: .86em; }
.arrow { font-weight: 700; }
.bad { color: #c0392b; font-weight: 700; } .good { color: #1e8449; }
footer { margin-top: 40px; color: #566573; font-size: .85em; }
@media print { body { background: #fff; } main { padding: 0; } h2 { break-after: avoid; }
  tr { break-inside: avoid; } }
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _item(
    report: dict[str, Any],
    item_id: str | None,
    title: str | None = None,
    file: str | None = None,
) -> str:
    if not item_id:
        return "<em>dit bestand</em>" if file else "<em>het plan als geheel</em>"
    title = title or report["items"].get(item_id, {}).get("title") or ""
    return f"{_e(title)}<br><span class='id'>{_e(item_id)}</span>"


def _verdict(report: dict[str, Any]) -> str:
    s = report["summary"]
    ok = report["raadsrijp"]
    adviezen = sum(1 for f in report["findings"] if f["severity"] == "advies")
    sub = (
        f"{s['fouten']} fouten · {s['waarschuwingen']} waarschuwingen · "
        + (f"{adviezen} {'advies' if adviezen == 1 else 'adviezen'} · " if adviezen else "")
        + f"{s['afwijkingen']} gemotiveerde afwijkingen"
    )
    explanation = (
        "Alle regels van de toets zijn gehaald; waarschuwingen zijn aandachtspunten."
        if ok
        else "Los de fouten hieronder op (of motiveer een bewuste afwijking) voordat het plan "
        "naar de raad gaat."
    )
    mark = "✔" if ok else "✘"
    return (
        f"<div class='verdict {'ok' if ok else 'nok'}' id='oordeel'>"
        f"<div class='big'>{mark} {_e(report['verdict'])}</div>"
        f"<div class='sub'>{_e(sub)}</div><div class='sub'>{_e(explanation)}</div></div>"
    )


def _per_gemeente(report: dict[str, Any]) -> str:
    """A joint plan: each gemeente's own verdict, and the split budgets."""
    rows = report.get("gemeenten") or []
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{'✔' if r['raadsrijp'] else '✘'} {_e(r['naam'])} ({_e(r['code'])})</td>"
        f"<td>{_e(r['oordeel'])}</td><td>{r['waarschuwingen']}</td>"
        f"<td>{_e(r.get('budget_maatregelen', ''))}</td></tr>"
        for r in rows
    )
    joint = report.get("gezamenlijk") or {}
    splits = "".join(
        f"<li>{_e(v['item'])}: {_e(v['budget'])} {_e(v['wijze'])} — "
        + "; ".join(f"{_e(n)} {_e(a)}" for n, a in v["delen"].items())
        + "</li>"
        for v in joint.get("verdelingen", [])
    )
    return (
        "<h2>Oordeel per gemeente</h2><p class='legend'>Elke gemeente moet op zichzelf "
        "raadsrijp zijn: de regels gelden voor haar eigen deel van het plan. Gezamenlijk oordeel: "
        f"{_e(joint.get('verdict', ''))}.</p>"
        "<table><tr><th>Gemeente</th><th>Oordeel</th><th>Waarschuwingen</th>"
        f"<th>Budget maatregelen</th></tr>{body}</table>"
        + "".join(_findings_of(report, r) for r in rows)
        + (f"<h3>Verdeelde budgetten</h3><ul>{splits}</ul>" if splits else "")
    )


def _findings_of(report: dict[str, Any], row: dict[str, Any]) -> str:
    """One gemeente's own findings (fouten and waarschuwingen that count), each with where
    it is; the full list per rule follows further down."""
    found = [report["findings"][n] for n in row.get("findings", [])]
    counted = [f for f in found if not f["waived"] and f["severity"] in ("fout", "waarschuwing")]
    if not counted:
        return ""
    items = []
    for f in counted:
        where = _e(f["file"] or "") + (f":{_e(f['line'])}" if f["file"] and f["line"] else "")
        message = without_gemeenten(f["message"], f.get("gemeenten") or [])
        items.append(
            f"<li><span class='sev sev-{_e(f['severity'])}'>{_e(f['severity'])}</span> "
            f"<a href='#{_e(f['rule'])}'>{_e(f['rule'])}</a>"
            + (f" <span class='loc'>{where}</span>" if where else "")
            + f": {_e(message)}</li>"
        )
    return (
        f"<h3 id='gemeente-{_e(row['code'])}'>{_e(row['verdict'])}</h3>"
        f"<ul class='per-gemeente'>{''.join(items)}</ul>"
    )


def _tiles(report: dict[str, Any]) -> str:
    body = "".join(
        f"<div class='tile'><div class='n'>{_e(t['waarde'])}</div>"
        f"<div class='l'>{_e(t['label'])}</div></div>"
        for t in report["summary"]["tegels"]
    )
    return f"<div class='tiles'>{body}</div>"


def _rules_table(report: dict[str, Any]) -> str:
    rows = []
    for r in report["summary"]["rules"]:
        kind, text, waived = display.rule_outcome(r)
        outcome = f"<span class='rule-{kind}'>{_e(text)}</span>"
        if waived:
            outcome += f"<br><span class='afw'>{_e(waived)}</span>"
        link = (
            f"<a href='#{_e(r['rule'])}'>{_e(r['rule'])}</a>"
            if r["fouten"] or r["waarschuwingen"] or r["afwijkingen"]
            else _e(r["rule"])
        )
        rows.append(
            f"<tr><td class='loc'>{link}</td><td><strong>{_e(r['titel'])}</strong><br>"
            f"{_e(r['uitleg'])}</td><td>{outcome}</td></tr>"
        )
    return (
        "<table><thead><tr><th style='width:16%'>Regel</th><th>Wat wordt getoetst</th>"
        "<th style='width:22%'>Uitkomst</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _findings(report: dict[str, Any]) -> str:
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for f in report["findings"]:
        by_rule.setdefault(f["rule"], []).append(f)
    if not by_rule:
        return "<p class='good'>Geen bevindingen: alle regels zijn gehaald.</p>"
    parts = []
    titles = {r["rule"]: r["titel"] for r in report["summary"]["rules"]}
    for rule, found in by_rule.items():
        rows = []
        for f in found:
            if f["file"]:
                loc = _e(f["file"]) + (f":{_e(f['line'])}" if f["line"] else "")
            else:
                loc = "conf.py" if f.get("source") == "instellingen" else "conf.py / plan"
            sev = "afwijking" if f["waived"] else f["severity"]
            text = _e(f["message"])
            if f["waived"]:
                text += f"<br><span class='afw'>Bewuste afwijking: {_e(f['waiver'])}</span>"
            rows.append(
                f"<tr class='{'waived' if f['waived'] else ''}'>"
                f"<td class='sev sev-{_e(f['severity'])}'>{_e(sev)}</td>"
                f"<td>{_item(report, f['need'], f['title'], f['file'])}</td>"
                f"<td class='loc'>{loc}</td>"
                f"<td>{text}</td></tr>"
            )
        parts.append(
            f"<h3 id='{_e(rule)}'>{_e(rule)} — {_e(titles.get(rule, ''))}</h3>"
            "<table><thead><tr><th style='width:9%'>Ernst</th><th style='width:22%'>Item</th>"
            "<th style='width:17%'>Bestand:regel</th><th>Wat is er aan de hand en wat te doen"
            "</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )
    return "".join(parts)


def _matrix(report: dict[str, Any]) -> str:
    items = report["items"]

    def mref(mid: str) -> str:
        return f"{_e(items.get(mid, {}).get('title', mid))} <span class='id'>{_e(mid)}</span>"

    rows = []
    for group in report["matrix"]["groups"]:
        o = group["onderdeel"]
        if o is None:
            head = "Doelen zonder prioriteit of thema"
        else:
            kind = "Prioriteit" + (f" {group['rang']}" if group["rang"] else "")
            kind = kind if o["type"] == "prioriteit" else "Thema"
            head = f"{kind}: {_e(o['title'])} <span class='id'>{_e(o['id'])}</span>"
        budget = ""
        if group["budget"] or group["budget_maatregelen"]:
            budget = f" · budget maatregelen {_e(group['budget_maatregelen'] or '€ 0')}"
            if group["budget"]:
                budget += f" van {_e(group['budget'])}"
            if group.get("budget_overschreden"):
                budget = f"<span class='gat'>{budget} ⚠ overschreden</span>"
        rows.append(
            f"<tr class='groep'><td>{head}</td><td>"
            f"{count(len(group['maatregelen']), 'maatregel', 'maatregelen')}"
            f"{budget}</td><td>{len(group['maatregelen'])}</td></tr>"
        )
        if not group["doelen"]:
            rows.append(
                "<tr class='gat'><td class='gat'>⚠ geen doel</td>"
                "<td>Voeg een doel toe onder dit onderdeel.</td><td>0</td></tr>"
            )
        for doel in group["doelen"]:
            indent = "&nbsp;&nbsp;&nbsp;" * doel["depth"] + "↳ "
            label = f"{indent}{_e(doel['title'])} <span class='id'>{_e(doel['id'])}</span>"
            if doel["maatregelen"]:
                marks = "; ".join(
                    f"<span class='mark'>{'●' if m['explicit'] else '○'}</span>{mref(m['id'])}"
                    for m in doel["maatregelen"]
                )
                rows.append(
                    f"<tr><td>{label}</td><td>{marks}</td><td>{len(doel['maatregelen'])}</td></tr>"
                )
            else:
                rows.append(
                    f"<tr class='gat'><td>{label}</td><td class='gat'>⚠ geen maatregel</td>"
                    "<td>0</td></tr>"
                )
    orphans = report["matrix"]["maatregelen_zonder_doel"]
    if orphans:
        rows.append(
            "<tr class='gat'><td class='gat'>⚠ Maatregelen zonder doel</td><td>"
            + "; ".join(mref(m) for m in orphans)
            + f"</td><td>{len(orphans)}</td></tr>"
        )
    figures = (
        "<ul>" + "".join(f"<li>{_e(line)}</li>" for line in report["summary"]["dekking"]) + "</ul>"
    )
    legend = (
        "<p class='legend'>● de maatregel draagt bij aan dit doel · ○ de maatregel hoort bij "
        "de prioriteit of het thema, maar noemt geen eigen doel · ⚠ ontbrekende koppeling "
        "(rood)</p>"
    )
    return (
        figures + legend + "<table><thead><tr><th style='width:32%'>Prioriteit / thema en doel</th>"
        "<th>Maatregelen die bijdragen</th><th style='width:6%'>Aantal</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _plattegrond(report: dict[str, Any]) -> str:
    columns = report["plattegrond"]
    depth = max((len(c["themes"]) for c in columns), default=0)
    labels = {d.value: d.label for d in Dekking}
    css = {d.value: d.name.lower() for d in Dekking}
    rows = []
    for i in range(depth):
        cells = []
        for column in columns:
            if i >= len(column["themes"]):
                cells.append("<td></td>")
                continue
            t = column["themes"][i]
            via = ", ".join(t["onderdelen"])
            cells.append(
                f"<td class='dk dk-{css[t['dekking']]}'><strong>{_e(t['code'])}</strong> "
                f"{_e(t['naam'])}<br><em>{_e(labels[t['dekking']])}</em>"
                + (f" <span class='id'>{_e(via)}</span>" if via else "")
                + "</td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f"<th>{_e(c['veld'])}. {_e(c['naam'])}</th>" for c in columns)
    return (
        "<p class='legend'>Rood: prioriteit · oranje: overig thema · blauw: alleen geanalyseerd "
        "· grijs: niet geadresseerd.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _indicator_rows(indicators: list[dict[str, Any]]) -> str:
    rows = []
    for i in indicators:
        arrow = {"stijgen": "↑ stijgen", "dalen": "↓ dalen"}.get(i["richting"] or "", "–")
        ok = i["consistent"]
        check = (
            ""
            if ok is None
            else ("<span class='good'>✔</span>" if ok else "<span class='bad'>✘ past niet</span>")
        )
        rows.append(
            f"<tr><td>{_e(i['title'])} <span class='id'>{_e(i['id'])}</span></td>"
            f"<td>{_e(i['bron'] or '–')}</td><td>{_e(i['soort'] or '–')}</td>"
            f"<td>{_e(i['eenheid'] or '–')}</td>"
            f"<td>{_e(i['nulmeting'] or '–')} → {_e(i['streefwaarde'] or '–')}</td>"
            f"<td class='arrow'>{arrow} {check}</td>"
            f"<td>{_e(i.get('laatste_meting') or '–')}</td>"
            f"<td>{_e(i.get('koers_label', ''))}</td></tr>"
        )
    return "".join(rows)


def _indicatoren(report: dict[str, Any]) -> str:
    parts = []
    head = (
        "<table><thead><tr><th style='width:32%'>Effectindicator</th><th>Bron</th>"
        "<th>Soort</th><th>Eenheid</th><th>Nulmeting → streefwaarde</th><th>Richting</th>"
        "<th>Laatste meting</th><th>Op koers?</th></tr>"
        "</thead><tbody>"
    )
    for block in report["strategische_doelen"]:
        if block["indicatoren"]:
            parts.append(f"<h3>Strategisch doel: {_e(block['title'])}</h3>")
            parts.append(head + _indicator_rows(block["indicatoren"]) + "</tbody></table>")
    for block in report["indicatoren"]:
        o = block["onderdeel"]
        kind = "Prioriteit" if o["type"] == "prioriteit" else "Thema"
        parts.append(f"<h3>{kind}: {_e(o['title'])} <span class='id'>{_e(o['id'])}</span></h3>")
        if block["indicatoren"]:
            parts.append(head + _indicator_rows(block["indicatoren"]) + "</tbody></table>")
        else:
            parts.append("<p class='legend'>Geen effectindicatoren.</p>")
    return "".join(parts)


def _wijzigingen(report: dict[str, Any]) -> str:
    """ "Wijzigingen sinds de vaststelling": counts, budget changes, the maatregelen to
    look at again and a link to the full change report (written next to this report)."""
    w = report.get("wijzigingen")
    if not w:
        return ""
    adopted = w["vastgesteld"]
    besluit = f" (besluit {_e(adopted['besluit'])})" if adopted.get("besluit") else ""
    parts = [
        "<h2>Wijzigingen sinds de vaststelling</h2>",
        f"<p>Vergeleken met versie {_e(adopted.get('versie'))} die de raad op "
        f"{_e(display.datum(adopted.get('datum')))} vaststelde{besluit}: "
        f"{w['toegevoegd']} {'item' if w['toegevoegd'] == 1 else 'items'} toegevoegd, "
        f"{w['verwijderd']} verwijderd, {w['gewijzigd']} gewijzigd.",
    ]
    if w["bron_ongewijzigd"]:
        parts.append(" De bronbestanden zijn sinds de vaststelling niet gewijzigd.")
    parts.append(
        f" Alle wijzigingen, veld voor veld en woord voor woord: "
        f"<a href='{_e(w['overzicht'])}'>het wijzigingsoverzicht</a>.</p>"
    )
    rows = [*w["budget"]["per_onderdeel"], w["budget"]["totaal"]]
    parts.append(
        "<table><caption>Budget van de maatregelen: vastgesteld en nu</caption><thead><tr>"
        "<th scope='col'>Prioriteit of thema</th><th scope='col'>Vastgesteld</th>"
        "<th scope='col'>Nu</th><th scope='col'>Verschil</th></tr></thead><tbody>"
        + "".join(
            f"<tr><td>{_name(r)}"
            + f"</td><td>{_e(r['was_tekst'])}</td><td>{_e(r['nu_tekst'])}</td>"
            f"<td>{_e(r['verschil_tekst'])}</td></tr>"
            for r in rows
        )
        + "</tbody></table>"
    )
    suspects = w["herbeoordelen"]
    done = f" ({w['beoordeeld']} al beoordeeld)" if w["beoordeeld"] else ""
    parts.append(f"<h3>Te herbeoordelen maatregelen: {len(suspects)}{done}</h3>")
    if suspects:
        parts.append(
            "<table><thead><tr><th scope='col'>Maatregel</th><th scope='col'>Bron</th>"
            "<th scope='col'>Wat is gewijzigd</th></tr></thead><tbody>"
            + "".join(
                f"<tr><td>{_e(s['titel'])}<br><span class='id'>{_e(s['id'])}</span></td>"
                f"<td>{_e(s['plaats'])}</td><td>"
                + "<br>".join(f"{_e(u['id'])}: {_e(u['wat'])}" for u in s["gewijzigd"])
                + "</td></tr>"
                for s in suspects
            )
            + "</tbody></table>"
            "<p class='legend'>Bekeken? Leg het vast met <code>kernbeleid beoordeel "
            "MAATREGEL_ID</code>.</p>"
        )
    else:
        parts.append("<p class='legend'>Geen maatregel hoeft opnieuw bekeken te worden.</p>")
    return "\n".join(parts)


def _name(row: dict[str, Any]) -> str:
    """A budget row's name: the total in bold, a prioriteit/thema with its id."""
    if not row["id"]:
        return f"<strong>{_e(row['titel'])}</strong>"
    return f"{_e(row['titel'])} <span class='id'>{_e(row['id'])}</span>"


def render_html(report: dict[str, Any], huisstijl: Any = None) -> str:
    """The report page; ``huisstijl`` (:class:`..huisstijl.Huisstijl`) adds logo and colour."""
    gemeente = report["gemeente"] or "(gemeente onbekend)"
    periode = display.periode(tuple(report["periode"]))
    meta = f"Integraal Veiligheidsplan {periode} · Uitvoeringsplan {report['uitvoeringsjaar']}"
    if report.get("versie"):
        meta += f" · versie {_e(report['versie'])}"
    if report.get("status"):
        meta += f" ({_e(report['status'])})"
    meta += f" · getoetst op {_e(_when(report['gemaakt_op']))}"
    body = [
        _afzender(report, huisstijl),
        f"<h1>Toetsrapport Kernbeleid Veiligheid – "
        f"{_e(_lower(_afzender_of(report)) or 'gemeente (gemeente onbekend)')}</h1>",
        f"<p class='meta'>{meta}</p>",
        _verdict(report),
        _per_gemeente(report),  # a joint plan only
        "<h2>Kerncijfers</h2>",
        _tiles(report),
        "<h2>Uitkomst per regel</h2>",
        _rules_table(report),
        "<h2>Bevindingen</h2>",
        "<p class='legend'>Per regel: het item, waar het staat (bestand:regel in de bron) en wat "
        "er moet gebeuren. Doorgestreept: een bewuste, gemotiveerde afwijking "
        "(<code>:afwijking:</code>); die telt niet als fout.</p>",
        _findings(report),
        _wijzigingen(report),
        "<h2>Samenhang doelen en maatregelen</h2>",
        _matrix(report),
        "<h2>Plattegrond: de vijf veiligheidsvelden</h2>",
        _plattegrond(report),
        "<h2>Effectindicatoren per prioriteit en thema</h2>",
        _indicatoren(report),
        "<footer>Gemaakt met sphinxext-kernbeleid (kernbeleid-check). De toets volgt de "
        "methode Kernbeleid Veiligheid van de VNG; drempels staan in conf.py "
        "(<code>kernbeleid_regels</code>).</footer>",
    ]
    return (
        "<!DOCTYPE html>\n<html lang='nl'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(report['verdict'])} – toetsrapport {_e(gemeente)}</title>"
        f"<style>{CSS}{_variables(huisstijl)}</style></head><body><main>"
        + "\n".join(body)
        + "</main></body></html>\n"
    )


def _variables(huisstijl: Any) -> str:
    return f":root {{ {huisstijl.css_variables()} }}" if huisstijl is not None else ""


def _afzender(report: dict[str, Any], huisstijl: Any) -> str:
    """Logo and gemeente above the title; the logo inline, so the file stays one file."""
    if huisstijl is None:
        return ""
    from ..build.huisstijl import logo_data_uri

    uri = logo_data_uri(huisstijl)
    logo = f"<img src='{uri}' alt=''>" if uri else ""
    name = _e(_afzender_of(report))
    return f"<p class='afzender'>{logo}{name}</p>" if logo or name else ""


def _afzender_of(report: dict[str, Any]) -> str:
    """``Gemeente Lindewaard``, a joint plan's ``Gemeenten …`` (an older report: its gemeente)."""
    return report.get("afzender") or display.gemeente(report["gemeente"] or "")


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _when(stamp: str) -> str:
    """``29 november 2026, 05:11`` from the report's ISO time stamp."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return display.moment(moment)
