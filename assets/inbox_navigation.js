// The inbox's keyboard and scrolling, as a file (the page policy allows no inline script or eval):
// - ↑/↓ move between rows of a list marked data-rows (Enter opens the focused row: it is a link);
// - Esc goes back from an open conversation (clicks #pane-back);
// - buttons marked data-autoload click themselves when scrolled into view (infinite scroll);
// - a message marked data-focus is scrolled to once (a search hit opened in its conversation).
(() => {
  const rows = (list) => Array.from(list.querySelectorAll("[data-row]"));

  document.addEventListener("keydown", (e) => {
    if (e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    const list = e.target.closest && e.target.closest("[data-rows]");
    if (list && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      const all = rows(list);
      const at = all.indexOf(e.target.closest("[data-row]"));
      const next = all[e.key === "ArrowDown" ? Math.min(at + 1, all.length - 1) : Math.max(at - 1, 0)];
      if (next) { e.preventDefault(); next.focus(); }
      return;
    }
    if (e.key !== "Escape") return;
    const open = Array.from(document.querySelectorAll("[role=dialog],[role=menu],[role=listbox]"))
      // getClientRects, not offsetParent: a layer with position fixed (the client sheet) has none.
      .some((layer) => !layer.hidden && layer.getClientRects().length > 0);
    if (open) return;   // Esc closes that layer first
    if (e.target.value) return;  // Esc in a box with text typed in it keeps the text
    const back = document.getElementById("pane-back");
    if (back) back.click();
  });

  const lastClick = new WeakMap();
  const visible = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const button = entry.target;
      const now = Date.now();
      if (!entry.isIntersecting || button.disabled || now - (lastClick.get(button) || 0) < 400) continue;
      lastClick.set(button, now);
      button.click();
    }
  });
  let scrolledTo = "";
  const watch = () => {
    // Re-observing reports the current intersection again, so a sentinel still in view after a
    // page arrives loads the next one.
    for (const button of document.querySelectorAll("[data-autoload]")) {
      visible.unobserve(button);
      visible.observe(button);
    }
    const focus = document.querySelector("[data-focus=true]");
    if (focus && focus.id !== scrolledTo) {
      scrolledTo = focus.id;
      focus.scrollIntoView({ block: "center" });
    } else if (!focus) {
      scrolledTo = "";
    }
  };
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; watch(); });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
