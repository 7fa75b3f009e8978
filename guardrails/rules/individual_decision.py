"""Individual decision: a request to decide or predict the outcome of the asker's own case (a permit, a fee)."""

from __future__ import annotations

from guardrails.rules.fragments import W, _c

# Own-case marker for requests to decide: "mir", "meine Tochter", "in meiner Situation".
_OWN = r"(mir|uns|mich|mein\w*|unser\w*|ich|wir)(?![a-z])"
# What a citizen may ask to "get" without asking for a decision: an appointment, a receipt, the post.
_PROCESS_OBJECT = (r"(?![^.?!\n]{0,40}(termin|auskunft|info|unterlagen|formular|nachweis|bescheinigung|bestaetigung|"
                   r"erinnerung|quittung|nachricht|e-?mail|post|antwort|kopie|steuer-?id|reisepass|kinderreisepass|"
                   r"personalausweis|brief|benachrichtigung|sms|anruf|rueckruf|rechnung|beleg|ausdruck|"
                   r"appointment|answer|reply|confirmation|receipt|letter|call|copy|notification|reminder))")

PATTERN = _c(
    r"(durchgeht|durchkommt)", r"reicht (das|es|mein\w*|unser\w*)" + W + r"(fuer|um)" + W +
    r"(wohngeld|buergergeld|anspruch|zuschuss|kinderzuschlag|einbuergerung|grundsicherung|elterngeld|leistung)",
    r"bin ich (berechtigt|anspruchsberechtigt|antragsberechtigt|leistungsberechtigt)",
    r"(wird|werden) (die stadt|das amt|die behoerde|man)" + W + r"(mein|meinen|meine)" + W +
    r"(annehmen|genehmigen|bewilligen|ablehnen|akzeptieren|verlaengern)",
    r"ob (ich|wir|mein|meine)" + W + r"(bekomme|bekommen|kriege|erhalte|erhalten|bewilligt|genehmigt|zusteht|"
    r"durchgeht|verlaengert|durchkomme|durchkommen)(?![a-z])",
    r"ob (ich|wir) (die |den |das )?(einbuergerung|genehmigung|baugenehmigung|anerkennung|aufenthaltserlaubnis|"
    r"niederlassungserlaubnis|befreiung|zulassung)\w* (schaffe|schaffen|bekomme|bekommen|kriege)(?![a-z])",
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
    # "Mein Widerspruch – hat der Aussicht auf Erfolg?"; "Ist mein Bauantrag schon durch?"
    r"(hat|haben|haette|haetten) (der|die|das|er|sie|es|mein\w*|unser\w*) (\w+ ){0,2}(aussicht|aussichten|chance|"
    r"chancen) auf erfolg",
    r"(ist|sind) (mein|meine|unser|unsere) (\w+ ){0,3}(antrag|bauantrag|widerspruch|einspruch|einbuergerungsantrag)\w* "
    r"(\w+ ){0,4}(schon |bereits |endlich )?(durch|genehmigt|bewilligt|entschieden|abgelehnt)(?![a-z])",
    # one's own figures: "Muss ich bei 12.000 Euro Gewinn Gewerbesteuer zahlen?"
    r"(muss|muessen|muesste|muessten) (ich|wir) (bei|mit) [^.?!\n]{0,30}\d[\d.,]* ?(euro|eur|€|tausend)[^?!\n]{0,50}"
    r"(zahlen|bezahlen|abfuehren|nachzahlen)(?![a-z])",
    r"(welche|was fuer) (\w+ )?(leistungen|sozialleistungen) (bekomme|kriege|erhalte|bekommen|"
    r"kriegen|erhalten) (ich|wir)(?![a-z])",
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
    r"situation|status|history)",
    # "Kann ich mit meinem Einkommen von 1800 Euro Wohngeld bekommen?": one's own figures make it a case
    r"mit (meinem|unserem|meiner|unserer) (einkommen|gehalt|lohn|verdienst|rente|pension|netto|brutto)\w*" + W +
    r"(bekomme|bekommen|kriege|kriegen|erhalte|erhalten|anspruch|berechtigt|zusteht|zustehen)(?![a-z])",
    # "Bitte genehmigen Sie meinen Antrag", "Entscheiden Sie bitte, ob mein Sohn ..."
    r"(genehmigen|bewilligen|entscheiden|erlassen|gewaehren|erteilen) sie,? (bitte,? |doch )?(mein|meinen|meine|"
    r"unser\w*|ob|mir|uns)(?![a-z])",
    # "Meine Baugenehmigung für den Carport – geht die durch?"
    r"(geht|gehen|kommt|kommen) (die|der|das|sie|er|es) (\w+ ){0,2}durch\s*[?!.]",
    r"(can|could|will|would|do) (i|we) (get|receive|qualify for) [^.?!\n]{0,40}with (my |our |an? )?(net |monthly )?"
    r"(income|salary|pension|wage|\d)",
    r"(kann|koennte|wird|wuerde) (die stadt|das amt|man|sie) (\w+ ){0,3}(mein|meine|meinen|unser\w*)" + W +
    r"auf null (setzen|stellen|reduzieren)")
