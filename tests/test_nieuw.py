"""``kernbeleid nieuw``: a plan of one's own that builds at once and is never raadsrijp unfilled."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sphinxext_kernbeleid.authoring.invullen import placeholders
from sphinxext_kernbeleid.cli import main as cli
from sphinxext_kernbeleid.cli import nieuw

ARGS = ["--gemeente", "Voorbeeldstad", "--periode", "2027-2030", "--prioriteiten", "1.3,5.2,3.4"]


def make_plan(tmp_path: Path, *extra: str, name: str = "plan") -> Path:
    target = tmp_path / name
    assert cli.main(["nieuw", str(target), *ARGS, *extra]) == 0
    return target


def sphinx(src: Path, builder: str, *args: str) -> tuple[int, str, Path]:
    out = src / "_build" / builder
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = build_main(["-b", builder, "-E", "-q", "-N", *args, str(src), str(out)])
    return status, stderr.getvalue(), out


#: What a coordinator would type in place of each kind of placeholder option.
FILLED = {
    "nulmeting": "10 (2025)",
    "richting": "dalen",
    "bron": "politieregistratie",
    "eenheid": "aantal",
    "bestuurlijk_trekker": "Burgemeester",
    "ambtelijk_trekker": "Team OOV",
    "partners": "Politie",
    "planning": "2027-Q1..2027-Q4",
    "budget": "€ 1.000",
}


def fill_in(root: Path) -> None:
    """Replace every placeholder as a writer would: values in options, text elsewhere."""
    for path in [*root.rglob("*.rst"), *root.rglob("*.md")]:
        lines: list[str] = []
        kind = ""
        for line in path.read_text("utf-8").splitlines():
            directive = re.match(r"^(?:\.\. |```\{)([\w-]+)", line)
            if directive:
                kind = directive[1]
            option = re.match(r"^(\s*):([\w-]+): \[IN TE VULLEN[^\]]*\]$", line)
            if option:
                name = option[2]
                if name == "streefwaarde":
                    value = "8 (2030)" if kind == "effectindicator" else "12"
                else:
                    value = FILLED[name]
                line = f"{option[1]}:{name}: {value}"
                if name == "nulmeting":  # and the latest figure since (rule KB-R3-meting)
                    lines.append(f"{option[1]}:metingen: 9 (2026)")
            lines.append(re.sub(r"\[IN TE VULLEN[^\]]*\]", "Ingevuld", line))
        path.write_text("\n".join(lines) + "\n", "utf-8")


@pytest.mark.parametrize("markdown", [False, True], ids=["rst", "markdown"])
def test_new_plan_builds_with_W_and_is_not_raadsrijp_until_filled(tmp_path, markdown):
    plan = make_plan(tmp_path, "--themas", "2.3,4.1", *(["--markdown"] if markdown else []))
    suffix = ".md" if markdown else ".rst"
    assert (plan / f"ivp/prioriteiten{suffix}").exists()
    assert not list(plan.rglob("*.rst" if markdown else "*.md")) or markdown is False

    status, warnings, html = sphinx(plan, "html", "-W", "--keep-going")
    assert status == 0, warnings
    assert warnings == ""
    site = (html / "index.html").read_text("utf-8")
    assert "Lindewaard" not in site
    assert "Sphinx" not in site  # no "Gemaakt met Sphinx"
    assert (
        "<title>Veiligheidsbeleid gemeente Voorbeeldstad &#8212; IVP Voorbeeldstad 2027-2030"
        in site
    )
    assert ", gemeente Voorbeeldstad</p>" in site  # copyright in the footer
    assert '<html lang="nl"' in site
    # The extension's own theme, as docs/huisstijl.md promises: the gemeente in the header.
    assert 'html_theme = "kernbeleid"' in (plan / "conf.py").read_text("utf-8")
    assert '<span class="kb-gemeente">Gemeente Voorbeeldstad</span>' in site
    # sphinx-needs' internal report is not published with the site.
    assert not (html / "schema_violations.json").exists()
    assert ".*.lock" in (plan / ".gitignore").read_text("utf-8")
    # The progress page is part of the site from the start: one paragraph saying there is
    # no progress yet and how to import the first quarter, no empty dashboard.
    progress = (html / "voortgang.html").read_text("utf-8")
    assert "Er is nog geen voortgang over uitvoeringsjaar" in progress
    assert "kernbeleid voortgang importeer WERKBOEK.xlsx --periode" in progress
    assert "Aandachtspunten" not in progress
    assert 'href="voortgang.html"' in site
    # Options still to fill in are shown as written, not left out of the item's table.
    actions = (html / "uitvoeringsplan" / "prioriteiten.html").read_text("utf-8")
    assert "Bestuurlijk trekker" in actions
    assert "[IN TE VULLEN: bijv. burgemeester]" in actions

    status, warnings, out = sphinx(plan, "kernbeleid-check")
    assert status == 1
    report = json.loads((out / "kernbeleid-rapport.json").read_text("utf-8"))
    assert report["verdict"].startswith("Plan is niet raadsrijp")
    rules = {f["rule"] for f in report["findings"]}
    assert rules == {"KB-R0-invullen"}, rules  # placeholders, not their echoes
    nulmeting = [
        f for f in report["findings"] if f["need"] == "EI_1_3_A" and "nulmeting" in f["message"]
    ]
    assert len(nulmeting) == 1
    source = (plan / nulmeting[0]["file"]).read_text("utf-8").splitlines()
    assert ":nulmeting: [IN TE VULLEN" in source[nulmeting[0]["line"] - 1]
    assert all(f["severity"] == "fout" and f["line"] for f in report["findings"])
    chapters = [p for p in plan.rglob(f"*{suffix}") if p.name != "README.md"]
    count = sum(len(placeholders(p.read_text("utf-8"))) for p in chapters)
    assert report["summary"]["fouten"] == count > 100

    # Filled in, the same plan is raadsrijp: the scaffold itself obeys every rule.
    fill_in(plan)
    status, warnings, out = sphinx(plan, "kernbeleid-check", "-W", "--keep-going")
    report = json.loads((out / "kernbeleid-rapport.json").read_text("utf-8"))
    assert report["findings"] == [], report["findings"][:3]
    assert status == 0, warnings


def test_the_plan_has_what_the_method_asks(tmp_path):
    plan = make_plan(tmp_path, "--themas", "2.3", "--uitvoeringsjaar", "2028")
    conf = (plan / "conf.py").read_text("utf-8")
    for setting in (
        'kernbeleid_gemeente = "Voorbeeldstad"',
        "kernbeleid_periode = (2027, 2030)",
        "kernbeleid_uitvoeringsjaar = 2028",
        'language = "nl"',
        "html_show_sphinx = False",
        ', gemeente Voorbeeldstad"',
        'html_title = "IVP Voorbeeldstad 2027-2030"',
    ):
        assert setting in conf
    ivp = sorted(p.stem for p in (plan / "ivp").glob("*.rst"))
    assert len(ivp) == 8  # index and the seven chapters
    assert len(list((plan / "uitvoeringsplan").glob("*.rst"))) == 6  # index and five
    prio = (plan / "ivp" / "prioriteiten.rst").read_text("utf-8")
    assert ":kv: 5.2" in prio and ":rang: 2" in prio
    # 3.4 has no suggested indicators: placeholders of both kinds take their place.
    assert "[IN TE VULLEN: naam van een objectieve effectindicator]" in prio
    analyses = re.findall(r":kv: (\S+)", (plan / "ivp" / "uitgangssituatie.rst").read_text())
    assert {code.split(".")[0] for code in analyses} == {"1", "2", "3", "4", "5"}
    assert len(analyses) == 22
    assert "MR_2_3" in (plan / "uitvoeringsplan" / "overige_themas.rst").read_text("utf-8")
    assert (plan / "voortgang" / "README.md").exists()
    assert "Veiligheidsplan gemeente Voorbeeldstad" in (plan / "README.md").read_text("utf-8")
    assert not list((plan / "voortgang").glob("*.yaml"))
    ignored = (plan / ".gitignore").read_text("utf-8").splitlines()
    assert "_build/" in ignored and ".*.lock" in ignored
    assert ".. kernbeleid-voortgang::" in (plan / "voortgang.rst").read_text("utf-8")
    assert "   voortgang" in (plan / "index.rst").read_text("utf-8").splitlines()
    assert (plan / "make.bat").read_bytes().count(b"\r\n") > 10
    for target in ("website:", "toets:", "word:", "excel:", "alles:", "bekijk:", "schoon:"):
        assert target in (plan / "Makefile").read_text("utf-8")


def test_comments_explain_without_counting_as_placeholders():
    text = (
        ".. Overal waar [IN TE VULLEN] staat, vult u iets in;\n"
        "   ook hier [IN TE VULLEN] in het commentaar.\n"
        "\n"
        "Titel\n"
        "=====\n"
        "\n"
        "[IN TE VULLEN: inleiding die over twee\n"
        "regels loopt]\n"
        "% MyST-commentaar met [IN TE VULLEN]\n"
        "   :richting: [IN TE VULLEN]\n"
        ".. doel:: [IN TE VULLEN: het doel]\n"
    )
    assert placeholders(text) == [
        (7, "inleiding die over twee", False),
        (10, "richting", True),
        (11, "het doel", True),
    ]


def test_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    target = tmp_path / "plan"
    target.mkdir()
    (target / "aantekeningen.txt").write_text("van mij")
    assert cli.main(["nieuw", str(target), *ARGS]) == 2
    err = capsys.readouterr().err
    assert "is niet leeg" in err and "overschrijft nooit" in err
    assert [p.name for p in target.iterdir()] == ["aantekeningen.txt"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--periode", "2027-2030", "--prioriteiten", "1.3"], "geef --gemeente op"),
        (["--gemeente", "X", "--prioriteiten", "1.3"], "geef --periode op, bijvoorbeeld"),
        (["--gemeente", "X", "--periode", "2027-2030"], "geef --prioriteiten op"),
        ([*ARGS[:4], "--prioriteiten", "1.3,2.2,3.1,4.1,5.2"], "kies 1 tot 4 prioriteiten"),
        ([*ARGS[:4], "--prioriteiten", "9.9"], "'9.9' is geen thema uit de catalogus"),
        ([*ARGS[:4], "--prioriteiten", "A1"], "'A1' is geen thema"),
        ([*ARGS, "--themas", "1.3"], "zowel bij de prioriteiten als bij de overige"),
        (["--gemeente", "X", "--periode", "2030-2027", "--prioriteiten", "1.3"], "kan niet"),
        (["--gemeente", "X", "--periode", "2027", "--prioriteiten", "1.3"], "niet herkend"),
        ([*ARGS, "--uitvoeringsjaar", "2031"], "buiten de periode van het IVP (2027-2030)"),
    ],
)
def test_wrong_choices_are_told_in_dutch(tmp_path, args, message):
    done = subprocess.run(
        [sys.executable, "-m", "sphinxext_kernbeleid", "nieuw", str(tmp_path / "p"), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2, done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "p").exists()


def test_asks_for_what_is_missing_in_a_terminal(capsys):
    answers = iter(["", "Gemeente Veenstad", "2027", "2027-2030", "7.7", "1.4, 4.1", ""])
    keuzes = nieuw.verzamel(
        gemeente=None,
        periode=None,
        uitvoeringsjaar=None,
        prioriteiten=None,
        themas=None,
        markdown=False,
        interactief=True,
        ask=lambda _question: next(answers),
    )
    assert keuzes == nieuw.Keuzes("Veenstad", 2027, 2030, 2027, ("1.4", "4.1"), ())
    err = capsys.readouterr().err
    assert "geef de naam van de gemeente op" in err
    assert "periode '2027' niet herkend" in err
    assert "'7.7' is geen thema" in err


def test_markdown_chapter_with_bad_value_is_reported_with_file_and_line(project):
    project.conf('extensions = ["myst_parser", "sphinxext_kernbeleid"]\n')
    project.write(
        "index.md",
        """\
        # Uitvoeringsplan

        ```{prioriteit} Veilig uitgaan
        :id: PRIO_UITGAAN
        :kv: 2.3
        ```

        ```{maatregel} Toezicht in het uitgaansgebied
        :id: MR_TOEZICHT
        :hoort_bij: PRIO_UITGAAN
        :budget: veel
        ```
        """,
    )
    result = project.build("html")
    assert "index.md:8" in result.warnings, result.warnings
    assert "budget 'veel' van MR_TOEZICHT niet herkend" in result.warnings


def test_plan_makefile_targets(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is niet geïnstalleerd")
    plan = make_plan(tmp_path)
    env_python = f"PYTHON={sys.executable}"
    done = subprocess.run(["make", "toets", env_python], cwd=plan, capture_output=True, text=True)
    assert done.returncode != 0  # not raadsrijp: make stops with the check's status
    assert "Het toetsrapport staat in" in done.stdout + done.stderr
    assert (plan / "_build" / "toets" / "kernbeleid-rapport.html").exists()
    done = subprocess.run(["make", "website", env_python], cwd=plan, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (plan / "_build" / "website" / "index.html").exists()
    missing = subprocess.run(
        ["make", "website", "PYTHON=python-zonder-kernbeleid"],
        cwd=plan,
        capture_output=True,
        text=True,
    )
    assert missing.returncode != 0
    assert "sphinxext-kernbeleid is niet te vinden" in missing.stdout
    assert "Activeer eerst de virtuele omgeving" in missing.stdout
    (plan / "_build" / "word").write_text("geen map", "utf-8")  # the output folder is a file
    done = subprocess.run(["make", "word", env_python], cwd=plan, capture_output=True, text=True)
    assert done.returncode != 0
    assert "_build/word is een bestand, geen map" in done.stdout
    assert "Application error" not in done.stdout + done.stderr
    done = subprocess.run(["make", "schoon"], cwd=plan, capture_output=True, text=True)
    assert done.returncode == 0 and "Verwijdert _build/" in done.stdout
    assert not (plan / "_build").exists()


def test_placeholder_rule_can_be_downgraded_like_any_rule(tmp_path):
    plan = make_plan(tmp_path)
    with (plan / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nkernbeleid_regels = {"KB-R0-invullen": "waarschuwing"}\n')
    status, warnings, out = sphinx(plan, "kernbeleid-check")
    report = json.loads((out / "kernbeleid-rapport.json").read_text("utf-8"))
    assert status == 0, warnings
    assert report["summary"]["fouten"] == 0 and report["summary"]["waarschuwingen"] > 100
