# The user guide of sphinxext-kernbeleid (Dutch), built with Sphinx like a plan is.
# Skeleton: the chapters move here from README.md once all features have merged (issue 15,
# point 4); tests/test_docs.py builds it with -W.

import sphinxext_kernbeleid

project = "sphinxext-kernbeleid: handleiding"
language = "nl"
release = version = sphinxext_kernbeleid.__version__
extensions = ["myst_parser"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_title = f"Handleiding sphinxext-kernbeleid {version}"
html_show_sphinx = False
html_show_sourcelink = False
copyright = "de makers van sphinxext-kernbeleid (EUPL-1.2)"
