# Two commands on a fresh machine (Python 3.11+, git, make): `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint format bench screens clean

# uv, where the machine has it (`uv` on the PATH, or `python3 -m uv`), makes the same venv
# (pip in it too) and installs the same packages in a few seconds, where venv and pip take
# twenty. Should uv fail (no network for it, say), venv and pip do it. pip is installed,
# not seeded, so that it is compiled to bytecode like the rest: test_install runs it four
# times, and from source it spent more than half its time compiling itself.
ifeq ($(origin UV),undefined)
UV := $(shell command -v uv 2>/dev/null || ($(PYTHON) -m uv --version >/dev/null 2>&1 && echo "$(PYTHON) -m uv"))
endif

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "supervisor-tui needs Python 3.11 or newer")'
	@if [ -n "$(strip $(UV))" ] && \
	    $(UV) venv --quiet --allow-existing --python "$$(command -v $(PYTHON))" $(VENV) && \
	    $(UV) pip install --quiet --compile-bytecode --python $(BIN)/python pip --editable '.[test]'; then \
	    echo "Installed into $(VENV) with uv."; \
	else \
	    echo "Installing into $(VENV) with venv and pip."; \
	    $(PYTHON) -m venv $(VENV) && \
	    $(BIN)/python -m pip install --quiet --disable-pip-version-check --editable '.[test]'; \
	fi
	$(BIN)/python -m compileall -q supervisor_tui
	@touch $(STAMP)

## Open the demo team in the TUI (a private copy, moved to today).
demo: $(STAMP)
	@db="$$($(BIN)/python -m supervisor_tui.dev.demo copy)" && \
	$(BIN)/sup --db "$$db"; status=$$?; \
	echo "The demo team's copy is $$db. Try the shell on it: $(BIN)/sup --db '$$db' today"; \
	exit $$status

## Run every test, and the linters. Seven workers on two cores: three run the real-terminal
## tests, which spend most of their time typing at a person's pace (tests/conftest.py),
## and four keep both cores busy with the rest (the three join them once done). While
## the linters run, one collection writes the tests' compiled modules (assertions
## rewritten by pytest), which each worker would otherwise compile for itself: half of
## what starting a worker costs.
test: $(STAMP)
	@PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest --collect-only -qq -p no:cacheprovider >/dev/null 2>&1 & \
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports; linted=$$?; \
	wait; exit $$linted
	$(BIN)/python -m pytest -n 7 --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Median time and peak memory of capture, `sup today`, export and the TUI at 1k/10k/100k records,
## side by side with taskwarrior (installed here when missing and run as root).
bench: $(STAMP)
	@command -v task >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq taskwarrior >/dev/null)
	$(BIN)/python -m supervisor_tui.dev.bench.run

## Regenerate the pictures in screens/ from the demo team.
screens: $(STAMP)
	$(BIN)/python -m supervisor_tui.dev.screenshots screens

clean:
	rm -rf $(VENV) .bench .pytest_cache .ruff_cache .hypothesis .import_linter_cache
	find supervisor_tui tests -name __pycache__ -prune -exec rm -rf {} +
