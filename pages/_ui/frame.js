// Installed once per browser page: Streamlit redraws this element on every run.
(() => {
  if (window.__prepFrame) return;
  window.__prepFrame = true;

  // 1. Text typed but not yet saved (a field commits on blur, Enter or Ctrl+Enter): a reload
  //    or closing the tab asks first instead of dropping it.
  const unsaved = new Set();
  const isText = (el) =>
    el && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && /^(text|search|url|email|tel)?$/.test(el.type)));
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

  // 2. On a phone the sidebar covers the page: fold it away once a page is picked from the menu.
  document.addEventListener("click", (e) => {
    if (!e.target.closest('[class*="st-key-nav-"]') || window.innerWidth > 768) return;
    setTimeout(() => {
      const fold = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (fold) fold.click();
    }, 0);
  }, true);

  // 3. "Add a row" puts the cursor in the new row's first cell once the row is drawn (the
  //    table's row editor is a container keyed "row-" + field + row id: a new key is the new row).
  //    (No angle brackets in this file: the page takes them for HTML tags and drops the script.)
  let pending = null;
  const rowKeys = () => new Set([...document.querySelectorAll('[class*="st-key-row-"]')]
    .map((el) => [...el.classList].find((c) => c.startsWith("st-key-row-"))));
  document.addEventListener("click", (e) => {
    if (e.target.closest('[class*="st-key-addrow-"]')) pending = rowKeys();
  }, true);
  const idle = () => document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState === "notRunning";
  new MutationObserver(() => {
    if (!pending || !idle()) return;  // once the run is over: React may still swap the fields
    const fresh = [...rowKeys()].find((key) => key && !pending.has(key));
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
