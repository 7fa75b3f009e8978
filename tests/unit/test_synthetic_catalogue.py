"""The synthetic DLDB catalogue: same seed, same file; every service imports without a problem."""

import json

from corpus.html import find_markup
from corpus.importers import import_catalogue
from evals.synthetic_catalogue import catalogue, main


def test_same_seed_same_file_other_seed_other_file(tmp_path):
    a, b, c = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    main(["--n", "40", "--out", str(a)])
    main(["--n", "40", "--out", str(b)])
    main(["--n", "40", "--out", str(c), "--seed", "8"])
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()
    assert len(json.loads(a.read_text(encoding="utf-8"))["data"]) == 40


def test_every_service_imports_cleanly_with_distinct_titles(tmp_path):
    f = tmp_path / "catalogue.json"
    f.write_text(json.dumps(catalogue(120)), encoding="utf-8")
    result = import_catalogue([f], "dldb")
    assert result.problems == [] and len(result.documents) == 120
    assert len({d.title for d in result.documents}) == 120
    for doc in result.documents:
        assert doc.contact.phone and doc.fees and doc.keywords and find_markup(doc.body) is None
