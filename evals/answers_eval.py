"""Answer-stage evals: fact coverage, citation validity, unsupported sentences, fallback rate, readability, latency;
and multi-turn resolution of follow-ups. They print numbers; they are not tests."""

from __future__ import annotations

import re
import statistics
from typing import Any, Callable, Iterable

from assistant.checks import check_grounding

_CITE = re.compile(r"\[(\d+)\]")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


def citations_valid(response: dict[str, Any]) -> bool:
    """At least one citation, and every [n] points at a returned source."""
    nums = [int(n) for n in _CITE.findall(response["answer"])]
    return bool(nums) and all(1 <= n <= len(response["sources"]) for n in nums)


def run_answers_eval(ask: Callable[[str], dict[str, Any]], rows: Iterable[dict[str, Any]],
                     progress: Callable[[Iterable], Iterable] = lambda x: x) -> dict[str, Any]:
    """`ask(question) -> chat response dict` (in process or over HTTP)."""
    results = []
    for row in progress(list(rows)):
        resp = ask(row["question"])
        answer = resp["answer"]
        facts = [bool(re.search(rx, answer, re.I)) for rx in row.get("must_contain", [])]
        ids = [s["id"] for s in resp["sources"]]
        meta = resp.get("meta", {})
        support = {n: s.get("snippet", "") for n, s in enumerate(resp["sources"], start=1)}
        results.append({
            "question": row["question"], "intent": row.get("intent"), "style": row.get("style"),
            "facts_ok": all(facts) if facts else True, "facts_hit": sum(facts), "facts_total": len(facts),
            "right_source": bool(set(ids) & set(row.get("expected_ids", []))),
            "citations_valid": citations_valid(resp), "mode": resp.get("mode"),
            "fallback": bool(meta.get("fallback_reason")),
            "unsupported": len(meta.get("unsupported", [])) if "unsupported" in meta
            else len(check_grounding(answer, support).unsupported),
            "readability": meta.get("readability", {}), "latency_ms": meta.get("latency_ms", 0.0),
            "action": resp.get("guardrail", {}).get("action"), "answer": answer, "sources": ids,
        })
    n = len(results) or 1
    answered = [r for r in results if r["action"] == "answer"]
    lix = [r["readability"]["lix"] for r in results if r["readability"]]
    wstf = [r["readability"]["wiener_sachtextformel"] for r in results if r["readability"]]
    flesch = [r["readability"]["flesch_amstad"] for r in results if r["readability"]]
    lat = [r["latency_ms"] for r in results]
    return {
        "n": len(results),
        "fact_coverage": sum(r["facts_ok"] for r in results) / n,
        "fact_recall": sum(r["facts_hit"] for r in results) / max(1, sum(r["facts_total"] for r in results)),
        "right_source": sum(r["right_source"] for r in results) / n,
        "citation_validity": sum(r["citations_valid"] for r in results) / n,
        # Of the turns that gave an answer (not a gate or policy reply, which has no source to cite): every one
        # must cite a returned source.
        "citation_validity_answered": sum(r["citations_valid"] for r in answered) / max(1, len(answered)),
        "answered_rate": len(answered) / n,
        "unsupported_sentences": sum(r["unsupported"] for r in results),
        "fallback_rate": sum(r["fallback"] for r in results) / n,
        "lix_median": statistics.median(lix) if lix else None,
        "wstf_median": statistics.median(wstf) if wstf else None,
        "flesch_amstad_median": statistics.median(flesch) if flesch else None,
        "readability": {"lix": lix, "wstf": wstf, "flesch_amstad": flesch},
        "latency_p50_ms": percentile(lat, 50), "latency_p95_ms": percentile(lat, 95),
        "misses": [{k: r[k] for k in ("question", "sources", "answer")} for r in results if not r["facts_ok"]],
        "per_intent": _breakdown(results, "intent"), "per_style": _breakdown(results, "style"),
    }


def _breakdown(results: list[dict[str, Any]], key: str) -> dict[str, dict[str, float]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        groups.setdefault(str(r[key]), []).append(r)
    return {k: {"n": len(v), "fact_coverage": sum(r["facts_ok"] for r in v) / len(v)} for k, v in sorted(groups.items())}


def run_multiturn_eval(new_conversation: Callable[[], Callable[[str], dict[str, Any]]],
                       rows: Iterable[dict[str, Any]],
                       progress: Callable[[Iterable], Iterable] = lambda x: x) -> dict[str, Any]:
    """`new_conversation()` returns an `ask(message)` bound to a fresh session."""
    rows = list(rows)
    turns_total, turns_ok, follow_total, follow_ok, conversations_ok = 0, 0, 0, 0, 0
    follow_service_ok, conversations_resolved = 0, 0
    failures = []
    for row in progress(rows):
        ask = new_conversation()
        conv_ok = resolved = True
        for i, turn in enumerate(row["turns"]):
            resp = ask(turn["message"])
            ids = [s["id"] for s in resp["sources"]]
            service_ok = bool(ids) and ids[0] == turn["expected_id"]
            facts_ok = all(re.search(rx, resp["answer"], re.I) for rx in turn.get("must_contain", []))
            ok = service_ok and facts_ok
            turns_total += 1
            turns_ok += ok
            if i > 0:
                follow_total += 1
                follow_ok += ok
                follow_service_ok += service_ok
                resolved = resolved and service_ok
            if not ok:
                conv_ok = False
                failures.append({"turn": turn["message"], "expected": turn["expected_id"], "got": ids[:2],
                                 "why": "facts missing" if service_ok else "wrong service"})
        conversations_ok += conv_ok
        conversations_resolved += resolved
    return {
        "conversations": len(rows),
        # every turn: right service first and the expected facts in the answer
        "conversations_all_turns_right": conversations_ok,
        # every follow-up turn (2nd, 3rd, ...) has the right service first: what follow-up resolution is about
        "conversations_followups_resolved": conversations_resolved,
        "turn_accuracy": turns_ok / max(1, turns_total),
        "followup_accuracy": follow_ok / max(1, follow_total),
        "followup_service_accuracy": follow_service_ok / max(1, follow_total),
        "failures": failures,
    }
