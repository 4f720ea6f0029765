# Two commands for a fresh machine: `make example` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
EXAMPLE_OUT := example_project/_build

.PHONY: example test lint venv clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

venv: $(VENV)/.installed

example: venv
	$(PY) -m sphinx -W --keep-going -b html example_project $(EXAMPLE_OUT)/html
	$(PY) -m sphinx -W --keep-going -b kernbeleid-check example_project $(EXAMPLE_OUT)/check
	$(PY) -m sphinx -W --keep-going -b kernbeleid-docx example_project $(EXAMPLE_OUT)/docx
	$(PY) -m sphinx -W --keep-going -b kernbeleid-xlsx example_project $(EXAMPLE_OUT)/xlsx
	@echo
	@echo "Klaar. Uitvoer van het voorbeeldplan:"
	@echo "  website:        $(EXAMPLE_OUT)/html/index.html"
	@echo "  toetsrapport:   $(EXAMPLE_OUT)/check/kernbeleid-rapport.html (ook .json en .xlsx)"
	@echo "  Word:           $(EXAMPLE_OUT)/docx/"
	@echo "  Excel:          $(EXAMPLE_OUT)/xlsx/"

test: venv
	@# pytest exits 5 when it collects no tests: that is a failure too, said plainly.
	$(PY) -m pytest -q || { status=$$?; [ $$status -ne 5 ] || echo "FOUT: pytest vond geen tests" >&2; exit $$status; }

# The guard rails before every change: lint, formatting and types of the package.
lint: venv
	$(VENV)/bin/ruff check sphinxext_kernbeleid tests bench docx_templates
	$(VENV)/bin/ruff format --check sphinxext_kernbeleid tests bench docx_templates
	$(VENV)/bin/mypy

clean:
	rm -rf $(EXAMPLE_OUT)
