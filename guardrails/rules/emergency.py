"""Emergency: a life in danger now (fire, gas, unconsciousness, stroke signs, an attack or break-in under way)."""

from __future__ import annotations

import re

from guardrails.rules.fragments import S, W, _L, _c, _compile

_PEOPLE = (r"(mann|frau|vater|mutter|kind|sohn|tochter|oma|opa|person|jemand|nachbar\w*|kollege|kollegin|"
           r"freund\w*|baby|patient\w*|(?<![a-z])er |(?<![a-z])sie )")
# Stroke signs (face, speech, one arm or leg): two of them, or one that came on suddenly, are an emergency.
_STROKE = (r"((gesicht\w*|mundwinkel|mund)" + W + r"(haengt|haengen|herab|runter|schief|gelaehmt|verzogen)|"
           r"(spricht|redet|sprache|sprechen|reden|worte|woerter)" + W + r"(verwaschen|undeutlich|lallend|wirr|"
           r"durcheinander|unverstaendlich|komisch|seltsam|merkwuerdig|nicht (mehr )?(raus|richtig))|lallt|"
           r"(kann|konnte) (\w+ ){0,2}(nicht|kaum) (mehr )?(richtig |deutlich |klar )?(sprechen|reden)|"
           r"findet" + W + r"(worte|woerter) nicht|"
           r"(arm|bein|hand|koerperhaelfte|seite)" + W + r"(schwach|schlaff|kraftlos|taub|gelaehmt|"
           r"nicht (mehr )?(heben|bewegen|halten|spueren))|(kann|konnte) (\w+ ){0,2}(nicht|kaum) (mehr )?(gerade |richtig )?"
           r"(gehen|stehen|laufen|sehen)|(starke|heftige|extreme|schlimmste)\w* kopfschmerz\w*|"
           r"(face|mouth|smile)( \w+)? (drooping|droopy|sagging|lopsided|crooked|strange|weird|odd|numb|frozen|"
           r"paraly[sz]ed)|slurr\w*|(speech|words?)( is| are)? "
           r"(garbled|jumbled)|can'?t (speak|talk) (properly|clearly|right)|(numb|weak|limp|dead) (arm|leg|hand)|"
           r"(arm|leg|hand) (is |feels |went |goes )?(numb|weak|limp|dead)|(can'?t|cannot|unable to) (lift|raise|move) "
           r"(his|her|their|my) ((right|left) )?(arm|leg))")
_SUDDEN = r"(ploetzlich|auf einmal|von jetzt auf gleich|seit (eben|vorhin|gerade|ein paar minuten|einer stunde)|suddenly)"
_NOW = r"(gerade|grade|jetzt|in diesem moment|soeben|im moment|right now|currently)"

PATTERN = _c(
    _PEOPLE + W + r"(umgefallen|reagiert nicht|wacht nicht (mehr )?auf|atmet (ganz |sehr )?(schwer|kaum)|"
    r"blau (im gesicht|an)|keine luft)", r"bekommt keine luft", r"qualm", _L + r"flammen",
    r"feuer" + W + r"(ausgebrochen|im haus|in der wohnung|in unserem|im keller)",
    r"(messer|pistole|waffe)" + W + r"(droht|bedroht|angreift|sticht|zieht)",
    r"(?<!ich )(will|droht|versucht|wollte) (mich|uns) (zu )?(umbringen|umzubringen|toeten|abstechen|erschiessen)",
    r"droht" + W + r"(umzubringen|zu toeten|abzustechen|zu erschiessen)",
    r"(wurde|werde|bin|wurden) (gerade|eben|soeben) (ueberfallen|angegriffen|ausgeraubt|niedergestochen|vergewaltigt)",
    r"(schlaegt|schlagen|pruegeln|treten)" + W + r"zusammen", r"unfall" + W + r"(verletzt|blutet|tot|eingeklemmt)",
    r"(kind|baby|sohn|tochter|hund)" + W + r"(getrunken|verschluckt|gegessen)" + W +
    r"(putzmittel|reiniger|gift|tabletten|batterie|lampenoel|medikament)",
    r"(putzmittel|reiniger|batterie|lampenoel|gift)" + W + r"(getrunken|verschluckt|gegessen)",
    r"(schmerzen in der brust|brustschmerzen|brustenge)", r"(baby|kind) kommt (jetzt|gleich)|fruchtblase",
    r"(teich|wasser|rhein|see|kanal|becken|pool) gefallen", r"gasleitung" + W + r"(zischt|kaputt|leck|undicht)",
    r"(taeter|einbrecher|jemand|fremder)" + W + r"(noch im haus|noch in der wohnung|noch da|in (unserer|meiner) wohnung)",
    r"collapsed", r"smoke (is )?coming", r"on fire", r"fire in (my|our|the)", r"threaten\w*" + W + r"(knife|gun)",
    r"swallowed", r"(is|are) (unconscious|not moving|not responding)",
    r"es brennt", r"brennt" + W + r"(jetzt|gerade|lichterloh|bei (uns|mir))", r"in flammen", r"steht in brand",
    _L + r"rauch(?![a-z])" + W + r"(kommt|dringt|quillt|ueberall|aus (dem|der))", r"(riecht|stinkt)" + W + r"nach gas",
    r"gasgeruch", r"gas ?leck",
    r"bewusstlos", r"ohnmaechtig", r"atmet nicht", r"(keine|kaum) (atmung|luft mehr|puls)", r"nicht (mehr )?ansprechbar",
    r"(hat|habe|bekommt|kriegt) (gerade |eben |wohl |vermutlich )?(einen )?(herzinfarkt|schlaganfall)",
    r"(herzinfarkt|schlaganfall)" + W + r"(gerade|jetzt|akut)", r"herzstillstand", r"reanim",
    r"blutet" + W + r"(stark|sehr|viel|hoert nicht)", r"(starke|viel) blut", r"krampfanfall", r"krampft",
    _PEOPLE + W + r"(zusammengebrochen|umgekippt|kollabiert)", r"liegt" + W + r"regungslos",
    _PEOPLE + W + r"liegt" + W + r"(am|auf dem) boden", r"ueberdosis",
    r"(hat|haben)" + W + r"(verschluckt|giftig|tabletten geschluckt)", r"vergiftet", r"ertrinkt",
    r"(ich werde|wir werden|werde ich|werden wir)" + W + r"(angegriffen|verpruegelt|geschlagen|bedroht|"
    r"verfolgt|erstochen)",
    r"(wird|werden)" + W + r"(gerade|jetzt|in diesem moment)" + W + r"(angegriffen|verpruegelt|geschlagen|"
    r"bedroht|erstochen)",
    r"(schlaegt|pruegelt|wuergt) (mich|meine|meinen|uns|das kind|die kinder|gerade|jetzt)",
    r"bedroht" + W + r"(mit|messer|waffe|pistole)", r"(messer|waffe|pistole)" + W + r"bedroh",
    r"(einbrecher|einbruch)" + W + r"(gerade|jetzt|ist noch|sind noch|noch im|noch in)",
    r"bricht" + W + r"(gerade|jetzt)" + W + r"ein", r"(notarzt|krankenwagen|rettungswagen)" + W + r"schicken",
    r"(brauche|brauchen) (sofort |dringend |schnell )?(einen )?(notarzt|krankenwagen|rettungswagen)",
    r"(ruf|rufen sie|ruft)\s+(sofort |schnell |bitte )*(einen |den |die )?(notarzt|krankenwagen|"
    r"rettungswagen|polizei|feuerwehr)", r"(amok|schuesse|schiesserei|geiselnahme)",
    r"(bombe|sprengsatz)" + W + r"(gelegt|explodiert|deponiert|hochgehen)|bombendrohung",
    r"unconscious", r"not breathing", r"heart attack", r"(is|am|are) bleeding", r"house is on fire",
    r"there is a fire", r"smell(s)? (of )?gas", r"(being|been) attacked", r"call (an )?ambulance",
    r"someone is breaking in", r"(he|she|someone) (is )?(hitting|stabbing|choking)", r"overdos",
    # stroke told in plain words: two signs, or one that came on suddenly
    _STROKE + S + _STROKE, _SUDDEN + W + _STROKE, _STROKE + W + _SUDDEN,
    r"(face|mouth|smile)( is| was| looks)? (drooping|droopy|sagging|lopsided)|"
    r"(can'?t|cannot|unable to) (lift|raise|move) (his|her|their|my) ((right|left) )?(arm|leg)",
    # a break-in under way
    _NOW + W + r"(bricht|brechen|steigt|steigen|klettert|klettern|dringt|dringen)" + W + r"(ein|rein|herein)(?![a-z])",
    r"(bricht|brechen|steigt|steigen|klettert|klettern|dringt|dringen)" + W + _NOW + W + r"(ein|rein|herein)(?![a-z])",
    _NOW + W + r"(einzubrechen|aufzubrechen|aufzuhebeln|"
    r"einzusteigen|einzudringen|eingedrungen|eingestiegen|eingebrochen)",
    r"(eingebrochen|eingedrungen|eingestiegen|einbrecher|eindringling|taeter)" + W + r"(noch|immer noch) (drin|drinnen|"
    r"da(?![a-z])|im haus|in der wohnung|im keller|oben|unten)",
    r"(einbrecher|eindringling)\w* (ist|sind|steht|stehen|schleicht|schleichen|laeuft|laufen|steigt|steigen|"
    r"klettert|klettern|versucht|versuchen)|(hoere|hoeren|sehe|sehen|ist|sind) (\w+ ){0,2}(einbrecher|eindringling)",
    r"(versucht|versuchen|probiert|probieren)" + W + r"(tuer|fenster|schloss|keller|terrasse|balkon|garage|haus|"
    r"wohnung)\w*" + W + r"(aufzu|einzu)(brechen|hebeln|treten|steigen|knacken|druecken|dringen)",
    r"(is|are|'s|'re) (currently |now |right now )?(trying to )?break(ing)? in(to)?(?![a-z])",
    r"(there'?s|there is|there are|i hear|i can hear|i see) (an? )?(intruder|burglar)",
    r"(someone|somebody|a man|men|a stranger|strangers|a guy|guys|people|burglars?|intruders?) (is |are )?(climbing|"
    r"breaking|getting|forcing (his|their) way|crawling) (in|into|through)(?![a-z])",
    r"just (broke|broken|got) in(to)?(?![a-z])|(is|are|'s|'re) still (in|inside) (the|my|our) (house|home|apartment|"
    r"flat|building)",
    r"(someone|somebody|a stranger|a man|men) (is |are )?(in|inside) (my|our) (house|home|apartment|flat|room)",
    # an overdose or poisoning described, not named
    r"(took|taken|swallowed|popped|downed|ate)( \w+){0,2} (too many|too much|a lot of|a bunch of|a handful of|"
    r"a whole \w+ of|a (bottle|box|pack|packet) of|all (of )?(his|her|my|their|the))" + W + r"(pills|tablets|meds|"
    r"medication|medicine|painkillers|drugs|heroin|fentanyl|insulin|sleeping)",
    r"(?<![a-z])od'e?d(?![a-z])|(?<![a-z])o\.d\.",
    r"(he|she|they|baby|child|son|daughter|husband|wife|mum|mom|dad|friend|roommate|partner)( \w+)? (won'?t|wont|"
    r"will not|doesn'?t|does not|isn'?t|is not) (wake|waking)( \w+)? up|(can'?t|cannot) wake (him|her|them) up",
    r"(barely|hardly|stopped|isn'?t|is not) breathing",
    r"nicht (mehr )?wach (zu )?(kriegen|bekommen)|(kriege|bekomme|kriegen|bekommen) (ihn|sie|es) nicht (mehr )?wach",
    r"wacht nicht (mehr |wieder )+auf", r"(wird|werden) nicht (mehr |wieder )?wach(?![a-z])",
    r"(tabletten|pillen|medikament|schlaftabletten|schlafmittel|drogen|putzmittel|reiniger|gift)\w*" + W +
    r"(geschluckt|verschluckt|getrunken)",
    r"(zu viele|eine ganze|die ganze|alle|mehrere|eine handvoll|viel zu viele) (\w+ ){0,2}(tabletten|pillen|medikamente|"
    r"schlaftabletten|schlafmittel|drogen)\w*" + W + r"(genommen|eingenommen|geschluckt)")

# A burglar "in the house" is an emergency unless the message tells of the past ("letzte Woche waren Einbrecher im Haus").
_PAST = _compile(r"(?<![a-z])(waren|war|wurde|wurden|letzte[nrs]?|gestern|vorgestern|vorige[nrs]?|damals|neulich|"
                   r"vor (\w+ )?(tagen|wochen|monaten|jahren)|last (night|week|month|year)|yesterday|ago)(?![a-z])")
GUARDED: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ((_c(
    r"(einbrecher|eindringling)\w* (im|in der|in unserem|in unserer|in meinem|in meiner|bei uns|bei mir|unten|oben)",
    r"(burglar|intruder)s? (in|inside|downstairs|upstairs)"), _PAST),)
