"""Split points of German compounds from compound-split's character n-gram tables, loaded when first needed.

compound-split ships its tables as Python modules (German: 1.9 million n-grams, a 98 MB .pyc) and its `char_split`
imports the Dutch table as well: 3-4 s of CPU in every process that analysed one long word, the one-shot
`buergerassistent ask` included. So the German table is read from the package once, written as sorted numpy arrays
into a cache directory (`BA_RETRIEVAL__MODEL_CACHE`, var/models/; 60 MB, ~1 s once) and memory-mapped from there
(a few milliseconds). Without a cache directory the package's dictionaries are used as they are.

`split_points(word)` returns exactly what `compound_split.char_split.split_compound(word)` returns: the same scores
from the same numbers (tests/unit/test_compounds.py compares them on the corpus vocabulary).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

log = logging.getLogger(__name__)

TABLES = ("prefix", "infix", "suffix")
FORMAT = 1

_cache_dir: Path | None = None
_tables: "NgramTables | None" = None
_lock = threading.Lock()


class NgramTables(Protocol):
    def lookup(self, table: str, keys: Sequence[str], default: float) -> list[float]: ...


class DictTables:
    """The package's own dictionaries."""

    def __init__(self, tables: dict[str, dict[str, float]]) -> None:
        self.tables = tables

    def lookup(self, table: str, keys: Sequence[str], default: float) -> list[float]:
        get = self.tables[table].get
        return [get(k, default) for k in keys]


class ArrayTables:
    """Sorted UTF-8 keys and their values per table (memory-mapped); a batch of keys is one binary search."""

    def __init__(self, arrays: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
        self.arrays = arrays

    def lookup(self, table: str, keys: Sequence[str], default: float) -> list[float]:
        if not keys:
            return []
        sorted_keys, values = self.arrays[table]
        encoded = [k.encode("utf-8") for k in keys]
        width = sorted_keys.dtype.itemsize
        query = np.array(encoded, dtype=sorted_keys.dtype)  # longer keys are cut here, and never match below
        at = np.searchsorted(sorted_keys, query)
        at[at >= len(sorted_keys)] = 0
        found = sorted_keys[at] == query
        return [float(values[i]) if hit and len(e) <= width else default
                for i, hit, e in zip(at.tolist(), found.tolist(), encoded)]


def use_cache_dir(path: Path | None) -> None:
    """Where the memory-mappable tables are kept (the wiring passes the model cache of the settings)."""
    global _cache_dir
    _cache_dir = Path(path) if path is not None else None


def tables() -> NgramTables:
    """The German tables, loaded on the first call (from the cache when it is there)."""
    global _tables
    if _tables is None:
        with _lock:
            if _tables is None:
                _tables = _load(_cache_dir)
    return _tables


def _package_version() -> str:
    try:
        return version("compound-split")
    except PackageNotFoundError:
        return "unknown"


def _load(cache_dir: Path | None) -> NgramTables:
    if cache_dir is None:
        return DictTables(_package_tables())
    folder = cache_dir / f"compound-split-de-{_package_version()}"
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") == FORMAT:
            return ArrayTables({t: (np.load(folder / f"{t}-keys.npy", mmap_mode="r"),
                                    np.load(folder / f"{t}-values.npy", mmap_mode="r")) for t in TABLES})
    except (OSError, ValueError):
        pass
    package = _package_tables()
    try:
        _write(folder, package)
    except OSError as exc:  # a read-only cache only costs the faster start
        log.warning("could not write the compound tables to %s (%s); using the package's", folder, exc)
    return DictTables(package)


def _package_tables() -> dict[str, dict[str, float]]:
    from compound_split import de_ngram_probs  # the German table alone; char_split would load the Dutch one too

    return {t: getattr(de_ngram_probs, t) for t in TABLES}


def _write(folder: Path, package: dict[str, dict[str, float]]) -> None:
    """Write the arrays into a temporary folder and rename it, so a reader never sees half a cache."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.{os.getpid()}.tmp"
    tmp.mkdir(exist_ok=True)
    for t in TABLES:
        keys = np.array([k.encode("utf-8") for k in package[t]], dtype=np.bytes_)
        values = np.fromiter(package[t].values(), dtype=np.float64, count=len(package[t]))
        order = np.argsort(keys, kind="stable")
        np.save(tmp / f"{t}-keys.npy", keys[order])
        np.save(tmp / f"{t}-values.npy", values[order])
    (tmp / "meta.json").write_text(json.dumps({"format": FORMAT, "package": _package_version()}), encoding="utf-8")
    try:
        tmp.rename(folder)
    except OSError:  # another process was faster
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    log.info("compound tables written to %s", folder)


def _cut_off_fugen_s(word: str) -> str:
    """compound-split's `cut_off_fugen_s`: a linking 's' after t, g, k, hl or n goes."""
    if word.endswith(("ts", "gs", "ks", "hls", "ns")) and len(word[:-1]) > 2:
        return word[:-1]
    return word


def split_points(word: str) -> list[tuple[float, str, str]]:
    """compound-split's `split_compound(word)` for German: (score, left, right) for every split point, best first."""
    word = word.lower()
    if "-" in word:
        at = word.rfind("-")
        return [(1.0, word[:at].title(), word[at + 1:].title())]
    positions = range(3, len(word) - 2)
    if not positions:
        return [(0, word.title(), word.title())]
    t = tables()
    before = t.lookup("suffix", [_cut_off_fugen_s(word[:n]) for n in positions], -1)
    start = t.lookup("prefix", [_cut_off_fugen_s(word[n:]) for n in positions], -1)
    inner = [[word[n:k] for k in range(len(word), n + 2, -1)] for n in positions]
    probs = t.lookup("infix", [g for grams in inner for g in grams], 1)  # n-grams not seen inside words: 1
    scores, at = [], 0
    for i, (n, grams) in enumerate(zip(positions, inner)):
        lowest = min(probs[at:at + len(grams)])
        at += len(grams)
        scores.append((start[i] - lowest + before[i], word[:n].title(), word[n:].title()))
    scores.sort(reverse=True)
    return scores
