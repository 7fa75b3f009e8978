"""DLDB export directories as they are delivered: services, locations, and files that are neither."""

import json
import shutil
from datetime import date
from pathlib import Path

from corpus.importers import import_catalogue
from corpus.importers.sync import apply_sync, plan_sync

EXPORT = Path(__file__).resolve().parent.parent / "data" / "importers" / "dldb_export"


def test_export_directory_with_nested_locations_and_other_files():
    result = import_catalogue([EXPORT], "dldb", today=date(2025, 6, 1))
    assert result.problems == [] and result.complete
    docs = {d.id: d for d in result.documents}
    assert sorted(docs) == ["dldb-4001", "dldb-4002"]  # each once, although locations_de.json repeats 4001
    passport = docs["dldb-4001"]
    assert passport.sources == ["https://termine.musterstadt.example/#/services/4001"]  # {serviceId} filled in
    assert passport.contact.office == "Bürgerbüro Altstadt (Rathaus)" and passport.contact.phone == "01234 56-444"
    assert "Termin vereinbaren: https://termine.musterstadt.example/#/services/4001" in passport.body
    assert "False" not in passport.body  # `"hint": false` is no text
    skipped = [n for n in result.notes if "not services; skipped" in n]
    assert len(skipped) == 3  # authority_de.json, settings.json, topic_de.json


def test_export_time_stamped_on_every_record_does_not_rewrite_files(tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(EXPORT, folder)
    out = tmp_path / "out"
    apply_sync(plan_sync(out, import_catalogue([folder], "dldb")))
    for name in ("services_de.json", "locations_de.json"):
        f = folder / name
        f.write_text(f.read_text(encoding="utf-8").replace("2025-05-30T03:00:00", "2025-06-02T03:00:00"),
                     encoding="utf-8")
    plan = plan_sync(out, import_catalogue([folder], "dldb"))
    assert plan.unchanged == ["dldb-4001", "dldb-4002"] and plan.changed == []
    data = json.loads((folder / "services_de.json").read_text(encoding="utf-8"))
    data["data"][1]["description"] = "Wer ins Ausland zieht, meldet sich beim Bürgerbüro ab."
    (folder / "services_de.json").write_text(json.dumps(data), encoding="utf-8")
    plan = plan_sync(out, import_catalogue([folder], "dldb"))
    assert plan.changed == ["dldb-4002"]  # a content change brings the new date along
    assert "stand: '2025-06-02'" in plan.texts["dldb-4002"]
