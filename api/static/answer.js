/* Safe rendering of an answer of the chat API, shared by the chat and the staff page.
   Text from the model or the user only ever goes into text nodes (never innerHTML). "[n]" becomes a link to
   the n-th source, "- " lines become a list and "**x**" bold text. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function sourceLink(source, n) {
    var a = el("a", { href: source.url || "#", class: "citation", target: "_blank", rel: "noopener noreferrer",
                      "aria-label": "Quelle " + n + ": " + source.title }, "[" + n + "]");
    return a;
  }

  /* One line of answer text as inline nodes: bold and citations. */
  function inline(parent, line, sources) {
    var parts = line.split(/(\*\*[^*]+\*\*|\[\d+\])/);
    parts.forEach(function (part) {
      if (!part) return;
      var bold = /^\*\*([^*]+)\*\*$/.exec(part);
      var cite = /^\[(\d+)\]$/.exec(part);
      if (bold) {
        parent.appendChild(el("strong", {}, bold[1]));
      } else if (cite && sources[Number(cite[1]) - 1]) {
        parent.appendChild(sourceLink(sources[Number(cite[1]) - 1], Number(cite[1])));
      } else {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  function body(container, text, sources) {
    var list = null;
    text.split("\n").forEach(function (line) {
      var item = /^\s*[-•]\s+(.*)$/.exec(line);
      if (item) {
        if (!list) { list = el("ul"); container.appendChild(list); }
        var li = el("li");
        inline(li, item[1], sources);
        list.appendChild(li);
        return;
      }
      list = null;
      if (!line.trim()) return;
      var p = el("p");
      inline(p, line, sources);
      container.appendChild(p);
    });
  }

  function sourceList(sources) {
    var wrap = el("div", { class: "sources" });
    wrap.appendChild(el("h3", {}, sources.length === 1 ? "Quelle" : "Quellen"));
    var ol = el("ol");
    sources.forEach(function (s) {
      var li = el("li");
      var a = el("a", { href: s.url || "#", target: "_blank", rel: "noopener noreferrer" }, s.title);
      li.appendChild(a);
      if (s.section) li.appendChild(el("span", { class: "section" }, " – Abschnitt „" + s.section + "“"));
      ol.appendChild(li);
    });
    wrap.appendChild(ol);
    return wrap;
  }

  /* Render a chat response (the API's object) into `container`, replacing what is there. */
  function renderAnswer(container, response) {
    container.textContent = "";
    var sources = response.sources || [];
    if (response.notice) container.appendChild(el("p", { class: "notice" }, response.notice));
    var text = el("div", { class: "answer-body" });
    body(text, response.answer || "", sources);
    container.appendChild(text);
    if (sources.length) container.appendChild(sourceList(sources));
  }

  /* Plain text of an answer with its sources, for copying. */
  function plainText(response) {
    var lines = [(response.answer || "").replace(/\*\*/g, "")];
    var sources = response.sources || [];
    if (sources.length) {
      lines.push("", "Quellen:");
      sources.forEach(function (s, i) { lines.push("[" + (i + 1) + "] " + s.title + (s.url ? " – " + s.url : "")); });
    }
    return lines.join("\n");
  }

  window.BA = { el: el, renderAnswer: renderAnswer, plainText: plainText };
})();
