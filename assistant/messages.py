"""Every German text a citizen reads that is not a document sentence or a policy reply (those live in
guardrails/policy.yaml). One entry per outcome family: answered, no_information, error_*."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.city import CityProfile

# The city's own numbers first, then 115: the hand-off wording of the city profile (corpus/city.py).
CITY_CONTACT = "{handoff}"

MESSAGES: dict[str, str] = {
    # answered
    "answered.more_info": "Mehr dazu finden Sie in den Quellen unten.",
    "answered.ambiguous_intro": "Dazu passen mehrere Themen:",
    "answered.ambiguous_question": "Welches Thema meinen Sie? Fragen Sie gern noch einmal genauer nach.",
    "answered.section_missing": "Dazu steht in meinen Unterlagen zu „{title}“ nichts Genaues.",
    # Where to go, in plain words rather than the official "Zuständig:".
    "answered.contact": "Wenden Sie sich an: {responsible}.",
    "answered.general_only": ("Das ist eine allgemeine Auskunft. Verbindlich entscheidet die zuständige Stelle "
                              "über Ihren Fall."),
    "answered.clarify_topic": ("Zu welchem Thema ist Ihre Frage? Schreiben Sie bitte, worum es geht, zum Beispiel "
                               "„Personalausweis“, „Umzug“ oder „Sperrmüll“."),
    # no_information
    "no_information": "Dazu habe ich keine verlässliche Information. " + CITY_CONTACT,
    "no_information.unavailable": ("Ich kann gerade nicht in den Unterlagen der Stadt nachsehen. Bitte versuchen Sie "
                                   "es später noch einmal. " + CITY_CONTACT),
    "handoff": ("Sie möchten mit einem Menschen sprechen? " + CITY_CONTACT),
    # error_* (API and CLI; never carry exception text)
    "error_empty": "Bitte schreiben Sie eine Frage.",
    "error_too_long": "Ihre Nachricht ist zu lang. Bitte fassen Sie sich kürzer (höchstens {limit} Zeichen).",
    "error_too_large": "Die Anfrage ist zu groß.",
    "error_bad_json": "Die Anfrage konnte nicht gelesen werden. Bitte senden Sie gültiges JSON.",
    "error_media_type": "Bitte senden Sie die Anfrage als JSON (Content-Type: application/json).",
    "error_validation": "Die Anfrage ist unvollständig oder fehlerhaft: {detail}",
    "error_rate_limited": "Sie haben gerade sehr viele Anfragen gestellt. Bitte warten Sie kurz.",
    "error_not_found": "Diese Seite oder dieser Eintrag wurde nicht gefunden.",
    "error_unauthorized": "Für diesen Bereich ist ein gültiger Zugangsschlüssel nötig.",
    "error_unavailable": "Der Assistent startet gerade oder ist kurz nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.",
    "error_feedback_unavailable": ("Ihre Rückmeldung konnte gerade nicht gespeichert werden. Bitte versuchen Sie es "
                                   "in ein paar Minuten noch einmal."),
    "error_internal": "Leider ist ein Fehler passiert. Bitte versuchen Sie es später noch einmal. " + CITY_CONTACT,
    "error_request_timeout": ("Ihre Anfrage ist nicht vollständig angekommen. Bitte versuchen Sie es noch "
                              "einmal."),
    "error_session_not_found": ("Ihr Gespräch ist abgelaufen oder unbekannt. Bitte stellen Sie Ihre Frage noch "
                                "einmal, dann beginnt ein neues Gespräch."),
    "error_method_not_allowed": "Diese Art der Anfrage wird hier nicht unterstützt.",
    "error_bad_request": "Die Anfrage konnte nicht bearbeitet werden.",
    "error_bad_input": "Die Nachricht konnte nicht verarbeitet werden. Bitte formulieren Sie sie anders.",
    "error_not_json_object": "Die Anfrage muss ein JSON-Objekt sein.",
    "error_field_missing": "„{field}“ fehlt",
    "error_field_too_long": "„{field}“ ist zu lang",
    "error_field_type": "„{field}“ hat das falsche Format",
    "error_field_choice": "„{field}“ hat keinen erlaubten Wert",
    "error_field_range": "„{field}“ liegt außerhalb des erlaubten Bereichs",
    "error_field_invalid": "„{field}“ ist ungültig",
    "error_no_user_message": "Die letzte Nachricht muss eine Nutzernachricht (role „user“) mit Text sein.",
    # OpenAI endpoint: the streamed LLM answer stopped at a sentence that failed the checks; what came before passed
    "answer_continued": "Weiter mit den Angaben aus den Unterlagen der Stadt:",
    "sources_heading": "Quellen:",
}


def message(key: str, **values: object) -> str:
    """The German text for `key`, naming the configured city (corpus.city.current_profile); a missing key is a
    programming error and raises KeyError."""
    from corpus.city import current_profile

    text = current_profile().render(MESSAGES[key])
    return text.format(**values) if values else text


def rendered_texts(city: "CityProfile | None" = None) -> list[str]:
    """Every fixed text as the citizen reads it (`city`, default the configured one, filled in; other placeholders
    left), for the output guard, which treats the assistant's own phrases as public."""
    from corpus.city import current_profile

    return [(city or current_profile()).render(t) for t in MESSAGES.values()]
