// New-message alerts in the browser (omni_app/state/alerts.py decides what and when; a React
// effect calls window.omniAlerts.notify with each new batch). A static file: the page policy
// allows no inline script.
(() => {
  const SOUND = "/new_message.wav";
  const play = () => {
    try {
      const audio = new Audio(SOUND);
      audio.volume = 0.6;
      const started = audio.play();
      if (started && started.catch) started.catch(() => {});  // no user gesture yet: silence
    } catch (e) { /* no audio on this device */ }
  };
  const notify = (batch) => {
    if (!batch || !batch.seq || !batch.notices || !batch.notices.length) return;
    if (batch.sound) play();
    if (!batch.browser || !("Notification" in window)) return;
    if (Notification.permission !== "granted") return;
    for (const notice of batch.notices) {
      const shown = new Notification(notice.title, {body: notice.body, tag: notice.tag,
                                                    icon: "/favicon.ico"});
      shown.onclick = () => {
        window.focus();
        location.assign(notice.href);
        shown.close();
      };
    }
  };
  window.omniAlerts = {notify, play};
  // Permission is asked once, by the user's own click on the switch that turns notifications
  // on (browsers refuse a request that no user action started, and remember the answer).
  document.addEventListener("click", (event) => {
    const target = event.target && event.target.closest ? event.target : null;
    if (!target) return;
    const ask = target.closest("[data-ask-notifications]");
    if (ask && "Notification" in window && Notification.permission === "default" &&
        ask.getAttribute("aria-checked") !== "true") {
      Notification.requestPermission();
    }
    // Turning the sound on plays it once: the user hears what it will be.
    const sound = target.closest("[data-sound-test]");
    if (sound && sound.getAttribute("aria-checked") !== "true") play();
  }, true);
})();
