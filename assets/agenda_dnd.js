// The agenda's drag and drop (/agenda), with the mouse: an appointment ([data-appointment-id],
// draggable) dropped on a column ([data-agenda-col]: a day and a professional) moves there, its
// top at the pointer less where it was grabbed, on a 15-minute step; its bottom edge
// ([data-resize-id]) pulled with the pointer changes its length. The result is handed to the
// page's state through the hidden #agenda-drop input (set the way typing sets it, so React's
// onChange sends it); the state moves the block at once, saves, and puts it back when refused.
// Keyboards use the details dialog's Edit; Enter or Space on a block opens it.
(() => {
  const PX_PER_MINUTE = 0.8;
  const STEP = 15;
  let dragged = null;
  let grabbedAt = 0;           // px from the block's top to the pointer
  let ghost = null;

  const send = (value) => {
    const input = document.getElementById("agenda-drop");
    if (!input) return;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    setter.call(input, JSON.stringify({ ...value, at: Date.now() }));
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };

  const firstMinute = (column) => {
    // the column's first slot names its time: "<day>|<professional>|HH:MM"
    const slot = column.querySelector("[data-slot]");
    if (!slot) return 0;
    const [hours, minutes] = slot.dataset.slot.split("|")[2].split(":").map(Number);
    return hours * 60 + minutes;
  };

  const body = (column) => column.lastElementChild;

  const minuteAt = (column, y) => {
    const top = body(column).getBoundingClientRect().top;
    const raw = (y - top - grabbedAt) / PX_PER_MINUTE;
    return firstMinute(column) + Math.max(0, Math.round(raw / STEP) * STEP);
  };

  const clearMarks = () => {
    document.querySelectorAll(".drop-target").forEach((c) => c.classList.remove("drop-target"));
    if (ghost) ghost.remove();
    ghost = null;
  };

  const mark = (column, minute) => {
    if (!column.classList.contains("drop-target")) {
      clearMarks();
      column.classList.add("drop-target");
    }
    if (!ghost) {
      ghost = document.createElement("div");
      ghost.className = "agenda-ghost";
    }
    if (ghost.parentElement !== body(column)) body(column).appendChild(ghost);
    ghost.style.top = `${(minute - firstMinute(column)) * PX_PER_MINUTE}px`;
    ghost.style.height = dragged.style.height;
  };

  document.addEventListener("dragstart", (event) => {
    const block = event.target.closest && event.target.closest("[data-appointment-id]");
    if (!block || block.getAttribute("draggable") !== "true") return;
    dragged = block;
    grabbedAt = event.clientY - block.getBoundingClientRect().top;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", block.dataset.appointmentId);
    requestAnimationFrame(() => block.classList.add("dragging"));
  });

  document.addEventListener("dragover", (event) => {
    const column = dragged && event.target.closest && event.target.closest("[data-agenda-col]");
    if (!column) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    mark(column, minuteAt(column, event.clientY));
  });

  document.addEventListener("drop", (event) => {
    const column = dragged && event.target.closest && event.target.closest("[data-agenda-col]");
    if (!column) return;
    event.preventDefault();
    send({ id: dragged.dataset.appointmentId, day: column.dataset.day,
           professional: column.dataset.professional,
           minute: minuteAt(column, event.clientY) });
    clearMarks();
  });

  document.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    clearMarks();
  });

  // Resizing: the bottom edge follows the pointer; the block takes its height back on release
  // (the state redraws it at the saved length, or leaves it when refused).
  document.addEventListener("pointerdown", (event) => {
    const handle = event.target.closest && event.target.closest("[data-resize-id]");
    if (!handle) return;
    event.preventDefault();
    event.stopPropagation();
    const block = handle.closest("[data-appointment-id]");
    const start = event.clientY;
    const height = block.getBoundingClientRect().height;
    const original = block.style.height;
    block.setAttribute("draggable", "false");
    let minutes = Math.round(height / PX_PER_MINUTE);
    const move = (e) => {
      const wanted = (height + e.clientY - start) / PX_PER_MINUTE;
      minutes = Math.max(STEP, Math.round(wanted / STEP) * STEP);
      block.style.height = `${minutes * PX_PER_MINUTE}px`;
    };
    const up = () => {
      document.removeEventListener("pointermove", move);
      document.removeEventListener("pointerup", up);
      block.style.height = original;
      block.setAttribute("draggable", "true");
      if (Math.abs(minutes * PX_PER_MINUTE - height) >= STEP * PX_PER_MINUTE / 2) {
        send({ id: handle.dataset.resizeId, minutes });
      }
    };
    document.addEventListener("pointermove", move);
    document.addEventListener("pointerup", up);
  });

  // A click on the handle is not a click on the block.
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("[data-resize-id]")) {
      event.stopPropagation();
    }
  }, true);

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    const block = event.target.closest && event.target.closest("[data-appointment-id]");
    if (!block || event.target !== block) return;
    event.preventDefault();
    block.click();
  });
})();
