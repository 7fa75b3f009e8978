/* Citizen chat: sends the question to /api/v1/chat as a Server-Sent Events stream, shows the tokens as they
   come (a "replace" event clears them), then the final answer of the done event with source links, notice and
   feedback buttons in their place. */
(function () {
  "use strict";
  var BA = window.BA;
  var SESSION_KEY = "ba-session";
  var log = document.getElementById("log");
  var form = document.getElementById("ask-form");
  var input = document.getElementById("question");
  var send = document.getElementById("send");
  var statusEl = document.getElementById("status");
  var errorEl = document.getElementById("error");
  var human = document.getElementById("human");
  var handoff = document.getElementById("handoff");
  var busy = false;
  var counter = 0;

  var embedded = new URLSearchParams(location.search).get("embed") === "1" && window.parent !== window;
  if (embedded) {
    document.body.classList.add("embed");
    // Escape inside the widget's iframe closes the widget on the host page (see widget.js).
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && handoff.hidden) window.parent.postMessage("ba:close", "*");
    });
    // The widget keeps focus in its dialog: Shift+Tab from its close button comes round to the last control here.
    window.addEventListener("message", function (e) {
      if (e.source !== window.parent || e.data !== "ba:focus-last") return;
      var controls = document.querySelectorAll("a[href], button:not([disabled]), textarea, input, select");
      for (var i = controls.length - 1; i >= 0; i--) {
        if (controls[i].offsetParent !== null) { controls[i].focus(); return; }
      }
    });
  }

  function session() { try { return sessionStorage.getItem(SESSION_KEY); } catch (e) { return null; } }
  function setSession(id) {
    try { if (id) sessionStorage.setItem(SESSION_KEY, id); else sessionStorage.removeItem(SESSION_KEY); } catch (e) {}
  }

  function showError(text) {
    errorEl.textContent = text;
    errorEl.hidden = !text;
  }

  function addMessage(role, text) {
    var wrap = BA.el("div", { class: "msg msg-" + role });
    wrap.appendChild(BA.el("p", { class: "visually-hidden" }, role === "user" ? "Sie:" : "Assistent:"));
    if (text !== undefined) wrap.appendChild(BA.el("p", { class: "user-text" }, text));
    log.appendChild(wrap);
    wrap.scrollIntoView({ block: "end" });
    return wrap;
  }

  /* The log is not a live region: a streamed answer would be read out token by token. Screen readers hear the
     finished answer once, through the status line ("Antwort erhalten." on screen, the answer after it hidden). */
  function announceAnswer(msg) {
    statusEl.textContent = "Antwort erhalten.";
    var body = msg && msg.querySelector(".answer-body");
    if (!body) return;
    var n = msg.querySelectorAll(".sources li").length;
    var spoken = body.innerText.replace(/\s*\[\d+\]/g, "").replace(/\s+/g, " ").trim();
    if (n) spoken += " " + (n === 1 ? "Eine Quelle" : n + " Quellen") + " unter der Antwort.";
    statusEl.appendChild(BA.el("span", { class: "visually-hidden" }, " " + spoken));
  }

  /* A thumb icon drawn inline (no icon font or emoji font needed); decorative, the button text names it. */
  function thumb(direction) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "thumb" + (direction === "down" ? " thumb-down" : ""));
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06" +
                           "L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22" +
                           "l3.02-7.05c.09-.23.14-.47.14-.73v-2z");
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  function feedbackButtons(sessionId) {
    var group = BA.el("div", { class: "feedback", role: "group", "aria-label": "War diese Antwort hilfreich?" });
    group.appendChild(BA.el("span", { class: "feedback-label" }, "War das hilfreich?"));
    [["up", "Ja, hilfreich"], ["down", "Nein, nicht hilfreich"]].forEach(function (b) {
      var btn = BA.el("button", { type: "button", class: "secondary small", "aria-pressed": "false",
                                  "data-rating": b[0] });
      btn.appendChild(thumb(b[0]));
      btn.appendChild(document.createTextNode(b[1]));
      btn.addEventListener("click", function () { sendFeedback(group, btn, sessionId, b[0]); });
      group.appendChild(btn);
    });
    return group;
  }

  function sendFeedback(group, btn, sessionId, rating) {
    group.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", String(b === btn)); });
    fetch("/api/v1/feedback", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session_id: sessionId, rating: rating })
    }).then(function (r) {
      statusEl.textContent = r.ok ? "Danke für Ihre Rückmeldung." : "Die Rückmeldung konnte nicht gespeichert werden.";
    }).catch(function () { statusEl.textContent = "Die Rückmeldung konnte nicht gespeichert werden."; });
  }

  /* Parse a text/event-stream body; calls onEvent(name, data) per frame. */
  async function readEvents(response, onEvent) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    for (;;) {
      var chunk = await reader.read();
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, "\n");
      var end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        var block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        var name = "message", data = [];
        block.split("\n").forEach(function (line) {
          if (line.indexOf("event:") === 0) name = line.slice(6).trim();
          else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
        });
        if (data.length) onEvent(name, JSON.parse(data.join("\n")));
      }
    }
  }

  async function ask(text, retried) {
    var sid = session();
    var response = await fetch("/api/v1/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
      body: JSON.stringify({ message: text, session_id: sid, stream: true })
    });
    if (!response.ok) {
      var err = {};
      try { err = (await response.json()).error || {}; } catch (e) {}
      if (response.status === 404 && err.code === "session_not_found" && !retried) {
        setSession(null);  // the conversation expired: start a new one without bothering the citizen
        return ask(text, true);
      }
      throw new Error(err.message || "Leider ist ein Fehler aufgetreten. Bitte versuchen Sie es später noch einmal.");
    }
    var msg = addMessage("assistant");
    msg.id = "answer-" + (++counter);
    var live = BA.el("p", { class: "streaming" });
    msg.appendChild(live);
    var raw = "";
    var final = null;
    await readEvents(response, function (name, data) {
      if (name === "token") {
        raw += data;
        live.textContent = raw;
      } else if (name === "replace") {
        // The assistant's own answer stopped at a sentence that failed its checks; the tokens that follow (and
        // the done event) are the answer from the city's documents, so what was shown goes.
        raw = "";
        live.textContent = "";
      } else if (name === "done") {
        final = data;
      } else if (name === "error") {
        throw new Error((data.error && data.error.message) || "Leider ist ein Fehler aufgetreten.");
      }
    });
    if (!final) throw new Error("Die Antwort kam nicht vollständig an. Bitte versuchen Sie es noch einmal.");
    setSession(final.session_id);
    var content = BA.el("div", { class: "answer" });
    BA.renderAnswer(content, final);
    msg.replaceChild(content, live);
    msg.appendChild(feedbackButtons(final.session_id));
  }

  async function submit(event) {
    if (event) event.preventDefault();
    if (busy) return;
    var text = input.value.trim();
    if (!text) {
      showError("Bitte schreiben Sie eine Frage.");
      input.focus();
      return;
    }
    showError("");
    busy = true;
    send.disabled = true;
    log.setAttribute("aria-busy", "true");
    statusEl.textContent = "Der Assistent schreibt …";
    addMessage("user", text);
    input.value = "";
    input.focus();
    try {
      await ask(text, false);
      announceAnswer(log.lastElementChild);
    } catch (e) {
      statusEl.textContent = "";
      showError(e.message || String(e));
    } finally {
      busy = false;
      send.disabled = false;
      log.setAttribute("aria-busy", "false");
      log.lastElementChild && log.lastElementChild.scrollIntoView({ block: "end" });
    }
  }

  function toggleHandoff(open) {
    handoff.hidden = !open;
    human.setAttribute("aria-expanded", String(open));
    if (open) {
      handoff.scrollIntoView({ block: "start" });
      document.getElementById("handoff-title").focus();
    } else {
      human.focus();
    }
  }

  form.addEventListener("submit", submit);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) submit(e);
  });
  human.addEventListener("click", function () { toggleHandoff(handoff.hidden); });
  document.getElementById("handoff-close").addEventListener("click", function () { toggleHandoff(false); });
  handoff.addEventListener("keydown", function (e) { if (e.key === "Escape") toggleHandoff(false); });
  document.getElementById("reset").addEventListener("click", function () {
    setSession(null);
    Array.prototype.slice.call(log.querySelectorAll(".msg:not(.welcome)")).forEach(function (m) { m.remove(); });
    statusEl.textContent = "Ein neues Gespräch hat begonnen.";
    showError("");
    input.focus();
  });
})();
