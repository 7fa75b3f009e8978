"""A small German corpus on disk for retrieval tests: the shared test corpus plus three documents."""

from __future__ import annotations

import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "corpus"

EXTRA = {
    "services/sperrmuell.md": """---
id: sperrmuell
title: Sperrmüll anmelden
kind: service
summary: Die Stadtreinigung holt alte Möbel nach Anmeldung kostenlos ab.
stand: "2025-01"
sources: ["https://www.krefeld.de/sperrmuell"]
keywords: [Sperrmüll, Sofa entsorgen, Möbel entsorgen, Matratze]
---
# Sperrmüll anmelden

## Ablauf

Buchen Sie einen Abholtermin online oder telefonisch. Stellen Sie die Gegenstände am Abholtag an die Straße.

## Kosten

Die Abholung ist kostenlos.
""",
    "services/bewohnerparkausweis.md": """---
id: bewohnerparkausweis
title: Bewohnerparkausweis
kind: service
summary: Mit dem Bewohnerparkausweis parken Sie in Ihrer Zone ohne Parkschein.
stand: "2025-01"
sources: ["https://www.krefeld.de/bewohnerparken"]
keywords: [Anwohnerparkausweis, Parkausweis für Anwohner]
---
# Bewohnerparkausweis

## Voraussetzungen

Sie wohnen in einer Bewohnerparkzone und das Fahrzeug ist auf Sie zugelassen.

## Kosten

Der Ausweis kostet 30,00 Euro im Jahr.
""",
    "strategy/strategie-mobilitaet.md": """---
id: strategie-mobilitaet
title: Mobilitätsmanagement
kind: strategy
summary: Die Stadt will Bus, Bahn und Radverkehr mit Verkehrsdaten besser steuern.
stand: "2023-01"
sources: ["https://www.krefeld.de/smart-city"]
keywords: [ÖPNV, Radverkehr]
handlungsfeld: Mobilität
---
# Mobilitätsmanagement

## Ziele

Mehr Menschen sollen Bus und Fahrrad nutzen. Sensoren zählen den Verkehr an Kreuzungen.
""",
}


def make_corpus(root: Path) -> Path:
    """Copy the shared test corpus to `root` and add the extra documents; returns `root`."""
    shutil.copytree(DATA, root, dirs_exist_ok=True)
    for rel, text in EXTRA.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
