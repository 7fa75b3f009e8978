"""Trigger patterns of the policy rules, over folded text (lower case, ä→ae, ß→ss; see guardrails/normalize.py).

German builds compounds, so a pattern is a stem matched anywhere unless it says otherwise: "selbstmord" also finds
"Selbstmordgedanken", "bombe" finds "Bombendrohung". A `\\b` word boundary would miss those (the flaw GOV.UK Chat's
forbidden-terms check has). Where a short stem would match inside unrelated words, `_L` demands that no letter
precedes it ("(?<![a-z])wetter" keeps "Unwetter" out; "(?<![a-z])kaufen" keeps "Handyhüllen verkaufen" out).
`W` bridges a few words within one sentence, `S` a sentence or two.

Patterns state the general shape of a request (an instruction verb near an instruction noun, a group word near a
hostile demand, two stroke signs, a farewell), not remembered messages; the exemplar similarity in
guardrails/classifier.py catches paraphrases. Some warning signs only count without an everyday reason anywhere in the
message (`GUARDED_PATTERNS`: a farewell before a move, burglars last week). `SERVICE_REQUEST` and `PROCEDURE_REQUEST`
recognise questions about a city service, which the classifier keeps from being refused as off-topic.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as _sre, _parser  # the stdlib's own regex parser; private, stable since Python 3.11

_L = r"(?<![a-z])"
W = r"[^.?!\n]{0,60}?"  # a few words, inside one sentence

_GROUPS = (r"(auslaender|fluechtling|migrant|asylant|asylbewerber|muslim|moslem|islam|jude|juden|juedisch|tuerke|"
           r"tuerkin|tuerken|araber|roma|sinti|afrikaner|schwarze|schwule|lesbe|homo|transperson|trans |queer|"
           r"behinderte|rollstuhlfahrer|auslaendische|polen|rumaenen|bulgaren|russen|ukrainer|syrer|kopftuch|frauen|"
           r"immigrant|foreigner|refugee|muslims|jews|blacks|gays|disabled|women)")
_PEOPLE = (r"(mann|frau|vater|mutter|kind|sohn|tochter|oma|opa|person|jemand|nachbar\w*|kollege|kollegin|"
           r"freund\w*|baby|patient\w*|(?<![a-z])er |(?<![a-z])sie )")
_PARTIES = r"(cdu|csu|spd|afd|gruenen?|fdp|linken?|bsw|volt|freie waehler|die partei)"
_POLITICIANS = (r"(oberbuergermeister|buergermeister|(?<=der |den |dem )ob(?![a-z])|kanzler|minister|ministerpraesident|stadtrat|ratsmitglied|"
                r"politiker|landrat|bundesregierung|landesregierung|regierung|mayor|chancellor|government)")
S = r"[^\n]{0,120}?"  # across a sentence or two of the same message

_NOISE = r"(?![^.?!\n]{0,60}(laerm|krach|laut|musik|baustelle|glocken|wecker|nachbar|noise|loud))"
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
# Own-case marker for requests to decide: "mir", "meine Tochter", "in meiner Situation".
_OWN = r"(mir|uns|mich|mein\w*|unser\w*|ich|wir)(?![a-z])"
# What a citizen may ask to "get" without asking for a decision: an appointment, a receipt, the post.
_PROCESS_OBJECT = (r"(?![^.?!\n]{0,40}(termin|auskunft|info|unterlagen|formular|nachweis|bescheinigung|bestaetigung|"
                   r"erinnerung|quittung|nachricht|e-?mail|post|antwort|kopie|steuer-?id|reisepass|kinderreisepass|"
                   r"personalausweis|brief|benachrichtigung|sms|anruf|rueckruf|rechnung|beleg|ausdruck|"
                   r"appointment|answer|reply|confirmation|receipt|letter|call|copy|notification|reminder))")
# Bringing medicines on a journey, into the country or to a disposal point is no medical advice.
_NOT_LOGISTICS = r"(?![^.?!\n]*(mitbring|mitnehm|entsorg|abgeb|einfuehr|einreise|zoll|handgepaeck|urlaub|reise))"
_DRUGS = (r"(ibuprofen|paracetamol|aspirin|diclofenac|voltaren|novalgin|metamizol|tramadol|tilidin|codein|antibiotik\w*|"
          r"penicillin|amoxicillin|cortison|kortison|insulin|blutverduenner|antidepressiv\w*|johanniskraut|"
          r"schlaftablette\w*|beruhigungsmittel|melatonin|schmerzmittel|schmerztablette\w*|tabletten|pillen|pille|"
          r"medikament\w*|arznei\w*|tropfen|globuli|hustensaft|nasenspray)")
# Private legal disputes (employment, family, tenancy) and a request for what to do in them.
_DISPUTE = (r"(kuendigung|gekuendigt|abmahnung(?![^.?!\n]*(park|knoellchen|strafzettel))|abgemahnt|rausgeworfen|"
            r"rausgeschmissen|entlassen|fristlos|sorgerecht|umgangsrecht|scheidung|erbstreit|raeumungsklage|"
            r"mieterhoehung|nebenkostenabrechnung|kaution|abfindung|aufhebungsvertrag|strafbefehl|vorladung|"
            r"arbeitsgericht)")
_ASK_ADVICE = (r"(was (soll|sollte|kann) ich (\w+ ){0,4}(tun|machen|unternehmen)|was mache ich|was tun(?![a-z])|"
               r"wie (soll|sollte|kann) ich (\w+ ){0,3}(reagieren|vorgehen|wehren)|wie reagiere ich|wie wehre ich|"
               r"wie gehe ich (\w+ )?vor|was raten sie|was raetst du|was empfehlen sie|wie gewinne ich|was nun|was jetzt|"
               r"(ist|war) (das|die|sie|es) (\w+ )?(rechtens|wirksam|gueltig|erlaubt|zulaessig))")
# Singular and plural group words for demands about who may serve, teach or sit next to whom.
_GROUP_WORD = (r"(behindert\w*|muslim\w*|moslem\w*|islam\w*|auslaender\w*|tuerk\w*|araber\w*|jude[n]?|juedin|"
               r"juedisch\w*|fluechtling\w*|gefluechtet\w*|asyl\w*|migrant\w*|schwarze[rn]?|schwul\w*|lesbisch\w*|"
               r"roma|sinti|afrikaner\w*|kopftuch\w*|immigrant\w*|foreigner\w*|refugee\w*|black|gay|jew\w*|arab|arabs)(?![a-z])")
_STAFF = (r"(sachbearbeiter|mitarbeiter|berater|beamt|ansprechpartner|bearbeiter|betreuer|erzieher|lehrer|arzt|aerzt|"
          r"jemand|person|clerk|caseworker|case worker|staff|officer|employee|someone|somebody|teacher|doctor)\w*")
_PLACE = r"(schule|kita|kindergarten|klasse|gruppe|verein|schwimmbad|spielplatz|school|class|daycare|nursery|playground)"
_EXCLUDE = (r"(fernhalten|fernzuhalten|raushalten|rauszuhalten|ausschliessen|auszuschliessen|ausgeschlossen|aussperren|"
            r"rauswerfen|rauszuwerfen|rausschmeissen|verbannen|nicht (aufnehmen|aufgenommen|zulassen|zugelassen|"
            r"reinlassen)|keep \w+ out|kick\w* out|exclude|ban(?![a-z]))")
_GRANNY = r"(oma|omi|grossmutter|grossmama|opa|grossvater|grandma|granny|grandmother|grandpa|grandfather|nana)"
_READ_ALOUD = (r"(vorgelesen|vorlesen|vorzulesen|vorlas|vorliest|aufgesagt|aufsagen|read (me|to me|us|them)|"
               r"used to (read|recite|tell)|recite)")
_INTERNALS = (r"(anweisung|instruktion|prompt|vorgabe|konfiguration|programmierung|systemnachricht|instructions|directives|"
              r"system message|configuration|lizenz|license|product key|schluessel|passw)")


def _c(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


RULE_PATTERNS: dict[str, re.Pattern[str]] = {
    "emergency": _c(
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
        r"schlaftabletten|schlafmittel|drogen)\w*" + W + r"(genommen|eingenommen|geschluckt)"),
    "crisis": _c(
        r"(mir|mich)" + W + r"(das leben (zu )?nehmen|umzubringen|zu toeten)", r"bringe? (ich )?mich" + W + r"um(?![a-z])",
        r"ans sterben", r"abschiedsbrief", r"(waere|bin) (ich )?(lieber |am liebsten )?tot", r"am liebsten (waere ich )?tot",
        r"(niemand|keiner) (wuerde|wird) mich vermissen", r"(besser|leichter) ohne mich", r"(allen|anderen) (nur )?(eine )?last",
        r"wenn ich nicht mehr (da|hier) (waere|bin)", r"(dass|will) alles aufhoert", r"ich kann nicht mehr\s*([.,!]|$)",
        r"tabletten gesammelt", r"weiterleben", r"(heute nacht|heute abend|bald|morgen) mache ich schluss",
        r"(bruecke|dach|hochhaus|zug)" + W + r"(springen|springe|werfen)",
        r"(will|moechte|wuensche mir|wollte)( \w+){0,3} sterben",
        r"(don't|do not) want to live", r"ending it( all)?", r"better off without me", r"end it all",
        r"selbstmord", r"suizid", r"suicid", r"freitod", r"lebensmuede",
        r"(mich|mir|uns)( \w+){0,2} (umbringen|toeten|erhaengen|das leben nehmen|was antun|etwas antun)",
        r"(wozu|warum|wofuer) (noch|ueberhaupt) (leben|weiterleben)",
        r"(mich|ich) (selbst )?(ritze|ritzen|schneide mich|verletze mich)", _L + r"ritz(e|en)?( \w+){0,2} mich", r"selbstverletz", r"ritze mich",
        r"(nicht|nie) mehr (leben|aufwachen|da sein)", r"(will|moechte|wuensche mir|wollte) (nur noch )?sterben",
        r"(mein leben|das leben|alles) (hat|macht|ergibt) (doch |einfach |gar |ueberhaupt )*keinen sinn",
        r"leben (ist )?(ohne sinn|sinnlos)", r"(keinen|kein) (ausweg|grund zu leben)",
        r"(schluss|ende) (machen|setzen)" + W + r"(leben|allem)", r"(allem|meinem leben) ein ende",
        r"(springe|springen)" + W + r"(bruecke|dach|hochhaus|zug|vor den zug)",
        r"(alle |ganze )?(tabletten|pillen)" + W + r"(nehmen|schlucken)" + W + r"(damit|um|dann|endlich)",
        r"will nicht mehr leben", r"ich will nicht mehr\s*[.!]*$",
        r"kill myself", r"end (it all|my life)", r"want to die", r"self[- ]?harm", r"hurt(ing)? myself",
        r"no reason to live", r"cut(ting)? myself",
        # never waking up, a lethal amount: crisis even when it reads like a question about a dose
        r"(nicht|nich|nie|niemals) (mehr |wieder )+auf(zu)?wach" + _NOISE, r"fuer immer (ein)?(zu)?schlafen" + _NOISE,
        r"einschlafen (\w+ ){0,2}(nie|nicht|nich) (mehr|wieder)" + _NOISE,
        r"(nicht|nich|nie|niemals) (mehr |wieder )+wach (zu )?(werden|werde)" + _NOISE,
        _DRUGS + W + r"(um zu sterben|zu sterben|zum sterben|tot (zu )?sein|nicht (mehr|wieder) (auf|wach))",
        r"(\d{2,}|viele|alle|zig|eine ganze packung|die ganze packung|eine packung|ganze packungen)( \w+){0,2} " +
        _DRUGS + W + r"(auf einmal|aufeinmal|gleichzeitig|sterben|tot(?![a-z])|toedlich|umbringen)",
        r"(does|would|will) it take to (die|not wake|never wake|end it)",
        _DRUGS + W + r"(damit|dass|bis|um) (es|alles) (endlich )?(vorbei|aus|zu ende)",
        r"(toedlich\w*|letal\w*) (dosis|menge)|(dosis|menge)\w*" + W + r"(toedlich|letal)|ab (wann|welche\w*( \w+)?)" + W +
        r"toedlich",
        r"(never|not|no longer) (to )?wake up" + _NOISE, r"(sleep|fall asleep) (forever|and never)",
        r"(lethal|fatal|deadly) (dose|amount|quantity)", r"how (many|much)" + W + r"(to die|to kill|would kill|is lethal|"
        r"is fatal|to overdose)",
        # self-harm
        r"(schneid|ritz|kratz|schnitz|verbrenn)\w* (ich )?(mich|mir)" + W +
        r"(arm|handgelenk|bein|haut|oberschenkel|pulsader|blut|auf(?![a-z]))",
        _L + r"(ich|mir|mich)" + W + r"(arm|handgelenk|pulsader|oberschenkel)\w*" + W + r"(aufgeschnitten|aufschneiden|"
        r"aufgeritzt|aufritzen|geritzt|ritze|ritzen|geschnitten|eingeschnitten|schneide|schneiden)",
        r"(?<![a-z])(tue|tu) (ich )?mir (\w+ ){0,2}(weh|gewalt an|schmerzen an)(?![a-z])",
        r"(?<![a-z])(schlage|schlag|haue|hau) (ich )?mir (\w+ ){0,4}(auf |an |gegen )?(den |die |das )?"
        r"(kopf|gesicht|arme|beine|wand)",
        r"(rasierklinge|klinge|scherbe)n?" + W + r"(mir|mich|ritz|schneid|weh|verletz)|(mir|mich)" + W +
        r"(rasierklinge|klinge|scherbe)",
        r"mir (selbst|selber) (\w+ )?(weh ?(zu)?tun|wehgetan|schmerzen zu|gewalt an)",
        r"(verletze|verbrenne|schlage|verstuemmle)\w* (ich )?mich (\w+ ){0,2}(selbst|selber|absichtlich|mit (einer |einem )?"
        r"(klinge|rasierklinge|messer|scherbe|zigarette|feuerzeug))",
        r"(cut|cutting|burn|burning|hurt|hurting|harm|harming|scratch|scratching|punish|punishing|starve|starving)(s|ed)? "
        r"myself", r"(cut|cutting|slit|slitting|burn|burning)(s|ed)? (my )?(arms?|wrists?|legs?|thighs?|skin)",
        r"(halte|halt|ertrage|ertrag) (es|das( alles)?|alles|mein leben|das leben|dieses leben) (\w+ )?nicht mehr( aus)?"
        r"(?![a-z])(?![^.?!\n]*(laerm|krach|gestank|geruch|baustelle|hitze|musik|nachbar|mit dem|mit der|mit den))",
        r"can'?t (take (it|this) any ?more|go on(?! with))"),
    "injection": _c(
        r"(vergiss|ignorier)\w*" + W + r"(alles|was man dir|was dir|was du)" + W + r"(gesagt|gelernt|vorgegeben|bekommen)",
        r"hoer nur noch auf mich",
        r"(deine|die) (alten |bisherigen |urspruenglichen )?(regeln|anweisungen|vorgaben|richtlinien)" + W +
        r"(gelten nicht|nicht mehr|aufgehoben|ausser kraft|deaktiviert|brechen|vergessen|ignorieren|umgehen)",
        r"(regeln|sicherheitsregeln|filter|richtlinien|schutzmechanismen)" + W + r"(aufgehoben|deaktiviert|abgeschaltet|"
        r"ausser kraft)", r"(du bist|you are) (kein|keine|nicht mehr|no longer)" + W + r"(mehr|assistent|assistant|bot)",
        r"(antworte|sprich|verhalte dich|benimm dich|reagiere) (ab jetzt |ab sofort |von nun an |nur noch )?(als|wie) "
        r"(ein|eine|der|die|dein)",
        r"(gib|zeig|nenn|schreib)\w*" + W + r"(text|anweisungen|vorgaben|instruktionen|regeln)" + W +
        r"(konfiguriert|programmiert|bekommen|erhalten|vorgegeben|eingestellt|vor diesem gespraech)",
        r"(dein|deinen|deinem|your) (system ?)?prompt", r"(ueber|oberhalb) (dieser|der) (zeile|nachricht)",
        r"system ?update" + W + r"(regeln|aufgehoben|deaktiviert|sicherheit)",
        r"(tu|tue|mach|folge|befolge|fuehre)\w*" + W + r"(was darin steht|was dort steht|befehle\w* darin|"
        r"anweisung\w* darin|darin enthaltene)",
        r"(ki|ai|chatbot|assistent\w*|sprachmodell|bot)(?![a-z])" + W + r"(ignorier|vergiss|missacht)",
        r"(schreib|sag|behaupte|erklaer)\w* (in deiner antwort|jedem|allen (nutzern|buergern))",
        r"(beende|verlasse|vergiss|vergessen sie|verlassen sie)" + W + r"(die|deine|ihre) rolle", r"(du hast|in dem du|wo du) keine (vorschriften|regeln|grenzen|"
        r"einschraenkungen|filter)", r"umgeh\w*" + W + r"(schutz|sicherheit|filter|sperre|grenzen|moral|ethik)",
        r"ich bin (dein|der|ein|eine|die) (entwickler|programmierer|admin|administrator|schoepfer|ersteller|chef|betreiber)",
        r"(schalte|schalt|mach|stell|setz)\w*" + W + r"(filter|regeln|sicherheitsregeln|schutz|zensur|richtlinien|"
        r"einschraenkungen)" + W + r"(aus|ab|weg)(?![a-z])",
        r"(text|anweisungen|befehle|prompt|regeln)" + W + r"(mit dem|mit denen|womit) (du|sie) (gestartet|initialisiert|"
        r"konfiguriert|eingerichtet|programmiert) (wurdest|wurden|worden)",
        r"(regeln|anweisungen|vorgaben|instruktionen) (hat|haben) (dir|ihnen) (die stadt|jemand|man|der betreiber|die "
        r"entwickler)" + W + r"(mitgegeben|gegeben|vorgegeben|aufgetragen|einprogrammiert)",
        r"(liste|gib|zitier|nenn)\w*" + W + r"(woertlich|wort fuer wort|im wortlaut|verbatim)",
        r"(regeln|richtlinien|vorgaben|anweisungen)" + W + r"(zu )?(brechen|vergessen|ignorieren|umgehen)",
        r"unrestricted", r"hidden instructions", r"instructions you (received|were given|got)", r"new orders", r"obey",
        r"(ignorier|vergiss|vergessen sie|missacht|uebergeh|verwirf|ueberschreib|umgeh|deaktivier|hebe)" + W +
        r"(anweisung|instruktion|regel|vorgabe|befehl|richtlinie|prompt|einschraenkung|beschraenkung|filter|"
        r"sicherheits|anordnung|programmierung)",
        r"(ignore|disregard|forget|override|bypass|skip)" + W + r"(instruction|rule|prompt|guideline|directive|"
        r"restriction|filter|above|previous|prior|safety)",
        r"(neue|geaenderte|aktualisierte) (anweisung|instruktion|regel|rolle|systemanweisung)" + W + r"[:]",
        r"new (instructions|rules|role|system prompt)", r"(anweisungen|instructions)\s*:\s*(du|you|ab|from)",
        _L + r"dan" + r"(?![a-z])" + W + r"(modus|mode|bist|prompt|jetzt|now)", r"(du bist|you are|spiel|play)" + W + _L + r"dan(?![a-z])",
        r"do anything now", r"jailbreak", r"(entwickler|developer|dev|debug|admin|god|gott|root|wartungs)[ -]?"
                                          r"(modus|mode|zugang|access|rechte|override)",
        r"(du bist|you are) (jetzt|nun|ab sofort|ab jetzt|now|from now on|no longer)",
        r"(ab jetzt|ab sofort|von nun an|from now on)" + W + r"(bist du|antwortest du|you are|you will|you must|"
        r"du musst|sollst du|verhaeltst du)",
        r"(tu|tue|tun sie) so,? als( ob)?", r"stell dir vor,? (du bist|du waerst|dass du)", r"pretend (you|to be)",
        _L + r"act as", r"(roleplay|rollenspiel)", r"(spiel|spiele|uebernimm|uebernehme|schluepf\w*)\s+(in )?(die|eine) rolle (von|des|der|eines|einer)",
        r"(antwort|sprich|rede|schreib|agier|handle|handel|verhalte|reagier)\w*" + W + r"(ohne|frei von)" + W +
        r"(einschraenkung|filter|zensur|regeln|richtlinien|beschraenkung|grenzen)", r"(keine|ohne) (zensur|filter)",
        r"(du hast|you have) (jetzt |nun |now )?(keine|no) (regeln|rules|restrictions|einschraenkungen|grenzen|limits)",
        r"without (any )?(restrictions|filters|censorship|guidelines)", r"no (restrictions|filters|censorship)", r"(uncensored|unzensiert|unfiltered|ungefiltert)",
        r"^\s*\[?(system|sys|admin|administrator|developer|assistant|root)\s*\]?\s*[:>]",
        r"[\n.!?]\s*\[?(system|sys|admin|developer|root)\s*\]?\s*:", r"\[(system|inst|admin|sys)\]",
        r"<\|?\s*(system|im_start|im_end|endoftext)", r"#{2,}\s*(system|instruction|anweisung)",
        r"system override", r"sicherheitsprotokoll\w*" + W + r"(deaktiv|aus|abschalt|aufgehoben)",
        r"(was (steht|stand|stehen|standen)|wie (lautet|lautete|lauten|lauteten)) (in )?(deiner|deinen|deinem|deine|der|die)"
        r" (ersten?|urspruenglichen?|geheimen?|internen?|versteckten?)\s?(anweisung|instruktion|vorgabe|systemnachricht|"
        r"konfiguration|nachricht|programmierung)",
        r"(zeig|nenn|gib|verrat|wiederhol|druck|schreib|gebe|teile?|kopier|sag)" + W +
        r"(system ?prompt|systemanweisung|deine? ((komplette|gesamte|ganze|vollstaendige|aktuelle|interne|geheime)n? )?(anweisungen|instruktionen|regeln|vorgaben|konfiguration|"
        r"richtlinien|einstellungen|programmierung)|ersten? (nachricht|anweisung)|(text|alles|was) (oben|ueber diesem|davor))",
        r"(show|print|reveal|repeat|output|tell|give|display|leak|dump)" + W + r"(system prompt|your (instructions|"
        r"rules|prompt|guidelines|configuration|initial)|initial (prompt|instructions)|text above|everything above)",
        r"(wurde dir|hat man dir|wurden dir)" + W + r"(vorgegeben|aufgetragen|gesagt|einprogrammiert|befohlen)",
        r"hast du" + W + r"(anweisungen|instruktionen|regeln bekommen|vorgaben bekommen)",
        r"(wie lautet|was steht in|was ist) dein (system ?prompt|prompt|anweisung)", r"what (are|were) your (instructions|rules)",
        r"system ?prompt",
        r"(dekodier|decodier|entschluessel|decode|uebersetz)" + W + r"(base ?64|hex|rot ?13|binaer|binary)" + W +
        r"(fuehr|befolg|mach|tu|execute|follow|do|run|antworte|answer)",
        r"(base ?64|rot ?13|hex)" + W + r"(ausfuehren|befolgen|execute|follow|instruction|anweisung)",
        r"(hinweis|anweisung|nachricht|note|message|instruction)s? (an|fuer|to|for) (die |den |das |the )?"
        r"(ki|ai|bot|assistent(en|in)?|assistant|sprachmodell|chatbot|llm|modell|model)(?![a-z])",
        r"(an|fuer|to) (die |den |das |the )?(ki|ai|bot|assistent(en|in)?|assistant|sprachmodell|chatbot|llm)\s*:",
        r"(wenn|falls) (du|sie) (das|dies|diese nachricht) (liest|lesen)", r"if you are (an? )?(ai|llm|language model|assistant)",
        r"(falls|wenn) du (eine |ein )?(ki|ai|sprachmodell|bot|chatbot) bist",
        r"if you('re| are) reading this",
        # the grandmother trick: a dead relative who "used to read me" the instructions, keys or passwords
        _GRANNY + S + _READ_ALOUD + S + _INTERNALS, _GRANNY + S + _INTERNALS + S + _READ_ALOUD,
        r"(deine|ihre|your) (\w+ ){0,2}(anweisungen|instruktionen|vorgaben|systemanweisungen|instructions|prompt|"
        r"konfiguration|programmierung)" + W + r"(vor(?![a-z])|vorlesen|vorgelesen|vorzulesen|aufsagen|rezitieren|"
        r"preisgeben|verraten|read (out|aloud)|recite)",
        # a story or poem in which an AI reveals its hidden instructions
        r"(ki|ai|bot|chatbot|assistent\w*|assistant|sprachmodell|modell|model|llm|du|dein\w*|your|its|seine[nmr]?|"
        r"ihre[nmr]?)(?![a-z])" + W + r"(geheim|versteckt|verborgen|intern|hidden|secret|internal|confidential)\w* "
        r"(system)?(anweisung|instruktion|vorgabe|regeln|prompt|instructions|directives|rules|guidelines)",
        r"(bot|chatbot|ki|ai|assistent\w*|assistant|sprachmodell|llm)(?![a-z])" + W + r"(seine|ihre|its|their|her|his) "
        r"(\w+ )?" + _INTERNALS,
        r"(seine|ihre|deine|its|your) (\w+ ){0,2}" + _INTERNALS + r"\w*" + W + r"(vorliest|vorlesen|vorgelesen|verraet|"
        r"verraten|preisgibt|ausplaudert|aufsagt|enthuellt|reveals|recites|leaks)",
        r"(verraet|verraten|preisgibt|ausplaudert|ausplaudern|enthuellt|enthuellen|offenlegt|offenbart|reveals?|"
        r"revealing|leaks?|leaking|recites?|discloses?|spills?)" + W + r"(seine|ihre|its|his|her|their) (\w+ )?"
        r"(anweisungen|instruktionen|vorgaben|systemprompt|prompt|programmierung|instructions|prompt|rules|guidelines)"),
    "discrimination": _c(
        r"(zu viele|so viele)" + W + _GROUPS, r"(dafuer sorgen|verhindern|verhindere)" + W + r"(keine|weniger)" + W + _GROUPS,
        r"(gehoeren|gehoert) nicht (zu|nach) deutschland",
        r"(will|moechte|darf ich)" + W + r"nur (fuer|an) (deutsche|weisse|biodeutsche)",
        # "ohne ... für Migranten" names who an offer is for, not whom to keep out
        r"ohne ((?!fuer |for )\w+ ){0,3}(mit )?(migrationshintergrund|auslaender|migranten|kopftuch)",
        _GROUPS + W + r"(sollten|sollen) (nicht|keine|kein)(?![a-z])", r"(frauen|maenner) koennen (einfach |halt |eben |eh )*nicht",
        r"(aussortier|sortier\w* aus|benachteilig|bevorzug|rausfilter)" + W + _GROUPS,
        r"(" + _GROUPS + r"|mit kopftuch|auslaendisch\w* namen)" + W + r"(aussortier|sortier\w* aus|ablehnen|benachteilig|"
        r"rausfilter|meiden)", r"(keine|nicht)" + W + r"(mit kopftuch|mit migrationshintergrund|auslaendisch\w* (namen|herkunft))",
        _GROUPS + W + r"(klauen|stehlen|betruegen|luegen)", r"(bekommen|kriegen) (alles|alle) geschenkt",
        r"(avoid|refuse|not) (renting|hiring|serving)" + W + _GROUPS,
        _GROUPS + r"\w*\s+raus(?![a-z])",
        _GROUPS + W + r"(sollte|sollten|muessen|muss|gehoeren|gehoert)" + W + r"(abgeschoben|raus(?![a-z])|weg(?![a-z])|"
        r"wegsperren|einsperren|abschieben|"
        r"ausgewiesen|eingesperrt|verboten|vergast|nicht hierher|nicht nach deutschland|in ihr land)",
        r"(alle|endlich|sofort)" + W + _GROUPS + W + r"(abschieben|ausweisen|rausschmeissen|rauswerfen|loswerden|"
        r"einsperren|vergasen|ausrotten)",
        _GROUPS + W + r"(sind|ist|waren|seien)" + W + r"(kriminell|faul|dumm|schmarotzer|parasiten|gesindel|pack|"
        r"abschaum|minderwertig|untermenschen|asozial|dreckig|primitiv|weniger wert|nicht integrierbar|gefaehrlich|"
        r"krank|schuld)(?![a-z])",
        _GROUPS + W + r"(are|is) (all |just |so )?(criminal|lazy|stupid|inferior|dirty|dangerous|parasites)",
        _GROUPS + W + r"should (leave|be deported|go back|not be allowed)",
        r"(keine|nur an|nur fuer|nicht an|niemals an)" + W + r"(auslaender|muslime|tuerken|araber|schwarze|migranten|"
        r"fluechtlinge|kopftuch|behinderte|auslaendische|roma|juden|schwule)" + W + r"(vermiet|einstell|bedien|"
        r"vergeb|aufnehm|zulass|mieter|beschaeftig)",
        r"(nur|bloss) (an )?(deutsche|biodeutsche|weisse)" + W + r"(vermiet|einstell|vergeb|aufnehm|nachbarn|mieter|"
        r"kinder in|schule|kita)",
        r"(vermeide|verhindere|verhindern) (ich|wir|man),? dass" + W + _GROUPS,
        r"(witz|witze|joke|jokes)" + W + r"(ueber|about)" + W + _GROUPS,
        _L + r"(zigeuner|neger|kanake|kanaken|schlitzauge|kuemmeltuerk|musel|kopftuchmaedchen|asylant|"
        r"transe|transen|schwuchtel|spast(?!i)|mongo(?![a-z])|untermensch|bimbo|nigger|faggot|tranny|retard(ed)?(?![a-z]))",
        r"(frauen|maenner)" + W + r"(gehoeren|sollen|sollten)" + W + r"(kueche|herd|zu hause|nicht arbeiten|"
        r"nicht waehlen)",
        r"(welche|welcher)" + W + r"(nationalitaet|herkunft|religion|rasse|volk)" + W + r"(kriminell|schlimmst|"
        r"dummst|faulst|schlechtest)",
        # who may serve me: a clerk "who is not a Muslim", "not by a Turk"
        _STAFF + W + r"(kein|keine|keinen|nicht|not|isn'?t|no)( (ein|eine|einen|a|an))? (\w+ )?" + _GROUP_WORD,
        r"(kein|keine|keinen|keiner|nicht|no|not a|not an)(?![a-z]) (\w+ )?(schwarz|auslaendisch|tuerkisch|muslimisch|"
        r"arabisch|juedisch|afrikanisch|schwul|migrantisch|black|muslim|foreign|arab|jewish|gay|turkish|african|asian|"
        r"asiatisch)\w* (\w+ )?" + _STAFF,
        r"(don'?t|do not|never) want (a |an |any )?(foreigner|muslim|moslem|black|immigrant|refugee|jew|arab|gay|turk)\w*",
        r"(refuse|reject|turn away|exclude|ban|deny|not (accept|admit|allow))( \w+){0,2} (refugee|immigrant|migrant|muslim|"
        r"foreign|black|jewish|arab|gay|disabled)\w*",
        r"(verhinder|vermeid)\w*,? (dass|das)" + W + _GROUP_WORD.replace("(?![a-z])", "") + W + r"(in (die|den|das|unsere|"
        r"unser|meine|mein|der)(?![a-z])|kommen|ziehen|wohnen|einziehen|aufgenommen|zugelassen|dazukommen)",
        r"(will|moechte|wuensche|verlange|bestehe auf|want|need|request|prefer|only)( \w+){0,3} (einen |eine |a |an )?"
        r"(deutsche[nrm]?|biodeutsche[nrm]?|weisse[nrm]?|christliche[nrm]?|white|christian|native german)( \w+)? " + _STAFF,
        r"(nicht|nie|ungern|not|never|don'?t)(?![a-z])" + W + r"(von|bei|by) (einem |einer |a |an )?(\w+ )?" +
        _GROUP_WORD + W +
        r"(bedient|beraten|betreut|bearbeitet|behandelt|unterrichtet|handled|processed|served|treated)",
        r"(nicht|nie|niemals|bloss nicht|ungern|not|never) (von|bei|mit|by|from) "
        r"(einem |einer |einen |dem |der |den |a |an )?"
        r"(\w+ )?" + _GROUP_WORD + W + r"(bedient|beraten|betreut|bearbeitet|behandelt|unterrichtet|untersucht|"
        r"served|helped|treated|advised|seen)",
        r"(nur|bloss|only) (von |bei |by )?(einem |einer |a )?(deutsch|biodeutsch|christ|weiss|white|german)\w* "
        r"(\w+ )?(bedient|beraten|betreut|bearbeitet|behandelt|served|helped|treated)",
        # keeping children of a group out of a school, a Kita, a class
        _GROUP_WORD.replace("(?![a-z])", "") + W + _PLACE + W + _EXCLUDE,
        _GROUP_WORD.replace("(?![a-z])", "") + W + _EXCLUDE + W + _PLACE,
        _EXCLUDE + W + _GROUP_WORD.replace("(?![a-z])", "") + W + _PLACE,
        r"(keine|kein|keinen) (\w+ ){0,1}" + _GROUP_WORD.replace("(?![a-z])", "") + W + r"(aufnehmen|zulassen|reinlassen|"
        r"in (die|der|unsere|unserer|meine|meiner|unser|mein) " + _PLACE + r")",
        r"(dafuer sorgen|sorgen sie dafuer|sorgst du dafuer|verhinder\w*|vermeid\w*)" + W + r"(dass|das)" + W +
        _GROUP_WORD.replace("(?![a-z])", "") + W + r"(nicht|nie|keine|kein|weg|raus)(?![a-z])",
        r"(keep|kick|ban|bar|exclude|remove)\w* (the |all )?" + _GROUP_WORD.replace("(?![a-z])", "") +
        r"( \w+)? (out|away|from)(?![a-z])",
        r"(halte|halten|haelt|haltet)" + W + _GROUP_WORD.replace("(?![a-z])", "") + W + r"(fern|raus|draussen)(?![a-z])",
        r"(schliesse|sperre|grenze) (ich|wir|man)" + W + _GROUP_WORD.replace("(?![a-z])", "") + W +
        r"aus\s*([.?!,]|$)",
        r"ohne (\w+ )?(fluechtling|gefluechtet|asyl|auslaend|muslim|tuerk|araber|roma|refugee|immigrant|muslim)\w*kinder"),
    "individual_decision": _c(
        r"(durchgeht|durchkommt)", r"reicht (das|es|mein\w*|unser\w*)" + W + r"(fuer|um)" + W +
        r"(wohngeld|buergergeld|anspruch|zuschuss|kinderzuschlag|einbuergerung|grundsicherung|elterngeld|leistung)",
        r"bin ich (berechtigt|anspruchsberechtigt|antragsberechtigt|leistungsberechtigt)",
        r"(wird|werden) (die stadt|das amt|die behoerde|man)" + W + r"(mein|meinen|meine)" + W +
        r"(annehmen|genehmigen|bewilligen|ablehnen|akzeptieren|verlaengern)",
        r"ob (ich|wir|mein|meine)" + W + r"(bekomme|bekommen|kriege|erhalte|erhalten|bewilligt|genehmigt|zusteht|"
        r"durchgeht|verlaengert)",
        r"(mein|meine|meinem|meinen)" + W + r"(richtig|falsch|korrekt|rechtmaessig) (gerechnet|berechnet|entschieden|"
        r"festgesetzt)", r"(berechne|berechnen sie|rechne)\w*" + W + r"(mein|meine|meinen|unser)",
        r"(wird|werde|wuerde|werden) (mein|meine|unser|unsere)" + W + r"(verlaengert|anerkannt|erteilt|gewaehrt|"
        r"stattgegeben|zurueckgezahlt|erlassen)",
        r"(ist|war) (das|dieses)" + W + r"(bescheid|bussgeld|knoellchen|strafzettel|ablehnung|gebuehr)" + W +
        r"(rechtens|rechtmaessig|korrekt|richtig|falsch|gueltig|berechtigt)",
        r"will my" + W + r"(extended|accepted|approved|renewed)", r"tell me if my",
        # "Kriege ich den Ausweis gleich mit?" asks how fast the process is, not whether a case is granted.
        r"(^|[.?!,;:]\s*)(bekomme|bekommen|kriege|krieg|kriegen|erhalte|erhalten) (ich|wir)"
        r"(?![^.?!]{0,60}\b(gleich|sofort|direkt|umgehend|am (selben|gleichen) tag|noch heute|vor ort)\b)"
        r"(?! (auch |noch |dann |da )?(einen? |eine |die |den |das )?"
        r"(termin|auskunft|hilfe|info|informationen|unterlagen|formular|nachweis|bescheinigung|bestaetigung|"
        r"erinnerung|quittung|nachricht|e-?mail|post|antwort|kopie|beratung))" + _PROCESS_OBJECT,
        r"(^|[.?!,;:]\s*)(wird|werde|wuerde|werden) (mein|meine|ich|wir|unser|unsere)" + W + r"(genehmigt|bewilligt|"
        r"abgelehnt|angenommen|zugelassen|eingebuergert|abgeschoben|bekommen|erhalten|durchkommen|akzeptiert|"
        r"bestehen|aufgenommen|zugeteilt|befreit|anerkannt)",
        r"(steht|stehen) (mir|uns)" + W + r" zu(?![a-z])", r"(habe|haben|hab) (ich|wir)" + W + r"anspruch",
        r"(hat|haben) (mein|meine|unser|unsere)\w* (\w+ ){0,2}anspruch",
        r"(ist|war|sind) (mein|meine|der|die|dieser|diese|unser)" + W + r"(bescheid|bussgeld|knoellchen|strafzettel|"
        r"ablehnung|kuendigung|gebuehrenbescheid|steuerbescheid|festsetzung)" + W + r"(rechtens|rechtmaessig|korrekt|"
        r"richtig|falsch|gueltig|ungueltig|zulaessig|berechtigt)",
        r"(genehmige|bewillige|entscheide|bestaetige|erteile|gewaehre)(?![a-z])" + W + r"(mir|meinen|meine|uns)",
        r"(kannst|koennen|koenntest) (du|sie)" + W + r"(genehmigen|bewilligen|entscheiden|freigeben|erteilen|"
        r"zusagen)", r"(meine|unsere) chancen",
        r"(wie ?viel|wie hoch)(?! kost)[^.?!\n]{0,30}?(bekomme|kriege|erhalte|steht mir|waere mein|ist mein|wird mein|"
        r"bekommen wir)", r"(reicht|genuegt) (mein|unser) (einkommen|gehalt|verdienst|rente)",
        r"(am i|are we) eligible", r"(?<!how )(?<!where )(?<!when )do i (qualify|get)(?![a-z])" + _PROCESS_OBJECT,
        r"will (my|i)" + W + r"(approved|granted|rejected|get|receive)(?![a-z])" + _PROCESS_OBJECT,
        r"(approve|grant) my", r"is my" + W + r"(decision|fine|notice|assessment)" + W + r"(legal|correct|valid|lawful)",
        # waive, defer or reduce my fee
        r"(erlass|stund|ermaessig|reduzier|streich)\w* (sie|du|ihr) (mir|uns)(?![a-z])",
        r"(koennen|koennten|kannst|koenntest|wuerden|wuerdest|kann|koennte|will|wollen|wird) (sie|du|ihr|die stadt|das amt|"
        r"man)" + W +
        r"(mir|uns|mich|meine[nmr]?|unsere[nmr]?)(?![a-z])" + W + r"(erlassen|stunden|ermaessigen|reduzieren|streichen|"
        r"erstatten|zurueckerstatten|verzichten|befreien|nachlassen|senken)",
        r"(wird|werden|wuerde|wuerden|kann|koennte|koennen) (mir|uns)" + W + r"(erlassen|gestundet|ermaessigt|erstattet|"
        r"zurueckerstattet|gestrichen|reduziert|nachgelassen|genehmigt|bewilligt|erteilt|gewaehrt|zugesprochen|"
        r"anerkannt|verlaengert)(?![a-z])",
        r"(bin ich|sind wir|waere ich|waeren wir) (\w+ ){0,4}(befreit|gebuehrenbefreit|beitragsbefreit)",
        r"(ich )?bitte (sie )?um (einen |eine |den |die )?(erlass|stundung|ermaessigung|befreiung|nachlass)",
        r"(sie|du|ihr|die stadt|das amt|man) (\w+ ){0,3}(darauf|auf (die|den|das) \w+) verzichten",
        r"(erlassen|stunden|ermaessigen|reduzieren|streichen|aussetzen|erstatten|befreien|genehmigen|bewilligen)" + W +
        r"(fuer mich|fuer uns|bei mir|bei uns|in meinem fall)|(fuer mich|fuer uns|bei mir|bei uns|in meinem fall)" + W +
        r"(erlassen|stunden|ermaessigen|reduzieren|streichen|aussetzen|erstatten|verzichten|befreien|genehmigen|bewilligen)",
        r"(?<!wie )(klappt|geht|wird) (das|es) (\w+ ){0,2}mit (der|dem) (\w+ )?(baugenehmigung|genehmigung|einbuergerung|"
        r"kitaplatz|bauantrag|aufenthaltserlaubnis|niederlassungserlaubnis|befreiung|erlass)\w*" + W + _OWN,
        r"(bei|fuer) (mir|mich|uns)( \w+){0,2} (eine )?ausnahme|ausnahme (bei|fuer) (mir|mich|uns|meinen|meine)",
        r"waiv\w* (my|our)( \w+)? (fee|fine|charge|penalty|tax|costs?)|(fee|fine|charge|penalty)s? (\w+ )?for me",
        r"(can|could|would|will) (you|the city|they|the office)( please)? (waive|cancel|reduce|refund|forgive|drop|"
        r"exempt)", r"(am i|are we|would i be|will i be) exempt",
        # "do you think my daughter gets a place / I will be naturalised?"
        r"(glaub|denk|mein|schaetz)\w* (du|sie|ihr),? (dass |ob )?" + _OWN + W + r"(bekomme|bekommen|bekommt|kriege|"
        r"kriegen|kriegt|krieg|erhalte|erhalten|erhaelt|genehmigt|bewilligt|angenommen|eingebuergert|zugelassen|anerkannt|"
        r"durchkomme|durchkommt|durchgeht|chance|klappt|schaffe|aufgenommen)(?![a-z])" + _PROCESS_OBJECT,
        r"dass " + _OWN + W + r"(genehmigt|bewilligt|abgelehnt|angenommen|zugelassen|eingebuergert|anerkannt|erteilt|"
        r"verlaengert|aufgenommen) (werde|werden|wird|wuerde|wuerden)",
        r"wie wahrscheinlich" + W + _OWN,
        r"(?<!wie )(?<!wann )(?<!wo )(?<!ab wann )(kann|koennte|werde|wuerde|darf) (ich|wir)" + W + r"(eingebuergert|"
        r"genehmigt|bewilligt|zugelassen|anerkannt|aufgenommen|befreit) (werden)",
        r"(?<!wie )(?<!wann )(?<!wo )(bekommt|kriegt|erhaelt) (mein|meine|unser|unsere) (\w+ ){0,2}(sohn|tochter|kind|"
        r"kinder|kleine\w*|mann|frau|partner\w*|mutter|vater|familie|oma|opa|eltern)(?![a-z])" + _PROCESS_OBJECT,
        r"(hat|haben|habe|hab) (mein|meine|unser|unsere|ich|wir)" + W + r"(chance|chancen|aussicht|aussichten)(?![a-z])",
        r"(do|does) (i|we|my \w+|our \w+) (\w+ )?(have|stand) (a |any )?(chance|shot)",
        r"(can|could|will|would) (i|we|my \w+) (become|get|be) (\w+ ){0,3}(citizen|naturali[sz]ed|approved|granted|accepted|"
        r"admitted)",
        r"(?<![a-z])(wird|werden|wuerde) (der|die|das) (\w+ ){0,4}(fuer|von) (mein|unser)\w*" + W + r"(genehmigt|bewilligt|"
        r"abgelehnt|angenommen|zugelassen|erteilt|verlaengert|aufgenommen)",
        r"(wird|wuerde|werden) (\w+ ){0,3}(durchgehen|durchkommen)(?![a-z])",
        r"klappt (das|es) (\w+ )?(bei mir|bei uns|in meinem fall|fuer mich|fuer uns)",
        r"(in meinem fall|in unserem fall|in meiner (situation|lage)|mit meiner (situation|lage|vorgeschichte|vorstrafe))" +
        W + r"(eingebuergert|genehmigt|bewilligt|anerkannt|zugelassen|chance|klappt|anspruch|berechtigt)",
        r"(geht|gehen|kommt|kommen) (mein|meine|unser|unsere|der|die|das) (\w+ ){0,3}(antrag|bauantrag|bauvoranfrage|"
        r"genehmigung|widerspruch|einspruch|vorhaben|anbau|umbau)\w* (\w+ ){0,4}durch(?![a-z])",
        r"(i'?ll|i will|we'?ll|we will|i would|i'?d) (get|be (granted|approved|accepted|naturali[sz]ed|given))(?![a-z])"
        r"(?! (an? )?(appointment|answer|reply|confirmation|receipt|email|letter|call|copy|notification|reminder))",
        r"(my|our) [^.?!\n]{0,40}(going to|gonna|likely to|will) (be |get )?(approved|granted|accepted|rejected|denied|"
        r"extended|renewed)", r"(in|with) my (situation|case|record|history)" + W + r"(citizenship|approved|granted|"
        r"eligible|qualify|chance)", r"what are (my|our) chances",
        r"(citizen\w*|naturali[sz]\w*|approved|granted|eligible|qualify)" + W + r"with my (criminal )?(record|income|debts|"
        r"situation|status|history)"),
    "individual_advice": _c(
        r"lohnt (es )?sich" + W + r"(gegen|widerspruch|klage|vorzugehen|anwalt|einspruch)",
        r"(vermieter|vermieterin|arbeitgeber|arbeitgeberin|chef|chefin|ex)" + W + r"(was mache ich|was soll ich|"
        r"wie gehe ich|rechtlich)",
        r"(kopfschmerz|schmerzen|fieber|husten|ausschlag|knoten|uebelkeit|schwindel|durchfall)" + W +
        r"(was hilft|hilft dagegen|was tun|gefaehrlich|was soll ich|was kann ich nehmen)",
        r"(dosierung|dosis)", r"(wie ?viel|welche menge)" + W + r"(paracetamol|ibuprofen|aspirin|medikament|tabletten|"
        r"antibiotika|cortison|insulin)" + _NOT_LOGISTICS,
        r"steuererklaerung" + W + r"(sparen|zurueckbekommen|optimieren|mehr zurueck)",
        r"(raten|empfehlen) sie mir|raetst du mir|empfiehlst du mir", r"rechtlich vor(gehen)?(?![a-z])",
        r"ich (sicher |bestimmt )?gewinne", r"verklag",
        r"legal action", r"what do you recommend i",
        r"(soll|sollte) ich" + W + r"(widerspruch|einspruch|klage|klagen|anwalt|anfechten|unterschreiben|"
        r"kuendigen|medikament|tablette|antibiotik|impfen|operier|absetzen|vergleich|akzeptieren|hinnehmen|wehren)",
        r"(welche|welches|was fuer)" + W + r"(medikament|tabletten|arznei|schmerzmittel|antibiotikum|dosis|dosierung|"
        r"salbe|creme|tropfen|zaepfchen|pille|globuli|hustensaft|nasenspray|spritze)" + _NOT_LOGISTICS,
        _L + r"(nehmen|einnehmen)" + W + r"(gegen|bei) (meine |meinen |die |den )?\w*(schmerz|fieber|husten|"
        r"erkaeltung|grippe|entzuendung|allergie|infekt|migraene|durchfall|uebelkeit)",
        r"(habe|hab) ich (wohl |vielleicht )?(corona|krebs|diabetes|depression|covid|grippe|eine? (krankheit|infektion))",
        r"(was|wozu) (raten|empfehlen|wuerden) (sie|du)" + W + r"(mir|raten|empfehlen|tun)",
        r"(was wuerden sie|was wuerdest du)" + W + r"(tun|machen)", r"an meiner stelle",
        r"(rechtsberatung|rechtlich beraten|rechtsrat|steuerberatung|steuertipp|medizinische(n)? rat)",
        r"(mein|meine|unser)" + W + r"(vermieter|vermieterin|arbeitgeber|arbeitgeberin|chef|chefin|ex-?mann|ex-?frau)" +
        W + r"(darf (er|sie|der|die)|verklagen|klagen|was kann ich|wie wehre ich|welche rechte)",
        r"(lohnt|rentiert) (es )?sich (fuer mich|fuer uns)",
        r"(gewinne|gewinnen) (ich|wir)" + W + r"(klage|prozess|verfahren|widerspruch)",
        r"should i (appeal|sue|sign|take|object)", r"what (medication|medicine|drug)s? should",
        r"(legal|tax|medical) advice", r"what would you (do|advise|recommend)",
        # my notice of dismissal, custody, tenancy: what should I do
        _DISPUTE + S + _ASK_ADVICE, _ASK_ADVICE + W + _DISPUTE,
        r"(was|wie) (soll|sollte|kann) ich (\w+ ){0,2}(gegen|wegen|bei|mit|nach) (\w+ ){0,2}" + _DISPUTE,
        r"(ex|ex-?mann|ex-?frau|ex-?partner\w*|vater|mutter) (\w+ ){0,4}(kinder|sohn|tochter) (\w+ ){0,2}nicht (mehr )?"
        r"(sehen|treffen|besuchen)" + S + _ASK_ADVICE,
        r"(my )?(ex|landlord|employer|boss|husband|wife)(?![a-z])" + S + r"what (should|can|do) i do",
        r"(chef|chefin|arbeitgeber|vermieter|hausverwaltung|ex-?mann|ex-?frau|ex-?partner|(?<![a-z])ex)\w*" + W +
        r"(mich|mir|uns)(?![a-z])" + S + r"(" + _ASK_ADVICE + r"|wie verhalte ich mich)",
        r"(fired|dismissed|laid off|sacked|evicted|terminated) (me|us)" + S + r"(what (should|can|do) i|what are my "
        r"(options|rights)|is (that|this|it) (legal|allowed))",
        r"should i (stop|start|keep|continue|increase|reduce|double|skip|quit) (taking|using)",
        r"(got|been|was|were|am|being) (fired|dismissed|laid off|let go|sacked|evicted)" + S + r"(what (should|can|do) i|"
        r"how (should|do|can) i|is (that|this|it) (legal|allowed))",
        r"what (should|can) i do (about|after|regarding) (my|the|being) (dismissal|termination|firing|notice|eviction|"
        r"layoff|custody|divorce)", r"custody" + W + r"(win|fight|battle|dispute|lose|chances|what (should|can|do) i)",
        r"(win|fight for|keep|get full|get sole|lose) (\w+ ){0,2}custody",
        r"(bekomme|kriege|erhalte|gewinne|behalte|erstreite)\w* (ich|wir) (das |den )?(?!gemeinsam)(\w+ )?(sorgerecht|"
        r"umgangsrecht|aufenthaltsbestimmungsrecht)|(alleinig|voll)\w* sorgerecht",
        # which medicine, how much, together with what
        r"(darf|kann|soll|sollte|muss|koennte) (ich|man|mein\w*|er|sie)" + W + _DRUGS + W +
        r"(?<![a-z])(ein)?(nehmen|geben|absetzen|kombinieren|schlucken|vertragen|mischen|trinken|stillen)(?![a-z])",
        r"(was|welches \w+|welche \w+) (hilft|nehme ich|kann ich nehmen|soll ich nehmen) (\w+ )?(gegen|bei) (meine\w*|mein|"
        r"die|den|das)? ?\w*(schmerz|fieber|husten|migraene|erkaeltung|grippe|entzuendung|allergie|ausschlag|durchfall|"
        r"uebelkeit|schlaflosigkeit|angst|depression|bluthochdruck)",
        r"\d+ ?(mg|milligramm|ml|tropfen|tabletten)(?![a-z])" + W + r"(zu viel|zu wenig|zu hoch|genug|in ordnung|okay|"
        r"gefaehrlich|nehmen|einnehmen|too much|safe|ok)",
        r"(how (much|many)|which|what) (\w+ ){0,2}(ibuprofen|paracetamol|acetaminophen|tylenol|aspirin|advil|painkillers?|"
        r"pills|tablets|meds|medications?|medicines?|antibiotics|dose|dosage)" + W + r"(can|should|do|may|must) (i|we|my)",
        r"(which|what) (painkiller|medication|medicine|drug|pill|antibiotic|ointment|cream)s? (is|are|should|would|do you)",
        r"can i (take|mix|combine)" + W + r"(ibuprofen|paracetamol|acetaminophen|tylenol|aspirin|alcohol|pills|medication)",
        # my tax return
        r"(wie|was) (mache|fuelle|erstelle|trage|setze|schreibe|erledige)( ich)?" + W + r"(einkommen)?steuererklaerung",
        r"(mir|uns) (\w+ ){0,2}(bei|mit) (meiner|unserer) (einkommen)?steuer(erklaerung)?|(helfen|hilfst|helft|hilf) "
        r"(sie |du |ihr )?(mir|uns) (\w+ )?(bei|mit) der (einkommen)?steuererklaerung|(mir|uns) (\w+ )?(bei|mit) der "
        r"(einkommen)?steuererklaerung (\w+ )?(helfen|behilflich)",
        r"(von der steuer|steuerlich) (\w+ ){0,2}(absetzen|abziehen|geltend machen)|absetzen (\w+ ){0,3}steuer",
        r"(kann|darf|koennte) (ich|man|wir)" + W + r"steuer\w*" + W + r"absetz",
        r"(file|do|fill (in|out)|prepare|complete) (\w+ ){0,1}(my|our) (tax return|taxes|tax declaration)",
        r"help (me )?with my tax", r"(deduct|write off)" + W + r"tax"),
    "political": _c(
        r"(haeltst du|halten sie|denkst du|denken sie|findest du|finden sie|meinst du|meinen sie|glaubst du)" + W +
        r"(" + _PARTIES + "|" + _POLITICIANS + r"|politik|stadtrat|fraktion|opposition)",
        r"(hat|haben|machen)" + W + r"(der |die |unser(e|er)? )" + _POLITICIANS + W +
        r"(gut|schlecht|guten job|gute arbeit|schlechte arbeit|versagt)(?![a-z])",
        r"(ist|war) die (politik|migrationspolitik|klimapolitik|verkehrspolitik)" + W + r"(gut|schlecht|richtig|falsch)",
        r"(soll|sollte) ich" + W + r"(ankreuzen|stimmen)", r"(fuer )?wen (waehlst|waehlen|stimmst|stimmen|wuerdest|"
        r"wuerden) (du|sie)", r"(bessere|beste)(r)? (kandidat|kandidatin|partei|buergermeister|oberbuergermeister)",
        _L + _PARTIES + W + r"schuld", r"argument" + W + r"(waehlen|partei|opposition)", r"welche fraktion" + W + "recht",
        r"which party", r"is the mayor",
        r"(wen|welche partei|welchen kandidaten|welche kandidatin|was)" + W + r"(soll|sollte) (ich|man|wir)" + W + r"waehlen",
        r"(welche|welcher) (partei|kandidat\w*)" + W + r"(besser|beste|am besten|gut fuer|empfehl|waehlen soll|"
        r"vertritt meine|passt zu mir)",
        r"wahlempfehlung", r"(empfiehl|empfehlen sie)" + W + r"(partei|kandidat|waehlen)",
        r"(was|wie) (haeltst du|halten sie|denkst du|denken sie|findest du|finden sie)" + W +
        r"(" + _PARTIES + "|" + _POLITICIANS + r"|politik|migrationspolitik|klimapolitik)",
        r"(ist|war|macht|sind)" + W + r"(der |die |unser(e|er)? )" + _POLITICIANS + W +
        r"(gut|schlecht|kompetent|faehig|unfaehig|korrupt|guten job|gute arbeit|schlechte arbeit|versager|"
        r"besser|waehlbar|sympathisch)(?![a-z])",
        _L + _PARTIES + r"(?![a-z])" + W + r"(besser|beste|gut|schlecht|waehlbar|waehlen|empfehl|recht|"
        r"zu waehlen|verbieten|gefaehrlich)(?![a-z])",
        r"(bist du|sind sie|ist die stadt)" + W + r"(links|rechts|konservativ|liberal|fuer die " + _PARTIES + r")(?![a-z])",
        r"(^|[.?!,;:]\s*)(ist|war|waere|wird|wuerde) [^.?!]{0,40}(ein|eine|einen) (gute[rn]?|schlechte[rn]?|"
        r"faehige[rn]?|kompetente[rn]?|unfaehige[rn]?|bessere[rn]?) "
        r"(ober)?(buergermeister(in)?|politiker(in)?|kanzler(in)?|minister(in)?|landrat|landraetin)",
        r"deine (politische )?meinung" + W + r"(politik|partei|wahl|regierung|" + _POLITICIANS + ")",
        r"(wer|welcher kandidat|welche kandidatin) (soll|sollte)" + W + r"(gewinnen|buergermeister|oberbuergermeister|"
        r"kanzler)",
        r"who should i vote", r"(best|better|right) (candidate|party|politician|mayor)", r"which (party|candidate)" + W + r"(vote|best|better|support)",
        r"what do you think (of|about)" + W + r"(mayor|party|government|politician|chancellor)"),
    "out_of_scope": _c(
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
        _L + r"(urlaub|urlaubsziel|reiseziel|hotel|flug)(?![a-z])" + W + r"(empfehl|tipp|buchen|guenstig)"),
}

# A question about a city service (a Gewerbe, a permit, a registration, a fee) is not out of scope, whatever else it
# mentions: "Ich verkaufe Handyhüllen, muss ich ein Gewerbe anmelden?" The classifier drops out_of_scope for it.
_SERVICE_CUE = (r"(brauche|brauchen|braucht|benoetige|benoetigen|muss|muessen|darf|duerfen|wie|wo|wann|welche[nrs]?|"
                r"was kostet|bei wem|need|do i|how|where|which)(?![a-z])")
_SERVICE_TERM = (r"(gewerbe\w*|genehmigung|erlaubnis|anmelden|anmeldung|melde|ummelden|ummeldung|abmelden|abmeldung|"
                 r"beantrag\w*|antrag|bescheinigung|urkunde|personalausweis|reisepass|fuehrerschein|zulassung|"
                 r"buergerbuero|buergerservice|standesamt|ordnungsamt|gewerbeamt|jugendamt|sozialamt|auslaenderbehoerde|"
                 r"gebuehr\w*|hundesteuer|grundsteuer|gewerbesteuer|wohngeld|buergergeld|elterngeld|kitaplatz|sperrmuell|"
                 r"parkausweis|halteverbot|sondernutzung|marktstand|standplatz|permit|licen[cs]e|register|registration)")
SERVICE_REQUEST = re.compile(_SERVICE_CUE + W + _SERVICE_TERM + "|" + _SERVICE_TERM + W + _SERVICE_CUE)

# "Wie beantrage ich Wohngeld? Ich verdiene 1.400 Euro" asks for the procedure: the similarity layer, which only sees
# that it resembles "reicht mein Einkommen für Wohngeld?", must not turn it into a decision or advice referral.
PROCEDURE_REQUEST = re.compile(
    r"(wie|wo|wann|bei wem|womit|ab wann|an wen)(?![a-z]) (\w+ ){0,3}(beantrag\w*|stelle|stellt|melde|meldet|anmelden|"
    r"bekomme|bekommt|kriege|erhalte|einreichen|reiche)(?![a-z])|welche (unterlagen|dokumente|nachweise)|"
    r"what documents|(how|where) (do|can) i (apply|register)")


def asks_for_procedure(text: str) -> bool:
    """Whether folded text asks how, where or when to apply for or register something."""
    return PROCEDURE_REQUEST.search(text) is not None


def asks_for_service(text: str) -> bool:
    """Whether folded text asks about one of the city's services (then it is not out of scope)."""
    return SERVICE_REQUEST.search(text) is not None


# Warning signs that count only when nothing anywhere in the message gives them an everyday reason: saying goodbye to
# everyone or giving one's things away is a crisis sign, unless the message is about moving ("Wir ziehen nach München,
# ich habe mich von allen verabschiedet"). A lookahead inside the pattern would only see what follows the farewell.
_MOVING = re.compile(r"umzug|(?<![a-z])(um|weg|aus|fort)?zieh(e|en|t)?(?![a-z])|auswander|sperrmuell|"
                     r"entruempel|flohmarkt|wohnungsaufloesung|ausland|(gehe|gehen|geht|fliege|fliegen|reise|reisen) (\w+ )?"
                     r"nach (?!(hause|der|dem|den)(?![a-z]))|nach \w+ (gegangen|gezogen|geflogen|ausgewandert)|"
                     r"moving|move to|relocat|abroad|new job|vacation|holiday|(?<![a-z])trip")
# A burglar "in the house" is an emergency unless the message tells of the past ("letzte Woche waren Einbrecher im Haus").
_PAST = re.compile(r"(?<![a-z])(waren|war|wurde|wurden|letzte[nrs]?|gestern|vorgestern|vorige[nrs]?|damals|neulich|"
                   r"vor (\w+ )?(tagen|wochen|monaten|jahren)|last (night|week|month|year)|yesterday|ago)(?![a-z])")
GUARDED_PATTERNS: dict[str, tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]] = {
    "emergency": ((_c(
        r"(einbrecher|eindringling)\w* (im|in der|in unserem|in unserer|in meinem|in meiner|bei uns|bei mir|unten|oben)",
        r"(burglar|intruder)s? (in|inside|downstairs|upstairs)"), _PAST),),
    "crisis": ((_c(
        _L + r"(mich|ich) (\w+ ){0,3}(von (allen|jedem|der welt|meiner familie|meinen (liebsten|kindern|eltern|freunden))|"
        r"bei allen) (\w+ ){0,2}verabschiedet",
        _L + r"(mich|ich) (\w+ ){0,2}(fuer immer|endgueltig) (verabschied|lebewohl)",
        r"lebe ?wohl (zu )?(gesagt|sagen)|(sage|sagte|sagen) (\w+ ){0,3}lebe ?wohl",
        r"abschied (\w+ ){0,2}(von allen|von jedem|von meiner familie|von meinen \w+|fuer immer) (\w+ )?(genommen|nehmen|"
        r"nehme)", r"(said|say|saying) (my|all my|our) (goodbyes|good-?byes|farewells)",
        r"(bin|sind) (\w+ ){0,2}(weg|fort|tot),? (und zwar )?fuer immer|fuer immer (weg|fort|gehen|verschwinden)",
        r"(said|say|saying) (my )?(goodbyes?|good-?byes?|farewells?)( to)? (everyone|everybody|all|my family|my friends|"
        r"my kids|the people)",
        r"(meine|all meine|alle meine) (\w+ ){0,2}(sachen|habseligkeiten|besitz|wertsachen) (\w+ ){0,2}(verschenkt|"
        r"verteilt|weggegeben)", r"gave away (all )?(of )?my (stuff|things|belongings|possessions)",
        # "I won't be here much longer anyway", also inside a service question
        _L + r"(ich|bin)( \w+){0,4} (eh|sowieso|ohnehin|bald|demnaechst)( \w+){0,3} nicht mehr (lange )?"
        r"(da|hier|am leben|lebe|leben werde|leben|bin)(?![a-z])(?! (in|im|bei|wohn|gemeldet|arbeit))",
        r"(won'?t|wont|will not) be (around|here|alive)( \w+)? (much longer|for (much )?long|anymore|any more)",
        r"i('ll| will) (be )?(gone|dead) (soon|anyway)",
        _L + r"(bin|sind) (ich|wir) (\w+ )?(eh|sowieso|ohnehin|bald) (\w+ )?nicht mehr\s*([.,!?]|$)|"
        r"(bald|eh|sowieso) (bin ich|sind wir) (\w+ )?nicht mehr\s*([.,!?]|$)",
        r"(i'?m|i am|i'?ll be|i will be) (gone|dead|not (here|around))" + S + r"(won'?t be long|soon|anyway|any day)|"
        r"(won'?t be long|soon|anyway)" + W + r"(i'?m|i am|i'?ll be|i will be) (gone|dead|not (here|around))"), _MOVING),),
}


def matches(rule: str, text: str) -> list[str]:
    """The matched snippets of `rule` in folded text (empty when the rule does not trigger)."""
    snippets = []
    if prefilter(RULE_PATTERNS[rule]).possible(text):
        snippets = [m.group(0).strip() for m in RULE_PATTERNS[rule].finditer(text) if m.group(0).strip()]
    for pattern, unless in GUARDED_PATTERNS.get(rule, ()):
        if not unless.search(text):
            snippets += [m.group(0).strip() for m in pattern.finditer(text) if m.group(0).strip()]
    return snippets


# -- literal prefilter ----------------------------------------------------------------------------------------------
# The regex engine tries every alternative of a rule at every position of the text: on a 600-character answer the
# discrimination rule alone costs ~1.6 ms, a question ~0.6 ms for all rules. Nearly every alternative contains fixed
# text ("es brennt"; "(sollten|sollen) (nicht|keine|kein)"), and a substring test shows in microseconds that it
# cannot match. The literals are derived from the parsed pattern, so a text the prefilter rules out never matches.

_MAX_LITERALS = 64  # strings per clause; longer products ("(a|b|c) (d|e|f) ...") are split into clauses


class Prefilter:
    """Whether `pattern` can match a text at all: each top-level alternative needs, for each of its clauses, one of
    the clause's strings in the text. A pattern it cannot analyse (case-insensitive) is always tried."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.alternatives = _alternatives(pattern)  # None: every text is possible
        if self.alternatives is None:
            return
        # One search for the first clause of every alternative rules most questions out in a few microseconds.
        self._gate = re.compile(_trie(set().union(*(clauses[0] for clauses in self.alternatives))))
        # Answers often pass the gate ('muss', 'ueber'); one scan then finds every clause string in the text: at each
        # position the longest one (the trie tries longer first), plus the strings that are prefixes of it.
        strings = set().union(*(clause for clauses in self.alternatives for clause in clauses))
        self._scan = re.compile(f"(?=({_trie(strings)}))")
        self._prefixes = {s: frozenset(s[:i] for i in range(1, len(s) + 1) if s[:i] in strings) for s in strings}

    def possible(self, text: str) -> bool:
        if self.alternatives is None:
            return True
        if not self._gate.search(text):
            return False
        present: set[str] = set()
        for longest in set(self._scan.findall(text)):
            present |= self._prefixes[longest]
        return any(all(not clause.isdisjoint(present) for clause in clauses) for clauses in self.alternatives)


def found(pattern: re.Pattern[str], text: str) -> bool:
    """`pattern.search(text)`, skipped when the prefilter rules the text out."""
    return prefilter(pattern).possible(text) and pattern.search(text) is not None


@lru_cache(maxsize=64)
def prefilter(pattern: re.Pattern[str]) -> Prefilter:
    """The pattern's prefilter, built on first use (parsing a rule takes a few milliseconds)."""
    return Prefilter(pattern)


def _alternatives(pattern: re.Pattern[str]) -> tuple[tuple[frozenset[str], ...], ...] | None:
    if pattern.flags & re.IGNORECASE:
        return None
    tree = list(_parser.parse(pattern.pattern, pattern.flags))
    branches = tree[0][1][1] if len(tree) == 1 and tree[0][0] is _sre.BRANCH else [tree]
    out = []
    for branch in branches:
        clauses = _clauses(branch)
        if not clauses:
            return None
        # the clause with the longest strings first: it rules the alternative out soonest
        out.append(tuple(sorted(clauses, key=lambda c: (-min(map(len, c)), len(c)))))
    return tuple(out)


def _clauses(items) -> list[frozenset[str]]:
    """Clauses of a sequence: runs of fixed text (as the set of strings they can spell) and what nested parts need."""
    clauses: list[frozenset[str]] = []
    run = {""}
    for op, av in items:
        spelled = _spellings(op, av)
        if spelled is not None:
            if len(run) * len(spelled) > _MAX_LITERALS:
                _flush(clauses, run)
                run = {""}
            run = {a + b for a in run for b in spelled}
            continue
        _flush(clauses, run)
        run = {""}
        if op is _sre.SUBPATTERN and not av[1]:  # (group, add_flags, del_flags, items)
            clauses += _clauses(av[3])
        elif op is _sre.BRANCH:
            per_branch = [_clauses(b) for b in av[1]]
            if all(per_branch):
                clauses.append(frozenset().union(*(max(c, key=lambda s: min(map(len, s))) for c in per_branch)))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            clauses += _clauses(av[2])
    _flush(clauses, run)
    return clauses


def _flush(clauses: list[frozenset[str]], run: set[str]) -> None:
    if "" not in run:
        clauses.append(frozenset(run))


def _spellings(op, av) -> set[str] | None:
    """All strings a part of a pattern can match when they are few (fixed text, small alternations), else None."""
    if op is _sre.LITERAL:
        return {chr(av)}
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):  # zero width: the text around it stays contiguous
        return {""}
    if op is _sre.IN and all(o is _sre.LITERAL for o, _ in av):
        return {chr(c) for _, c in av}
    if op is _sre.SUBPATTERN and not av[1]:
        return _sequence_spellings(av[3])
    if op is _sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            spelled = _sequence_spellings(branch)
            if spelled is None:
                return None
            out |= spelled
        return out if len(out) <= _MAX_LITERALS else None
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[1] <= 1:
        inner = _sequence_spellings(av[2])
        if inner is None:
            return None
        return inner | {""} if av[0] == 0 else inner
    return None


def _sequence_spellings(items) -> set[str] | None:
    out = {""}
    for op, av in items:
        spelled = _spellings(op, av)
        if spelled is None or len(out) * len(spelled) > _MAX_LITERALS:
            return None
        out = {a + b for a in out for b in spelled}
    return out


def _trie(strings: set[str]) -> str:
    """A regex for any of `strings`, nested by shared prefixes so the engine tries few branches per position."""
    tree: dict = {}
    for string in strings:
        node = tree
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)
