"""Discrimination: hostile demands about groups of people, and who may serve, teach or sit next to whom."""

from __future__ import annotations

from guardrails.rules.fragments import W, _L, _c

_GROUPS = (r"(auslaender|fluechtling|migrant|asylant|asylbewerber|muslim|moslem|islam|jude|juden|juedisch|tuerke|"
           r"tuerkin|tuerken|araber|roma|sinti|afrikaner|schwarze|schwule|lesbe|homo|transperson|trans |queer|"
           r"behinderte|rollstuhlfahrer|auslaendische|polen|rumaenen|bulgaren|russen|ukrainer|syrer|kopftuch|frauen|"
           r"immigrant|foreigner|refugee|muslims|jews|blacks|gays|disabled|women)")
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

PATTERN = _c(
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
    r"ohne (\w+ )?(fluechtling|gefluechtet|asyl|auslaend|muslim|tuerk|araber|roma|refugee|immigrant|muslim)\w*kinder")
