# Two commands for a fresh machine: `make example` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
EXAMPLE_OUT := example_project/_build
# The oldest Python the package supports (pyproject.toml: requires-python).
MIN_PY := 3.11
PY_OK  := import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)

.PHONY: example test lint venv clean distclean python-check

# A Python that is too old is told in Dutch before anything is created.
python-check:
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	  echo "Python niet gevonden ('$(PYTHON)'). Installeer Python $(MIN_PY) of nieuwer, of geef"; \
	  echo "een andere op, bijvoorbeeld: make example PYTHON=python3.12"; exit 1; }
	@$(PYTHON) -c '$(PY_OK)' 2>/dev/null || { \
	  echo "Deze extensie vraagt Python $(MIN_PY) of nieuwer; '$(PYTHON)' is versie $$($(PYTHON) -c 'import platform; print(platform.python_version())' 2>/dev/null || echo onbekend)."; \
	  echo "Installeer een nieuwere Python en geef die op, bijvoorbeeld: make example PYTHON=python3.12"; \
	  exit 1; }

# The virtual environment: made again when it is broken (no working python or pip, or a
# Python older than $(MIN_PY), e.g. left behind by an earlier failed attempt).
$(VENV)/.gemaakt:
	@$(MAKE) --no-print-directory python-check
	@if [ -d $(VENV) ] && ! { $(PY) -c '$(PY_OK)' && $(PY) -m pip --version; } >/dev/null 2>&1; then \
	  echo "De bestaande $(VENV) werkt niet (of is van een te oude Python); ik maak hem opnieuw."; \
	  rm -rf $(VENV); fi
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	touch $@

# What a plan needs (make example); the test tools on top (make test, make venv).
$(VENV)/.installed: pyproject.toml $(VENV)/.gemaakt
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

venv: $(VENV)/.installed-test

example: $(VENV)/.installed
	$(PY) -m sphinx -W --keep-going -b html example_project $(EXAMPLE_OUT)/html
	$(PY) -m sphinx -W --keep-going -b kernbeleid-check example_project $(EXAMPLE_OUT)/check \
	  || { echo "Het toetsrapport staat in $(EXAMPLE_OUT)/check/kernbeleid-rapport.html"; exit 1; }
	$(PY) -m sphinx -W --keep-going -b kernbeleid-docx example_project $(EXAMPLE_OUT)/docx
	$(PY) -m sphinx -W --keep-going -b kernbeleid-xlsx example_project $(EXAMPLE_OUT)/xlsx
	$(PY) -m sphinx -W --keep-going -b kernbeleid-pptx example_project $(EXAMPLE_OUT)/pptx
	@echo
	@echo "Klaar. Uitvoer van het voorbeeldplan:"
	@echo "  website:        $(EXAMPLE_OUT)/html/index.html"
	@echo "  toetsrapport:   $(EXAMPLE_OUT)/check/kernbeleid-rapport.html (ook .json en .xlsx)"
	@echo "  Word:           $(EXAMPLE_OUT)/docx/"
	@echo "  Excel:          $(EXAMPLE_OUT)/xlsx/"
	@echo "  PowerPoint:     $(EXAMPLE_OUT)/pptx/ (prioriteringssessie)"

test: venv
	@# pytest exits 5 when it collects no tests: that is a failure too, said plainly.
	$(PY) -m pytest -q || { status=$$?; [ $$status -ne 5 ] || echo "FOUT: pytest vond geen tests" >&2; exit $$status; }

# The guard rails before every change: lint, formatting and types of the package.
lint: venv
	$(VENV)/bin/ruff check sphinxext_kernbeleid tests bench docx_templates
	$(VENV)/bin/ruff format --check sphinxext_kernbeleid tests bench docx_templates
	$(VENV)/bin/mypy

# clean: what builds made; distclean: also the virtual environment (make example makes it again).
clean:
	@echo "Verwijdert de uitvoer van het voorbeeldplan ($(EXAMPLE_OUT)/) en caches van Python en pytest."
	rm -rf $(EXAMPLE_OUT) .pytest_cache .ruff_cache
	find sphinxext_kernbeleid tests -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	@echo "Verwijdert ook de virtuele omgeving $(VENV)/ en de bouwgegevens van het pakket."
	rm -rf $(VENV) build *.egg-info
