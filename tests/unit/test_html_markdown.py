"""HTML to Markdown for catalogue texts: structure kept, markup gone, linear time on a 5 MB field."""

import time

import pytest

from corpus.html import find_markup, html_to_line, html_to_markdown

CASES = [
    ("entities", "<p>Gr&ouml;&szlig;e: 5&nbsp;&euro; &#228; &#x20AC; &amp; mehr</p>", "Größe: 5 € ä € & mehr"),
    ("paragraphs", "<p>Erster Absatz.</p><p>Zweiter Absatz.</p>", "Erster Absatz.\n\nZweiter Absatz."),
    ("line break", "Montag<br>Dienstag<br/><br />Mittwoch", "Montag\nDienstag\n\nMittwoch"),
    ("heading kept under the section", "<h2>Ablauf</h2><p>Text</p>", "### Ablauf\n\nText"),
    ("ordered list", "<ol><li>Antrag stellen</li><li>Gebühr zahlen</li></ol>", "1. Antrag stellen\n2. Gebühr zahlen"),
    ("ordered list start", '<ol start="4"><li>vier</li><li>fünf</li></ol>', "4. vier\n5. fünf"),
    ("nested lists", "<ul><li>Ausweis<ol><li>Personalausweis</li><li>Reisepass</li></ol></li><li>Foto</li></ul>",
     "- Ausweis\n  1. Personalausweis\n  2. Reisepass\n- Foto"),
    ("paragraphs inside an item", "<ul><li><p>Antrag</p><p>mit Unterschrift</p></li></ul>",
     "- Antrag\n  mit Unterschrift"),
    ("list after paragraph", "<p>Bringen Sie mit:</p><ul><li>Ausweis</li></ul>", "Bringen Sie mit:\n\n- Ausweis"),
    ("empty item dropped", "<ul><li></li><li>Foto</li></ul>", "- Foto"),
    ("table rows", "<table><tr><th>Leistung</th><th>Gebühr</th></tr><tr><td><p>Ausweis</p></td><td>37 &euro;</td>"
                   "</tr></table>", "Leistung | Gebühr\nAusweis | 37 €"),
    ("absolute link keeps URL", '<a href="https://www.example.org/antrag">Antragsformular</a>',
     "Antragsformular (https://www.example.org/antrag)"),
    ("link text is the URL", '<a href="https://www.example.org/">https://www.example.org/</a>',
     "https://www.example.org/"),
    ("relative link and anchor drop the URL", '<a href="/intern/x">Formular</a> und <a href="#top">oben</a>',
     "Formular und oben"),
    ("mail link", '<a href="mailto:buergeramt@example.org">E-Mail</a> oder <a href="mailto:a@example.org">'
                  'a@example.org</a>', "E-Mail (buergeramt@example.org) oder a@example.org"),
    ("script style comment dropped", "A<script>alert('x')</script>B<style>p{color:red}</style>C<!-- intern -->D",
     "ABCD"),
    ("unclosed comment ends the text", "Sichtbar<!-- nie geschlossen <p>weg</p>", "Sichtbar"),
    ("inline markup dropped", "<div>Das <b>fette</b> <span class='x'>und</span> <i>kursive</i> Wort</div>",
     "Das fette und kursive Wort"),
    ("escaped twice", "&lt;p&gt;Termin &amp;amp; Gebühr&lt;/p&gt;", "Termin & Gebühr"),
    ("entity escaped twice", "<p>5&amp;nbsp;Euro &amp;auml;</p>", "5 Euro ä"),
    ("escaped tag inside HTML", "<p>vorher &lt;b&gt;fett&lt;/b&gt; nachher</p>", "vorher fett nachher"),
    ("plain text keeps lines", "Erste Zeile\r\nZweite Zeile\r\n\r\nNeuer Absatz", "Erste Zeile\nZweite Zeile\n\n"
                                                                                    "Neuer Absatz"),
    ("not a tag", "Kinder < 6 Jahre zahlen nichts; <Name des Kindes> eintragen",
     "Kinder < 6 Jahre zahlen nichts; <Name des Kindes> eintragen"),
    ("no heading from text", "<p>## Hinweis</p>", "Hinweis"),
    ("whitespace normalised", "<p>  viel \n\t  Platz  </p>\n\n<p>hier</p>", "viel Platz\n\nhier"),
    ("soft hyphen and nbsp", "Personal\u00adausweis\u00a0jetzt", "Personalausweis jetzt"),
    ("word leftovers", "<p class=MsoNormal>Text<o:p></o:p></p>", "Text"),
    ("preformatted lines", "<pre>Zeile 1\nZeile 2</pre>", "Zeile 1\nZeile 2"),
    ("none", None, ""),
    ("number", 42, "42"),
]


@pytest.mark.parametrize("name, source, expected", CASES, ids=[c[0] for c in CASES])
def test_html_to_markdown(name, source, expected):
    out = html_to_markdown(source)
    assert out == expected
    assert find_markup(out) is None


def test_heading_level_can_start_at_two_for_whole_pages():
    assert html_to_markdown("<h2>Kosten</h2><h3>Details</h3>", min_heading=2) == "## Kosten\n\n### Details"


def test_line_folds_blocks_and_markers():
    assert html_to_line("<ul><li>Personalausweis</li><li>Meldebestätigung</li></ul>") == \
        "Personalausweis Meldebestätigung"
    assert html_to_line("<h3>Gebühren</h3>") == "Gebühren"


@pytest.mark.parametrize("text, found", [
    ("<b>fett</b>", "<b>"),
    ("Text <br/> mehr", "<br/>"),
    ("<!-- Kommentar -->", "<!--"),
    ("&nbsp;Abstand", "&nbsp;"),
    ("&#228;", "&#228;"),
    ("< 6 Jahre, <Name>, AT&T; a<b", None),
    ("Markdown-Link <https://example.org>", None),
])
def test_find_markup(text, found):
    result = find_markup(text)
    assert (result is None) if found is None else result.startswith(found)


def _five_megabytes() -> str:
    part = ("<h3>Abschnitt</h3><p>Sie <b>beantragen</b> den Ausweis im B&uuml;rgerb&uuml;ro &ndash; "
            "<a href='https://www.example.org/termin'>Termin</a> vorher buchen.</p>"
            "<ul><li>Foto<ul><li>biometrisch</li></ul></li><li>Geb&uuml;hr 37&nbsp;&euro;</li></ul>"
            "<table><tr><td>A</td><td>B</td></tr></table><!-- x --><script>x()</script>")
    return part * (5_000_000 // len(part) + 1)


def test_five_megabyte_field_converts_in_linear_time():
    source = _five_megabytes()
    start = time.process_time()
    out = html_to_markdown(source)
    elapsed = time.process_time() - start
    assert elapsed < 5.0, f"5 MB took {elapsed:.1f} s of CPU"
    assert find_markup(out) is None and "Bürgerbüro" in out


@pytest.mark.parametrize("pathological", [
    "<" * 1_000_000, "<!--" * 300_000, "<a href='x'" * 200_000, "<script>" * 300_000, "<pre>" * 300_000,
    "&amp;" * 300_000, "<li>x" * 200_000,
])
def test_pathological_markup_stays_linear(pathological):
    start = time.process_time()
    out = html_to_markdown(pathological)
    assert time.process_time() - start < 4.0
    assert find_markup(out) is None


@pytest.mark.parametrize("value, expected", [
    (["<p>Erster Text</p>", "zweiter Text", None, False], "Erster Text\n\nzweiter Text"),
    ({"text": "<b>Text</b>", "_languageCode": "de"}, "Text"),
    ({"unbekannt": 1}, ""),
    (False, ""),
])
def test_non_string_values_never_become_a_python_repr(value, expected):
    assert html_to_markdown(value) == expected
