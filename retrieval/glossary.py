"""The English-German glossary of the query side, read from `retrieval/data/english_de.yaml` (data, not code).

Non-native citizens mix English into their questions ("I need to register my flat"); BM25 over German texts knows
none of those words, so each is searched as the German words the service texts use. The file says why it stays:
it earns its place on the held-out questions (see its header).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from corpus.errors import ConfigurationError

PATH = Path(__file__).resolve().parent / "data" / "english_de.yaml"


@lru_cache(maxsize=4)
def english_glossary(path: Path = PATH) -> dict[str, tuple[str, ...]]:
    """{english word: German words}; keys and values lower case, validated."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"glossary {path} cannot be read: {exc}") from exc
    out: dict[str, tuple[str, ...]] = {}
    for key, values in raw.items():
        if not isinstance(key, str) or key != key.lower() or not isinstance(values, list) or not values \
                or not all(isinstance(v, str) and v == v.lower() for v in values):
            raise ConfigurationError(f"glossary {path}: {key!r} must be a lower-case word mapped to a list of "
                                     f"lower-case German words, got {values!r}")
        out[key] = tuple(values)
    return out
