"""HTML to plain Markdown for catalogue texts, so that no markup reaches a citizen.

Catalogue exports (DLDB, XZuFi, PVOG, NRW Zuständigkeitsfinder) carry their texts as HTML fragments written in
editors, often sloppy: unclosed tags, entities twice escaped (`&amp;nbsp;`), Word comments, scripts pasted in.
`html_to_markdown` keeps what a reader needs (headings, paragraphs, ordered and unordered lists nested, line breaks,
table rows, link texts with their URL where it helps) and drops everything else. Entities, whitespace and
invisible characters are handled in whole-string passes; then one scan visits each tag once, with patterns that
never look past the next `<`, so a 5 MB field converts in linear time (about 1.5 s of CPU for 6 MB of dense
markup). It never raises for bad markup. `find_markup` is the check the schema uses to refuse documents that
still carry tags or entities.
"""

from __future__ import annotations

import html
import re
from html.entities import html5

# Element names of HTML; `<Name des Kindes>` or `a < b` are not tags to us.
HTML_TAGS = frozenset("""
a abbr acronym address applet area article aside audio b base basefont bdi bdo big blink blockquote body br button
canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed
fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img
input ins kbd label legend li link main map mark marquee math menu meta meter nav nobr noframes noscript object ol
optgroup option output p param picture pre progress q rp rt ruby s samp script section select small source span
strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul
var video wbr xml
""".split())

_DROP_CONTENT = {"script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "math",
                 "select", "textarea", "button", "applet", "embed", "frameset", "noframes"}
_BLOCK = {"p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "blockquote", "address",
          "figure", "figcaption", "details", "summary", "dl", "dt", "dd", "form", "fieldset", "center", "caption",
          "table", "hgroup", "body", "html", "dialog", "legend"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

_TOKEN = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9:_-]*)([^<>]*)>|<[!?][^<>]*>")
_INLINE = frozenset("""b i u s em strong span font small big sup sub abbr acronym cite code dfn kbd samp var tt mark
q time strike del ins nobr label bdi bdo data wbr img o:p""".split())
_ATTR = re.compile(r"""([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_CLOSE_RE = {name: re.compile(rf"</\s*{name}\s*>", re.I) for name in _DROP_CONTENT}
_NEWLINE = re.compile(r"\r\n|\r|\n")
_PRE_OPEN = re.compile(r"<pre(?=[\s>])", re.I)
_PRE_CLOSE = re.compile(r"</pre\s*>", re.I)
_BLOCK_HINT = re.compile(r"<\s*(?:p|div|br|li|ul|ol|h[1-6]|table|tr|blockquote|pre|section|article|dl)\b", re.I)
_WS = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_ANY_TAG = re.compile(r"<!--|<\s*/?\s*([A-Za-z][A-Za-z0-9:]*)(?=[\s/>])[^<>]*>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES = re.compile(r"[ \t]{2,}")
_LINE_EDGES = re.compile(r"[ \t]*\n[ \t]*")
_BULLETS = re.compile(r"(?m)^[•·▪–] ")
_BLANKS = re.compile(r"\n{3,}")
_OFFICE = re.compile(r"(?:o|w|v|m|st\d):\w")  # Word's namespaced leftovers such as <o:p>, <st1:place>
_HASHES = re.compile(r"^#{1,6}\s+")
_INDENT = "\x01"  # stands for one indentation space until whitespace has been normalised


def _is_tag_name(name: str) -> bool:
    name = name.lower()
    return name in HTML_TAGS or _OFFICE.match(name) is not None


def _is_markup(m: re.Match) -> bool:
    return m.group(1) is None or _is_tag_name(m.group(1))


def find_markup(text: str) -> str | None:
    """The first HTML tag, comment or known entity in `text`, or None. Used to refuse markup in documents."""
    if "<" in text:
        for m in _ANY_TAG.finditer(text):
            if _is_markup(m):
                return m.group(0)[:60]
    for m in _ENTITY.finditer(text):
        name = m.group(0)[1:]
        if name.startswith("#") or name in html5:
            return m.group(0)
    return None


def html_to_markdown(value: object, *, min_heading: int = 3) -> str:
    """Convert an HTML fragment (or plain text) to Markdown text without any tag or entity.

    Headings become `#` lines no higher than `min_heading` (3 keeps a field's own headings inside the `##` section
    it is put in). Plain text without block tags keeps its line breaks.
    """
    if value is None or isinstance(value, bool):  # exports write `false` for "no text"
        return ""
    if isinstance(value, (list, tuple)):  # a field that holds several texts: one block each
        return "\n\n".join(p for p in (html_to_markdown(v, min_heading=min_heading) for v in value) if p)
    if isinstance(value, dict):  # {"text": ...}, {"value": ...}: never a Python repr in a citizen's text
        key = next((k for k in ("text", "value", "content", "description", "name", "title") if k in value), None)
        return html_to_markdown(value[key], min_heading=min_heading) if key else ""
    text = value if isinstance(value, str) else str(value)
    if "<" not in text and "&lt;" in text and "&gt;" in text:
        text = html.unescape(text)  # HTML that was escaped once too often arrives as text
    conv = _Converter(keep_newlines=not _BLOCK_HINT.search(text), min_heading=min_heading)
    conv.feed(text)
    return conv.result()


def html_to_line(value: object) -> str:
    """One line of plain text (titles, list entries): markup removed, list markers and line breaks folded."""
    md = html_to_markdown(value)
    lines = [re.sub(r"^(?:[-*]|\d+\.)\s+", "", ln.strip()) for ln in md.splitlines()]
    return " ".join(ln.lstrip("#").strip() for ln in lines if ln.strip())


def _unescape(text: str) -> str:
    for _ in range(3):  # `&amp;auml;` is `&auml;` escaped once more; three rounds cover what exports do
        if "&" not in text:
            break
        new = html.unescape(text)
        if new == text:
            break
        text = new
    return text


class _Converter:
    """A single pass over the markup; block structure is kept as pending breaks and list markers."""

    def __init__(self, *, keep_newlines: bool, min_heading: int) -> None:
        self.out: list[str] = []
        self.keep_newlines = keep_newlines
        self.min_heading = min_heading
        self.pending = 0  # 0 nothing, 1 line break, 2 blank line before the next text
        self.marker: str | None = None  # list marker or heading prefix waiting for its first text
        self.lists: list[list] = []  # [ordered, counter, marker indent, continuation indent]
        self.indent = ""
        self.links: list[tuple[str, int]] = []
        self.cell_sep = False
        self.cells_in_row = 0
        self.cells = 0  # depth of open table cells
        self.started = False

    # ---- input ----
    def feed(self, s: str) -> None:
        """Whole-string passes (in C) first; then one step per tag, inline tags skipped cheaply."""
        s = _INVISIBLE.sub("", _unescape(s)).replace("\u00a0", " ")
        s = _NEWLINE.sub("<br>", s) if self.keep_newlines else _pre_newlines(s)
        s = _WS.sub(" ", s)
        pos, n = 0, len(s)
        search = _TOKEN.search
        while pos < n:
            m = search(s, pos)
            if m is None:
                self.inline(s[pos:])
                break
            if m.start() > pos:
                self.inline(s[pos:m.start()])
            pos = m.end()
            closing, name, attrs = m.groups()
            if name is None:
                if m.group(0) == "<!--":
                    end = s.find("-->", pos)
                    pos = n if end < 0 else end + 3
                continue  # comments, <!DOCTYPE ...>, <?xml ...?>
            name = name.lower()
            if name in _INLINE:
                continue
            if name not in HTML_TAGS and not _OFFICE.match(name):
                self.inline(m.group(0))  # "<Name des Kindes>" in a form text is text, not a tag
            elif closing:
                self.end(name)
            elif name in _DROP_CONTENT and not attrs.endswith("/"):
                close = _CLOSE_RE[name].search(s, pos)
                pos = n if close is None else close.end()  # an unclosed <script> ends the text
            else:
                self.start(name, attrs)

    def start(self, name: str, attrs: str) -> None:
        if name in _HEADINGS:
            self.block(2)
            self.marker = "#" * max(self.min_heading, _HEADINGS[name]) + " "
        elif name in ("ul", "ol", "menu", "dir"):
            self.block(1 if self.lists else 2)
            self.push_list(name == "ol", _start_number(attrs))
        elif name == "li":
            if not self.lists:
                self.push_list(False, 1)
            kind = self.lists[-1]
            if kind[0]:
                bullet = f"{kind[1]}. "
                kind[1] += 1
            else:
                bullet = "- "
            self.block(1)
            self.marker = kind[2] + bullet
        elif name == "br":
            self.pending = 2 if self.pending >= 1 and self.started else max(self.pending, 1)
        elif name == "hr":
            self.block(2)
        elif name == "tr":
            self.cells = 0
            self.block(1)
            self.cells_in_row = 0
        elif name in ("td", "th"):
            self.cell_sep = self.cells_in_row > 0
            self.cells_in_row += 1
            self.cells = 1
        elif name == "pre":
            self.block(2)
        elif name == "a":
            href = _attr(attrs, "href")
            self.links.append((href, len(self.out)))
        elif name in _BLOCK:
            self.block(1 if self.lists else 2)

    def end(self, name: str) -> None:
        if name in _HEADINGS:
            self.marker = None if self.marker and self.marker.startswith("#") else self.marker
            self.block(2)
        elif name in ("ul", "ol", "menu", "dir"):
            if self.lists:
                self.lists.pop()
                self.indent = self.lists[-1][3] if self.lists else ""
            self.block(1 if self.lists else 2)
        elif name == "li":
            if self.marker and not self.marker.startswith("#"):
                self.marker = None  # an empty item is left out
            self.block(1)
        elif name == "pre":
            self.block(2)
        elif name == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.out[start:])
            url = _useful_url(href, label)
            if url:
                self.inline(f" ({url})" if label.strip() else url)
        elif name in ("td", "th"):
            self.cells = 0
        elif name == "table":
            self.block(2)
        elif name in _BLOCK:
            self.block(1 if self.lists else 2)

    def push_list(self, ordered: bool, first: int) -> None:
        """A list remembers its counter, the indentation of its markers and of its items' continuation lines."""
        outer = self.indent
        self.indent = outer + _INDENT * (3 if ordered else 2)
        self.lists.append([ordered, first, outer, self.indent])

    def block(self, level: int) -> None:
        if self.cells:
            return  # paragraphs inside a table cell stay in the cell's line
        if self.started:
            self.pending = max(self.pending, level)
        self.cell_sep = False

    def inline(self, t: str) -> None:
        if not t.strip():
            if t and self.started and not self.pending and self.marker is None and not self.cell_sep:
                self.out.append(" ")
            return
        new_line = not self.started
        if self.marker is not None:
            if self.started:
                self.out.append("\n\n" if self.pending >= 2 else "\n")
            self.out.append(self.marker)
            self.marker, new_line = None, True
        elif self.pending and self.started:
            self.out.append("\n\n" if self.pending >= 2 and not self.lists else "\n")
            if self.lists:
                self.out.append(self.indent)
            new_line = True
        elif self.cell_sep:
            self.out.append(" | ")
            t = t.lstrip()
        if new_line:
            t = t.lstrip()
            if t[:1] == "#":
                t = _HASHES.sub("", t)  # a text line must not turn into a heading (or a new section)
        self.pending = 0
        self.cell_sep = False
        self.out.append(t)
        self.started = True

    # ---- output ----
    def result(self) -> str:
        text = "".join(self.out)
        if "<" in text:  # a tag that arrived escaped twice and was unescaped into the text
            text = _ANY_TAG.sub(lambda m: "" if _is_markup(m) else m.group(0), text)
        text = _SPACES.sub(" ", text)
        text = _LINE_EDGES.sub("\n", text).strip().replace(_INDENT, " ")
        text = _BULLETS.sub("- ", text)
        return _BLANKS.sub("\n\n", text)


def _pre_newlines(s: str) -> str:
    """Line breaks inside <pre> are real; turn them into <br> before whitespace is collapsed."""
    m = _PRE_OPEN.search(s)
    if m is None:
        return s
    parts, pos = [], 0
    while m is not None:
        close = _PRE_CLOSE.search(s, m.end())
        end = len(s) if close is None else close.end()
        parts.append(s[pos:m.start()])
        parts.append(_NEWLINE.sub("<br>", s[m.start():end]))
        pos = end
        m = _PRE_OPEN.search(s, pos)
    parts.append(s[pos:])
    return "".join(parts)


def _attr(attrs: str, name: str) -> str:
    for m in _ATTR.finditer(attrs):
        if m.group(1).lower() == name:
            return m.group(2).strip("\"'").strip()
    return ""


def _start_number(attrs: str) -> int:
    value = _attr(attrs, "start")
    return int(value) if value.isdigit() else 1


def _useful_url(href: str, label: str) -> str | None:
    """The URL worth keeping after a link's text: absolute web links, mail and phone not already in the text."""
    low = href.lower()
    if low.startswith(("http://", "https://")):
        target = href
    elif low.startswith(("mailto:", "tel:")):
        target = href.split(":", 1)[1].split("?", 1)[0].strip()
    else:
        return None  # relative, anchor, javascript: nothing a reader can follow
    if not target or target in label or target.rstrip("/") in label:
        return None
    return target
