// The composer's length against the channel's limit, as the user types (no round trip): a
// counter from 80% of the limit, and above it a message and a disabled Send. Nothing is ever
// cut: the text stays as typed. Lengths count characters as the database does (code points).
(() => {
  const update = (box) => {
    const limit = Number(box.dataset.limit || 0);
    const form = box.form;
    if (!limit || !form) return;
    const length = Array.from(box.value).length;
    const over = length > limit;
    const counter = form.querySelector("#composer-count");
    const refusal = form.querySelector("#composer-too-long");
    const send = form.querySelector("#send");
    if (counter) {
      counter.hidden = length < limit * 0.8;
      const locale = box.dataset.locale || undefined;
      counter.textContent = `${length.toLocaleString(locale)} / ${limit.toLocaleString(locale)}`;
      counter.dataset.over = over;
    }
    if (refusal) refusal.hidden = !over;
    if (send) send.disabled = over;
    box.setAttribute("aria-invalid", over);
  };
  document.addEventListener("input", (e) => {
    if (e.target && e.target.id === "composer") update(e.target);
  });
  // The limit changes with the composer's mode (a reply's channel limit, a note's own).
  new MutationObserver((changes) => {
    for (const change of changes) if (change.target.id === "composer") update(change.target);
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-limit"],
                                         subtree: true });
  // Enter sends (composer_keys.js) only what Send would send.
  document.addEventListener("keydown", (e) => {
    const box = e.target;
    if (!box || box.id !== "composer" || e.key !== "Enter" || e.shiftKey) return;
    if (Array.from(box.value).length > Number(box.dataset.limit || Infinity)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);
})();
