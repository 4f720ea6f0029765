# Two commands for a fresh machine: `make example` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
EXAMPLE_OUT := example_project/_build

.PHONY: example test venv clean

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
	@# pytest exits 5 when it collects no tests: say so instead of failing the build.
	$(PY) -m pytest -q || { status=$$?; [ $$status -eq 5 ] && echo "pytest vond geen tests" || exit $$status; }

clean:
	rm -rf $(EXAMPLE_OUT)
