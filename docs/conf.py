# The user guide of sphinxext-kernbeleid (Dutch), built with Sphinx like a plan is.
# Built with -W by tests/test_docs.py, which also runs every command in it.
#
# Theme: the extension's own "kernbeleid" theme (a plain Dutch government publication,
# WCAG 2.1 AA), so the guide looks like the plans it describes. It is used on its own here,
# without the extension: the guide is no plan, and the check would find it empty.

import sys
from pathlib import Path

import sphinxext_kernbeleid
from sphinxext_kernbeleid.build import website

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Handleiding sphinxext-kernbeleid"
language = "nl"
release = version = sphinxext_kernbeleid.__version__
extensions = ["myst_parser", "catalogus_tabellen"]
exclude_patterns = ["_build"]
# Links to sections: [tekst](pagina.md#kop-in-kleine-letters).
myst_heading_anchors = 2
html_theme = website.THEME
html_theme_path = [str(website.THEME_DIR.parent)]
html_title = "Handleiding sphinxext-kernbeleid"
html_short_title = "Handleiding"
html_show_sphinx = False
html_show_sourcelink = False
html_copy_source = False
copyright = "de makers van sphinxext-kernbeleid (EUPL-1.2)"
html_context = {
    "kernbeleid": {
        "afzender": "sphinxext-kernbeleid",
        "status": "Handleiding",
        "versie": version,
        "regels": [
            f"Handleiding bij sphinxext-kernbeleid {version}",
            "VNG-methode Kernbeleid Veiligheid",
        ],
    }
}
