"""The fitted sentence scorer of the extractive composer: features, selection, arrangement, the shipped weights."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer_scorer import DEFAULT_WEIGHTS, FEATURES, AnswerScorer, Candidate, features
from assistant.extractive import ExtractiveComposer
from assistant.scored_picks import doc_candidates, question_view, select
from assistant.sentence_vectors import SentenceVectors
from corpus.errors import ConfigurationError
from corpus.schema import Document
from corpus.types import Passage
from tests.fakes import HashEmbedder

BODY = """## Überblick

Den Hundesteuerbescheid schickt Ihnen die Stadt nach der Anmeldung.

## Kosten

Für den ersten Hund zahlen Sie 120 Euro im Jahr. Für einen gefährlichen Hund zahlen Sie 800 Euro.

## Unterlagen

Bringen Sie mit:

- den Personalausweis
- die Bescheinigung über die Haftpflichtversicherung
"""


def _scorer(**select_: float) -> AnswerScorer:
    w = {f: 0.0 for f in FEATURES}
    w.update(cosine=4.0, answer_cue=2.0)
    return AnswerScorer(w, -1.0, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), select_ or None)


def test_candidates_keep_sections_positions_and_list_intros():
    cands = doc_candidates(BODY)
    assert [c.section for c in cands][:2] == ["Überblick", "Kosten"]
    items = [c for c in cands if c.is_item]
    assert len(items) == 2 and all(c.lead == "Bringen Sie mit:" for c in items)
    assert items[0].shown.startswith("Bringen Sie mit: den Personalausweis")
    assert [c.index for c in cands] == list(range(len(cands)))


def test_features_have_one_column_per_name_and_see_amounts_asked_for():
    cands = [c for c in doc_candidates(BODY) if c.section == "Kosten"] + [doc_candidates(BODY)[0]]
    vecs = np.eye(len(cands), 8, dtype=np.float32)
    q = question_view(vecs[0], frozenset({"hund"}), ("kosten",), False, None)
    x = features(q, cands, vecs, passage_text=cands[0].text)
    assert x.shape == (3, len(FEATURES))
    col = {f: i for i, f in enumerate(FEATURES)}
    assert x[0, col["cosine"]] == pytest.approx(1.0) and x[0, col["cosine_rank"]] == 1.0
    assert x[0, col["answer_cue"]] == 1.0 and x[2, col["answer_cue"]] == 0.0  # "120 Euro" answers "kosten"
    assert x[0, col["asked_section"]] == 1.0 and x[2, col["asked_section"]] == 0.0
    assert x[0, col["in_passage"]] == 1.0


def test_chosen_keeps_those_close_to_the_best_and_never_nothing():
    s = _scorer(relative=0.5, floor=0.2)
    assert s.chosen(np.array([0.9, 0.5, 0.3, 0.1]), limit=4) == [0, 1]
    assert s.chosen(np.array([0.05, 0.01]), limit=4) == [0]
    assert s.chosen(np.array([0.9, 0.8, 0.85]), limit=2) == [0, 2]


def test_select_leads_with_the_best_unit_and_keeps_a_list_together():
    vectors = SentenceVectors(HashEmbedder())
    cands = doc_candidates(BODY)
    target = next(c for c in cands if "120 Euro" in c.text)
    q = question_view(vectors.passages([target.shown])[0], frozenset(), ("kosten",), False, None)
    out = select(BODY, q, _scorer(relative=0.9, floor=0.5), vectors, "", limit_sentences=3, limit_items=8)
    assert out[0] == (target.text, False)
    item = next(c for c in cands if c.is_item)
    q2 = question_view(vectors.passages([item.shown])[0], frozenset(), ("unterlagen",), False, None)
    out2 = select(BODY, q2, _scorer(relative=0.9, floor=0.5), vectors, "", limit_sentences=1, limit_items=8)
    assert out2[0] == ("Bringen Sie mit:", False)
    assert [t for t, is_item in out2 if is_item] == [c.text for c in cands if c.is_item]  # the whole list


def test_composer_with_the_scorer_quotes_the_best_sentence_first():
    doc = Document(id="hundesteuer", title="Hundesteuer", kind="service", summary="Steuer für Hunde.",
                   stand="2025-01", sources=["https://example.org/hund"], body=BODY)
    vectors = SentenceVectors(HashEmbedder())
    composer = ExtractiveComposer({"hundesteuer": doc}, scorer=_scorer(relative=0.99, floor=0.5), vectors=vectors)
    question = "Für einen gefährlichen Hund zahlen Sie 800 Euro."  # the hash embedder: identical text, cosine 1
    vectors._questions[question] = vectors.passages([question])[0]
    p = Passage(doc_id="hundesteuer", title="Hundesteuer", section="Kosten", snippet="", score=1.0,
                kind="service", url=None, confidence=0.9)
    draft = composer.generate(question, [p])
    assert draft.text.startswith("Für einen gefährlichen Hund zahlen Sie 800 Euro [1].")
    assert composer.warm_up() == len(doc_candidates(BODY))


def test_weights_for_other_features_are_refused(tmp_path):
    path = tmp_path / "w.json"
    path.write_text('{"features": ["cosine"], "coef": [1], "intercept": 0, "mean": [0], "scale": [1]}')
    with pytest.raises(ConfigurationError, match="fit_answer_scorer"):
        AnswerScorer.load(path)


def test_shipped_weights_load_and_say_what_they_were_fitted_on():
    s = AnswerScorer.load(DEFAULT_WEIGHTS)
    assert s.meta.get("embedder") and s.meta.get("questions", 0) > 100
    assert 0 < s.select["relative"] <= 1 and 0 <= s.select["floor"] < 1
