"""Bring a directory up to date with a newer export: new files written, changed ones rewritten, withdrawn ones removed.

Only files this importer wrote for the same source format are ever touched: `<prefix>-<id>.md` whose front matter
says `source_format: <format>` and whose id is the file name. A file that is not rewritten keeps its bytes and
mtime, so an index built from the directory sees no change. A service is withdrawn when the export deletes it
(XZuFi `loesche`) or, for a full export, when it is no longer in it; absence counts only when every input file
could be read, at least one service was imported, and the entry's own record was not broken this time (then its
previous file stays, "kept"). A new date alone is no change: some exports stamp every record with the export
time (Munich's DLDB does), and one without dates is dated by the import, so rewriting on the date would rewrite
every file on every import; the date is brought up to date with the next change of content.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from corpus.importers.catalogue import CatalogueImport
from corpus.importers.markdown import to_markdown
from corpus.importers.service import ID_PREFIX
from corpus.loader import Problem

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_STAND = re.compile(r"^stand: '?([0-9-]+)'?$", re.M)


@dataclass
class SyncPlan:
    fmt: str
    out: Path
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict, repr=False)
    problems: list[Problem] = field(default_factory=list)
    absence_ignored: str | None = None  # why services missing from the export were not withdrawn

    def as_dict(self) -> dict:
        return {"format": self.fmt, "out": str(self.out), "new": self.new, "changed": self.changed,
                "withdrawn": self.withdrawn, "unchanged": len(self.unchanged), "kept": self.kept,
                "absence_ignored": self.absence_ignored}

    def summary_lines(self) -> list[str]:
        lines = [f"{self.fmt} -> {self.out}: {len(self.new)} new, {len(self.changed)} changed, "
                 f"{len(self.withdrawn)} withdrawn, {len(self.unchanged)} unchanged"]
        for label, ids in (("new", self.new), ("changed", self.changed), ("withdrawn", self.withdrawn),
                           ("kept (record broken in this export; previous version stays)", self.kept)):
            if ids:
                lines.append(f"  {label}: {', '.join(ids)}")
        if self.absence_ignored:
            lines.append(f"  services missing from this export were not withdrawn: {self.absence_ignored}")
        return lines


def owned_files(out: Path, fmt: str) -> dict[str, tuple[Path, str, str | None]]:
    """{id: (path, text, stand)} of the files the importer of `fmt` wrote into `out`."""
    owned = {}
    for path in sorted(out.glob(f"{ID_PREFIX[fmt]}-*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        m = _FRONT.match(text)
        if m and re.search(rf"^source_format: {re.escape(fmt)}$", m.group(1), re.M) and \
                re.search(rf"^id: {re.escape(path.stem)}$", m.group(1), re.M):
            stand = _STAND.search(m.group(1))
            owned[path.stem] = (path, text, stand.group(1) if stand else None)
    return owned


def plan_sync(out: Path, result: CatalogueImport, *, partial: bool = False) -> SyncPlan:
    """What applying `result` to `out` would change; nothing is written."""
    plan = SyncPlan(result.fmt, out)
    owned = owned_files(out, result.fmt) if out.is_dir() else {}
    for doc in result.documents:
        text = to_markdown(doc)
        if doc.id in owned:
            _, old, old_stand = owned[doc.id]
            same_but_date = old_stand and old_stand != doc.stand and \
                to_markdown(doc.model_copy(update={"stand": old_stand})) == old
            if same_but_date:
                text = old  # only the date moved (an export date, or none and the import's): no rewrite
            (plan.unchanged if text == old else plan.changed).append(doc.id)
            if text != old:
                plan.texts[doc.id] = text
        elif (out / f"{doc.id}.md").exists():
            plan.problems.append(Problem(str(out / f"{doc.id}.md"), "file", f"exists but was not written by the "
                                         f"{result.fmt} importer; left alone, {doc.id} not imported"))
        else:
            plan.new.append(doc.id)
            plan.texts[doc.id] = text
    imported = {d.id for d in result.documents}
    plan.withdrawn = sorted(i for i in result.withdrawn if i in owned and i not in imported)
    absent = sorted(set(owned) - imported - set(plan.withdrawn))
    plan.kept = [i for i in absent if i in result.kept]
    absent = [i for i in absent if i not in result.kept]
    if absent:
        reason = ("--partial: the export holds only some services" if partial else
                  "an input file could not be read" if not result.complete else
                  "no service could be imported" if not result.documents else None)
        if reason:
            plan.absence_ignored = reason
        else:
            plan.withdrawn = sorted(set(plan.withdrawn) | set(absent))
    plan.new.sort()
    plan.changed.sort()
    plan.unchanged.sort()
    return plan


def apply_sync(plan: SyncPlan) -> None:
    """Write and remove what the plan says; each file is replaced atomically."""
    plan.out.mkdir(parents=True, exist_ok=True)
    for ident, text in plan.texts.items():
        target = plan.out / f"{ident}.md"
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    for ident in plan.withdrawn:
        (plan.out / f"{ident}.md").unlink(missing_ok=True)
