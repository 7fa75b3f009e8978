"""A newer export updates the directory in place: new, changed, withdrawn, unchanged; nothing else is touched."""

import json
import os
from datetime import date
from pathlib import Path

import pytest

from corpus.importers import import_catalogue
from corpus.importers.sync import apply_sync, plan_sync

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"
OLD = 1_000_000_000  # an mtime far in the past, to see whether a file was rewritten


def service(ident, name, text="Ein Text für Bürgerinnen und Bürger.", **extra):
    return {"id": ident, "name": name, "description": f"<p>{text}</p>", **extra}


def export(tmp_path, records, name="services.json"):
    folder = tmp_path / "export"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(json.dumps({"data": records}, ensure_ascii=False), encoding="utf-8")
    return folder


def sync(paths, out, fmt="dldb", today=date(2025, 6, 1), **kw):
    result = import_catalogue(list(paths), fmt, today=today)
    plan = plan_sync(out, result, **kw)
    apply_sync(plan)
    return plan


def age(out):
    for f in out.glob("*.md"):
        os.utime(f, (OLD, OLD))


V1 = [service("1", "Wohnsitz anmelden"), service("2", "Hund anmelden"), service("3", "Sperrmüll")]
V2 = [service("1", "Wohnsitz anmelden", "Ein neuer Text."), service("3", "Sperrmüll"),
      service("4", "Baumfällung")]


def test_newer_export_reports_and_applies_new_changed_withdrawn(tmp_path):
    out = tmp_path / "out"
    first = sync([export(tmp_path, V1)], out)
    assert (first.new, first.changed, first.withdrawn) == (["dldb-1", "dldb-2", "dldb-3"], [], [])
    age(out)
    plan = sync([export(tmp_path, V2)], out)
    assert (plan.new, plan.changed, plan.withdrawn, plan.unchanged) == (["dldb-4"], ["dldb-1"], ["dldb-2"],
                                                                        ["dldb-3"])
    assert sorted(f.stem for f in out.glob("*.md")) == ["dldb-1", "dldb-3", "dldb-4"]
    assert "Ein neuer Text." in (out / "dldb-1.md").read_text(encoding="utf-8")
    assert (out / "dldb-3.md").stat().st_mtime == OLD  # unchanged: not rewritten
    assert "1 new, 1 changed, 1 withdrawn, 1 unchanged" in plan.summary_lines()[0]


def test_second_identical_import_touches_nothing_and_ids_are_stable(tmp_path):
    out = tmp_path / "out"
    sync([export(tmp_path, V1)], out)
    before = {f.name: f.read_bytes() for f in out.glob("*.md")}
    age(out)
    plan = sync([export(tmp_path, V1)], out, today=date(2025, 9, 1))  # undated: a new import date is no change
    assert plan.unchanged == ["dldb-1", "dldb-2", "dldb-3"] and not (plan.new or plan.changed or plan.withdrawn)
    assert {f.name: f.read_bytes() for f in out.glob("*.md")} == before
    assert all(f.stat().st_mtime == OLD for f in out.glob("*.md"))


def test_renamed_service_keeps_its_id(tmp_path):
    out = tmp_path / "out"
    sync([export(tmp_path, V1)], out)
    plan = sync([export(tmp_path, [service("1", "Anmeldung der Wohnung"), *V1[1:]])], out)
    assert plan.changed == ["dldb-1"] and plan.new == [] and plan.withdrawn == []
    assert "title: Anmeldung der Wohnung" in (out / "dldb-1.md").read_text(encoding="utf-8")


def test_only_files_of_this_importer_are_touched(tmp_path):
    out = tmp_path / "out"
    sync([export(tmp_path, V1)], out)
    (out / "hundesteuer.md").write_text("---\nid: hundesteuer\n---\nhand-written\n", encoding="utf-8")
    (out / "dldb-9.md").write_text("---\nid: dldb-9\nsource_format: handmade\n---\nx\n", encoding="utf-8")
    sync([DATA / "xzufi"], out, fmt="xzufi")
    plan = sync([export(tmp_path, [service("9", "Kollision"), V1[0]])], out)
    assert plan.withdrawn == ["dldb-2", "dldb-3"] and plan.new == []
    assert "exists but was not written by the dldb importer" in plan.problems[0].reason
    names = {f.name for f in out.glob("*.md")}
    assert {"hundesteuer.md", "dldb-9.md", "dldb-1.md", "xzufi-m1000-lb-5001.md"} <= names
    assert (out / "dldb-9.md").read_text(encoding="utf-8").endswith("x\n")


def test_record_broken_in_the_new_export_keeps_its_previous_file(tmp_path):
    out = tmp_path / "out"
    sync([export(tmp_path, V1)], out)
    plan = sync([export(tmp_path, [V1[0], {"id": "2", "name": ""}, V1[2]])], out)
    assert plan.withdrawn == [] and plan.kept == ["dldb-2"] and (out / "dldb-2.md").exists()


@pytest.mark.parametrize("extra, partial, reason", [
    ("invalid.json", False, "an input file could not be read"),
    (None, True, "--partial"),
])
def test_absence_is_no_withdrawal_when_the_export_may_be_incomplete(tmp_path, extra, partial, reason):
    out = tmp_path / "out"
    sync([export(tmp_path, V1)], out)
    folder = export(tmp_path, V1[:1])
    paths = [folder] + ([DATA / "broken" / extra] if extra else [])
    plan = sync(paths, out, partial=partial)
    assert plan.withdrawn == [] and reason in plan.absence_ignored
    assert sorted(f.stem for f in out.glob("*.md")) == ["dldb-1", "dldb-2", "dldb-3"]


def test_xzufi_loesche_withdraws_even_from_a_delta(tmp_path):
    out = tmp_path / "out"
    sync([DATA / "xzufi"], out, fmt="xzufi")
    plan = sync([DATA / "xzufi_delta"], out, fmt="xzufi", partial=True)
    assert plan.withdrawn == ["xzufi-m1000-lb-5002"] and "--partial" in plan.absence_ignored
    assert sorted(f.stem for f in out.glob("*.md")) == ["xzufi-m1000-lb-5001"]


def test_dry_run_plan_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = import_catalogue([export(tmp_path, V1)], "dldb")
    plan = plan_sync(out, result)
    assert plan.new == ["dldb-1", "dldb-2", "dldb-3"] and not out.exists()
