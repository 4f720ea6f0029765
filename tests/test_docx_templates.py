"""The default Word templates: built reproducibly, and the two committed copies are that build.

``docx_templates/`` is where a gemeente looks for a template to restyle; the package ships
``sphinxext_kernbeleid/docx_templates/``. Both come from ``docx_templates/make_templates.py``.
"""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT

SCRIPT = ROOT / "docx_templates" / "make_templates.py"


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    spec = importlib.util.spec_from_file_location("make_templates", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    first = module.templates()
    assert module.templates() == first  # the same bytes on every run
    return first


@pytest.mark.parametrize("folder", ["docx_templates", "sphinxext_kernbeleid/docx_templates"])
def test_committed_templates_are_the_build(built, folder):
    assert sorted(built) == ["kernbeleid-liggend.docx", "kernbeleid.docx"]
    for name, data in built.items():
        assert (ROOT / folder / name).read_bytes() == data, (
            f"{folder}/{name} wijkt af: draai python docx_templates/make_templates.py"
        )
