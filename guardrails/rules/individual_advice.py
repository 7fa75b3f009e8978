"""Individual advice: legal, medical or tax advice on the asker's own situation."""

from __future__ import annotations

from guardrails.rules.fragments import REST_OF_SENTENCE, S, W, _DRUGS, _L, _c

# Bringing medicines on a journey, into the country or to a disposal point is no medical advice.
_NOT_LOGISTICS = (r"(?!" + REST_OF_SENTENCE + r"(mitbring|mitnehm|entsorg|abgeb|einfuehr|einreise|zoll|handgepaeck|urlaub"
                  r"|reise))")
# Private legal disputes (employment, family, tenancy) and a request for what to do in them.
_DISPUTE = (r"(kuendigung|gekuendigt|abmahnung(?!" + REST_OF_SENTENCE + r"(park|knoellchen|strafzettel))|abgemahnt|"
            r"rausgeworfen|"
            r"rausgeschmissen|entlassen|fristlos|sorgerecht|umgangsrecht|scheidung|erbstreit|raeumungsklage|"
            r"mieterhoehung|nebenkostenabrechnung|kaution|abfindung|aufhebungsvertrag|strafbefehl|vorladung|"
            r"arbeitsgericht)")
_ASK_ADVICE = (r"(was (soll|sollte|kann) ich (\w+ ){0,4}(tun|machen|unternehmen)|was mache ich|was tun(?![a-z])|"
               r"wie (soll|sollte|kann) ich (\w+ ){0,3}(reagieren|vorgehen|wehren)|wie reagiere ich|wie wehre ich|"
               r"wie gehe ich (\w+ )?vor|was raten sie|was raetst du|was empfehlen sie|wie gewinne ich|was nun|was jetzt|"
               r"(ist|war) (das|die|sie|es) (\w+ )?(rechtens|wirksam|gueltig|erlaubt|zulaessig))")

PATTERN = _c(
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
    r"help (me )?with my tax", r"(deduct|write off)" + W + r"tax")
