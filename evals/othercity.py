"""Another city's catalogue, imported as a city would import it, asked as its citizens would ask: the unseen tier.

    python -m evals.othercity                          # evals/data/othercity: import, index, retrieval and answers
    python -m evals.othercity --catalogue DIR --questions DIR --profile city.yaml --format dldb

The catalogue (a DLDB JSON export by default) is imported with `buergerassistent corpus import --format ...` into
`var/othercity/corpus` (the command-line contract, exactly as a city would run it), indexed into `var/othercity/index`
with the configured embedder, and served by the assistant the settings build, with the city's own profile
(`--profile`; default: the Lindburg profile beside the data). The questions (`questions_*.jsonl`: question,
expected_ids as the export's own ids, must_contain, kind fact|navigational) are asked in process. Prints:
retrieval R@1 / R@5 / MRR; answers: right first source, fact coverage on fact questions, valid citations, answers
showing markup (a tag or an HTML entity), answers naming another city's numbers or name (`--foreign`: the shipped
Krefeld profile by default).

The Lindburg catalogue and its questions were written apart from the code and the corpus and are frozen: run this to
report, never to choose.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from evals.answers_eval import citations_valid
from evals.datasets import read_jsonl
from evals.metrics import mean, recall_at_k, reciprocal_rank

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "othercity"
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")


def foreign_pattern(profile_path: Path | None = None) -> re.Pattern[str]:
    """The name and numbers of another city (default: the shipped Krefeld profile), as an answer would write them:
    its name, its area code, its central line and citizens' service with or without the area code
    ("Krefeld", "02151", "86-0", "86-1610")."""
    from corpus.city import load_profile

    city = load_profile(profile_path)
    numbers = {city.phone, city.service_phone}
    parts = {p for n in numbers for p in n.split(" ", 1)}
    return re.compile(r"\b" + re.escape(city.name) + "|" + "|".join(re.escape(p) for p in sorted(parts, key=len,
                                                                                               reverse=True)))


def import_catalogue(catalogue: Path, fmt: str, out: Path) -> None:
    cmd = [sys.executable, "-m", "cli", "corpus", "import", str(catalogue), "--format", fmt, "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"import failed ({done.returncode}): {done.stderr[-2000:]}")


def doc_id(fmt: str, source_id: str) -> str:
    """The corpus id the importer gives the export's record `source_id` (ids derive from the source id only)."""
    return f"{fmt}-{source_id}".lower()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--catalogue", type=Path, default=DATA, help="export file or directory")
    ap.add_argument("--questions", type=Path, default=DATA, help="questions_*.jsonl file or directory")
    ap.add_argument("--format", default="dldb")
    ap.add_argument("--profile", type=Path, default=DATA / "lindburg.yaml")
    ap.add_argument("--foreign", type=Path, default=None, help="profile of the city whose name and numbers must not "
                    "appear (default: Krefeld's)")
    ap.add_argument("--work", type=Path, default=ROOT / "var" / "othercity")
    ap.add_argument("--skip-answers", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    corpus = args.work / "corpus"
    import_catalogue(args.catalogue, args.format, corpus)
    files = sorted(args.questions.glob("questions_*.jsonl")) if args.questions.is_dir() else [args.questions]
    rows = [r for f in files for r in read_jsonl(f)]
    for r in rows:
        r["expected"] = [doc_id(args.format, str(i)) for i in r["expected_ids"]]

    from assistant.settings import Settings

    settings = Settings()
    settings.corpus.path = corpus
    settings.retrieval.index_path = args.work / "index"
    settings.guardrails.audit_log = None
    if args.profile.is_file():
        settings.city.profile = args.profile
    foreign = foreign_pattern(args.foreign)
    from assistant.build import build_assistant

    assistant = build_assistant(settings)
    ranked = [[p.doc_id for p in assistant.retriever.retrieve(r["question"], top_k=10).passages] for r in rows]
    report = {"catalogue": str(args.catalogue), "documents": len(assistant.documents), "questions": len(rows),
              "retrieval": {"R@1": mean(recall_at_k(k, r["expected"], 1) for k, r in zip(ranked, rows)),
                            "R@5": mean(recall_at_k(k, r["expected"], 5) for k, r in zip(ranked, rows)),
                            "MRR": mean(reciprocal_rank(k, r["expected"]) for k, r in zip(ranked, rows))}}
    if not args.skip_answers:
        results = []
        for r in rows:
            resp = assistant.answer(r["question"]).to_response()
            ids = [s["id"] for s in resp["sources"]]
            answer = resp["answer"]
            facts = [bool(re.search(p, answer, re.I)) for p in r.get("must_contain") or []]
            results.append({"first_source": bool(ids) and ids[0] in r["expected"], "fact": r.get("kind") == "fact",
                            "facts_ok": all(facts) if facts else None, "answered": resp["guardrail"]["action"] == "answer",
                            "citations": citations_valid(resp) if resp["guardrail"]["action"] == "answer" else None,
                            "markup": bool(MARKUP.search(answer)), "foreign": bool(foreign.search(answer))})
        fact_rows = [x for x in results if x["fact"] and x["facts_ok"] is not None]
        answered = [x for x in results if x["answered"]]
        report["answers"] = {
            "right_first_source": mean(x["first_source"] for x in results),
            "facts": mean(x["facts_ok"] for x in fact_rows), "fact_questions": len(fact_rows),
            "answered": mean(x["answered"] for x in results),
            "citations_valid_when_answered": mean(x["citations"] for x in answered) if answered else 0.0,
            "with_markup": sum(x["markup"] for x in results), "naming_another_city": sum(x["foreign"] for x in results)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return
    rr = report["retrieval"]
    print(f"{report['catalogue']}: {report['documents']} documents, {report['questions']} questions")
    print(f"retrieval  R@1 {rr['R@1']:.3f}  R@5 {rr['R@5']:.3f}  MRR {rr['MRR']:.3f}")
    if "answers" in report:
        a = report["answers"]
        print(f"answers    right first source {a['right_first_source']:.3f}  facts {a['facts']:.3f} "
              f"(of {a['fact_questions']})  answered {a['answered']:.3f}  valid citations "
              f"{a['citations_valid_when_answered']:.3f}  with markup {a['with_markup']}  naming another city "
              f"{a['naming_another_city']}")


if __name__ == "__main__":
    main()
