"""Import Presidio without torch and transformers, which it imports for NLP engines this project never uses.

`presidio_analyzer` imports its `TransformersNlpEngine` (and with it `transformers` and `torch`) on every import, and
spaCy's `thinc` imports torch if it can: 5-9 s of CPU and ~400 MB in every process that redacts, although our
engine is the tokenizer of `spacy.blank("de")` (guardrails/pii/analyzer.py). While Presidio is imported, both are
hidden (a `None` entry in sys.modules makes their import raise ImportError, which Presidio and thinc handle as "not
installed"); afterwards they import as usual, e.g. for the MiniLM embedder or the transformers answer backend. A
library that is already imported is left alone.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

UNUSED_BY_PRESIDIO_HERE = ("torch", "transformers")


@contextmanager
def hidden(names: tuple[str, ...] = UNUSED_BY_PRESIDIO_HERE) -> Iterator[None]:
    hide = [name for name in names if name not in sys.modules]
    for name in hide:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in hide:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


def import_presidio() -> None:
    """Import presidio_analyzer (and spaCy) the light way; a no-op once it is imported."""
    if "presidio_analyzer" in sys.modules:
        return
    with hidden():
        import presidio_analyzer  # noqa: F401
        import presidio_analyzer.context_aware_enhancers  # noqa: F401
        import presidio_analyzer.nlp_engine  # noqa: F401
