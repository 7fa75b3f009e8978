"""`buergerassistent corpus check|import`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from cli.common import emit_json

corpus_app = typer.Typer(help="Inspect and import corpus documents.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(corpus_app, name="corpus")


@corpus_app.command("check")
def check(path: Optional[Path] = typer.Option(None, help="Corpus directory (default: settings)."),
          as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """Validate every document and print a summary; exits 1 on schema errors or missing catalogue ids."""
    from assistant.settings import get_settings
    from corpus.check import check_corpus

    settings = get_settings()
    report = check_corpus(path or settings.corpus.path, stale_after_months=settings.corpus.stale_after_months)
    if as_json:
        emit_json(report.as_dict())
    else:
        typer.echo("Documents per kind: " + ", ".join(f"{k}={v}" for k, v in sorted(report.per_kind.items())))
        typer.echo(f"Service documents with catalogue ids: {report.catalogue_services}")
        typer.echo(f"Schema errors: {len(report.problems)}")
        for p in report.problems:
            typer.echo(f"  - {p}")
        typer.echo(f"Ids not in the catalogue: {len(report.not_in_catalogue)} {report.not_in_catalogue or ''}")
        typer.echo(f"Catalogue ids missing: {len(report.catalogue_missing)} {report.catalogue_missing or ''}")
        typer.echo(f"Stale documents (stand older than {settings.corpus.stale_after_months} months): "
                   f"{len(report.stale)}")
        for i, s in report.stale:
            typer.echo(f"  - {i} (stand {s})")
        n_missing = sum(len(v) for v in report.missing_fields.values())
        typer.echo(f"Optional service fields missing: {n_missing} in {len(report.missing_fields)} documents")
        for i, fields in sorted(report.missing_fields.items()):
            typer.echo(f"  - {i}: {', '.join(fields)}")
    raise typer.Exit(code=0 if report.ok else 1)


CATALOGUE_HELP = "xzufi|pvog|zufi-nrw|dldb: a federal catalogue export, synchronised into --out"


@corpus_app.command("import")
def import_(files: list[Path] = typer.Argument(..., help="Files or directories to import."),
            out: Path = typer.Option(..., "--out", help="Directory to write the Markdown documents to."),
            fmt: Optional[str] = typer.Option(None, "--format", help=f"text|html|pdf (default: by suffix); "
                                                                     f"{CATALOGUE_HELP}."),
            mapping: Optional[Path] = typer.Option(None, help="JSON/YAML field mapping for .json/.csv exports."),
            kind: str = typer.Option("info", help="Document kind for the imported files."),
            source_url: Optional[str] = typer.Option(None, help="Source URL when the file names none."),
            dry_run: bool = typer.Option(False, "--dry-run", help="Catalogue formats: show the changes, write "
                                                                   "nothing."),
            partial: bool = typer.Option(False, "--partial", help="Catalogue formats: the export holds only some "
                                                                  "services; do not withdraw the others."),
            as_json: bool = typer.Option(False, "--json", help="Catalogue formats: print the changes as JSON.")
            ) -> None:
    """Import a city's own material or its service catalogue into the native corpus format.

    Bad records are reported one line each (file, record, field, reason) and the rest is written. A catalogue
    import updates --out in place and exits 1 only when nothing could be imported.
    """
    from corpus.importers import CATALOGUE_FORMATS

    if fmt in CATALOGUE_FORMATS:
        raise typer.Exit(code=_import_catalogue(files, fmt, out, dry_run=dry_run, partial=partial,
                                                as_json=as_json))
    import yaml

    from corpus.importers import import_file, import_records, to_markdown

    out.mkdir(parents=True, exist_ok=True)
    written, failed = 0, 0
    for f in files:
        if f.suffix.lower() in (".json", ".csv"):
            if mapping is None:
                typer.echo(f"{f}: --mapping is required for JSON/CSV exports, or --format "
                           f"{'|'.join(CATALOGUE_FORMATS)} for a catalogue export", err=True)
                failed += 1
                continue
            result = import_records(f, yaml.safe_load(mapping.read_text(encoding="utf-8")), kind=kind)
        else:
            result = import_file(f, fmt, source_url=source_url, kind=kind)
        for p in result.problems:
            typer.echo(f"problem: {p}", err=True)
        failed += len(result.problems)
        for doc in result.documents:
            (out / f"{doc.id}.md").write_text(to_markdown(doc), encoding="utf-8")
            written += 1
    typer.echo(json.dumps({"written": written, "problems": failed}))
    raise typer.Exit(code=0 if written else 1)


def _import_catalogue(files: list[Path], fmt: str, out: Path, *, dry_run: bool, partial: bool,
                      as_json: bool) -> int:
    """Import, plan the sync, apply it unless --dry-run; problems and notes go to stderr, the changes to stdout."""
    from corpus.importers import import_catalogue
    from corpus.importers.sync import apply_sync, plan_sync

    result = import_catalogue(files, fmt)
    plan = plan_sync(out, result, partial=partial)
    if not dry_run:
        apply_sync(plan)
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    problems = result.problems + plan.problems
    for p in problems:
        typer.echo(f"problem: {p}", err=True)
    if as_json:
        emit_json({**plan.as_dict(), "imported": len(result.documents), "problems": [str(p) for p in problems],
                   "dry_run": dry_run})
    else:
        typer.echo(("dry run, nothing written. " if dry_run else "") +
                   f"{len(result.documents)} services imported, {len(problems)} problems")
        for line in plan.summary_lines():
            typer.echo(line)
    return 0 if result.documents or plan.withdrawn else 1
