/* Embeddable chat widget for the city's pages:
     <script src="https://assistent.example.de/widget.js" defer></script>
   Adds a button that opens the chat in an iframe from the assistant's own origin (its styles and scripts stay
   isolated from the host page). Optional attribute: data-label="Fragen Sie uns".
   Served by api/routers/pages.py with the city's texts filled in (JavaScript string escapes). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || document.getElementById("ba-widget-button")) return;
  var origin = new URL(script.src, location.href).origin;
  var label = script.getAttribute("data-label") || "{{widget_label}}";
  var blue = "#005a9c";

  function style(node, css) { Object.keys(css).forEach(function (k) { node.style[k] = css[k]; }); }

  var button = document.createElement("button");
  button.id = "ba-widget-button";
  button.type = "button";
  button.textContent = label;
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "ba-widget-panel");
  style(button, { position: "fixed", right: "16px", bottom: "16px", zIndex: "2147483000", background: blue,
                  color: "#ffffff", border: "2px solid #ffffff", borderRadius: "24px", padding: "12px 20px",
                  font: "600 16px/1.2 system-ui, sans-serif", cursor: "pointer",
                  boxShadow: "0 2px 8px rgba(0,0,0,.35)" });

  var panel = document.createElement("div");
  panel.id = "ba-widget-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-modal", "true");
  panel.setAttribute("aria-label", "{{assistant_name}}");
  panel.hidden = true;
  style(panel, { position: "fixed", right: "8px", bottom: "76px", zIndex: "2147483000",
                 width: "min(400px, calc(100vw - 16px))", height: "min(640px, calc(100vh - 96px))",
                 background: "#ffffff", border: "1px solid #505a5f", borderRadius: "8px",
                 boxShadow: "0 4px 16px rgba(0,0,0,.35)", overflow: "hidden", display: "flex",
                 flexDirection: "column" });

  var close = document.createElement("button");
  close.type = "button";
  close.textContent = "Schließen";
  style(close, { alignSelf: "flex-end", margin: "4px", background: "#ffffff", color: blue,
                 border: "2px solid " + blue, borderRadius: "4px", padding: "6px 12px",
                 font: "600 15px/1.2 system-ui, sans-serif", cursor: "pointer" });
  panel.appendChild(close);

  /* Host pages may restyle buttons or remove outlines: the focus ring is set inline, like the chat page's
     (dark outline and yellow halo, visible on light and dark pages alike). */
  function focusRing(node) {
    var shadow = node.style.boxShadow;
    node.addEventListener("focus", function () {
      if (!node.matches(":focus-visible")) return;
      style(node, { outline: "3px solid #1b1b1b", outlineOffset: "2px", boxShadow: "0 0 0 6px #ffdd00" });
    });
    node.addEventListener("blur", function () { style(node, { outline: "", outlineOffset: "", boxShadow: shadow }); });
  }
  focusRing(button);
  focusRing(close);

  var frame = null;

  function open(show) {
    if (show && !frame) {
      frame = document.createElement("iframe");
      frame.src = origin + "/?embed=1";
      frame.title = "{{assistant_name}}";
      style(frame, { border: "0", width: "100%", flex: "1" });
      panel.appendChild(frame);
    }
    panel.hidden = !show;
    panel.style.display = show ? "flex" : "none";
    button.setAttribute("aria-expanded", String(show));
    (show ? close : button).focus();
  }

  /* The dialog keeps keyboard focus: Tab after the chat's last control lands on the button after the panel and
     is sent back to "Schließen"; Shift+Tab from "Schließen" asks the chat (another origin) to focus its last
     control. A click outside the panel may take focus away: the panel covers only a corner of a wide page. */
  var clickedOutsideAt = 0;
  document.addEventListener("pointerdown", function (e) {
    if (!panel.contains(e.target)) clickedOutsideAt = Date.now();
  }, true);
  document.addEventListener("focusin", function (e) {
    if (panel.hidden || panel.contains(e.target) || Date.now() - clickedOutsideAt < 1000) return;
    close.focus();
  });
  close.addEventListener("keydown", function (e) {
    if (e.key !== "Tab" || !e.shiftKey || !frame) return;
    e.preventDefault();
    frame.focus();
    frame.contentWindow.postMessage("ba:focus-last", origin);
  });

  button.addEventListener("click", function () { open(panel.hidden); });
  close.addEventListener("click", function () { open(false); });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") open(false); });
  window.addEventListener("message", function (e) {
    if (e.origin === origin && e.data === "ba:close" && !panel.hidden) open(false);
  });
  panel.style.display = "none";
  document.body.appendChild(panel);
  document.body.appendChild(button);
})();
