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
