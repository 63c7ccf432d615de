/* Kiosk accessibility: large text and high contrast, reading the screen aloud on request,
 * and use without a touch screen (keyboard or switch: Tab/arrows to move, Enter/Space to
 * press, Escape to close a dialog). Dialogs keep the focus inside them while open.
 *
 * Both modes last until the kiosk returns to its start screen (kiosk.js sends "kiosk:reset"),
 * so the next person finds the usual screen. What is read comes from the server
 * (menu.speech: text and offline clip names), played by the TV's announcer.js: clips when
 * they exist, else an Indonesian speech voice. Tests read window.AntreanKioskAccess.
 */
(function () {
  "use strict";

  var menu = JSON.parse(document.getElementById("kiosk-data").textContent);
  var speech = menu.speech || {};
  var script = document.getElementById("kiosk-access-script");
  var DIALOGS = ["ticket", "error-panel", "maklumat-panel", "info-panel", "priority-panel"];
  var FOCUSABLE = "button, [href], input, select, textarea, [tabindex]:not([tabindex='-1'])";

  var announcer = window.AntreanAnnouncer
    ? new window.AntreanAnnouncer({ baseUrl: script.dataset.sounds }) : null;
  var access = { large: false, reading: false, said: [], announcer: announcer };
  var openers = {};  // dialog id -> the element that had the focus when it opened
  window.AntreanKioskAccess = access;

  function $(id) { return document.getElementById(id); }

  function visible(node) {
    return Boolean(node) && !node.disabled && node.getClientRects().length > 0;
  }

  function openDialog() {
    for (var i = 0; i < DIALOGS.length; i++) {
      if (!$(DIALOGS[i]).hidden) return $(DIALOGS[i]);
    }
    return null;
  }

  function focusables(scope) {
    return Array.prototype.filter.call(scope.querySelectorAll(FOCUSABLE), visible);
  }

  // ---- large text and high contrast ----------------------------------------------------

  function setLarge(on) {
    access.large = on;
    document.documentElement.classList.toggle("k-large", on);  // rem sizes grow too
    $("access-large").setAttribute("aria-pressed", String(on));
  }

  // ---- reading aloud ---------------------------------------------------------------------

  function join(parts) {
    parts = parts.filter(Boolean);
    return {
      text: parts.map(function (p) { return p.text; }).join(". "),
      clips: parts.reduce(function (all, p) { return all.concat(p.clips || []); }, [])
    };
  }

  function say(what) {
    if (!access.reading || !what || !what.text) return;
    access.said.push(what.text);
    if (!announcer) return;
    announcer.clear();
    announcer.enqueue({ display_text: what.text, spoken_text: what.text, clips: what.clips,
                        repeat: 1, chime: false });
  }

  function phrases(keys) {
    return join(keys.split(" ").map(function (key) { return speech.phrases[key]; }));
  }

  function serviceSpeech(code) {
    var card = document.querySelector('.k-service[data-code="' + code + '"]');
    var words = speech.services[code];
    if (!words) return null;
    return card && card.classList.contains("k-closed") ? words.closed : words.open;
  }

  // An MPP's agency buttons say the agency's short name (kiosk_agencies.js holds them).
  function agencySpeech(code) {
    var agencies = window.AntreanKioskAgencies;
    return agencies ? agencies.speech(code) : null;
  }

  function speechFor(node) {
    if (!node || !node.closest) return null;
    if (node.dataset.say) return phrases(node.dataset.say);
    var agencyButton = node.closest(".k-agency");
    if (agencyButton) return agencySpeech(agencyButton.dataset.code);
    var card = node.closest(".k-service");
    if (node.classList.contains("k-info") && card) {
      return join([speech.phrases["kios-info"], serviceSpeech(card.dataset.code)]);
    }
    if (card) return serviceSpeech(card.dataset.code);
    if (node.classList.contains("k-category")) return speech.priorities[node.dataset.code];
    return null;
  }

  function screenSpeech(dialog) {
    if (!dialog) {
      var agencies = window.AntreanKioskAgencies;
      if (agencies && agencies.onAgencyStep()) {
        var names = Array.prototype.map.call(document.querySelectorAll(".k-agency"),
          function (button) { return agencySpeech(button.dataset.code); });
        return Promise.resolve(join([speech.phrases["kios-pilih-instansi"]].concat(names)));
      }
      var services = Array.prototype.map.call(document.querySelectorAll(".k-service"),
        function (card) { return serviceSpeech(card.dataset.code); });
      return Promise.resolve(join([speech.intro].concat(services)));
    }
    if (dialog.id === "ticket" && dialog.dataset.id) {
      return fetch(window.AntreanCommon.url("/kiosk/speech/" + encodeURIComponent(dialog.dataset.id)))
        .then(function (answer) { return answer.ok ? answer.json() : null; })
        .catch(function () { return null; });
    }
    var parts = {
      "priority-panel": [speech.phrases["kios-pilih-prioritas"]].concat(
        menu.priorities.map(function (p) { return speech.priorities[p.code]; })),
      "error-panel": [speech.phrases["kios-gagal"]],
      // No clips for free text: read by a speech voice when the kiosk has one.
      "maklumat-panel": [{ text: menu.maklumat, clips: [] }],
      "info-panel": [{ text: $("info-title").textContent, clips: [] }]
    }[dialog.id] || [];
    return Promise.resolve(join(parts));
  }

  function readScreen() {
    screenSpeech(openDialog()).then(say);
  }

  function setReading(on) {
    access.reading = on;
    $("access-read").setAttribute("aria-pressed", String(on));
    if (on) {
      if (announcer) announcer.unlock();  // inside the click: browsers allow sound from now on
      readScreen();
    } else if (announcer) {
      announcer.clear();
    }
  }

  // ---- dialogs: focus in, focus kept, focus back -----------------------------------------

  function dialogShown(dialog) {
    var active = document.activeElement;
    if (active && !dialog.contains(active)) openers[dialog.id] = active;
    var preferred = dialog.id === "ticket" ? $("t-done") : null;
    var target = visible(preferred) ? preferred : focusables(dialog)[0];
    if (target) target.focus();
    if (access.reading) readScreen();
  }

  function dialogHidden(dialog) {
    var active = document.activeElement;
    if (active && active !== document.body && !dialog.contains(active)) return;
    var back = openers[dialog.id];
    var next = openDialog();
    if (next) {
      back = focusables(next)[0];
    } else if (!$("priority-banner").hidden) {
      back = document.querySelector(".k-service button.k-take:not(:disabled)");  // the next step
    }
    if (!visible(back) || back === document.body) {
      back = document.querySelector("button.k-take:not(:disabled)") || $("priority-open");
    }
    back.focus();
  }

  function watchDialogs() {
    var observer = new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        var dialog = change.target;
        if (dialog.hidden) dialogHidden(dialog); else dialogShown(dialog);
      });
    });
    DIALOGS.forEach(function (id) {
      observer.observe($(id), { attributes: true, attributeFilter: ["hidden"] });
    });
  }

  function moveFocus(scope, step, wrap) {
    var items = focusables(scope);
    if (!items.length) return;
    var at = items.indexOf(document.activeElement);
    var next = at + step;
    if (at === -1) next = step > 0 ? 0 : items.length - 1;
    else if (next < 0 || next >= items.length) {
      if (!wrap) return;
      next = (next + items.length) % items.length;
    }
    items[next].focus();
  }

  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var dialog = openDialog();
    var scope = dialog || document.body;
    if (event.key === "Tab" && dialog) {
      event.preventDefault();  // the focus never leaves an open dialog
      moveFocus(dialog, event.shiftKey ? -1 : 1, true);
    } else if (event.key === "Escape" && dialog) {
      var dismiss = dialog.querySelector("[data-dismiss]");
      if (visible(dismiss)) dismiss.click();
    } else if (event.key === "ArrowDown" || event.key === "ArrowRight") {
      event.preventDefault();
      moveFocus(scope, 1, Boolean(dialog));
    } else if (event.key === "ArrowUp" || event.key === "ArrowLeft") {
      event.preventDefault();
      moveFocus(scope, -1, Boolean(dialog));
    }
  }

  // ---- wiring ------------------------------------------------------------------------------

  $("access-large").addEventListener("click", function () { setLarge(!access.large); });
  $("access-read").addEventListener("click", function () { setReading(!access.reading); });
  $("maklumat-open").addEventListener("click", function () { $("maklumat-panel").hidden = false; });
  $("maklumat-close").addEventListener("click", function () { $("maklumat-panel").hidden = true; });
  document.addEventListener("keydown", onKey);
  document.addEventListener("focusin", function (event) {
    if (access.reading && event.target !== $("access-read")) say(speechFor(event.target));
  });
  document.addEventListener("kiosk:reset", function () {
    $("maklumat-panel").hidden = true;
    setLarge(false);
    setReading(false);
  });
  watchDialogs();
})();
