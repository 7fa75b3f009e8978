"""Cue words of the person recognizer, as lower-case token sequences of the blank German tokenizer.

Kept apart from the rules (`person.py`) so that each list can be read and extended on its own; every list says
what a token after (or before) the cue must be to count as a name.
"""

from __future__ import annotations

from guardrails.pii.cues import load_name_parts, load_person_cues

_DATA = load_person_cues()  # guardrails/pii/data/person_cues.yaml: the same cues in the residents' languages

# Strong: the next 1-3 name-like tokens are a name.
STRONG_CUES = (("ich", "heiße"), ("ich", "heisse"), ("ich", "heiß"), ("mein", "name", "ist"),
               ("mein", "name", "lautet"), ("mein", "name", ":"), ("name", ":"), ("vorname", ":"), ("nachname", ":"),
               ("namens",), ("name", "ist"), ("unterschrift", ":"), ("gez.",), ("gezeichnet",),
               ("antragsteller", ":"), ("antragstellerin", ":"), ("ich", ","), ("ich", "bin", "die"),
               ("ich", "bin", "der"), ("bin", "die"), ("bin", "der"), ("hier", "ist", "die"), ("hier", "ist", "der"),
               ("kontoinhaber",), ("kontoinhaberin",), ("inhaber", ":"), ("inhaberin", ":"), ("empfänger", ":"),
               ("absender", ":")) + _DATA["strong"]
# Field labels typed without a colon ("Name Oksana Melnyk", "Nachname ist Przybylski", "geb. Kaczmarek"): the
# next 1-3 name-like tokens, if one of the first two is a listed name or a word the dictionary does not know
# ("Nachname ist Pflicht" is a sentence about the form).
LABEL_CUES = (("name", "lautet"), ("name",), ("vorname",), ("nachname",), ("familienname",), ("geburtsname",),
              ("mädchenname",), ("rufname",), ("zuname",), ("geb.",), ("geb",), ("geborene",), ("geborener",),
              ("verh.",), ("verheiratete",))
# Words between a strong cue and the name.
CUE_FILLERS = frozenset({"der", "die", ":", "-", "–", "herr", "frau", "ist", "lautet", "war", "wäre", "="})
# "der Name Ihres Kindes", "welcher Name": a determiner before a bare "Name" makes it the common noun.
NAME_DETERMINERS = frozenset({"der", "den", "dem", "des", "ein", "einen", "einem", "welcher", "welchen", "dieser",
                              "diesen", "vollständige", "vollständiger", "vollständigen", "richtige", "richtigen",
                              "neue", "neuen", "alte", "alten", "andere", "anderen", "gleiche", "gleichen"})
# Relatives and neighbours are introduced by name: "mein Sohn Leon", "meine Tochter (Olena)".
KINSHIP_CUES = (("sohn",), ("tochter",), ("mann",), ("ehemann",), ("ehefrau",), ("bruder",), ("schwester",),
                ("vater",), ("mutter",), ("kind",), ("enkel",), ("enkelin",), ("partner",), ("partnerin",),
                ("lebensgefährte",), ("lebensgefährtin",), ("freund",), ("freundin",), ("nachbar",),
                ("nachbarin",), ("vermieter",), ("vermieterin",), ("oma",), ("opa",), ("neffe",), ("nichte",),
                ("cousin",), ("cousine",), ("schwager",), ("schwägerin",), ("stiefsohn",), ("stieftochter",),
                ("pflegekind",), ("betreuer",), ("betreuerin",), ("kinder",), ("söhne",), ("töchter",),
                ("enkelkinder",), ("geschwister",), ("zwillinge",))
NOT_AFTER_INTRODUCTION = frozenset({"meinung", "ansicht", "auffassung", "überzeugung", "mutter", "vater",
                                    "tochter", "sohn", "eigentümer", "eigentümerin", "mieter", "mieterin",
                                    "halter", "halterin", "besitzer", "besitzerin", "betreuer", "betreuerin",
                                    "neue", "neuen", "letzte", "erste", "einzige", "einzigen"})
FUNCTION_WORDS = frozenset({"sie", "ihr", "ihre", "ihnen", "ihren", "ihrem", "ihres", "ich", "wir", "der",
                            "die", "das", "und", "oder", "mit", "von", "auch", "es", "er", "ein", "eine"})
SIGNATURE_CUES = (("viele", "grüße"), ("liebe", "grüße"), ("beste", "grüße"), ("freundliche", "grüße"),
                  ("herzliche", "grüße"), ("schöne", "grüße"), ("mit", "freundlichen", "grüßen"),
                  ("mit", "besten", "grüßen"), ("mfg",), ("lg",), ("vg",), ("gruß",), ("grüße",), ("gruss",),
                  ("grüsse",), ("danke", ","), ("cheers",))
# Weak: a listed first name, a word the dictionary does not know ("Svitlana") or two capitalised words.
WEAK_CUES = (("heißt",), ("heisst",), ("heißen",), ("heissen",), ("hieß",), ("ich", "bin"), ("hier", "ist"),
             ("hier", "spricht"), ("hallo",), ("hi",), ("hey",), ("moin",), ("liebe",), ("lieber",), ("servus",),
             ("grüß", "gott"), ("grüss", "gott"), ("grüezi",), ("hallöchen",), ("salut",), ("tach",),
             ("guten", "tag"), ("guten", "morgen"), ("guten", "abend"), ("sehr", "geehrte"),
             ("sehr", "geehrter")) + _DATA["greetings"]
# "I'm", "ik ben", "soy", "ben" (data): as "ich bin", but a single unknown capitalised word is no evidence ("I am German").
FOREIGN_INTRODUCTIONS = _DATA["introductions"]
# Greetings of other languages and their pronouns and function words are never names ("Xin chào", "tôi", "ve").
GREETING_WORDS = frozenset(word for kind in ("greetings", "not_names") for cue in _DATA[kind] for word in cue)
# A relative or neighbour named with the possessive of the language ("my wife", "annem", "moja córka", "mẹ tôi").
RELATIVE_CUES = _DATA["relatives"]
# A role in a form or letter ("Halter", "Mandant", "Verlobte", "Kontakt", "account holder") and what may follow it.
ROLE_CUES = _DATA["roles"]
ROLE_FILLERS = frozenset({":", "ist", "is", "war", "was", "=", "-", "–", "lautet", "heißt", "heisst", "(", "/"})
# "bernd hier nochmal": words that may follow "<name> hier".
AFTER_HIER = _DATA["after_hier"]
# After these a lower-case word the dictionary does not know is a name too ("hier ist tomáš").
INTRODUCTION_CUES = (("hier", "ist"), ("hier", "spricht"))
# Prepositions before a name ("Termin mit Anna", "nach Dragana fragen"): only a listed first name counts,
# because places follow them too ("nach Oppum").
PREPOSITION_CUES = (("mit",), ("und",), ("für",), ("von",), ("an",), ("bei",), ("zu",), ("nach",), ("über",))
# Cues after the name: "Dragan Petrović hier", "Kowalczyk ist mein Name", "Anna Vogel am Apparat".
TRAILING_CUES = (("mein", "name"), ("ist", "mein", "name"), ("hier",), ("am", "apparat"), ("am", "telefon"),
                 ("here",), ("speaking",))
HONORIFICS = frozenset({"herr", "herrn", "frau", "hr.", "fr.", "familie", "fam.", "hrn."})
TITLES = frozenset({"dr.", "prof.", "dipl.-ing.", "dr", "prof", "med.", "rer.", "nat.", "ing."})
POSSESSIVES = frozenset({"meine", "meiner", "meinen", "mein", "seine", "seiner", "ihre", "ihrer", "deine",
                         "unsere", "eure", "die", "der", "eine", "einer", "jede", "keine", "diese", "jener",
                         "welche", "alte", "junge", "ältere", "nette", "liebe"})
PARTICLES = load_name_parts()["particles"]  # guardrails/pii/data/name_parts.yaml
# Before a repeated word that is also a common noun ("den Sommer", "im Sommer") it is the noun.
DETERMINERS = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
                         "im", "am", "zum", "zur", "vom", "beim", "ins", "ans", "diesen", "diesem", "dieser",
                         "letzten", "nächsten", "kommenden", "vergangenen", "jeden", "jedem", "ganzen", "mein",
                         "meinen", "meinem", "unseren", "unserem", "kein", "keinen"})
# Words that are never a name; the city's own name is added from the city profile (PersonRecognizer).
NOT_NAMES = frozenset({"herr", "herrn", "frau", "familie", "stadt", "team", "bürgerbüro", "rathaus",
                       "amt", "damen", "herren", "kollegen", "kolleginnen", "zusammen", "leute", "alle",
                       "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
                       "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
                       "oktober", "november", "dezember", "bürgerservice", "verwaltung", "ausländerbehörde",
                       "straße", "str.", "bitte", "danke", "hallo", "nochmal", "vielen", "dank", "gern", "gerne",
                       "nachricht", "frage", "fragen", "anfrage", "antrag", "termin", "leider", "sorry", "info",
                       "ihr", "euer", "dein", "sachbearbeiter", "sachbearbeiterin", "kundin", "kunde", "bürger",
                       "bürgerin", "krank", "neu", "hier", "wohnhaft", "geboren", "geb.", "geb", "aus", "ok", "okay",
                       "moin", "servus", "hi", "hey", "tach", "salut", "grüezi", "hallöchen", "gott", "name",
                       "vorname", "nachname", "mfg", "lg", "vg", "iban", "bic", "tel", "telefon", "handy", "email",
                       "e-mail", "mail", "plz", "nr", "nr.", "ja", "nein", "hilfe", "guten", "tag", "morgen",
                       "abend", "standesamt", "jobcenter", "finanzamt", "ordnungsamt", "jugendamt", "sozialamt"})
