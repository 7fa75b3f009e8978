"""Reading the JSONL datasets of the evals (formats in evals/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable


def read_jsonl(path: Path | str, required: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Rows of a JSONL file; a broken line or a row missing a required key is reported with file and line."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"dataset {path} does not exist; pass another with --data <suite>=<path>")
    required = tuple(required)
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: invalid JSON ({exc.msg})") from exc
        missing = [k for k in required if k not in row]
        if missing:
            raise ValueError(f"{path}:{n}: each line needs {list(required)}, missing {missing}")
        rows.append(row)
    return rows
