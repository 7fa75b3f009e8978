"""What search and answering make of the placeholders `PresidioRedactor` leaves in a message (<PERSON_1>, <IBAN_1>).

A citizen who introduces herself ("Mein Name ist <PERSON_1>, ich wohne <ADDRESS_1> in Krefeld. Wie melde ich
meinen Hund an?") asks about the dog, not about names or addresses; left in, "Name", "wohne" and the placeholder
words pull the search towards the pages about marriage names and registering an address. The placeholder with the
words that introduce it goes; a placeholder in the middle of a question ("Wo finde ich <TAX_ID_1>?") leaves
only itself.
"""

from __future__ import annotations

import re

PLACEHOLDER = r"<[A-Z][A-Z_]*_\d+>"
_INTRO = re.compile(
    r"(?i)\b(mein name ist|mein name lautet|ich hei(ß|ss)e|ich bin (die |der )?|hier ist|hier spricht|"
    r"ich wohne( in der| in dem| im| in| an der| am)?|wohnhaft( in der| in| im)?|meine (adresse|anschrift|iban|"
    r"telefonnummer|handynummer|nummer|e-?mail(-adresse)?|steuer-?id|versichertennummer|kontonummer)( ist| lautet)?:?|"
    r"(geb\.|geboren am|geburtsdatum:?)|(name|adresse|anschrift|tel\.?|telefon|e-?mail|iban):)?\s*"
    + PLACEHOLDER + r"(\s*(,|und)?\s*" + PLACEHOLDER + r")*")
_SPACES = re.compile(r"[ \t]{2,}")


def for_search(text: str) -> str:
    """`text` without its placeholders and the words that only introduce them."""
    stripped = _INTRO.sub(" ", text)
    stripped = re.sub(r"\s+([,.;:!?])", r"\1", _SPACES.sub(" ", stripped))
    stripped = re.sub(r"[,;:]+([.!?])", r"\1", stripped)
    return re.sub(r"^[\s,.;:]+", "", stripped).strip() or text
