"""Generate N plans' exports of M items each and time ``kernbeleid regio`` over them.

The exports are made the way a build makes them, without Sphinx (which would take hours
for 342 plans): needs.json entries as sphinx-needs writes them (values as a writer types
them, prose included), turned into the model's plan and the check's real report
(``build_plan``, ``rules.check``, ``build_report``). Each plan chooses its own prioriteiten
and thema's from the catalogue (some more popular than others, as in a real region),
effect indicators from the catalogue's suggestions, partners from a shared list (now and
then spelt differently) and budgets.

Usage::

    python bench/regio_bench.py generate OUTDIR --plannen 40 --items 1000
    python bench/regio_bench.py run --items 1000 --plannen 10 40 100 342 [--werkmap DIR]

``run`` generates what is missing under the work folder, then runs ``kernbeleid regio`` in
a fresh process per size and prints the wall time and the peak memory (max RSS) of each.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sphinxext_kernbeleid.check import rules
from sphinxext_kernbeleid.check.rapport import build_report
from sphinxext_kernbeleid.model import catalogue as catalogue_module
from sphinxext_kernbeleid.model.plan import build_plan
from sphinxext_kernbeleid.model.settings import Settings

PRE = "Aal Beek Berg Bos Bree Dal Dijk Eem Elst Gou Haar Hol Hoog Kaat Lan Lin Maas Mol Nieu Oost"
SUF = "dam veen hoven wijk brug horst dorp lo rade beek sum gen meer zijl ven waard kerk hout"
POPULAR = ["1.3", "5.2", "3.1", "1.1", "2.2", "3.3"]  # chosen as prioriteit more often
PARTNERS = (
    "Politie;Openbaar Ministerie;RIEC;Brandweer;Veiligheidsregio;GGD;Veilig Thuis;"
    "Woningcorporatie;Welzijnsorganisatie;Jongerenwerk;Halt;Reclassering;Zorg- en "
    "Veiligheidshuis;Ondernemersvereniging;Belastingdienst;Omgevingsdienst;Scholen;"
    "Sportverenigingen;Wijkteam;Buurtpreventie;Horeca Nederland;Provincie;Waterschap;"
    "Stichting Meldpunt;Slachtofferhulp"
).split(";")
STATUSES = ["gepland", "lopend", "gereed", "vertraagd", "vervallen"]
PLANNINGS = ["2026-Q1..2026-Q4", "2026-Q1..2026-Q2", "2026-Q2..2026-Q4", "2026-Q3"]
PROSE = (
    "De gemeente en haar partners pakken dit samen aan, wijkgericht en informatiegestuurd, "
    "met aandacht voor wat inwoners zelf signaleren en voor de samenhang met zorg."
)


def names(count: int, seed: int = 7) -> list[str]:
    """``count`` distinct, Dutch-looking gemeente names (deterministic)."""
    rng = random.Random(seed)
    combos = [p + s for p in PRE.split() for s in SUF.split()]
    rng.shuffle(combos)
    out = combos[:count]
    return out + [f"{combos[i % len(combos)]} {i}" for i in range(len(out), count)]


def _need(nid: str, type_: str, title: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": nid,
        "type": type_,
        "title": title,
        "docname": "uitvoeringsplan/maatregelen" if type_ == "maatregel" else "ivp/plan",
        "lineno": 1,
        "content": "\n".join([PROSE] * 5),
        "sections": [title, "Uitvoeringsplan 2026"],
        "section_name": title,
        "type_name": type_.capitalize(),
        "doctype": ".rst",
        "arch": {},
        "parts": {},
        "constraints_passed": True,
        "constraints_results": {},
        "external_css": "external_link",
        **fields,
    }


def _value(rng: random.Random) -> tuple[float, float, float]:
    base = round(rng.uniform(5, 80), 1)
    return base, round(base * rng.uniform(0.7, 0.95), 1), round(base * rng.uniform(0.8, 1.05), 1)


def _nl(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def plan_needs(rng: random.Random, items: int) -> dict[str, dict[str, Any]]:
    """One plan's needs: 1-4 prioriteiten, 2-5 thema's, and maatregelen up to ``items``."""
    catalogue = catalogue_module.load()
    codes = [t.code for t in catalogue.themes]
    weights = [4 if c in POPULAR else 1 for c in codes]
    chosen: list[str] = []
    while len(chosen) < rng.randint(3, 9):
        code = rng.choices(codes, weights)[0]
        if code not in chosen:
            chosen.append(code)
    prios = chosen[: rng.randint(1, min(4, len(chosen) - 1))]
    needs: dict[str, dict[str, Any]] = {}
    doelen: list[tuple[str, str]] = []  # (doel id, onderdeel id)
    needs["DOEL_STRATEGISCH"] = _need(
        "DOEL_STRATEGISCH", "doel", "Veilig wonen", niveau="strategisch"
    )
    for n, code in enumerate(chosen, 1):
        theme = catalogue.get(code)
        assert theme is not None
        kind = "prioriteit" if code in prios else "thema"
        oid = f"{'PRIO' if kind == 'prioriteit' else 'THEMA'}_{n:02d}"
        extra = {"rang": str(n)} if kind == "prioriteit" else {}
        second = rng.choice([c for c in codes if c != code])
        kv = code if rng.random() < 0.6 else f"{code}, {second}"
        needs[oid] = _need(oid, kind, theme.naam, kv=kv, hoort_bij=["DOEL_STRATEGISCH"], **extra)
        if kind == "prioriteit":
            needs[oid]["budget"] = f"€ {rng.randint(5, 40) * 10}.000"
        did = f"DOEL_{oid}"
        needs[did] = _need(did, "doel", f"Doel bij {theme.naam}", hoort_bij=[oid])
        doelen.append((did, oid))
        for e, sug in enumerate(theme.effectindicatoren[: rng.randint(2, 3)], 1):
            nul, streef, meting = _value(rng)
            eid = f"EI_{oid}_{e}"
            needs[eid] = _need(
                eid,
                "effectindicator",
                sug.naam,
                hoort_bij=[did],
                bron=sug.bron,
                soort=sug.soort,
                eenheid=sug.eenheid or "aantal",
                nulmeting=f"{_nl(nul)} (2024)",
                streefwaarde=f"{_nl(streef)} (2029)",
                richting="dalen",
                metingen=f"{_nl(meting)} (2025)",
            )
    _maatregelen(rng, needs, doelen, items - len(needs))
    return needs


def _maatregelen(
    rng: random.Random, needs: dict[str, dict[str, Any]], doelen: list[tuple[str, str]], room: int
) -> None:
    """Actiepunten with maatregelen and one prestatie-indicator each, filling ``room`` items."""
    counter = 0
    while room > 2:
        did, oid = doelen[counter % len(doelen)]
        ap = f"AP_{counter:05d}"
        needs[ap] = _need(ap, "actiepunt", f"Actiepunt {counter}", hoort_bij=[oid])
        room -= 1
        for _ in range(min(5, room // 2)):
            counter += 1
            mid = f"MR_{counter:05d}"
            partners = rng.sample(PARTNERS, rng.randint(1, 4))
            if rng.random() < 0.05:
                partners[0] = partners[0].lower()
            needs[mid] = _need(
                mid,
                "maatregel",
                f"Maatregel {counter}",
                hoort_bij=[ap],
                draagt_bij_aan=[did],
                bestuurlijk_trekker="Burgemeester",
                ambtelijk_trekker="Team OOV",
                partners="; ".join(partners),
                planning=rng.choice(PLANNINGS),
                budget=f"€ {rng.randint(1, 60) * 500}",
                status=rng.choices(STATUSES, [5, 5, 2, 1, 1])[0],
            )
            pid = f"PI_{counter:05d}"
            needs[pid] = _need(
                pid,
                "prestatie-indicator",
                f"Prestatie {counter}",
                hoort_bij=[mid],
                streefwaarde="4",
            )
            room -= 2
        counter += 1


def write_plan(folder: Path, gemeente: str, items: int, seed: int) -> None:
    """A plan folder with ``_build/needs/needs.json`` and the check's report beside it."""
    needs = plan_needs(random.Random(seed), items)
    settings = Settings(gemeente=gemeente, periode=(2026, 2029), uitvoeringsjaar=2026)
    plan = build_plan(needs.values(), settings)
    report = build_report(plan, rules.check(plan, settings.regels, with_problems=True))
    export = {
        "created": "2026-12-01T12:00:00",
        "current_version": "",
        "project": f"Integraal Veiligheidsplan {gemeente} 2026-2029",
        "versions": {"": {"needs": needs, "needs_amount": len(needs)}},
    }
    for sub, name, data in (
        ("needs", "needs.json", export),
        ("check", "kernbeleid-rapport.json", report),
    ):
        target = folder / "_build" / sub / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def generate(out: Path, plannen: int, items: int, seed: int = 1) -> list[Path]:
    """``plannen`` plan folders under ``out`` (kept when already there, so runs can reuse)."""
    folders = []
    for n, gemeente in enumerate(names(plannen), 1):
        folder = out / f"plan_{n:03d}"
        if not (folder / "_build" / "check" / "kernbeleid-rapport.json").exists():
            write_plan(folder, gemeente, items, seed * 100_000 + n)
        folders.append(folder)
    return folders


def measure(folders: list[Path], uit: Path) -> tuple[float, float]:
    """Wall time (s) and peak memory (MiB) of one ``kernbeleid regio`` run in a new process."""
    code = (
        "import resource, sys; from sphinxext_kernbeleid.cli.main import main; "
        "status = main(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
        "sys.exit(status)"
    )
    args = [sys.executable, "-c", code, "regio", *map(str, folders), "--uit", str(uit)]
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(done.stderr)
    rss_kib = int(done.stderr.strip().splitlines()[-1])
    return elapsed, rss_kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark van kernbeleid regio")
    sub = parser.add_subparsers(dest="taak", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("out", type=Path)
    gen.add_argument("--plannen", type=int, default=40)
    gen.add_argument("--items", type=int, default=1000)
    run = sub.add_parser("run")
    run.add_argument("--plannen", type=int, nargs="+", default=[10, 40, 100, 342])
    run.add_argument("--items", type=int, default=1000)
    run.add_argument("--werkmap", type=Path, default=Path("/tmp/regio-bench"))
    args = parser.parse_args()
    if args.taak == "generate":
        generate(args.out, args.plannen, args.items)
        return
    pool = args.werkmap / f"items_{args.items}"
    start = time.perf_counter()
    folders = generate(pool, max(args.plannen), args.items)
    print(f"generated/reused {len(folders)} plans in {time.perf_counter() - start:.1f} s")
    resource.getrusage(resource.RUSAGE_SELF)
    print("plannen  items  seconden  piekgeheugen (MiB)")
    for count in args.plannen:
        seconds, mib = measure(folders[:count], args.werkmap / f"uit_{count}")
        print(f"{count:7d}  {args.items:5d}  {seconds:8.2f}  {mib:10.0f}")


if __name__ == "__main__":
    main()
