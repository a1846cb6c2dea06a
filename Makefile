# Two commands on a fresh machine: `make run` and `make test`. Everything they need is set up here.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
PYTHON ?= python3

.PHONY: setup system run test lint bench eval screenshots clean fuzz

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps -e . --config-settings editable_mode=compat
	touch $(STAMP)

# Debian's Chromium drives the browser tests and renders charts to images (kaleido); never a downloaded browser.
system:
	@command -v chromium >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null; }

setup: $(STAMP) system

# The dashboard listens on this machine only; on a shared server: `make run HOST=0.0.0.0` behind an
# authenticating proxy (docs/dashboard.md). The launcher passes .streamlit/config.toml explicitly.
HOST ?= 127.0.0.1
PORT ?= 8501

run: setup
	$(PY) -m dashboard.launch --host $(HOST) --port $(PORT)

test: setup
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

# Long runs kept out of `make test`: >= 10,000 Hypothesis examples per parser and exporter, and the
# concurrency stress test at 20 rounds (docs/reliability.md).
fuzz: setup
	MH_FUZZ_EXAMPLES=10000 MH_STRESS_ROUNDS=20 $(PY) -m pytest -q \
	  tests/reliability/test_fuzz.py tests/reliability/test_concurrency.py

lint: setup
	$(VENV)/bin/ruff check .

# The browser tests, which save 1400 x 900 screenshots of every page to test-artifacts/screenshots/.
screenshots: setup
	$(PY) -m pytest -q -m browser tests/browser

# Accuracy on the hand-labelled corpus in eval/ (dev and test, default and fast mode): docs/evaluation.md.
eval: setup
	$(PY) -m audits.evaluate

bench: setup
	$(PY) bench/run.py --docs 200

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache
