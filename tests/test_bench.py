"""The benchmark's generator writes plans that build: ours without a single warning."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import generate  # noqa: E402
import run  # noqa: E402


def _build(src: Path, out: Path) -> tuple[int, str]:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = build_main(["-b", "html", "-E", "-q", "-N", str(src), str(out)])
    return status, stderr.getvalue()


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, generate.Plan]:
    root = tmp_path_factory.mktemp("bench")
    plan = generate.generate(20, root, per_file=10)
    return root, plan


def test_kernbeleid_variant_builds_without_warnings(plans):
    root, _plan = plans
    status, warnings = _build(root / "kernbeleid", root / "_out" / "kernbeleid")
    assert status == 0
    assert warnings == ""
    page = (root / "_out" / "kernbeleid" / "uitvoering" / "deel_0001.html").read_text("utf-8")
    assert 'id="MR_00001"' in page
    assert "Prestatie-indicatoren" in page  # the details block, with links down


@pytest.mark.parametrize("variant", ["needs", "sphinx"])
def test_comparison_variants_build(plans, variant):
    root, _plan = plans
    status, warnings = _build(root / variant, root / "_out" / variant)
    assert status == 0, warnings
    assert "WARNING" not in warnings and "ERROR" not in warnings
    page = (root / "_out" / variant / "uitvoering" / "deel_0001.html").read_text("utf-8")
    assert "MR_00001" in page


def test_same_items_in_every_variant(plans):
    root, _plan = plans
    texts = {
        v: "".join(p.read_text("utf-8") for p in sorted((root / v).rglob("*.rst")))
        for v in generate.VARIANTS
    }
    ids = ("MR_00020", "PI_00020_2", "AP_0002_05", "EI_THEMA_06_2_1", "AN_5_5", "UP_4")
    for variant, text in texts.items():
        for need_id in ids:
            assert need_id in text, (variant, need_id)


def test_edit_changes_one_maatregel(plans, tmp_path):
    _root, plan = plans
    generate.write_variant(plan, "kernbeleid", tmp_path / "src")
    path = generate.edit_one_maatregel(plan, tmp_path / "src", "test")
    text = path.read_text("utf-8")
    assert text.count("Gewijzigd: test.") == 1
    assert text.index(f":id: {plan.edit_id}") < text.index("Gewijzigd: test.")


def test_phase_hook_marks_where_sphinx_needs_is_done(plans):
    root, _plan = plans
    conf = (root / "kernbeleid" / "conf.py").read_text("utf-8")
    for phase in ("read_done", "write_started", "needs_done", "build_finished"):
        assert f'mark("{phase}")' in conf


def _m(variant: str, step: str, seconds: float, **kw) -> run.Measurement:
    return run.Measurement(variant, step, seconds, peak_mb=100, cpu=seconds, **kw)


def test_table_compares_the_check_with_plain_sphinx_needs():
    """Made-up figures: the table's check row sets ours beside sphinx-needs' -b needs."""
    split = dict(saving_env=2.0, needs_post=6.0)
    results = [
        _m(v, s, 10.0) for v in generate.VARIANTS for s in ("html", "html_geen_wijziging")
    ] + [
        _m("kernbeleid", "check", 50.0, beyond_reading=9.5, reading=40.0, own=1.5, **split),
        _m("needs", "check", 48.0, beyond_reading=10.0, reading=38.0, own=2.0, **split),
    ]
    text = run.table(10_000, results)
    check = next(line for line in text.splitlines() if line.startswith("kernbeleid-check"))
    assert "50.00 s" in check and "48.00 s" in check and "1.04×" in check
    beyond = next(line for line in text.splitlines() if "waarvan na het lezen" in line)
    assert "9.50 s" in beyond and "10.00 s" in beyond and "0.95×" in beyond
    assert (
        "    kernbeleid: omgeving opslaan (Sphinx) 2.00 s, needs afmaken (sphinx-needs) 6.00 s, "
        "builder zelf 1.50 s"
    ) in text
    lines = run.targets({10_000: results})
    assert any(line.startswith("N=10000: check ≤ 2 s na het lezen: 9.50 s (NIET") for line in lines)
    assert any("sphinx-needs zonder ons (-b needs) na het lezen: 10.00 s" in line for line in lines)


def test_measure_splits_the_time_after_reading(plans, tmp_path):
    """A real check build of the small plan; the three parts add up to the whole."""
    root, _plan = plans
    m = run.measure(
        "kernbeleid",
        "check",
        "kernbeleid-check",
        root / "kernbeleid",
        tmp_path / "out",
        tmp_path / "doctrees",
        1,
    )
    assert m.exit_code == 0, m.note
    assert None not in (m.beyond_reading, m.saving_env, m.needs_post, m.own)
    assert m.saving_env + m.needs_post + m.own == pytest.approx(m.beyond_reading)
    assert m.beyond_reading_cpu is not None and 0 < m.beyond_reading_cpu
    assert (tmp_path / "out" / "kernbeleid-rapport.json").exists()


def test_targets_include_word_with_its_peak_memory_and_the_rebuild():
    """Made-up figures: Word at 10.000 against 20 s and 1 GB, the rebuild against needs."""
    results = [
        _m("kernbeleid", "html", 7.0),
        _m("needs", "html", 10.0),
        _m("sphinx", "html", 5.0),
        _m("kernbeleid", "html_geen_wijziging", 1.1),
        _m("needs", "html_geen_wijziging", 1.0),
        _m("kernbeleid", "docx", 90.0, beyond_reading=18.0, beyond_reading_cpu=17.0),
    ]
    results[-1].peak_mb = 1500
    lines = run.targets({10_000: results})
    assert "N=10000: HTML ≤ 0,75× sphinx-needs: 0.70×, cpu 0.70× (gehaald)" in lines
    assert "N=10000: opnieuw zonder wijziging ≤ 1,0× sphinx-needs: 1.10× (NIET gehaald)" in lines
    assert any(
        line.startswith("N=10000: DOCX ≤ 20 s na het lezen: 18.00 s, cpu 17.00 s (gehaald")
        for line in lines
    )
    assert "N=10000: DOCX piekgeheugen ≤ 1 GB: 1500 MB (NIET gehaald)" in lines
