"""Political: a request for an opinion on parties, politicians or policy, or for a voting recommendation."""

from __future__ import annotations

from guardrails.rules.fragments import W, _L, _c

_PARTIES = r"(cdu|csu|spd|afd|gruenen?|fdp|linken?|bsw|volt|freie waehler|die partei)"
_POLITICIANS = (r"(oberbuergermeister|buergermeister|(?<=der |den |dem )ob(?![a-z])|kanzler|minister|ministerpraesident|stadtrat|ratsmitglied|"
                r"politiker|landrat|bundesregierung|landesregierung|regierung|mayor|chancellor|government)")

PATTERN = _c(
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
    r"what do you think (of|about)" + W + r"(mayor|party|government|politician|chancellor)")
