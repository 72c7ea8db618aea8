// A suggested reply lands in the composer: the inbox's hidden #composer-suggestion carries the
// draft (data-text), the conversation it was asked for (data-for) and a number that moves once
// per draft (data-seq). The text goes into the composer only if it still shows that
// conversation; it replaces an empty box or an untouched earlier draft, and otherwise goes
// below what staff typed. Set the way typing sets it, so the kept draft and the length counter
// follow. Nothing is sent. Loaded as a file: the page policy allows no eval.
(() => {
  const seen = new WeakMap();     // #composer-suggestion -> the data-seq already handled
  const filled = new WeakMap();   // #composer -> the draft it was last filled with

  function fill(box, text) {
    const kept = box.value;
    const value = !kept.trim() || kept === filled.get(box) ? text : kept + "\n\n" + text;
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set;
    setter.call(box, value);
    box.dispatchEvent(new Event("input", { bubbles: true }));
    filled.set(box, value);
    box.focus();
    box.setSelectionRange(value.length, value.length);
  }

  function check() {
    const carrier = document.getElementById("composer-suggestion");
    if (!carrier) return;
    const seq = carrier.dataset.seq || "0";
    if (!seen.has(carrier)) {      // a page (re)loaded: drafts from before are not refilled
      seen.set(carrier, seq);
      return;
    }
    if (seen.get(carrier) === seq) return;
    seen.set(carrier, seq);
    const box = document.getElementById("composer");
    const draft = box && box.dataset ? box.dataset.draft || "" : "";
    if (box && carrier.dataset.text && draft.endsWith(":" + carrier.dataset.for)) {
      fill(box, carrier.dataset.text);
    }
  }

  new MutationObserver(check).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["data-seq"]});
})();
