"""Reading the weight files of the fitted decisions (answer scorer, topic switch): JSON with the feature names the
weights were fitted for; a missing or stale file is a clear configuration error that names the refit command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from corpus.errors import ConfigurationError


def read_weights(path: Path, features: Sequence[str], what: str, refit: str) -> dict[str, Any]:
    """The weight file's content, checked to be fitted for exactly `features` (in order)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"{what} weights {path} cannot be read ({exc}); refit with `{refit}`") from exc
    if not isinstance(raw, dict) or raw.get("features") != list(features):
        fitted = raw.get("features") if isinstance(raw, dict) else None
        raise ConfigurationError(f"{what} weights {path} were fitted for features {fitted}, this code computes "
                                 f"{list(features)}; refit with `{refit}`")
    return raw
