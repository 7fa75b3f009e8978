"""Every German text a citizen reads that is not a document sentence or a policy reply (those live in
guardrails/policy.yaml). One entry per outcome family: answered, no_information, error_*."""

from __future__ import annotations

CITY_CONTACT = ("Der Bürgerservice der Stadt Krefeld hilft Ihnen gern weiter: Telefon 02151 86-1610 "
                "(Termine und Auskünfte) oder die Zentrale der Stadt unter 02151 86-0. "
                "Bundesweit erreichen Sie Behörden auch unter der Nummer 115.")

MESSAGES: dict[str, str] = {
    # answered
    "answered.more_info": "Mehr dazu finden Sie in den Quellen unten.",
    "answered.ambiguous_intro": "Dazu passen mehrere Themen:",
    "answered.ambiguous_question": "Welches Thema meinen Sie? Fragen Sie gern noch einmal genauer nach.",
    "answered.section_missing": "Zu dieser Frage steht in meinen Unterlagen zu „{title}“ nichts Genaues.",
    "answered.contact": "Zuständig: {responsible}.",
    "answered.general_only": ("Das ist eine allgemeine Auskunft. Verbindlich entscheidet die zuständige Stelle "
                              "über Ihren Fall."),
    # no_information
    "no_information": "Dazu habe ich keine verlässliche Information. " + CITY_CONTACT,
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
    "error_internal": "Leider ist ein Fehler aufgetreten. Bitte versuchen Sie es später noch einmal. " + CITY_CONTACT,
}


def message(key: str, **values: object) -> str:
    """The German text for `key`; a missing key is a programming error and raises KeyError."""
    text = MESSAGES[key]
    return text.format(**values) if values else text
