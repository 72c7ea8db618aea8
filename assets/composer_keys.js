// The inbox composer: Enter sends, Shift+Enter starts a new line. Loaded as a file on every
// page (the content security policy allows no eval, so no rx.call_script).
document.addEventListener("keydown", (e) => {
  const box = e.target;
  if (!box || box.id !== "composer" || e.key !== "Enter" || e.shiftKey || e.isComposing) return;
  e.preventDefault();
  if (box.value.trim() && box.form) box.form.requestSubmit();
});
