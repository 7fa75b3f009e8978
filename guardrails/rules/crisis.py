"""Crisis: suicidal thoughts, self-harm, farewells and a lethal dose, in plain or veiled words."""

from __future__ import annotations

import re

from guardrails.rules.fragments import REST_OF_SENTENCE, S, W, _DRUGS, _L, _c, _compile

_NOISE = r"(?![^.?!\n]{0,60}(laerm|krach|laut|musik|baustelle|glocken|wecker|nachbar|noise|loud))"

PATTERN = _c(
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
    r"(?![a-z])(?!" + REST_OF_SENTENCE + r"(laerm|krach|gestank|geruch|baustelle|hitze|musik|nachbar|mit dem|mit der"
    r"|mit den))",
    r"can'?t (take (it|this) any ?more|go on(?! with))")

# Warning signs that count only when nothing anywhere in the message gives them an everyday reason: saying goodbye to
# everyone or giving one's things away is a crisis sign, unless the message is about moving ("Wir ziehen nach München,
# ich habe mich von allen verabschiedet"). A lookahead inside the pattern would only see what follows the farewell.
_MOVING = _compile(r"umzug|(?<![a-z])(um|weg|aus|fort)?zieh(e|en|t)?(?![a-z])|auswander|sperrmuell|"
                     r"entruempel|flohmarkt|wohnungsaufloesung|ausland|(gehe|gehen|geht|fliege|fliegen|reise|reisen) (\w+ )?"
                     r"nach (?!(hause|der|dem|den)(?![a-z]))|nach \w+ (gegangen|gezogen|geflogen|ausgewandert)|"
                     r"moving|move to|relocat|abroad|new job|vacation|holiday|(?<![a-z])trip")
GUARDED: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ((_c(
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
    r"(won'?t be long|soon|anyway)" + W + r"(i'?m|i am|i'?ll be|i will be) (gone|dead|not (here|around))"), _MOVING),)
