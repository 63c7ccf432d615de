/* A Mal Pelayanan Publik's kiosk: agencies first (logo and short name), then the chosen
 * agency's services; a search box over agencies and services when there are many. Loaded
 * before kiosk.js, which asks `shown(services)` what to draw; no queue rule lives here (which
 * agencies this kiosk offers comes from the server, /kiosk/agencies after an admin's edit).
 */
(function () {
  "use strict";

  var menu = JSON.parse(document.getElementById("kiosk-data").textContent);
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var state = {
    agencies: menu.agencies,   // those this kiosk offers, in the building's order
    speech: menu.agency_speech,
    chosen: null,              // the agency whose services are shown
    query: ""                  // the search, as typed
  };

  function $(id) { return document.getElementById(id); }

  var el = window.AntreanCommon.element;  // screen_common.js

  // "KTP-el" and "ktp el" both match "ktp": case, spaces and punctuation do not count.
  function plain(text) {
    return String(text || "").toLowerCase().normalize("NFD").replace(/[^a-z0-9]/g, "");
  }

  function agency(code) {
    return state.agencies.find(function (a) { return a.code === code; }) || null;
  }

  function agencyMatches(item, query) {
    return plain(item.short_name).indexOf(query) !== -1 || plain(item.name).indexOf(query) !== -1;
  }

  function only() { return state.agencies.length === 1 ? state.agencies[0].code : null; }

  function searching() { return plain(state.query) !== ""; }

  // The services kiosk.js draws now: none on the agency step, the chosen agency's, or what
  // the search finds (by the service's name or its agency's).
  function shown(services) {
    var offered = services.filter(function (s) { return agency(s.agency) !== null; });
    if (searching()) {
      var query = plain(state.query);
      return offered.filter(function (s) {
        return plain(s.name).indexOf(query) !== -1 || agencyMatches(agency(s.agency), query);
      });
    }
    var code = state.chosen || only();
    return code ? offered.filter(function (s) { return s.agency === code; }) : [];
  }

  // The agency a service card names: only in search results, where agencies mix.
  function tag(service) {
    var owner = searching() ? agency(service.agency) : null;
    return owner ? owner.short_name : null;
  }

  function key() { return [state.chosen, plain(state.query), state.agencies.length].join("|"); }

  function onAgencyStep() { return !state.chosen && !only() && !searching(); }

  function lead(anyOpen) {
    if (onAgencyStep()) return "Sentuh instansi yang Anda tuju";
    if (searching()) return "Hasil pencarian: sentuh layanan yang Anda perlukan";
    return anyOpen ? "Sentuh layanan yang Anda perlukan"
      : "Saat ini nomor antrean belum dapat diambil. Lihat keterangan pada tiap layanan.";
  }

  // ---- drawing ---------------------------------------------------------------------------

  function agencyButton(item) {
    var button = el("button", "k-agency");
    button.type = "button";
    button.dataset.code = item.code;
    if (item.logo) {
      var logo = el("img", "k-agency-logo");
      logo.alt = "";
      logo.src = window.AntreanCommon.url("/media/" + encodeURIComponent(item.logo));
      logo.addEventListener("error", function () { logo.hidden = true; });  // not uploaded yet
      button.appendChild(logo);
    }
    var text = el("span", "k-agency-text");
    text.appendChild(el("span", "k-agency-name", item.short_name));
    if (item.name !== item.short_name) text.appendChild(el("span", "k-agency-full", item.name));
    button.appendChild(text);
    button.addEventListener("click", function () { choose(item.code); });
    return button;
  }

  function renderAgencies() {
    var grid = $("agencies");
    var query = plain(state.query);
    var list = onAgencyStep() ? state.agencies
      : searching() ? state.agencies.filter(function (a) { return agencyMatches(a, query); }) : [];
    grid.textContent = "";
    list.forEach(function (item) { grid.appendChild(agencyButton(item)); });
    grid.hidden = list.length === 0;
    var chosen = agency(state.chosen || only());  // a kiosk of one agency still names it
    $("agency-back").hidden = (!state.chosen && !searching()) || Boolean(only());
    $("agency-title").hidden = !chosen || searching();
    $("agency-title").textContent = chosen ? chosen.short_name : "";
    if ($("agency-search-box")) $("agency-search-box").hidden = Boolean(state.chosen);
    if ($("agency-search-empty")) {
      $("agency-search-empty").hidden = !searching() || list.length > 0 ||
        document.querySelector("#services .k-service") !== null;
    }
  }

  function redraw() {
    if (window.AntreanKiosk) window.AntreanKiosk.render();  // draws services, then ours
    else renderAgencies();
  }

  function choose(code) {
    state.chosen = code;
    state.query = "";
    if ($("agency-search")) $("agency-search").value = "";
    hideKeys();
    redraw();
    var first = document.querySelector("#services button.k-take:not(:disabled)");
    if (first && document.activeElement && document.activeElement.classList.contains("k-agency")) {
      first.focus();  // a keyboard or switch user goes on to the services
    }
  }

  function back() {
    var fromBack = document.activeElement === $("agency-back");
    state.chosen = null;
    state.query = "";
    if ($("agency-search")) $("agency-search").value = "";
    hideKeys();
    redraw();
    var first = document.querySelector("#agencies .k-agency");
    if (fromBack && first) first.focus();  // the back button is gone: keep the keyboard going
  }

  // ---- search, with letters on screen for a touch-only kiosk ------------------------------

  function hideKeys() { if ($("agency-search-keys")) $("agency-search-keys").hidden = true; }

  function typed(text) {
    state.query = text;
    $("agency-search").value = text;
    state.chosen = null;
    redraw();
  }

  function buildKeys() {
    var keys = $("agency-search-keys");
    function addKey(label, className, press) {
      var button = el("button", className, label);
      button.type = "button";
      button.addEventListener("click", press);
      keys.appendChild(button);
    }
    LETTERS.split("").forEach(function (letter) {
      addKey(letter, "", function () { typed(state.query + letter); });
    });
    addKey("Spasi", "k-key-wide", function () { typed(state.query + " "); });
    addKey("Hapus", "k-key-wide", function () { typed(state.query.slice(0, -1)); });
    addKey("Kosongkan", "k-key-xl", function () { typed(""); });
    addKey("Tutup", "k-key-xl", hideKeys);
  }

  function wireSearch() {
    var input = $("agency-search");
    if (!input) return;
    buildKeys();
    input.addEventListener("input", function () { typed(input.value); });
    input.addEventListener("focus", function () { $("agency-search-keys").hidden = false; });
  }

  // After an admin's change: the agencies (and their spoken names) as the server offers now.
  function refresh() {
    fetch(window.AntreanCommon.url("/kiosk/agencies"), {headers: {"Accept": "application/json"}}).then(function (answer) {
      return answer.ok ? answer.json() : null;
    }).then(function (body) {
      if (!body || !Array.isArray(body.agencies)) return;
      state.agencies = body.agencies;
      state.speech = body.agency_speech || {};
      if (state.chosen && !agency(state.chosen)) state.chosen = null;
      redraw();
    }, function () { /* the next setup event or page load tries again */ });
  }

  $("agency-back").addEventListener("click", back);
  wireSearch();

  window.AntreanKioskAgencies = {
    shown: shown,
    tag: tag,
    key: key,
    lead: lead,
    render: renderAgencies,
    reset: back,
    refresh: refresh,
    onAgencyStep: onAgencyStep,
    speech: function (code) { return state.speech[code] || null; }
  };
})();
