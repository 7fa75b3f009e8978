"""LLM answers on the answer sets: what the model wrote, what the checks let through, and what it cost.

    python -m evals.llm_answers --set dev --set holdout --set blind --limit 12 --drafts var/llm-drafts.jsonl
    python -m evals.llm_answers ... --replay-only        # score the recorded drafts again with the current checks

Each question goes through the real pipeline (guard, retrieval, gate, generation, checks, fallback) with the LLM
backend of the settings (`BA_LLM__*`). The model's raw draft is recorded in `--drafts`, keyed by the question, the
prompt's text and the passages it was given: a later run with the same prompt and passages replays the draft instead
of calling the model again (greedy decoding, `BA_LLM__TEMPERATURE=0`, makes that what a new call would write), so a
change to the checks is measured on the very same drafts in seconds, and a change to the prompt makes new ones.

Printed per set: fact coverage (final answers and raw drafts), unsupported-sentence rate, answers the checks
rejected and replaced by the extractive answer (and why), facts in accepted LLM answers that the cited documents do
not contain (`assistant.fact_check`, an automatic audit: read `facts_through` one by one), latency per answer,
tokens/s, readability (LIX, Wiener Sachtextformel) and citation validity. The frozen sets (answers_blind2,
othercity) are refused: they are kept for the final judgement.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any, Sequence

from assistant.checks import check_grounding, sentences
from assistant.llm.prompts import USER_TEMPLATE, system_prompt
from corpus.errors import BackendUnavailable
from corpus.types import Draft, Passage
from evals.answers_eval import citations_valid, percentile
from evals.datasets import read_jsonl

DATA = Path(__file__).resolve().parent / "data"
SETS = {"dev": DATA / "answers_dev.jsonl", "holdout": DATA / "answers_holdout.jsonl",
        "blind": DATA / "answers_blind.jsonl"}
FROZEN = ("blind2", "othercity")
DEFAULT_TIMEOUT_S = 30.0  # the shipped llm.timeout_s: answers slower than this fall back in a default deployment


def prompt_version() -> str:
    return hashlib.sha256((system_prompt() + USER_TEMPLATE).encode()).hexdigest()[:12]


def draft_key(question: str, passages: Sequence[Passage], prompt: str | None = None) -> str:
    ids = "|".join(f"{p.doc_id}#{p.chunk_id}:{hashlib.sha256(p.text.encode()).hexdigest()[:8]}" for p in passages)
    return hashlib.sha256(f"{prompt or prompt_version()}\n{question}\n{ids}".encode()).hexdigest()[:20]


class RecordingGenerator:
    """Wraps the LLM generator: records each raw draft (or backend error) and replays recorded ones."""

    def __init__(self, inner: Any, drafts_path: Path, name: str = "llamacpp", prompt: str | None = None) -> None:
        self.inner = inner
        self.prompt = prompt or prompt_version()
        self.name = getattr(inner, "name", name)
        self.path = drafts_path
        self.cache: dict[str, dict[str, Any]] = {}
        if drafts_path.is_file():
            for row in read_jsonl(drafts_path):
                self.cache[row["key"]] = row
        self.last: dict[str, Any] | None = None

    def generate(self, question: str, passages: Sequence[Passage]) -> Draft:
        key = draft_key(question, passages, self.prompt)
        row = self.cache.get(key)
        replayed = row is not None
        if row is None:
            if self.inner is None:  # not generated (yet): the row is left out of the numbers
                self.last = {"missing": True}
                raise BackendUnavailable(f"no recorded draft for {question[:40]!r} and --replay-only is set")
            row = self._generate(key, question, passages)
        self.last = {**row, "replayed": replayed}
        if row.get("error"):
            raise BackendUnavailable(row["error"])
        given = list(passages)[:row.get("given", len(passages))]  # the budget may have left trailing ones out
        self.last["given"] = given
        return Draft(text=row["text"], sources=given, mode="llm", backend=self.name, meta=row["meta"])

    def _generate(self, key: str, question: str, passages: Sequence[Passage]) -> dict[str, Any]:
        row: dict[str, Any] = {"key": key, "prompt": self.prompt, "question": question,
                               "passages": [p.doc_id for p in passages]}
        started = time.perf_counter()
        try:
            draft = self.inner.generate(question, passages)
            row.update(text=draft.text, meta=draft.meta, given=len(draft.sources))
        except BackendUnavailable as exc:
            row.update(error=str(exc), text="", meta={"latency_ms": round((time.perf_counter() - started) * 1000)})
        self.cache[key] = row
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        return row


def spread(rows: list[dict[str, Any]], limit: int | None) -> list[dict[str, Any]]:
    """`limit` rows spread evenly (as `eval --limit`); doubling the limit keeps the earlier rows."""
    if not limit or limit >= len(rows):
        return rows
    return [rows[i * len(rows) // limit] for i in range(limit)]


def run_row(assistant: Any, recorder: RecordingGenerator, row: dict[str, Any]) -> dict[str, Any]:
    from assistant.fact_check import unsupported_facts

    recorder.last = None
    answer = assistant.answer(row["question"])
    response = answer.to_response()
    text = response["answer"]
    draft = recorder.last
    if draft is not None and draft.get("missing"):
        return {"question": row["question"], "missing": True}
    meta = response["meta"]
    patterns = row.get("must_contain", [])
    out: dict[str, Any] = {
        "question": row["question"], "intent": row.get("intent"), "action": response["guardrail"]["action"],
        "mode": response["mode"], "fallback_reason": meta.get("fallback_reason"), "answer": text,
        "sources": [s["id"] for s in response["sources"]],
        "right_source": bool({s["id"] for s in response["sources"]} & set(row.get("expected_ids", []))),
        "facts_ok": all(re.search(rx, text, re.I) for rx in patterns),
        "sentences": len(sentences(text)), "unsupported": len(meta.get("unsupported", [])),
        "readability": meta.get("readability", {}), "citations_valid": citations_valid(response),
        "latency_ms": meta.get("latency_ms", 0.0), "draft": None,
    }
    if draft is not None:
        support = {n: assistant._support_text(p) for n, p in enumerate(answer.sources, start=1)} \
            if response["mode"] == "llm" else {}
        dmeta = draft.get("meta", {})
        raw = draft.get("text", "")
        raw_support = {n: assistant._support_text(p) for n, p in enumerate(draft.get("given") or [], start=1)}
        raw_report = check_grounding(raw, raw_support, min_support=assistant.min_support) if raw else None
        out["draft"] = {
            "text": draft.get("text", ""), "error": draft.get("error"), "replayed": draft["replayed"],
            "facts_ok": all(re.search(rx, draft.get("text", ""), re.I) for rx in patterns),
            "latency_ms": dmeta.get("latency_ms"), "first_token_ms": dmeta.get("first_token_ms"),
            "prompt_tokens": dmeta.get("prompt_tokens"), "completion_tokens": dmeta.get("completion_tokens"),
            "passages_given": dmeta.get("passages_given"), "sentences": len(sentences(raw)),
            # a factual sentence without a citation is as unsupported as one citing the wrong text
            "unsupported": len(raw_report.unsupported) + len(raw_report.uncited) if raw_report else 0,
            "invented": getattr(raw_report, "invented", []),  # the checks before the fact check had none
        }
        # The audit: facts of the accepted LLM answer that its cited documents do not contain.
        out["facts_through"] = [asdict(f) for f in unsupported_facts(text, support)] if support else []
    return out


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    missing = [r for r in results if r.get("missing")]
    results = [r for r in results if not r.get("missing")]
    n = len(results) or 1
    answered = [r for r in results if r["action"] == "answer"]
    called = [r for r in results if r["draft"] is not None]
    accepted = [r for r in called if r["mode"] == "llm"]
    replaced = [r for r in called if r["mode"] != "llm"]
    drafts = [r["draft"] for r in called if not r["draft"]["error"]]
    gen_rates = [d["completion_tokens"] / ((d["latency_ms"] - d["first_token_ms"]) / 1000) for d in drafts
                 if d["completion_tokens"] and d["latency_ms"] and d["latency_ms"] > d["first_token_ms"]]
    prefill_rates = [d["prompt_tokens"] / (d["first_token_ms"] / 1000) for d in drafts if d["first_token_ms"]]
    lat = [float(r["draft"]["latency_ms"] or 0) for r in called]
    reasons: dict[str, int] = {}
    for r in replaced:  # an answer can fail several checks: each is counted
        for key in _reason_kinds(r["fallback_reason"] or ""):
            reasons[key] = reasons.get(key, 0) + 1

    def med(values: list[float]) -> float | None:
        return round(statistics.median(values), 1) if values else None

    def read(rs: list[dict[str, Any]], key: str) -> float | None:
        return med([r["readability"][key] for r in rs if r["readability"]])

    return {
        "n": len(results), "not_generated": len(missing), "answered": len(answered), "llm_called": len(called),
        "fact_coverage": round(sum(r["facts_ok"] for r in results) / n, 3),
        "fact_coverage_raw_drafts": round(sum(r["draft"]["facts_ok"] for r in called) / max(1, len(called)), 3),
        "right_source": round(sum(r["right_source"] for r in results) / n, 3),
        "unsupported_rate": round(sum(r["unsupported"] for r in answered) / max(1, sum(r["sentences"]
                                                                                   for r in answered)), 3),
        "unsupported_rate_raw_drafts": round(sum(r["draft"]["unsupported"] for r in called)
                                             / max(1, sum(r["draft"]["sentences"] for r in called)), 3),
        "accepted_llm": len(accepted), "rejected_replaced": len(replaced), "rejected_by": reasons,
        "facts_through": sum(len(r["facts_through"]) for r in accepted),
        "answers_with_facts_through": sum(bool(r["facts_through"]) for r in accepted),
        "latency_p50_s": round(percentile(lat, 50) / 1000, 1), "latency_p95_s": round(percentile(lat, 95) / 1000, 1),
        "latency_mean_s": round(statistics.fmean(lat) / 1000, 1) if lat else None,
        "over_default_timeout": sum(v > DEFAULT_TIMEOUT_S * 1000 for v in lat),
        "gen_tokens_per_s": med(gen_rates), "prefill_tokens_per_s": med(prefill_rates),
        "lix_median": read(answered, "lix"), "wstf_median": read(answered, "wiener_sachtextformel"),
        "lix_median_accepted_llm": read(accepted, "lix"), "wstf_median_accepted_llm": read(accepted,
                                                                                           "wiener_sachtextformel"),
        "citation_validity_answered": round(sum(r["citations_valid"] for r in answered) / max(1, len(answered)), 3),
    }


def _reason_kinds(reason: str) -> list[str]:
    kinds = [kind for needle, kind in (
        ("not in the cited", "invented facts"), ("without support", "unsupported"),
        ("without citation", "uncited"), ("cites no source", "no citation"), ("refer to no given", "invalid citation"),
        ("personal data", "personal data"), ("system prompt", "prompt leak"), ("timeout", "timeout"),
        ("backend error", "backend error"), ("empty", "empty")) if needle in reason]
    return kinds or [reason[:40] or "other"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.llm_answers", description=__doc__.split("\n")[0])
    parser.add_argument("--set", dest="sets", action="append", choices=sorted(SETS),
                        help="answer set(s), default all three")
    parser.add_argument("--data", type=Path, action="append", default=[], help="another answers JSONL file")
    parser.add_argument("--limit", type=int, help="questions per set, spread evenly")
    parser.add_argument("--drafts", type=Path, default=Path("var/llm-drafts.jsonl"))
    parser.add_argument("--replay-only", action="store_true", help="never call the model: recorded drafts only")
    parser.add_argument("--prompt", help="replay the drafts of this prompt version (default: the current prompt); "
                        "only with --replay-only")
    parser.add_argument("--out", type=Path, help="report directory (default reports/llm-<time>)")
    args = parser.parse_args(argv)

    files = {name: SETS[name] for name in (args.sets or ([] if args.data else sorted(SETS)))}
    files.update({p.stem: p for p in args.data})
    frozen = [str(p) for p in files.values() if any(f in str(p) for f in FROZEN)]
    if frozen:
        parser.error(f"{frozen} are frozen for the final judgement; use dev, holdout or blind")

    from assistant.build import build_assistant
    from assistant.llm.generator import LLMGenerator
    from assistant.settings import Settings

    settings = Settings()
    llm = settings.llm
    if llm.backend == "extractive" and not args.replay_only:
        parser.error("set an LLM backend, e.g. BA_LLM__BACKEND=llamacpp BA_LLM__MODEL_PATH=..., or --replay-only")
    assistant = build_assistant(settings.model_copy(update={"llm": llm.model_copy(update={"backend": "extractive"})}))
    assistant.audit = None
    if args.prompt and not args.replay_only:
        parser.error("--prompt replays recorded drafts of an earlier prompt: add --replay-only")
    inner = None if args.replay_only else LLMGenerator.from_settings(llm)
    args.drafts.parent.mkdir(parents=True, exist_ok=True)
    recorder = RecordingGenerator(inner, args.drafts, name=llm.backend if llm.backend != "extractive" else "llm",
                                  prompt=args.prompt)
    assistant.generator = recorder

    out_dir = args.out or Path("reports") / time.strftime("llm-%Y%m%d-%H%M%S")
    out_dir.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"prompt": recorder.prompt, "limit": args.limit, "drafts": str(args.drafts),
                              "llm": {k: str(v) for k, v in llm.model_dump().items() if k != "api_key"}, "sets": {}}
    for name, path in files.items():
        rows = spread(read_jsonl(path), args.limit)
        results = []
        for i, row in enumerate(rows, start=1):
            results.append(run_row(assistant, recorder, row))
            r = results[-1]
            print(f"[{name} {i}/{len(rows)}] {r['mode']:<10} {(r['draft'] or {}).get('latency_ms') or 0:>8.0f} ms "
                  f"{(r['fallback_reason'] or '')[:70]}", file=sys.stderr, flush=True)
        report["sets"][name] = {"file": str(path), "metrics": summarise(results), "rows": results}
    (out_dir / "llm_answers.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print_table(report)
    print(f"report: {out_dir / 'llm_answers.json'}")
    return 0


COLUMNS = ("n", "not_generated", "llm_called", "fact_coverage", "fact_coverage_raw_drafts", "unsupported_rate",
           "unsupported_rate_raw_drafts", "accepted_llm", "rejected_replaced", "facts_through", "latency_p50_s",
           "latency_p95_s", "over_default_timeout", "gen_tokens_per_s", "prefill_tokens_per_s", "lix_median",
           "wstf_median", "lix_median_accepted_llm", "wstf_median_accepted_llm", "citation_validity_answered")


def print_table(report: dict[str, Any]) -> None:
    names = list(report["sets"])
    print(f"prompt {report['prompt']}  limit {report['limit']}")
    print(f"{'metric':<28}" + "".join(f"{n:>12}" for n in names))
    for col in COLUMNS:
        print(f"{col:<28}" + "".join(f"{str(report['sets'][n]['metrics'][col]):>12}" for n in names))
    for n in names:
        print(f"{n}: rejected by {report['sets'][n]['metrics']['rejected_by']}")


if __name__ == "__main__":
    raise SystemExit(main())
