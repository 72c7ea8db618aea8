// Inserting into the composer without a round trip: buttons marked data-insert (emoji, quick
// replies) put their text at the caret, and a leading "/shortcut" in the composer opens the
// quick replies whose shortcut starts with it (↑/↓ choose, Enter or Tab inserts, Esc closes).
// The text is set the way typing sets it, so the draft and the length counter follow.
(() => {
  const composer = () => document.getElementById("composer");
  const menu = () => document.getElementById("slash-menu");
  const SLASH = /^\/([a-z0-9_-]*)$/i;

  const setValue = (box, value, caret) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set;
    setter.call(box, value);
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.focus();
    box.setSelectionRange(caret, caret);
  };

  const insert = (text) => {
    const box = composer();
    if (!box) return;
    if (SLASH.test(box.value)) {           // a quick reply chosen from "/..." replaces it
      setValue(box, text, text.length);
    } else {
      const start = box.selectionStart ?? box.value.length;
      const end = box.selectionEnd ?? start;
      setValue(box, box.value.slice(0, start) + text + box.value.slice(end), start + text.length);
    }
    hideMenu();
  };

  const items = () => Array.from(menu()?.querySelectorAll("[data-shortcut]") || [])
    .filter((item) => item.style.display !== "none");
  const hideMenu = () => { const m = menu(); if (m) m.hidden = true; };
  const activate = (item) => {
    for (const other of menu().querySelectorAll("[data-active]")) other.dataset.active = "false";
    if (item) { item.dataset.active = "true"; item.scrollIntoView({ block: "nearest" }); }
  };

  const filterMenu = (box) => {
    const m = menu();
    if (!m) return;
    const typed = SLASH.exec(box.value);
    if (!typed) { m.hidden = true; return; }
    const prefix = typed[1].toLowerCase();
    let shown = 0;
    for (const item of m.querySelectorAll("[data-shortcut]")) {
      const match = item.dataset.shortcut.startsWith(prefix);
      item.style.display = match ? "" : "none";
      shown += match ? 1 : 0;
    }
    m.hidden = shown === 0;
    activate(items()[0]);
  };

  document.addEventListener("click", (e) => {
    const button = e.target.closest && e.target.closest("[data-insert]");
    if (button) { e.preventDefault(); insert(button.dataset.insert); }
  });
  document.addEventListener("input", (e) => {
    if (e.target && e.target.id === "composer") filterMenu(e.target);
  });
  // Capture: runs before the composer's Enter-sends handler.
  document.addEventListener("keydown", (e) => {
    const m = menu();
    if (!m || m.hidden || !e.target || e.target.id !== "composer") return;
    const all = items();
    const at = all.findIndex((item) => item.dataset.active === "true");
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      activate(all[(at + step + all.length) % all.length]);
    } else if ((e.key === "Enter" || e.key === "Tab") && at >= 0) {
      e.preventDefault();
      e.stopImmediatePropagation();
      insert(all[at].dataset.insert);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopImmediatePropagation();
      hideMenu();
    }
  }, true);
})();
