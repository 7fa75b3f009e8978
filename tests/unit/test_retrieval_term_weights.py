"""Topical term weights: aspect words spread over many documents' bodies stop choosing the document."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.builder import load_or_build
from retrieval.term_weights import FLOOR, TopicWeights, concentrations, factor


def test_concentration_separates_topic_words_from_aspect_words():
    # chunks: doc 0 = [profile, body, body], doc 1 = [profile, body], doc 2 = [profile, body]
    chunk_doc = [0, 0, 0, 1, 1, 2, 2]
    profile = np.array([True, False, False, True, False, True, False])
    postings = {
        "beglaub": np.array([0, 1, 2, 4]),   # doc 0 is about it (profile), doc 1 mentions it once
        "dau": np.array([2, 4, 6]),          # one body mention in every document, no profile
    }
    conc = concentrations(postings, chunk_doc, profile)
    assert conc["beglaub"] == pytest.approx((3 + 1) / (4 + 2))
    assert conc["dau"] == pytest.approx((0 + 1) / (3 + 2))
    weights = TopicWeights.from_postings(postings, chunk_doc, profile)
    damped = weights.apply({"beglaub": 1.0, "dau": 1.0, "unknown": 0.5})
    assert damped["beglaub"] == 1.0 and damped["unknown"] == 0.5
    assert FLOOR < damped["dau"] < 1.0


def test_numbers_never_pick_the_document_even_where_a_profile_names_them():
    chunk_doc = [0, 0, 1, 1]
    profile = np.array([True, False, True, False])
    postings = {"19": np.array([0, 1]), "fuhrerschein": np.array([0, 1])}  # "Stichtag 19. Januar 2013" in a profile
    weights = TopicWeights.from_postings(postings, chunk_doc, profile)
    damped = weights.apply({"19": 1.0, "fuhrerschein": 1.0})
    assert damped == {"19": FLOOR, "fuhrerschein": 1.0}


def test_factor_is_one_from_full_at_and_floor_at_zero():
    assert factor(0.0) == pytest.approx(FLOOR)
    assert factor(0.4) == 1.0 and factor(0.9) == 1.0
    assert factor(0.0) < factor(0.2) < factor(0.39) < 1.0


def _doc(doc_id: str, title: str, summary: str, keywords: str, body: str) -> str:
    return (f"---\nid: {doc_id}\ntitle: {title}\nkind: service\nsummary: {summary}\nstand: \"2025-01\"\n"
            f"sources: [\"https://www.krefeld.de/{doc_id}\"]\nkeywords: [{keywords}]\n---\n# {title}\n\n{body}\n")


@pytest.fixture(scope="module")
def retriever(tmp_path_factory):
    root: Path = tmp_path_factory.mktemp("aspect")
    docs = {
        "beglaubigung": _doc("beglaubigung", "Beglaubigung", "Die Stadt beglaubigt Kopien von Urkunden.",
                             "Beglaubigung, Kopie beglaubigen",
                             "## Ablauf\n\nBringen Sie das Original und die Kopie mit. Die Beglaubigung erhalten "
                             "Sie sofort.\n\n## Kosten\n\nJede Beglaubigung kostet 5 Euro."),
        "parkausweis": _doc("parkausweis", "Parkausweis für Menschen mit Behinderung", "Parkerleichterung.",
                            "Behindertenparkausweis",
                            "## Bearbeitungszeit\n\nDie Ausstellung dauert lange, etwa 6 Wochen."),
        "wohngeld": _doc("wohngeld", "Wohngeld", "Zuschuss zur Miete.", "Mietzuschuss",
                         "## Bearbeitungszeit\n\nDie Prüfung dauert lange, oft 3 Monate."),
        "hundesteuer": _doc("hundesteuer", "Hundesteuer", "Steuer für Hunde.", "Hundemarke",
                            "## Bearbeitungszeit\n\nDie Anmeldung dauert nicht lange."),
    }
    for name, text in docs.items():
        (root / "corpus" / "services").mkdir(parents=True, exist_ok=True)
        (root / "corpus" / "services" / f"{name}.md").write_text(text, encoding="utf-8")
    return load_or_build(root / "index", root / "corpus", embedder=None, chunk_max_chars=400)


def test_aspect_words_no_longer_pick_the_document(retriever):
    query = "beglaubigung wie lange dauert"
    _, weights = retriever.query_terms(query)
    assert weights["beglaub"] == 1.0
    assert weights["dau"] < 0.7 and weights["lang"] < 0.7
    assert retriever.retrieve(query, top_k=3).passages[0].doc_id == "beglaubigung"
    # Without the damping the two rare aspect words outvote the one service word.
    plain = retriever.with_methods(lexical=True, dense=False, topic_weights=TopicWeights({}))
    assert plain.retrieve(query, top_k=3).passages[0].doc_id != "beglaubigung"


def test_number_words_and_months_weigh_like_digits():
    chunk_doc = [0, 0]
    profile = np.array([True, False])
    postings = {"sech": np.array([0]), "juli": np.array([0]), "schul": np.array([0])}
    weights = TopicWeights.from_postings(postings, chunk_doc, profile, quantity_terms={"sech", "juli"})
    assert weights.apply({"sech": 1.0, "juli": 1.0, "schul": 1.0}) == {"sech": FLOOR, "juli": FLOOR, "schul": 1.0}
