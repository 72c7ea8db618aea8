// Unsent replies survive a trip to the sign-in page: the inbox composer's text is kept in this
// browser per user and conversation (the textarea's data-draft="<user id>:<conversation id>")
// until it is sent, erased or 3 days old. Signing out with the header's buttons forgets every
// draft (a shared front-desk computer). Loaded as a file: the page policy allows no inline
// script.
(() => {
  const PREFIX = "omni-draft:";
  const MAX_AGE_MS = 3 * 24 * 3600 * 1000;
  // A send that the server refuses because the session ended answers with a redirect to the
  // sign-in page well within this; still on another page after it, the reply went out.
  const SENT_AFTER_MS = 4000;
  const SIGN_OUT_ACTION = "/api/auth/logout";
  const pending = new Map();   // storage key -> text submitted, not yet known to be sent

  function keyOf(box) {
    const draft = box && box.id === "composer" && box.dataset ? box.dataset.draft : "";
    return /^[^:]+:[^:]+$/.test(draft || "") ? PREFIX + draft : null;
  }

  function read(key) {
    try {
      const kept = JSON.parse(localStorage.getItem(key) || "null");
      if (kept && typeof kept.text === "string" && Date.now() - kept.at < MAX_AGE_MS) {
        return pending.get(key) === kept.text ? "" : kept.text;
      }
      localStorage.removeItem(key);
    } catch (e) { /* storage disabled or full: no drafts */ }
    return "";
  }

  function write(key, text) {
    try {
      if (text.trim()) localStorage.setItem(key, JSON.stringify({text, at: Date.now()}));
      else localStorage.removeItem(key);
    } catch (e) { /* storage disabled or full: no drafts */ }
  }

  function forgetAll() {
    try {
      Object.keys(localStorage).filter((k) => k.startsWith(PREFIX))
        .forEach((k) => localStorage.removeItem(k));
    } catch (e) { /* nothing kept */ }
  }

  // The composer shows the draft of the conversation it belongs to, when it appears and when
  // another conversation is opened in it.
  const showing = new WeakMap();
  function restore() {
    const box = document.getElementById("composer");
    const key = keyOf(box);
    if (!key || showing.get(box) === key) return;
    showing.set(box, key);
    box.value = read(key);
  }

  document.addEventListener("input", (e) => {
    const key = keyOf(e.target);
    if (key) write(key, e.target.value);
  });

  document.addEventListener("submit", (e) => {
    const form = e.target;
    if (form.getAttribute && form.getAttribute("action") === SIGN_OUT_ACTION) return forgetAll();
    const box = form.querySelector ? form.querySelector("#composer") : null;
    const key = keyOf(box);
    if (!key) return;
    const text = box.value;
    pending.set(key, text);
    setTimeout(() => {
      pending.delete(key);
      const sent = !location.pathname.startsWith("/login");
      if (sent && read(key) === text) write(key, "");
    }, SENT_AFTER_MS);
  }, true);

  new MutationObserver(restore).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["data-draft"]});
})();
