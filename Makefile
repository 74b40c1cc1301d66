# The two commands the README names: `make demo` and `make test`.  Both work on a fresh Debian/Ubuntu machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck bench train evaluate clean dovecot

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/calmdraft demo

# Dovecot (Debian's dovecot-imapd) is what the integration tests run against, and neomutt the client one of
# them drives; install them where they are missing.
dovecot:
	@command -v dovecot >/dev/null 2>&1 || test -x /usr/sbin/dovecot || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq dovecot-imapd; }
	@command -v openssl >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq openssl; }
	@# A real mail client for tests/integration/test_real_client.py: neomutt, driven through tmux.
	@{ command -v neomutt >/dev/null 2>&1 && command -v tmux >/dev/null 2>&1; } || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq neomutt tmux; }

test: $(STAMP) dovecot
	PATH="$(CURDIR)/$(BIN):/usr/sbin:$$PATH" $(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(STAMP) dovecot
	PATH="$(CURDIR)/$(BIN):/usr/sbin:$$PATH" $(BIN)/python bench/classify_bench.py
	PATH="$(CURDIR)/$(BIN):/usr/sbin:$$PATH" $(BIN)/python bench/latency_bench.py
	$(BIN)/python bench/keyword_baseline.py
	$(BIN)/python bench/pipeline_bench.py

train: $(STAMP)
	$(BIN)/calmdraft train

evaluate: $(STAMP)
	$(BIN)/calmdraft evaluate

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
