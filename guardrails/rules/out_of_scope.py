"""Out of scope: weather, sport, recipes, code, jokes and other questions that are no matter for the city."""

from __future__ import annotations

from guardrails.rules.fragments import W, _L, _c

PATTERN = _c(
    r"(scheint|regnet|schneit|gewittert)" + W + r"(morgen|heute|wochenende|die sonne)", r"die sonne scheint",
    r"wie viele tore|tore geschossen", r"wie lange muss" + W + r"(kochen|backen|garen)", r"debug", r"(mein|meinen) code",
    r"wer war (der|die) (erste|erfinder|beruehmteste)", r"wie hoch ist der (berg|mount|turm|eiffelturm)",
    r"wie spaet ist es in", r"was bedeutet das (englische |franzoesische )?wort", r"kalorien", r"magst du",
    r"unterhalte dich mit mir", r"(beste|gute|neue) (serie|filme?|buch)",
    # shopping words start a word: "Handyhüllen verkaufen" is a trade (Gewerbe), not shopping advice
    r"(iphone|smartphone|handy|playstation|spielkonsole|laptop)" + W + _L + r"(kaufen|kostet|preis|empfehl|besser|"
    r"vergleich|modell|reparier)", _L + r"(kostet|kosten|preis|kaufen|kaufe)" + W + r"(iphone|smartphone|playstation|"
    r"spielkonsole|laptop)",
    r"(soll|sollte) ich (mir )?(ein|einen|eine)" + W + _L + r"kaufen", r"lustig",
    _L + r"(urlaub|reise|hotel|flug)\w*(tipp|ziel)",
    r"something funny", r"world cup", r"pasta",
    _L + r"wetter(?!auer)", r"regnet es", r"(wird es|gibt es) (morgen |heute |am wochenende )?(regen|schnee|gewitter)",
    r"(grad|temperatur)" + W + r"(morgen|heute|wochenende)", r"weather", r"forecast",
    r"bundesliga", r"champions league", r"(spiel|match)" + W + r"(gewonnen|verloren|ausgegangen|ergebnis)",
    r"wer hat" + W + r"(gewonnen|das spiel|die meisterschaft)", r"(fussball|handball|eishockey)" + W +
    r"(ergebnis|tabelle|spielplan|gewonnen|verloren|transfer)", r"tabellenplatz",
    r"(pinguine|kfc|uerdingen)" + W + r"(gewonnen|verloren|gespielt|spielen|ergebnis|tabelle|aufstellung)",
    r"who won", r"score of the", r"(football|soccer|basketball)" + W + r"(match|game|score|result|won|lost|league|"
    r"table)",
    r"rezept (fuer|von)", r"(wie|was) (koche|backe|mache|esse) ich" + W + r"(essen|kuchen|pizza|lasagne|nudeln|suppe|"
    r"abendessen|mittag|heute)", r"(kochen|backen)" + W + r"(kuchen|pizza|lasagne|nudeln|brot|kekse|suppe)",
    _L + r"(zutaten|recipe|cook|bake)", r"(abendessen|mittagessen)" + W + r"(idee|vorschlag|was)",
    _L + r"(python|javascript|typescript|java|c\+\+|sql|html|css|php|rust|golang|regex|excel-?formel|"
    r"powershell|bash-?skript)(?![a-z])", r"(programmier|codes? schreib|schreib\w*" + W + r"(code|skript|programm|funktion))",
    r"(write|fix|debug)" + W + r"(code|script|function|program)",
    r"(witz|witze|joke)", r"gedicht", r"(liedtext|songtext|schreib" + W + r"(lied|song|geschichte|aufsatz|rap))",
    r"(erzaehl|erzaehle)" + W + r"(geschichte|maerchen)", r"(poem|story|song) (about|for)",
    r"wie geht'?\s?(es|s) (dir|ihnen|euch)", r"(wie|was) (ist|sind) (dein|deine) (lieblings|hobby)", r"lieblings(farbe|essen|film)",
    r"langweilig", r"how are you", r"(hauptstadt|capital) (von|of)", r"(wer|wann) (hat|wurde)" + W +
    r"(erfunden|entdeckt|komponiert|gemalt)", r"relativitaetstheorie|quantenphysik|photosynthese|"
    r"schwarze(s)? loch|urknall",
    r"(hausaufgabe|homework|mathe(?![a-z])|mathematik|wurzel aus|integral|gleichung loesen)",
    r"(aktien|bitcoin|krypto|boerse|crypto)", _L + r"(film|serie|netflix|kinoprogramm|movie)" + W +
    r"(empfehl|tipp|gucken|schauen|recommend)", r"(sinn des lebens|meaning of life)",
    _L + r"(urlaub|urlaubsziel|reiseziel|hotel|flug)(?![a-z])" + W + r"(empfehl|tipp|buchen|guenstig)")
