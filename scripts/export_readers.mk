# The programs researchers open dipgraph's exports with, for the tests:
# networkx (GraphML) and openpyxl (the .xlsx workbook), from PyPI, in a
# venv beside the build as scripts/remote.mk does for the Oxigraph server
# (the system Python is left alone). tests/export_readers.rs runs
# scripts/check_exports.py with this venv's python (or $EXPORT_READERS_PYTHON).
# Included by the Makefile; `make test` depends on `export-readers`.

NETWORKX_VERSION := 3.6
OPENPYXL_VERSION := 3.1.5
READERS_VENV := $(or $(CARGO_TARGET_DIR),target)/export-readers-venv
READERS_PYTHON := $(READERS_VENV)/bin/python

.PHONY: export-readers

## export-readers: install networkx and openpyxl (PyPI) for tests/export_readers.rs
export-readers:
	@if [ -x "$(READERS_PYTHON)" ] && "$(READERS_PYTHON)" -c 'import networkx, openpyxl, sys; sys.exit(not (networkx.__version__ == "$(NETWORKX_VERSION)" and openpyxl.__version__ == "$(OPENPYXL_VERSION)"))'; then \
	  echo "networkx $(NETWORKX_VERSION), openpyxl $(OPENPYXL_VERSION): $(READERS_PYTHON)"; \
	else \
	  python3 -m venv "$(READERS_VENV)" || { echo "python3 -m venv failed: install python3-venv"; exit 1; }; \
	  "$(READERS_VENV)/bin/pip" install --quiet --disable-pip-version-check "networkx==$(NETWORKX_VERSION)" "openpyxl==$(OPENPYXL_VERSION)" < /dev/null; \
	  "$(READERS_PYTHON)" -c 'import networkx, openpyxl; print("networkx", networkx.__version__, "openpyxl", openpyxl.__version__)'; \
	fi
