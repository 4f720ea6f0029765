"""Every regional figure as one SQL query over the store; the site and the workbook draw these.

The same queries serve a district of 10 plans and the country's 342: DuckDB does the
joins, counts and sums, Python only lays the results out. Each query returns plain rows
(dicts keyed by column name) in the order they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from ..model.plattegrond import Dekking

Rows = list[dict[str, Any]]

PLANNEN = """
WITH o AS (
    SELECT plan,
           count(*) FILTER (WHERE soort = 'prioriteit') AS prioriteiten,
           count(*) FILTER (WHERE soort = 'thema') AS themas
    FROM onderdelen GROUP BY plan),
m AS (
    SELECT plan, count(*) AS maatregelen, sum(budget) AS budget
    FROM maatregelen WHERE actief GROUP BY plan)
SELECT p.plan, p.gemeente, p.bron, p.periode_van, p.periode_tot, p.uitvoeringsjaar, p.versie,
       p.status, p.raadsrijp, p.fouten,
       coalesce(o.prioriteiten, 0) AS prioriteiten, coalesce(o.themas, 0) AS themas,
       coalesce(m.maatregelen, 0) AS maatregelen, m.budget
FROM plannen p LEFT JOIN o USING (plan) LEFT JOIN m USING (plan)
ORDER BY p.gemeente, p.plan
"""

PLATTEGROND = """
SELECT t.veld, t.veld_naam, t.code, t.naam,
       count(DISTINCT d.plan) FILTER (WHERE d.dekking = $prioriteit) AS prioriteit,
       count(DISTINCT d.plan) FILTER (WHERE d.dekking = $overig) AS overig
FROM thema t LEFT JOIN dekking d USING (code)
GROUP BY t.veld, t.veld_naam, t.code, t.naam, t.volgorde
ORDER BY t.volgorde
"""

INDICATOREN = """
WITH gedeeld AS (
    SELECT sleutel, count(DISTINCT plan) AS gemeenten, mode(titel) AS naam
    FROM indicatoren GROUP BY sleutel HAVING count(DISTINCT plan) >= $minimum)
SELECT g.sleutel, g.naam, g.gemeenten, p.gemeente, i.titel, i.bron, i.eenheid, i.nulmeting,
       i.laatste_meting, i.laatste_waarde, i.laatste_jaar, i.streefwaarde, i.koers
FROM gedeeld g JOIN indicatoren i USING (sleutel) JOIN plannen p USING (plan)
ORDER BY g.gemeenten DESC, g.naam, p.gemeente, i.id
"""

PARTNERS = """
WITH actief AS (SELECT plan, id FROM maatregelen WHERE actief),
totaal AS (SELECT count(*) AS n FROM actief),
spelling AS (SELECT sleutel, partner, count(*) AS n FROM partners GROUP BY sleutel, partner),
-- the most common spelling; on a tie the first in sort order, so every engine agrees
naam AS (SELECT sleutel, first(partner ORDER BY n DESC, partner) AS partner
         FROM spelling GROUP BY sleutel)
SELECT naam.partner AS partner,
       count(DISTINCT (p.plan, p.maatregel)) AS maatregelen,
       count(DISTINCT p.plan) AS gemeenten,
       count(DISTINCT (p.plan, p.maatregel)) / any_value(totaal.n) AS aandeel
FROM partners p JOIN actief a ON a.plan = p.plan AND a.id = p.maatregel
JOIN naam ON naam.sleutel = p.sleutel CROSS JOIN totaal
GROUP BY p.sleutel, naam.partner
ORDER BY maatregelen DESC, naam.partner
"""

BUDGETTEN = """
WITH hoofd AS (
    SELECT plan, onderdeel, code FROM onderdeel_themas
    WHERE volgorde = 0 AND code IN (SELECT code FROM thema)),
mr AS (
    SELECT h.code, count(*) AS maatregelen, sum(m.budget) AS budget,
           count(DISTINCT m.plan) AS gemeenten
    FROM maatregelen m JOIN hoofd h ON h.plan = m.plan AND h.onderdeel = m.onderdeel
    WHERE m.actief GROUP BY h.code),
od AS (
    SELECT h.code, sum(o.budget) AS begroot
    FROM onderdelen o JOIN hoofd h ON h.plan = o.plan AND h.onderdeel = o.id GROUP BY h.code)
SELECT t.veld, t.code, t.naam, coalesce(mr.gemeenten, 0) AS gemeenten,
       coalesce(mr.maatregelen, 0) AS maatregelen, mr.budget, od.begroot
FROM thema t LEFT JOIN mr USING (code) LEFT JOIN od USING (code)
ORDER BY t.volgorde
"""

BUDGET_TOTAAL = """
SELECT count(*) AS maatregelen, sum(budget) AS budget FROM maatregelen WHERE actief
"""

#: Maatregelen whose onderdeel names no catalogue theme first (or that trace to none), so
#: the budget table adds up to the total.
ZONDER_THEMA = """
SELECT count(*) AS maatregelen, sum(m.budget) AS budget
FROM maatregelen m
WHERE m.actief AND NOT EXISTS (
    SELECT 1 FROM onderdeel_themas h
    WHERE h.volgorde = 0 AND h.code IN (SELECT code FROM thema)
      AND h.plan = m.plan AND h.onderdeel = m.onderdeel)
"""

#: Step 3a: per theme that is a local prioriteit somewhere, which gemeenten chose it, which
#: have it as overig thema or only analysed it, and what that suggests for a joint plan.
STAP_3A = """
WITH per_thema AS (
    SELECT t.code, t.naam, t.volgorde,
           count(DISTINCT d.plan) FILTER (WHERE d.dekking = $prioriteit) AS prioriteit,
           string_agg(DISTINCT p.gemeente, ', ' ORDER BY p.gemeente)
               FILTER (WHERE d.dekking = $prioriteit) AS gemeenten_prioriteit,
           string_agg(DISTINCT p.gemeente, ', ' ORDER BY p.gemeente)
               FILTER (WHERE d.dekking = $overig) AS gemeenten_overig,
           string_agg(DISTINCT p.gemeente, ', ' ORDER BY p.gemeente)
               FILTER (WHERE d.dekking = $geanalyseerd) AS gemeenten_geanalyseerd
    FROM thema t JOIN dekking d USING (code) JOIN plannen p USING (plan)
    GROUP BY t.code, t.naam, t.volgorde)
SELECT code, naam, prioriteit, gemeenten_prioriteit, gemeenten_overig, gemeenten_geanalyseerd,
       CASE WHEN prioriteit = (SELECT count(*) FROM plannen) AND prioriteit > 1
                THEN 'overal prioriteit: kandidaat voor gezamenlijk'
            WHEN prioriteit > 1 THEN 'in een deel: gezamenlijk of lokaal?'
            ELSE 'alleen lokaal' END AS overlap
FROM per_thema
WHERE prioriteit > 0
ORDER BY prioriteit DESC, volgorde
"""

#: Each gemeente's own prioriteiten with their catalogue codes, for step 3a's second table.
LOKAAL = """
WITH codes AS (
    SELECT plan, onderdeel, string_agg(DISTINCT code, ', ' ORDER BY code) AS codes
    FROM onderdeel_themas GROUP BY plan, onderdeel)
SELECT p.gemeente,
       string_agg(o.titel || coalesce(' (' || c.codes || ')', ''), '; ' ORDER BY o.rang, o.id)
           AS prioriteiten
FROM plannen p
LEFT JOIN onderdelen o ON o.plan = p.plan AND o.soort = 'prioriteit'
LEFT JOIN codes c ON c.plan = o.plan AND c.onderdeel = o.id
GROUP BY p.plan, p.gemeente
ORDER BY p.gemeente, p.plan
"""

MATRIX_KOLOMMEN = """
SELECT t.code, t.naam, count(DISTINCT d.plan) AS gemeenten
FROM thema t JOIN dekking d USING (code)
WHERE d.dekking = $prioriteit
GROUP BY t.code, t.naam, t.volgorde
ORDER BY gemeenten DESC, t.volgorde
"""

MATRIX_CELLEN = """
SELECT o.plan, ot.code, string_agg(o.titel, '; ' ORDER BY o.rang, o.id) AS prioriteiten
FROM onderdelen o
JOIN (SELECT DISTINCT plan, onderdeel, code FROM onderdeel_themas) ot
  ON ot.plan = o.plan AND ot.onderdeel = o.id
WHERE o.soort = 'prioriteit'
GROUP BY o.plan, ot.code
"""


@dataclass(frozen=True)
class Regio:
    """Every figure of the regional view, computed once; the writers only draw it."""

    plannen: Rows
    plattegrond: Rows
    indicatoren: Rows
    partners: Rows
    budgetten: Rows
    totaal: dict[str, Any]
    zonder_thema: dict[str, Any]
    stap_3a: Rows
    lokaal: Rows
    matrix_kolommen: Rows
    matrix_cellen: dict[tuple[int, str], str]  # (plan, code) -> its prioriteiten' titles


def _rows(con: duckdb.DuckDBPyConnection, sql: str, **params: Any) -> Rows:
    cursor = con.execute(sql, params or None)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def regio(con: duckdb.DuckDBPyConnection, *, minimum_gedeeld: int = 2) -> Regio:
    """All queries; an indicator is shared when at least ``minimum_gedeeld`` plans have it."""
    dekking = {"prioriteit": Dekking.PRIORITEIT.value, "overig": Dekking.OVERIG.value}
    geanalyseerd = Dekking.GEANALYSEERD.value
    cellen = _rows(con, MATRIX_CELLEN)
    return Regio(
        plannen=_rows(con, PLANNEN),
        plattegrond=_rows(con, PLATTEGROND, **dekking),
        indicatoren=_rows(con, INDICATOREN, minimum=minimum_gedeeld),
        partners=_rows(con, PARTNERS),
        budgetten=_rows(con, BUDGETTEN),
        totaal=_rows(con, BUDGET_TOTAAL)[0],
        zonder_thema=_rows(con, ZONDER_THEMA)[0],
        stap_3a=_rows(con, STAP_3A, **dekking, geanalyseerd=geanalyseerd),
        lokaal=_rows(con, LOKAAL),
        matrix_kolommen=_rows(con, MATRIX_KOLOMMEN, prioriteit=dekking["prioriteit"]),
        matrix_cellen={(c["plan"], c["code"]): c["prioriteiten"] for c in cellen},
    )
