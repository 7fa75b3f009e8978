"""German stopwords for lexical search, plus the filler words citizens put around their actual need.

Kept short on purpose: BM25's IDF already damps frequent words; this list removes words that carry no topic at all
("ich", "wie", "muss", "bitte", "hallo") so they neither match nor dilute the query.
"""

from __future__ import annotations

STOPWORDS: frozenset[str] = frozenset("""
a ab aber alle allem allen aller alles als also am an ander andere anderen anderer anderes auch auf aus bei beim bin
bis bist bitte da dabei dadurch dafür dagegen daher damit danach dann dar daran darauf darf darfst darum das dass
davon dazu dein deine deinem deinen deiner dem den denn der des deshalb dessen dich die dies diese diesem diesen dieser
dieses dir doch dort du durch eigentlich ein eine einem einen einer eines einfach er es etwa etwas euch euer eure für
gegen gibt gibts hab habe haben habt halt hallo hat hatte hätte heute hier hin hinter ich ihm ihn ihnen ihr ihre
ihrem ihren ihrer ihres im immer in ins ist ja jede jedem jeden jeder jedes jemand jetzt kann kannst kein keine
keinem keinen keiner könnte können könnt man manche mal mein meine meinem meinen meiner meines mich mir mit muss
müssen musst möchte möchten nach nein nicht nichts noch nun nur ob oder ohne schon sehr sein seine seinem seinen
seiner sich sie sind so soll sollen sollte sondern sowas um und uns unser unsere unserem unseren unter viel vom von
vor war waren was weil welche welchem welchen welcher welches wenn wer werde werden wie wieder will wir wird wo
wollen würde zu zum zur über danke moin hi hey servus guten tag grüß gott leute na eh ne nen nem ner so'n
mfg lg liebe lieber sehr geehrte geehrter damen herren frage fragen
fürs aufs ans übers ums durchs vors wen wem wessen
""".split())
