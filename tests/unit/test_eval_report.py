"""The eval report writer, threshold check, comparison and runner plumbing, on synthetic results (no models)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from assistant.settings import Settings
from evals.check import Failure, check, flatten, load_thresholds
from evals.compare import compare, direction, render_text, write_comparison
from evals.http_client import HttpAssistantClient
from evals.report import new_report_dir, write_report
from evals.runner import Context, run_eval
from tests.fakes import sample_eval_report as synthetic_report


THRESHOLDS = {"min": {"retrieval.configured.recall@5": 0.95, "answers.fact_coverage": 0.85,
                      "pii.overall.recall": 0.95},
              "max": {"answers.fallback_rate": 0.05, "pii.pipeline.leaks_n": 0}}


def test_report_writes_json_markdown_and_self_contained_html(tmp_path: Path) -> None:
    paths = write_report(synthetic_report(), tmp_path)
    assert json.loads(paths["json"].read_text())["results"]["retrieval"]["configured"]["recall@5"] == 0.97
    md = paths["md"].read_text()
    assert "| configured | 4 | 0.9 | 0.97 | 1 | 0.93 | 0.95 |" in md  # methods side by side
    assert "abc123" in md and "perso" in md
    page = paths["html"].read_text()
    charts = page.count("<img class='chart'")
    assert charts == 6  # retrieval methods + per style, readability, PII per type, policy matrix, latency
    assert page.count("src='data:image/png;base64,iVBORw0KGgo") == charts  # embedded PNGs, nothing external
    assert "http://" not in page and "https://" not in page


def test_report_skips_charts_without_data(tmp_path: Path) -> None:
    report = synthetic_report()
    report["results"] = {"answers": {"n": 0, "fact_coverage": 0.0, "readability": {}}}
    page = write_report(report, tmp_path)["html"].read_text()
    assert "<img" not in page and "fact_coverage" in page


def test_new_report_dir_never_reuses_a_directory(tmp_path: Path) -> None:
    first, second = new_report_dir(tmp_path), new_report_dir(tmp_path)
    assert first != second and first.is_dir() and second.is_dir()


def test_flatten_keeps_numbers_only() -> None:
    flat = flatten({"a": {"b": 1, "c": [1, 2], "d": True, "e": "x", "f": {"g": 0.5}}})
    assert flat == {"a.b": 1.0, "a.f.g": 0.5}


def test_check_passes_the_default_and_fails_a_degraded_run() -> None:
    assert check(synthetic_report(), THRESHOLDS) == []
    failures = check(synthetic_report(recall5=0.81, fallback=0.2), THRESHOLDS)
    assert [(f.metric, f.kind) for f in failures] == [("retrieval.configured.recall@5", "min"),
                                                      ("answers.fallback_rate", "max")]
    assert "0.81, must be >= 0.95" in str(failures[0])


def test_check_treats_a_missing_metric_of_a_suite_that_ran_as_failure() -> None:
    report = synthetic_report()
    del report["results"]["pii"]["overall"]
    report["results"].pop("answers")
    report["errors"]["answers"] = "FileNotFoundError: dataset missing"
    failures = check(report, THRESHOLDS)
    assert Failure("pii.overall.recall", None, 0.95, "min") in failures
    assert {f.metric for f in failures} == {"pii.overall.recall", "answers.fact_coverage", "answers.fallback_rate"}


def test_check_ignores_suites_that_did_not_run() -> None:
    report = synthetic_report()
    report["results"] = {"retrieval": report["results"]["retrieval"]}
    assert check(report, THRESHOLDS) == []


def test_shipped_thresholds_load(tmp_path: Path) -> None:
    shipped = load_thresholds()
    assert shipped["min"] and all(isinstance(v, float) for v in shipped["min"].values())
    bad = tmp_path / "t.yaml"
    bad.write_text("minimum:\n  a.b: 1\n")
    with pytest.raises(ValueError, match="min"):
        load_thresholds(bad)


def test_compare_flags_regressions_in_the_right_direction(tmp_path: Path) -> None:
    a, b = synthetic_report(), synthetic_report(recall5=0.90, fallback=0.10, p50=45.0)
    rows = {r["metric"]: r for r in compare(a, b, THRESHOLDS)}
    assert rows["retrieval.configured.recall@5"]["regression"]
    assert rows["retrieval.configured.recall@5"]["delta"] == pytest.approx(-0.07)
    assert rows["answers.fallback_rate"]["regression"]
    assert not rows["latency.stages.retrieval_ms.p50_ms"]["regression"]  # +12 % is within the timing noise
    assert not rows["retrieval.n"]["regression"] and rows["retrieval.n"]["delta"] == 0
    improved = {r["metric"]: r for r in compare(b, a, THRESHOLDS)}
    assert not improved["retrieval.configured.recall@5"]["regression"]
    text = render_text(compare(a, b, THRESHOLDS), "A", "B")
    assert "REGRESSION" in text and "answers.fallback_rate" in text
    paths = write_comparison(compare(a, b, THRESHOLDS), tmp_path / "A", tmp_path / "B", tmp_path / "B")
    assert "class='regression'" in paths["html"].read_text() and "retrieval.configured.recall@5" in \
        paths["md"].read_text()


def test_direction_from_name_when_no_threshold() -> None:
    assert direction("answers.lix_median") == -1
    assert direction("answers.flesch_amstad_median") == 1
    assert direction("policy.benign_refusal_rate") == -1
    assert direction("pii.per_type.IBAN.gold") == 0 and direction("answers.n") == 0
    assert direction("policy.confusion.(none).emergency") == 0 and direction("pii.startup_s") == -1


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_limit_spreads_rows_over_the_dataset(tmp_path: Path) -> None:
    data = _write_jsonl(tmp_path / "p.jsonl", [{"i": i} for i in range(10)])
    ctx = Context(settings=Settings(), data={"policy": data}, limit=3)
    assert [r["i"] for r in ctx.rows("policy")] == [0, 3, 6]


def test_a_failing_suite_is_recorded_and_fails_the_check(tmp_path: Path) -> None:
    ctx = Context(settings=Settings(), data={"answers": tmp_path / "missing.jsonl"}, show_progress=False,
                  assistant_factory=lambda settings: pytest.fail("no assistant needed before the data is read"))
    report = run_eval(ctx, ["answers"])
    assert "missing.jsonl does not exist" in report["errors"]["answers"]
    assert [f.metric for f in check(report, THRESHOLDS)] == ["answers.fact_coverage", "answers.fallback_rate"]


class FakeDeployment:
    """The chat endpoint of a deployment whose answers echo one IBAN (a leak) and that redacts PERSON only."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []
        self.limited = 1

    def handler(self, request: httpx.Request) -> httpx.Response:
        if self.limited:
            self.limited -= 1
            return httpx.Response(429, headers={"Retry-After": "0"}, json={"error": {"code": "rate_limited"}})
        body = json.loads(request.content)
        self.bodies.append(body)
        answer = "Ihre IBAN DE89 3704 0044 0532 0130 00 ist notiert." if "IBAN" in body["message"] else "Gern."
        return httpx.Response(200, json={
            "answer": answer, "session_id": body["session_id"] or "s1", "sources": [],
            "guardrail": {"action": "answer", "rule": None}, "redactions": [{"type": "PERSON"}],
            "mode": "extractive", "notice": None, "meta": {"latency_ms": 12.5, "retrieval_ms": 4.0}})


def test_pii_over_http_scores_redactions_and_finds_leaks(tmp_path: Path) -> None:
    from evals.suites import latency_suite, pii_suite

    rows = [{"text": "Ich bin Jan Vogel.", "entities": [{"type": "PERSON", "start": 8, "end": 17}]},
            {"text": "Meine IBAN ist DE89370400440532013000.", "entities": [{"type": "IBAN", "start": 15,
                                                                               "end": 37}]}]
    fake = FakeDeployment()
    client = HttpAssistantClient("http://deployment", client=httpx.Client(
        base_url="http://deployment", transport=httpx.MockTransport(fake.handler)))
    ctx = Context(settings=Settings(), data={"pii": _write_jsonl(tmp_path / "pii.jsonl", rows)},
                  url="http://deployment", client_factory=lambda url: client, show_progress=False)
    result = pii_suite(ctx)
    assert result["per_type"]["PERSON"]["recall"] == 1.0
    assert result["per_type"]["IBAN"]["recall"] == 0.0
    assert result["pipeline"]["leaks_n"] == 1 and result["leaks"][0]["type"] == "IBAN"
    assert [b["session_id"] for b in fake.bodies] == [None, None]  # one fresh session per sentence
    latency = latency_suite(ctx)
    assert latency["turns"] == 2 and latency["stages"]["retrieval_ms"]["p50_ms"] == 4.0


def test_suites_run_in_process_on_the_test_assistant(tmp_path: Path) -> None:
    """answers, multiturn and latency through a real Assistant over tests/data/corpus (keyword retriever)."""
    from tests.fakes import make_test_assistant

    answers = _write_jsonl(tmp_path / "answers.jsonl", [
        {"question": "Was kostet die Hundesteuer?", "expected_ids": ["hundesteuer"], "must_contain": ["120,00"],
         "intent": "kosten", "style": "formal"},
        {"question": "Was kostet der Personalausweis?", "expected_ids": ["personalausweis-beantragen"],
         "must_contain": ["Zaubertrank"], "intent": "kosten", "style": "formal"}])
    multiturn = _write_jsonl(tmp_path / "multiturn.jsonl", [{"turns": [
        {"message": "Ich will meinen Hund anmelden.", "expected_id": "hundesteuer", "must_contain": []},
        {"message": "Was kostet die Hundesteuer?", "expected_id": "hundesteuer", "must_contain": ["120"]}]}])
    retrieval = _write_jsonl(tmp_path / "retrieval.jsonl", [
        {"query": "Hundesteuer zahlen", "expected": ["hundesteuer"], "style": "short"},
        {"query": "Perso verloren", "expected": ["personalausweis-beantragen"], "style": "colloquial"},
        {"query": "Wie beantrage ich Wohngeld?", "expected": ["wohngeld"], "style": "formal"}])
    ctx = Context(settings=Settings(), data={"answers": answers, "multiturn": multiturn, "retrieval": retrieval},
                  show_progress=False, assistant_factory=lambda settings: make_test_assistant())
    report = run_eval(ctx, ["retrieval", "answers", "multiturn", "latency"])
    assert report["errors"] == {}
    results = report["results"]
    configured = results["retrieval"]["configured"]
    assert configured["recall@5"] == pytest.approx(2 / 3) and configured["misses_at_1"] == 1
    assert configured["per_style"]["formal"]["recall@1"] == 0.0
    assert set(results["retrieval"]) == {"n", "configured_method", "configured"}  # no with_methods: no comparison
    assert results["answers"]["n"] == 2 and results["answers"]["fact_coverage"] == 0.5
    assert results["answers"]["misses"][0]["question"] == "Was kostet der Personalausweis?"
    assert results["multiturn"]["turn_accuracy"] == 1.0
    assert results["latency"]["turns"] == 4 and "retrieval_ms" in results["latency"]["stages"]
    assert report["config"]["backend"] == "extractive" and report["config"]["corpus_hash"]


def test_bench_measures_quality_and_speed_side_by_side() -> None:
    from corpus.types import Passage
    from evals import bench, bench_run
    from tests.fakes import StaticRetriever

    passages = [Passage(doc_id=d, title=d, section="Kosten", snippet="", score=1.0) for d in ("a", "b")]
    rows = [{"query": "q1", "expected": ["a"]}, {"query": "q2", "expected": ["b"]}, {"query": "q3",
                                                                                      "expected": ["c"]}]
    ours = bench.bench_retrieval(StaticRetriever(passages), rows)
    assert ours["n"] == 3 and ours["recall@5"] == pytest.approx(2 / 3, abs=1e-4) and ours["mrr"] == pytest.approx(0.5)
    assert ours["p50_ms"] <= ours["p95_ms"] <= ours["p99_ms"] and ours["peak_rss_mb"] > 0
    baseline = {**ours, "recall@5": 1 / 3, "mrr": 0.25, "p50_ms": ours["p50_ms"] * 2 or 1.0}
    ratios = bench.side_by_side(ours, baseline)
    assert ratios["recall@5_ratio"] == 2.0 and ratios["mrr_ratio"] == 2.0
    table = bench_run.render({"results": {"retrieval": ours, "baseline": {**baseline, "what": "stock", "build_s": 1,
                                                                          "rss_growth_mb": 2},
                                          "retrieval_vs_baseline": ratios}})
    assert "retrieval" in table and "ours / baseline: recall@5_ratio 2.0" in table


def test_pii_leak_check_ignores_ordinary_words_of_the_cited_documents() -> None:
    """"Herr Lange" redacted, the answer says "wie lange es dauert" from the document: no leak; an answer that
    repeats a name the documents do not contain is one."""
    from types import SimpleNamespace

    from evals.suites import chat_pii

    doc = SimpleNamespace(title="Bewohnerparkausweis", summary="Parken in der Zone.",
                          body="Wie lange er gilt, steht auf dem Ausweis.")
    answers = {"Herr Lange hat gesagt, ich soll fragen.": "Wie lange er gilt, steht auf dem Ausweis [1].",
               "Ich bin Jan Vogel und frage.": "Hallo Herr Vogel, der Ausweis gilt lange [1]."}
    ctx = SimpleNamespace(
        url=None, assistant=SimpleNamespace(documents={"bewohnerparkausweis": doc}),
        progress=lambda rows, name: rows,
        ask=lambda text: {"answer": answers[text], "redactions": [{"type": "PERSON"}],
                          "sources": [{"id": "bewohnerparkausweis", "snippet": "Parken in der Zone."}]})
    rows = [{"text": "Herr Lange hat gesagt, ich soll fragen.", "entities": [{"type": "PERSON", "start": 5, "end": 10}]},
            {"text": "Ich bin Jan Vogel und frage.", "entities": [{"type": "PERSON", "start": 12, "end": 17}]}]
    result = chat_pii(ctx, rows)
    assert [leak["leaked"] for leak in result["leaks"]] == ["Vogel"]


def test_a_name_counts_as_leaked_only_as_a_whole_word() -> None:
    from evals.suites import _shows

    assert not _shows("Lange", "Sie können eine neue Karte verlangen.")
    assert _shows("Lange", "Herr lange, Ihr Antrag ...")
    assert _shows("Anna-Lena Kühn", "Für Anna-Lena Kühn gilt ...")
    assert _shows("DE89 3704 0044 0532 0130 00", "IBAN de89370400440532013000")  # identifiers: any spacing


def test_citation_validity_of_answered_turns_leaves_out_gate_and_policy_replies() -> None:
    from evals.answers_eval import run_answers_eval

    def reply(answer, sources, action):
        return {"answer": answer, "sources": [{"id": s, "snippet": ""} for s in sources],
                "guardrail": {"action": action, "rule": None}, "meta": {}}

    replies = {"a": reply("Der Pass kostet 70,00 Euro [1].", ["reisepass-beantragen"], "answer"),
               "b": reply("Dazu habe ich keine verlässliche Information.", [], "handoff"),
               "c": reply("Die Gebühr steht in [2].", ["hundesteuer"], "answer")}
    rows = [{"question": q, "expected_ids": [], "must_contain": []} for q in replies]
    result = run_answers_eval(lambda q: replies[q], rows)
    assert result["citation_validity"] == pytest.approx(1 / 3)
    assert result["citation_validity_answered"] == 0.5 and result["answered_rate"] == pytest.approx(2 / 3)
