// Installed once per browser page: Streamlit redraws this element on every run.
(() => {
  if (window.__prepFrame) return;
  window.__prepFrame = true;

  const app = () => document.querySelector('[data-testid="stApp"]');
  const running = () => app()?.dataset.testScriptState === "running";
  const isText = (el) =>
    el && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && /^(text|search|url|email|tel)?$/.test(el.type)));

  // 1. Saving before leaving. A field saves when it loses focus, but Streamlit sends that value
  //    a moment after a click on a menu link has already asked for the new page, tagged with the
  //    old page: the server then ran the old page again. So a menu click made while a changed
  //    field is being saved waits until that save's run is over, then goes ahead.
  const startValue = new WeakMap();
  let saving = 0;  // when a changed field was left: its save is on the way
  let runStart = 0;
  let runEnd = 0;
  new MutationObserver(() => {
    if (running() && runEnd >= runStart) runStart = Date.now();
    if (!running() && runStart > runEnd) runEnd = Date.now();
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-test-script-state"] });
  const saved = () => runStart > saving && runEnd >= runStart;  // a run began after it and ended
  document.addEventListener("focusin", (e) => { if (isText(e.target)) startValue.set(e.target, e.target.value); }, true);
  document.addEventListener("keydown", (e) => {  // Enter (Ctrl+Enter in a text area) saves too
    if (e.key === "Enter" && isText(e.target) && (e.target.tagName === "INPUT" || e.ctrlKey || e.metaKey)) {
      startValue.set(e.target, e.target.value);
    }
  }, true);
  document.addEventListener("focusout", (e) => {
    if (isText(e.target) && startValue.get(e.target) !== e.target.value) saving = Date.now();
  }, true);
  document.addEventListener("click", (e) => {
    const link = e.target.closest('[data-testid="stSidebarNav"] a');
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

  // 2. Text typed but not yet saved: a reload or closing the tab asks first.
  const unsaved = new Set();
  document.addEventListener("input", (e) => { if (isText(e.target)) unsaved.add(e.target); }, true);
  document.addEventListener("focusout", (e) => unsaved.delete(e.target), true);
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || !isText(e.target)) return;
    if (e.target.tagName === "INPUT" || e.ctrlKey || e.metaKey) unsaved.delete(e.target);
  }, true);
  window.addEventListener("beforeunload", (e) => {
    for (const el of unsaved) if (!el.isConnected) unsaved.delete(el);
    if (unsaved.size) { e.preventDefault(); e.returnValue = ""; }
  });

  // 2b. On a phone the open sidebar covers the page: fold it away once a page is picked.
  document.addEventListener("click", (e) => {
    if (!e.target.closest('[data-testid="stSidebarNav"] a') || window.innerWidth > 768) return;
    setTimeout(() => {
      const fold = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (fold) fold.click();
    }, 0);
  }, true);

  // 3. A click that leaves a field to fill puts the cursor in it once it is drawn: "Add a row"
  //    (the table's row editor is a container keyed "row-" + field + row id: a new key is the
  //    new row), and a one-click fix of a Fit gap card (a new container keyed "fill-": the
  //    talking point of the skills row it added). [button container, field container] pairs.
  //    (No angle brackets in this file: the page takes them for HTML tags and drops the script.)
  const FILLS = [["st-key-addrow-", "st-key-row-"], ["st-key-fit-gap-", "st-key-fill-"]];
  let pending = null;  // {prefix, before}: the field containers there were at the click
  const keysOf = (prefix) => new Set([...document.querySelectorAll('[class*="' + prefix + '"]')]
    .map((el) => [...el.classList].find((c) => c.startsWith(prefix))));
  document.addEventListener("click", (e) => {
    const fill = FILLS.find(([button]) => e.target.closest('[class*="' + button + '"] button'));
    if (fill) pending = { prefix: fill[1], before: keysOf(fill[1]) };
  }, true);
  const idle = () => app()?.dataset.testScriptState === "notRunning";
  new MutationObserver(() => {
    if (!pending || !idle()) return;  // once the run is over: React may still swap the fields
    const fresh = [...keysOf(pending.prefix)].find((key) => key && !pending.before.has(key));
    const cell = fresh && document.querySelector("." + fresh + " input");
    if (cell) { cell.focus(); pending = null; }
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["class", "data-test-script-state"] });

  // 4. Practice's countdown: soft, it turns amber at zero and keeps counting, never cuts off.
  setInterval(() => {
    for (const el of document.querySelectorAll("[data-prep-deadline]")) {
      const left = Math.round((Number(el.dataset.prepDeadline) - Date.now()) / 1000);
      const abs = Math.abs(left);
      const clock = `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
      el.textContent = left >= 0 ? `${clock} left` : `Time is up (+${clock}): finish your thought`;
      el.classList.toggle("prep-timer-over", 0 > left);
    }
  }, 500);
})();
