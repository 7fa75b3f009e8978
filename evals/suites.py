"""The suites of `buergerassistent eval`: each takes the run's Context and returns a dict of metrics.

In process they use the stage evaluators the owners of each stage wrote (`metrics`, `answers_eval`, `pii_eval`,
`policy_eval`) on the assistant the settings build; against a deployment (`--url`) they send the same dataset rows through the HTTP API
contract and score what comes back, so a city can judge its own installation with the same numbers.
"""

from __future__ import annotations

import json
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from evals.answers_eval import percentile, run_answers_eval, run_multiturn_eval
from evals.environment import retrieval_method
from evals.metrics import mean, ndcg_at_k, recall_at_k, reciprocal_rank
from evals.pii_eval import NAMES_AND_ADDRESSES, STRUCTURED
from evals.context import Context

RANK_DEPTH = 10
COMPARISON_METHODS = {"bm25": (True, False), "dense": (False, True), "hybrid": (True, True)}
MAX_MISSES = 60


# -- retrieval ---------------------------------------------------------------------------------------------------
def retrieval_suite(ctx: Context) -> dict[str, Any]:
    """recall@1/5/10, MRR, nDCG@10, per style and misses of the configured retriever; the full run adds BM25-only,
    dense-only and hybrid side by side (in process)."""
    rows = ctx.rows("retrieval")
    if ctx.url:
        rankings = [[r["id"] for r in ctx.client.search(row["query"], k=RANK_DEPTH)]
                    for row in ctx.progress(rows, "retrieval")]
        return {"n": len(rows), "configured_method": "deployment", "configured": ranking_metrics(rows, rankings)}
    retriever = ctx.assistant.retriever
    if hasattr(retriever, "warm_up"):
        retriever.warm_up()
    views = {"configured": retriever}
    if not ctx.fast and hasattr(retriever, "with_methods"):
        views.update({name: retriever.with_methods(lexical=lex, dense=dense)
                      for name, (lex, dense) in COMPARISON_METHODS.items()})
    out: dict[str, Any] = {"n": len(rows), "configured_method": retrieval_method(
        getattr(retriever, "lexical", True), getattr(retriever, "use_dense", True))}
    for name, view in views.items():
        rankings = [[p.doc_id for p in view.retrieve(row["query"], top_k=RANK_DEPTH).passages]
                    for row in ctx.progress(rows, f"retr.{name}")]
        out[name] = ranking_metrics(rows, rankings, with_details=name == "configured")
    return out


def ranking_metrics(rows: list[dict[str, Any]], rankings: list[list[str]], with_details: bool = True) -> dict:
    def summary(pairs: list[tuple[dict[str, Any], list[str]]]) -> dict[str, float]:
        return {
            "n": len(pairs),
            "recall@1": mean(recall_at_k(r, row["expected"], 1) for row, r in pairs),
            "recall@5": mean(recall_at_k(r, row["expected"], 5) for row, r in pairs),
            "recall@10": mean(recall_at_k(r, row["expected"], 10) for row, r in pairs),
            "mrr": mean(reciprocal_rank(r, row["expected"]) for row, r in pairs),
            "ndcg@10": mean(ndcg_at_k(r, row["expected"], 10) for row, r in pairs),
        }

    pairs = list(zip(rows, rankings))
    out: dict[str, Any] = summary(pairs)
    if with_details:
        styles = sorted({str(row.get("style")) for row in rows})
        out["per_style"] = {s: summary([(row, r) for row, r in pairs if str(row.get("style")) == s]) for s in styles}
        misses = [(row, r) for row, r in pairs if not (r and r[0] in row["expected"])]
        out["misses_at_1"] = len(misses)
        out["misses"] = [{"query": row["query"], "style": row.get("style"), "expected": row["expected"],
                          "got": r[:3], "in_top5": recall_at_k(r, row["expected"], 5) > 0}
                         for row, r in misses[:MAX_MISSES]]
    return out


# -- answers and conversations -----------------------------------------------------------------------------------
def answers_suite(ctx: Context) -> dict[str, Any]:
    """Fact coverage, citation validity, unsupported sentences, fallback rate, readability (answers_eval)."""
    return run_answers_eval(ctx.ask, ctx.rows("answers"), progress=lambda it: ctx.progress(it, "answers"))


def multiturn_suite(ctx: Context) -> dict[str, Any]:
    """Follow-ups resolved against the session's topic, turn by turn (answers_eval.run_multiturn_eval)."""
    return run_multiturn_eval(ctx.new_conversation, ctx.rows("multiturn"),
                              progress=lambda it: ctx.progress(it, "multiturn"))


# -- PII ---------------------------------------------------------------------------------------------------------
def pii_suite(ctx: Context) -> dict[str, Any]:
    """Redaction precision/recall/F2 per type, and leaks: each sentence also goes through the chat, and a gold PII
    string that shows up in the answer or its sources is a leak. In process the span metrics come from pii_eval
    (the redactor itself); via --url from the response's `redactions` types."""
    rows = ctx.rows("pii")
    chat = chat_pii(ctx, rows)
    if ctx.url:
        return chat
    from evals.pii_eval import run_pii_eval

    with _limited_file(ctx, "pii") as path:
        report = run_pii_eval(path, redactor=getattr(ctx.assistant.input_guard, "redactor", None))
    return {**report, "pipeline": chat["pipeline"], "leaks": chat["leaks"]}


def chat_pii(ctx: Context, rows: list[dict[str, Any]]) -> dict[str, Any]:
    per_type: dict[str, dict[str, int]] = {}
    leaks, exact, lookalike_hits = [], 0, 0
    for row in ctx.progress(rows, "pii"):
        response = ctx.ask(row["text"])
        gold_types = sorted(e["type"] for e in row["entities"])
        got_types = sorted(r["type"] for r in response.get("redactions", []))
        lookalike_hits += not row["entities"] and bool(got_types)
        exact += gold_types == got_types
        for t in set(gold_types) | set(got_types):
            c = per_type.setdefault(t, {"tp": 0, "fp": 0, "fn": 0})
            hit = min(gold_types.count(t), got_types.count(t))
            c["tp"] += hit
            c["fp"] += got_types.count(t) - hit
            c["fn"] += gold_types.count(t) - hit
        shown = " ".join([response.get("answer", "")] + [
            json.dumps(s, ensure_ascii=False) for s in response.get("sources", [])])
        public = _public_text(ctx, response)
        for e in row["entities"]:
            value = row["text"][e["start"]:e["end"]]
            if len(_normalise(value)) >= 4 and _shows(value, shown) and not _is_public_word(value, public):
                leaks.append({"type": e["type"], "leaked": value, "text": row["text"]})
    def total(types: set[str] | None = None) -> dict[str, float]:
        chosen = [c for t, c in per_type.items() if types is None or t in types]
        return _prf({k: sum(c[k] for c in chosen) for k in ("tp", "fp", "fn")})

    entities = sum(len(r["entities"]) for r in rows)
    lookalikes = sum(1 for r in rows if not r["entities"])
    return {"n": len(rows), "overall": total(), "structured": total(STRUCTURED),
            "names_and_addresses": total(NAMES_AND_ADDRESSES),
            "lookalike_false_positive_rate": lookalike_hits / max(1, lookalikes),
            "per_type": {t: {**_prf(c), "gold": c["tp"] + c["fn"]} for t, c in sorted(per_type.items())},
            "exact_type_match": exact / max(1, len(rows)),
            "pipeline": {"messages": len(rows), "entities": entities, "leaks_n": len(leaks),
                         "leak_rate": len(leaks) / max(1, entities)},
            "leaks": leaks}


def _prf(c: dict[str, int]) -> dict[str, float]:
    """Precision, recall, F2 (recall weighted 4x: a missed identifier leaks); empty sides count as perfect, as in
    evals.pii_metrics."""
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    f2 = 5 * p * r / (4 * p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f2": f2}


def _public_text(ctx: Context, response: dict[str, Any]) -> str:
    """Text of the documents the answer cites: in process their whole text, over HTTP the sources' snippets."""
    parts = []
    documents = getattr(ctx.assistant, "documents", {}) if not ctx.url else {}
    for source in response.get("sources", []):
        doc = documents.get(source.get("id"))
        parts.append(" ".join([doc.title, doc.summary, doc.body]) if doc is not None else source.get("snippet", ""))
    return " ".join(parts)


def _is_public_word(value: str, public: str) -> bool:
    """A value that is an ordinary word of the cited public documents ("Herr Lange" vs "wie lange es dauert") is
    no leak when it shows up in the answer; an identifier or a name the documents do not contain is."""
    return bool(public) and re.search(rf"(?<!\w){re.escape(value)}(?!\w)", public, re.IGNORECASE) is not None


def _shows(value: str, shown: str) -> bool:
    """Whether `value` appears in the shown text: a name as a whole word ("Lange" is not in "verlangen"), an
    identifier also when spaced or punctuated differently."""
    if re.fullmatch(r"[^\W\d_]+([ '-][^\W\d_]+)*", value):
        return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", shown, re.IGNORECASE) is not None
    return _normalise(value) in _normalise(shown)


def _normalise(text: str) -> str:
    """Compare PII without spacing and separators, so "DE89 3704 ..." and "DE893704..." are the same leak."""
    return re.sub(r"[\s./-]", "", text).lower()


# -- policy ------------------------------------------------------------------------------------------------------
def policy_suite(ctx: Context) -> dict[str, Any]:
    """Rule accuracy, per-rule precision/recall, confusion matrix and benign refusal rate (policy_eval)."""
    from evals.policy_eval import run_policy_eval, score

    if not ctx.url:
        classifier = getattr(ctx.assistant.input_guard, "classifier", None)
        with _limited_file(ctx, "policy") as path:
            return run_policy_eval(path, classify=getattr(classifier, "classify", None), verbose=False)
    rows = ctx.rows("policy")
    predicted, blocked, missed = [], [], []
    for row in ctx.progress(rows, "policy"):
        guardrail = ctx.ask(row["message"]).get("guardrail", {})
        rule = guardrail.get("rule")
        rule = None if rule == "no_information" else rule  # the confidence gate is not a policy decision
        predicted.append(rule)
        blocked.append(rule is not None and guardrail.get("action") != "answer")
        if rule != row["expected_rule"]:
            missed.append({"message": row["message"], "category": row.get("category"),
                           "expected": row["expected_rule"], "predicted": rule})
    metrics = score([r["expected_rule"] for r in rows], predicted, blocked)
    metrics["misclassified"] = missed
    return metrics


# -- latency -----------------------------------------------------------------------------------------------------
def latency_suite(ctx: Context) -> dict[str, Any]:
    """p50/p95 per pipeline stage over every chat turn the run made; alone, it asks the answer questions."""
    if not ctx.stage_timings:
        for row in ctx.progress(ctx.rows("latency"), "latency"):
            ctx.ask(row["question"])
    stages: dict[str, list[float]] = {}
    for timings in ctx.stage_timings:
        for stage, ms in timings.items():
            if not stage.startswith("_"):
                stages.setdefault(stage, []).append(ms)
    answered = [t["latency_ms"] for t in ctx.stage_timings if t.get("_action") == "answer" and "latency_ms" in t]
    out = {"turns": len(ctx.stage_timings), "stages": {
        stage: {"n": len(v), "p50_ms": percentile(v, 50), "p95_ms": percentile(v, 95), "max_ms": max(v),
                "mean_ms": round(mean(v), 2)} for stage, v in stages.items()}}
    if answered:
        out["answered_p50_ms"], out["answered_p95_ms"] = percentile(answered, 50), percentile(answered, 95)
    return out


@contextmanager
def _limited_file(ctx: Context, suite: str) -> Iterator[Path]:
    """The dataset path, or a temporary copy cut to --limit rows for evaluators that read files themselves."""
    if not ctx.limit:
        yield ctx.dataset(suite)
        return
    with tempfile.TemporaryDirectory(prefix="ba-eval-") as tmp:
        path = Path(tmp) / f"{suite}.jsonl"
        path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in ctx.rows(suite)),
                        encoding="utf-8")
        yield path


# The registry the runner uses, in run order (latency last: it summarises the timings the other suites recorded).
SUITES = {"retrieval": retrieval_suite, "answers": answers_suite, "multiturn": multiturn_suite, "pii": pii_suite,
          "policy": policy_suite, "latency": latency_suite}
