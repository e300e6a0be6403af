// The browser side of the frame: seven behaviours, each a named function, installed once per
// browser page (Streamlit redraws this element on every run). Streamlit's elements are found
// only through HOOKS, prepended by pages/_ui/dom_hooks.py, which checks at start-up that the
// installed Streamlit still sets them. A hook gone only turns its behaviours off: every edit
// still saves on blur and Enter without this script.
// (No angle brackets in this file: the page takes them for HTML tags and drops the script.)
(() => {
  if (window.__prepFrame) return;

  const app = () => document.querySelector(HOOKS.app);
  const scriptState = () => app()?.getAttribute(HOOKS.scriptState);
  const menuLink = (el) => el.closest(HOOKS.menuLink);
  const isText = (el) =>
    el && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && /^(text|search|url|email|tel)?$/.test(el.type)));
  const savesOnKey = (e) =>  // Enter saves a line; in a text area, Ctrl+Enter does
    e.key === "Enter" && isText(e.target) && (e.target.tagName === "INPUT" || e.ctrlKey || e.metaKey);

  // A field saves when it loses focus, but Streamlit sends that value a moment after a click on
  // a menu link has already asked for the new page, tagged with the old page: the server then
  // ran the old page again. So a menu click made while a changed field is being saved waits
  // until that save's run is over, then goes ahead.
  function saveBeforeLeaving() {
    const startValue = new WeakMap();
    let saving = 0;  // when a changed field was left: its save is on the way
    let runStart = 0;
    let runEnd = 0;
    new MutationObserver(() => {
      const running = scriptState() === "running";
      if (running && runEnd >= runStart) runStart = Date.now();
      if (!running && runStart > runEnd) runEnd = Date.now();
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: [HOOKS.scriptState] });
    const saved = () => runStart > saving && runEnd >= runStart;  // a run began after it and ended
    document.addEventListener("focusin", (e) => { if (isText(e.target)) startValue.set(e.target, e.target.value); }, true);
    document.addEventListener("keydown", (e) => { if (savesOnKey(e)) startValue.set(e.target, e.target.value); }, true);
    document.addEventListener("focusout", (e) => {
      if (isText(e.target) && startValue.get(e.target) !== e.target.value) saving = Date.now();
    }, true);
    document.addEventListener("click", (e) => {
      const link = menuLink(e.target);
      if (!link || !saving || saved() || e.detail === -1) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      const asked = Date.now();
      const wait = setInterval(() => {
        if (!saved() && 3000 > Date.now() - asked) return;
        clearInterval(wait);
        saving = 0;
        link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, detail: -1 }));
      }, 20);
    }, true);
  }

  // Text typed but not yet saved: a reload or closing the tab asks first.
  function askBeforeLosingTyping() {
    const unsaved = new Set();
    document.addEventListener("input", (e) => { if (isText(e.target)) unsaved.add(e.target); }, true);
    document.addEventListener("focusout", (e) => unsaved.delete(e.target), true);
    document.addEventListener("keydown", (e) => { if (savesOnKey(e)) unsaved.delete(e.target); }, true);
    window.addEventListener("beforeunload", (e) => {
      for (const el of unsaved) if (!el.isConnected) unsaved.delete(el);
      if (unsaved.size) { e.preventDefault(); e.returnValue = ""; }
    });
  }

  // On a phone the open sidebar covers the page: fold it away once a page is picked.
  function foldSidebarOnPhones() {
    document.addEventListener("click", (e) => {
      if (!menuLink(e.target) || window.innerWidth > 768) return;
      setTimeout(() => document.querySelector(HOOKS.sidebarFold)?.click(), 0);
    }, true);
  }

  // A click that leaves a field to fill puts the cursor in it once it is drawn: "Add a row"
  // (the table's row editor is a container keyed "row-" + field + row id: a new key is the new
  // row), and a one-click fix on a Fit gap card (a new container keyed "fill-": the talking
  // point of the skills row it added). Pairs of key prefixes: the button's, the field's.
  function focusNewRow() {
    const fills = [["addrow-", "row-"], ["fit-gap-", "fill-"]]
      .map(([button, field]) => [HOOKS.keyClass + button, HOOKS.keyClass + field]);
    const keysOf = (prefix) => new Set([...document.querySelectorAll(`[class*="${prefix}"]`)]
      .map((el) => [...el.classList].find((c) => c.startsWith(prefix))));
    let pending = null;  // {prefix, before}: the field containers there were at the click
    document.addEventListener("click", (e) => {
      const fill = fills.find(([button]) => e.target.closest(`[class*="${button}"] button`));
      if (fill) pending = { prefix: fill[1], before: keysOf(fill[1]) };
    }, true);
    new MutationObserver(() => {
      if (!pending || scriptState() !== "notRunning") return;  // React may still swap the fields
      const fresh = [...keysOf(pending.prefix)].find((key) => key && !pending.before.has(key));
      const cell = fresh && document.querySelector("." + fresh + " input");
      if (cell) { cell.focus(); pending = null; }
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["class", HOOKS.scriptState] });
  }

  // Practice's countdown: soft, it turns amber at zero and keeps counting, never cuts off. Our
  // own element (data-prep-deadline, drawn by pages/_ui/practice.py): no Streamlit hook.
  function tickCountdowns() {
    setInterval(() => {
      for (const el of document.querySelectorAll("[data-prep-deadline]")) {
        const left = Math.round((Number(el.dataset.prepDeadline) - Date.now()) / 1000);
        const abs = Math.abs(left);
        const clock = `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
        el.textContent = left >= 0 ? `${clock} left` : `Time is up (+${clock}): finish your thought`;
        el.classList.toggle("prep-timer-over", 0 > left);
      }
    }, 500);
  }

  // Enter in a one-line field saves it (Streamlit does) and goes on to the next stop of the
  // page, as Tab does: a form is filled by typing and Enter. Not in a picker's search box.
  function enterMovesOn() {
    document.addEventListener("keydown", (e) => {
      const field = e.target;
      if (e.key !== "Enter" || e.isComposing || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
      if (field.tagName !== "INPUT" || !isText(field) || field.getAttribute("role") === "combobox") return;
      const main = field.closest(HOOKS.main);
      if (!main) return;
      const stops = [...main.querySelectorAll("input, textarea, button, select, [tabindex]")]
        .filter((el) => el.tabIndex >= 0 && !el.disabled && el.offsetParent !== null);
      const next = stops[stops.indexOf(field) + 1];
      if (!next) return;
      setTimeout(() => { next.focus(); if (isText(next)) next.select(); }, 0);  // after the save
    });
  }

  // A field's hint is its placeholder while it is empty; once it holds text, the hint stays
  // on hover (its title). No help button between fields: it was a Tab stop that ate typing.
  function hintOnHover() {
    document.addEventListener("mouseover", (e) => {
      const field = e.target;
      if (isText(field) && field.placeholder && !field.title) field.title = field.placeholder;
    }, true);
  }

  const behaviours = [
    saveBeforeLeaving, askBeforeLosingTyping, foldSidebarOnPhones, focusNewRow, tickCountdowns,
    enterMovesOn, hintOnHover,
  ];
  for (const behaviour of behaviours) behaviour();
  window.__prepFrame = behaviours.map((behaviour) => behaviour.name);  // for the browser tests
})();
