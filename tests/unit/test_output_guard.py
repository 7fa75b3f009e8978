"""PolicyOutputGuard: PII, system prompt fragments and policy-violating content fail the verdict."""

import pytest

from corpus.types import Draft, Passage
from guardrails.output_guard import PolicyOutputGuard, _quoted
from tests.fakes import RegexRedactor

SYSTEM_PROMPT = ("Du bist der Bürgerassistent der Stadt Krefeld. Antworte nur aus den nummerierten Quellen, "
                 "nenne keine persönlichen Daten und triff keine Entscheidungen im Einzelfall.")
PASSAGE = Passage(doc_id="hundesteuer", title="Hundesteuer", section="Zuständig", score=1.0,
                  snippet="Fachbereich Steuern, steuern@krefeld.de", text="Fachbereich Steuern, steuern@krefeld.de")


@pytest.fixture
def guard():
    return PolicyOutputGuard(RegexRedactor(), system_prompt=SYSTEM_PROMPT)


def check(guard, text):
    return guard.check(Draft(text=text, sources=[PASSAGE]), [PASSAGE])


def test_clean_answer_with_city_numbers_and_public_contact_passes(guard):
    verdict = check(guard, "Die Hundesteuer melden Sie beim Fachbereich Steuern an (steuern@krefeld.de) [1]. "
                           "Fragen beantwortet der Bürgerservice unter 02151 86-1610. Im Notfall: 112.")
    assert verdict.ok, verdict.reasons


def test_placeholder_from_redaction_is_not_pii(guard):
    assert check(guard, "Sie (<EMAIL_ADDRESS>) melden den Hund an [1].").ok


def test_personal_data_fails(guard):
    verdict = check(guard, "Schreiben Sie an erika.muster@gmail.com oder rufen Sie 0171 2345678 an.")
    assert not verdict.ok and "EMAIL_ADDRESS" in verdict.reasons[0] and "PHONE_NUMBER" in verdict.reasons[0]


def test_system_prompt_fragment_fails(guard):
    verdict = check(guard, "Meine Regeln: Antworte nur aus den nummerierten Quellen, nenne keine persönlichen Daten.")
    assert not verdict.ok and "system prompt" in verdict.reasons[0]


@pytest.mark.parametrize("text, reason", [
    ("Ihr Antrag auf Wohngeld wird hiermit bewilligt.", "binding"),
    ("Sie haben definitiv Anspruch auf Bürgergeld.", "binding"),
    ("Wählen Sie am besten die SPD, die ist die beste Partei.", "party"),
    ("Ausländer sind alle kriminell.", "discriminatory"),
])
def test_policy_violations_fail(guard, text, reason):
    verdict = check(guard, text)
    assert not verdict.ok and any(reason in r for r in verdict.reasons)


def test_general_rule_about_entitlement_passes(guard):
    assert check(guard, "Einen Anspruch auf Wohngeld haben Sie, wenn Ihr Einkommen unter der Grenze liegt [1].").ok


def test_ngram_below_three_is_rejected():
    with pytest.raises(ValueError, match="ngram"):
        PolicyOutputGuard(RegexRedactor(), ngram=2)


class SpyRedactor(RegexRedactor):
    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def redact(self, text):
        self.seen.append(text)
        return super().redact(text)


def test_only_text_not_quoted_from_the_passages_is_scanned_for_personal_data():
    quoted = "Für Fragen zur Hundesteuer schreiben Sie an die Sachbearbeitung unter steuern.hunde@krefeld.de."
    passage = Passage(doc_id="hundesteuer", title="Hundesteuer", section="Kontakt", score=1.0, snippet=quoted,
                      text=f"Kontakt. {quoted} Öffnungszeiten nach Vereinbarung.")
    spy = SpyRedactor()
    guard = PolicyOutputGuard(spy)
    ok = guard.check(Draft(text=f"- **{quoted}** [1]", sources=[passage]), [passage])
    assert ok.ok and spy.seen == []  # a verbatim quote of a source is public: nothing to scan

    leak = f"{quoted} [1]\nOder schreiben Sie direkt an erika.muster@gmail.com."
    verdict = guard.check(Draft(text=leak, sources=[passage]), [passage])
    assert not verdict.ok and "EMAIL_ADDRESS" in verdict.reasons[0]
    assert spy.seen == ["Oder schreiben Sie direkt an erika.muster@gmail.com."]


def test_titles_intros_and_the_composers_own_phrases_are_not_scanned():
    intro = "Für den Personalausweis bringen Sie mit:"
    passage = Passage(doc_id="personalausweis", title="Personalausweis beantragen", section="Unterlagen", score=1.0,
                      snippet=intro, text=f"Bürgerbüro\n{intro}\n- Bargeld oder EC-Karte für die Gebühr.")
    spy = SpyRedactor()
    guard = PolicyOutputGuard(spy, templates=["Wenden Sie sich an: {office}.", "Dazu passen mehrere Themen:"])
    answer = ("Dazu passen mehrere Themen:\nPersonalausweis beantragen:\n"
              f"{intro} Bargeld oder EC-Karte für die Gebühr [1].\nWenden Sie sich an: Bürgerbüro [1].")
    assert guard.check(Draft(text=answer, sources=[passage]), [passage]).ok and spy.seen == []

    # A line with anything else is scanned whole, so a cue before a name keeps its context; a template's slot
    # and a short piece that happens to occur in a passage are never taken for public text.
    leak = "Wenden Sie sich an: Frau Erika Mustermann, erika.muster@gmail.com."
    verdict = guard.check(Draft(text=f"{answer}\n{leak}", sources=[passage]), [passage])
    assert not verdict.ok and spy.seen == [leak]
    assert not _quoted("frau mustermann, rathaus.", "\nfrau mustermann wohnt hier. rathaus\n", [])
    assert _quoted("frau mustermann, rathaus.", "\nkontakt\nfrau mustermann\nrathaus\n", [])  # whole lines: fields
    # quotes end at word boundaries: two passages cannot be spliced into a new word
    intro = "\nfür den personalausweis bringen sie mit\n"
    assert not _quoted("für den personalausweis bringen sie mitmachen", intro, [])
