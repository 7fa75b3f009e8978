"""`buergerassistent corpus import FILE_OR_DIR --format xzufi|pvog|zufi-nrw|dldb --out DIR` through the real CLI."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from corpus.loader import load_corpus

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"
runner = CliRunner()


def cli(*args):
    return runner.invoke(app, ["corpus", "import", *map(str, args)])


@pytest.mark.parametrize("fmt, folder, ids", [
    ("dldb", "dldb", ["dldb-100001", "dldb-100002", "dldb-100003"]),
    ("xzufi", "xzufi", ["xzufi-m1000-lb-5001", "xzufi-m1000-lb-5002"]),
    ("pvog", "pvog", ["pvog-m1000-lb-7001", "pvog-m1000-lb-7003"]),
    ("zufi-nrw", "zufi_nrw", ["zufi-nrw-99102012017000"]),
])
def test_each_format_imports_into_a_loadable_corpus(tmp_path, fmt, folder, ids):
    out = tmp_path / "out"
    result = cli(DATA / folder, "--format", fmt, "--out", out)
    assert result.exit_code == 0, result.output
    assert f"{fmt} -> {out}: {len(ids)} new, 0 changed, 0 withdrawn, 0 unchanged" in result.stdout
    assert f"new: {', '.join(sorted(ids))}" in result.stdout
    loaded = load_corpus(out)
    assert loaded.problems == [] and sorted(d.id for d in loaded.documents) == sorted(ids)


def test_second_run_reports_unchanged_and_json(tmp_path):
    out = tmp_path / "out"
    cli(DATA / "dldb", "--format", "dldb", "--out", out)
    result = cli(DATA / "dldb" / "services.json", DATA / "dldb" / "locations.json", "--format", "dldb",
                 "--out", out, "--json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0
    assert (report["new"], report["changed"], report["withdrawn"], report["unchanged"]) == ([], [], [], 3)
    assert report["imported"] == 3 and report["problems"] == [] and report["dry_run"] is False


def test_problems_go_to_stderr_one_line_per_bad_record(tmp_path):
    result = cli(DATA / "broken" / "dldb_records.json", "--format", "dldb", "--out", tmp_path / "out")
    assert result.exit_code == 0  # three records imported
    problems = [ln for ln in result.stderr.splitlines() if ln.startswith("problem: ")]
    assert len(problems) == 5 and all("dldb_records.json [" in p for p in problems)
    assert "note: " in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("args", [
    [DATA / "broken" / "invalid.json", "--format", "dldb"],
    [DATA / "broken" / "entities.xml", "--format", "xzufi"],
    [DATA / "broken" / "not_a_list.json", "--format", "pvog"],
])
def test_exit_code_1_only_when_nothing_could_be_imported(tmp_path, args):
    result = cli(*args, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.startswith("problem: ") and "Traceback" not in result.output


def test_dry_run_shows_changes_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = cli(DATA / "xzufi", "--format", "xzufi", "--out", out, "--dry-run")
    assert result.exit_code == 0 and result.stdout.startswith("dry run, nothing written.")
    assert "new: xzufi-m1000-lb-5001, xzufi-m1000-lb-5002" in result.stdout
    assert not out.exists() or not any(out.iterdir())


def test_loesche_only_message_exits_0(tmp_path):
    out = tmp_path / "out"
    cli(DATA / "xzufi", "--format", "xzufi", "--out", out)
    result = cli(DATA / "xzufi_delta", "--format", "xzufi", "--out", out, "--partial")
    assert result.exit_code == 0 and "withdrawn: xzufi-m1000-lb-5002" in result.stdout


def test_unknown_format_names_the_valid_ones(tmp_path):
    f = tmp_path / "a.xml"
    f.write_text("<x/>", encoding="utf-8")
    result = cli(f, "--format", "xoev", "--out", tmp_path / "out")
    assert result.exit_code == 1 and "xzufi, pvog, zufi-nrw, dldb" in result.stderr


def test_json_without_mapping_or_format_says_how(tmp_path):
    result = cli(DATA / "dldb" / "services.json", "--out", tmp_path / "out")
    assert result.exit_code == 1 and "--format xzufi|pvog|zufi-nrw|dldb" in result.stderr
