"""'Ja.'/'Nein.' read from the quoted sentence, and the fitted topic-continuation decision."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.direct_answer import yes_or_no
from assistant.followup import resolve
from assistant.sessions import Session
from assistant.topic_switch import DEFAULT_WEIGHTS, FEATURES, TopicSwitch, TurnView
from corpus.types import Passage, Retrieval


@pytest.mark.parametrize("question, sentence, expected", [
    ("Muss ich mein Auto selbst abmelden?", "Sie müssen das Fahrzeug selbst abmelden.", "Ja"),
    ("Kann ich den Personalausweis online beantragen?", "Den Personalausweis können Sie nicht online beantragen.",
     "Nein"),
    ("Brauche ich einen Termin?", "Sie brauchen keinen Termin.", "Nein"),
    ("Gibt es eine Ermäßigung für Schwerbehinderte?", "Für Schwerbehinderte gibt es eine Ermäßigung.", "Ja"),
    ("Darf ich meinen Hund mitbringen?", "Hunde dürfen nicht in das Gebäude.", "Nein"),
    # not settled by the sentence: no prefix
    ("Kann ich das online machen?", "Sie können das nur persönlich machen.", None),  # a restriction
    ("Muss ich mich ummelden?", "Sie müssen sich ummelden, wenn Sie umziehen.", None),  # a condition
    ("Muss ich nicht zum Amt?", "Sie müssen nicht zum Amt.", None),  # a negated question
    ("Brauche ich einen Termin?", "Die Bürgerbüros haben montags geöffnet.", None),  # another verb
    ("Kann ich bar bezahlen?", "Sie können den Antrag online stellen.", None),  # another matter
    ("Wie lange dauert das?", "Es dauert drei Wochen.", None),  # not a yes/no question
])
def test_yes_or_no_only_when_the_sentence_settles_it(question, sentence, expected):
    assert yes_or_no(question, sentence) == expected


def _view(**kw) -> TurnView:
    base = dict(alone_confidence=0.5, alone_on_topic=False, condensed_confidence=0.5, condensed_on_topic=True,
                dense_topic=0.8, dense_other=0.8, topic_overlap=0.5, new_topic_marker=False, is_followup=False,
                own_topic=True, refers_back=False, words=6)
    return TurnView(**{**base, **kw})


def test_turn_view_row_follows_the_feature_names():
    row = _view(dense_topic=0.9, dense_other=0.7).row()
    assert row.shape == (len(FEATURES),)
    assert row[FEATURES.index("dense_margin")] == pytest.approx(0.2)


def test_topic_switch_probability_moves_with_its_weights(tmp_path):
    coef = np.zeros(len(FEATURES))
    coef[FEATURES.index("dense_margin")] = -5.0  # closer to the topic than to anything else: stay
    model = TopicSwitch(coef, 0.0, np.zeros(len(FEATURES)), np.ones(len(FEATURES)))
    assert model.switches(_view(dense_topic=0.6, dense_other=0.9))
    assert not model.switches(_view(dense_topic=0.9, dense_other=0.6))
    path = tmp_path / "w.json"
    import json
    path.write_text(json.dumps(model.to_json()))
    assert TopicSwitch.load(path).probability(_view()) == pytest.approx(model.probability(_view()))


class _TwoWay:
    """A retriever that finds 'sperrmuell' for the turn alone and the topic for the condensed query."""

    def retrieve(self, query, top_k=5, filters=None):
        doc = "personalausweis" if query.startswith("Personalausweis") else "sperrmuell"
        p = Passage(doc_id=doc, title=doc, section="", snippet="", score=1.0, kind="service", url=None,
                    confidence=0.9)
        return Retrieval(query=query, passages=[p], confident=True, confidence=0.9)

    def dense_doc_scores(self, text, also=None):
        return {"sperrmuell": 0.9, "personalausweis": 0.6}

    def topic_overlap(self, text, doc_id):
        return 0.0


def test_resolve_follows_the_model():
    session = Session(id="s", topic="personalausweis", topic_title="Personalausweis beantragen",
                      history=["Was kostet ein Perso?"], turns=1)
    coef = np.zeros(len(FEATURES))
    coef[FEATURES.index("dense_margin")] = -5.0
    switch = TopicSwitch(coef, 0.0, np.zeros(len(FEATURES)), np.ones(len(FEATURES)))
    assert resolve("Wo melde ich das Sofa an?", session, _TwoWay(), 0.5, switch) == (
        "Wo melde ich das Sofa an?", "Wo melde ich das Sofa an?")
    stay = TopicSwitch(-coef, 0.0, np.zeros(len(FEATURES)), np.ones(len(FEATURES)))
    query, _ = resolve("Wo melde ich das Sofa an?", session, _TwoWay(), 0.5, stay)
    assert query.startswith("Personalausweis beantragen: ")


def test_shipped_topic_switch_weights_load():
    model = TopicSwitch.load(DEFAULT_WEIGHTS)
    assert model.meta.get("embedder") and model.meta.get("turns", 0) > 100
