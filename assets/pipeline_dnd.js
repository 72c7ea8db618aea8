// Drag and drop on the pipeline board (/pipeline), with the mouse: a card ([data-card-id],
// draggable) dropped on a column ([data-stage-key]) lands where the marker shows, between the
// cards above and below the pointer. The drop is handed to the page's state through the hidden
// #pipeline-drop input (set the way typing sets it, so React's onChange sends it); the state
// moves the card at once and saves the move. Keyboards and screen readers use each card's
// "Move to…" menu instead.
(() => {
  let dragged = null;

  const cardsOf = (column) =>
    [...column.querySelectorAll("[data-card-id]")].filter((card) => card !== dragged);

  // Where the pointer is: the index among the column's other cards.
  const indexAt = (column, y) => {
    const cards = cardsOf(column);
    const at = cards.findIndex((card) => {
      const box = card.getBoundingClientRect();
      return y < box.top + box.height / 2;
    });
    return at === -1 ? cards.length : at;
  };

  const clearMarks = () => {
    document.querySelectorAll(".drop-before, .drop-at-end, .drop-column").forEach((element) =>
      element.classList.remove("drop-before", "drop-at-end", "drop-column"));
  };

  const mark = (column, index) => {
    clearMarks();
    column.classList.add("drop-column");
    const cards = cardsOf(column);
    if (index < cards.length) cards[index].classList.add("drop-before");
    else column.classList.add("drop-at-end");
  };

  const send = (value) => {
    const input = document.getElementById("pipeline-drop");
    if (!input) return;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    setter.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };

  document.addEventListener("dragstart", (event) => {
    const card = event.target.closest && event.target.closest("[data-card-id]");
    if (!card) return;
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.cardId);
    requestAnimationFrame(() => card.classList.add("dragging"));
  });

  document.addEventListener("dragover", (event) => {
    const column = dragged && event.target.closest && event.target.closest("[data-stage-key]");
    if (!column) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    mark(column, indexAt(column, event.clientY));
  });

  document.addEventListener("drop", (event) => {
    const column = dragged && event.target.closest && event.target.closest("[data-stage-key]");
    if (!column) return;
    event.preventDefault();
    const index = indexAt(column, event.clientY);
    send(JSON.stringify({ card: dragged.dataset.cardId, stage: column.dataset.stageKey,
                          index, at: Date.now() }));
    clearMarks();
  });

  document.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    clearMarks();
  });
})();
