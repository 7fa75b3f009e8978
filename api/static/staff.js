/* Staff lookup: POST /api/v1/search with the access key, ranked results with the query's words highlighted in
   each passage, and the composed answer ready to copy. */
(function () {
  "use strict";
  var BA = window.BA;
  var KEY = "ba-staff-key";
  var KINDS = { service: "Leistung", strategy: "Strategie", info: "Information" };
  var form = document.getElementById("search-form");
  var keyInput = document.getElementById("api-key");
  var query = document.getElementById("query");
  var statusEl = document.getElementById("status");
  var errorEl = document.getElementById("error");
  var answerSection = document.getElementById("answer-section");
  var answerEl = document.getElementById("answer");
  var resultsSection = document.getElementById("results-section");
  var results = document.getElementById("results");
  var copyStatus = document.getElementById("copy-status");
  var lastAnswer = null;

  try { keyInput.value = sessionStorage.getItem(KEY) || ""; } catch (e) {}
  keyInput.addEventListener("change", function () {
    try { sessionStorage.setItem(KEY, keyInput.value); } catch (e) {}
  });

  function showError(text) { errorEl.textContent = text; errorEl.hidden = !text; }

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* Words of the query (3+ letters) without their inflection ending ("Kosten" also marks "kostet"); they match
     inside compounds too ("perso" in "Personalausweis"). */
  function terms(q) {
    return (q.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) || []).map(function (t) {
      var stem = t.replace(/(en|er|es|em|e|n|s)$/u, "");
      return stem.length >= 4 ? stem : t;
    }).filter(function (t, i, a) { return a.indexOf(t) === i; });
  }

  function highlighted(text, words) {
    var node = BA.el("p", { class: "passage" });
    if (!words.length) { node.textContent = text; return node; }
    var re = new RegExp("(" + words.map(escapeRegExp).join("|") + ")", "giu");
    text.split(re).forEach(function (part, i) {
      if (!part) return;
      node.appendChild(i % 2 ? BA.el("mark", {}, part) : document.createTextNode(part));
    });
    return node;
  }

  function renderResults(data, words) {
    results.textContent = "";
    data.results.forEach(function (r, i) {
      var li = BA.el("li", { class: "result" });
      var h = BA.el("h3");
      h.appendChild(BA.el("a", { href: r.url || "#", target: "_blank", rel: "noopener noreferrer" }, r.title));
      li.appendChild(h);
      var meta = BA.el("p", { class: "meta" });
      meta.textContent = "Rang " + (i + 1) + " · " + (KINDS[r.kind] || r.kind || "") + " · Abschnitt „" +
        (r.section || "–") + "“ · Wert " + Number(r.score).toFixed(3) + " · " + r.id;
      li.appendChild(meta);
      li.appendChild(highlighted(r.passage || r.snippet || "", words));
      results.appendChild(li);
    });
    resultsSection.hidden = false;
  }

  async function search(event) {
    event.preventDefault();
    var q = query.value.trim();
    if (!q) { showError("Bitte geben Sie einen Suchbegriff ein."); query.focus(); return; }
    showError("");
    copyStatus.textContent = "";
    statusEl.textContent = "Suche läuft …";
    var kind = form.querySelector("input[name=kind]:checked").value;
    var payload = { query: q, k: Number(document.getElementById("k").value), answer: true };
    if (kind) payload.filters = { kind: kind };
    try {
      var response = await fetch("/api/v1/search", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-API-Key": keyInput.value },
        body: JSON.stringify(payload)
      });
      var data = await response.json();
      if (!response.ok) throw new Error((data.error && data.error.message) || "Die Suche ist fehlgeschlagen.");
      renderResults(data, terms(q));
      lastAnswer = data.answer || null;
      answerSection.hidden = !lastAnswer;
      if (lastAnswer) BA.renderAnswer(answerEl, lastAnswer);
      statusEl.textContent = data.results.length === 1 ? "1 Treffer." :
        (data.results.length ? data.results.length + " Treffer." : "Keine Treffer.");
    } catch (e) {
      statusEl.textContent = "";
      showError(e.message || String(e));
      if (/Zugangsschlüssel/.test(e.message || "")) keyInput.focus();
    }
  }

  async function copyAnswer() {
    if (!lastAnswer) return;
    var text = BA.plainText(lastAnswer);
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {  // no clipboard permission (e.g. plain http): select the text for Strg+C instead
      var range = document.createRange();
      range.selectNodeContents(answerEl);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      copyStatus.textContent = "Text markiert – kopieren Sie ihn mit Strg+C.";
      return;
    }
    copyStatus.textContent = "Antwort kopiert.";
  }

  form.addEventListener("submit", search);
  document.getElementById("copy").addEventListener("click", copyAnswer);
})();
