# Two commands do everything on a fresh Debian 12 / Ubuntu machine:
#   make run    set up, then run the app
#   make test   set up, then lint, type-check, check the layers and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: all setup system test lint typecheck layers pytest run install-desktop schema bench screenshots clean

all: test

system:
ifndef SKIP_SYSTEM
	@bash scripts/setup-system.sh
endif

# The venv is rebuilt when the project's dependencies change.
$(STAMP): pyproject.toml | system
	@bash scripts/check-python.sh $(PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: system $(STAMP)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

# core must stay free of Qt, SQLite and audio (contracts in pyproject.toml).
layers: setup
	$(BIN)/lint-imports

# Tests and benchmarks are headless: they choose Qt's offscreen platform themselves, and
# `run` leaves the platform to Qt (X11 or Wayland), so the window opens on a desktop.
pytest: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

test: lint typecheck layers pytest

# With no display at all the app says so in one line and exits 1, rather than Qt aborting.
run: setup
	@$(BIN)/circuit-timer

# circuit-timer installed for this user with pipx, outside this checkout (deleting the
# checkout leaves it working), then that command's install-desktop: the desktop entry,
# icon and AppStream metainfo in ~/.local/share, starting the installed circuit-timer.
install-desktop: system
	@command -v pipx >/dev/null 2>&1 || { \
		echo "install-desktop: pipx is missing: apt-get install pipx (or install circuit-timer" >&2; \
		echo "into any venv with pip and run its 'circuit-timer install-desktop')" >&2; \
		exit 1; }
	pipx install --force --python "$(PYTHON)" .
	@"$$(pipx environment --value PIPX_BIN_DIR)/circuit-timer" install-desktop

# Benchmarks, run by hand (about ten minutes, real time): each prints tables against the
# issue's targets and always exits 0. See bench/README.md.
bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/timing.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/startup.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/idle_cpu.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/library.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/history.py

# Screenshots of the real window on xcb under Xvfb (README shows them); never touches your data.
screenshots: setup
	for theme in system dark; do \
		QT_QPA_PLATFORM=xcb CIRCUIT_TIMER_HOME=$$(mktemp -d) xvfb-run -a -s "-screen 0 1280x800x24" \
			$(BIN)/python scripts/screenshots.py docs/screenshots --theme $$theme || exit 1; \
	done

# Rewrite the schema file that bundled circuits point editors at.
schema: setup
	$(BIN)/circuit-timer schema > schema/circuit-timer.schema.json

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
