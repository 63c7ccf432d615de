/*
 * What every page script needs the same way: the app's own addresses under the prefix it is
 * mounted at, HTML escaping, the server's clock, the office's clock in Indonesian, and the
 * "terputus" banner of a live connection. One copy, loaded by base.html's head for every page
 * (window.AntreanCommon; defining it is all it does at load); tests run the same file under
 * node (module.exports).
 */
(function (root) {
  "use strict";

  /** The prefix the app is mounted at (base.html's <html data-root>, e.g. "/kantor/ktp"):
   *  "" at the root, and under node. */
  function mountRoot() {
    var doc = typeof document !== "undefined" ? document : null;
    return (doc && doc.documentElement && doc.documentElement.dataset.root) || "";
  }

  /** An app path ("/api/v1/tickets") as the browser must ask for it. */
  function url(path) {
    return mountRoot() + path;
  }

  /** A Socket.IO connection to `namespace` ("/display", "/track"): the namespace stays, only
   *  the transport path moves under the mount prefix. */
  function socket(namespace, options) {
    var settings = {};
    Object.keys(options || {}).forEach(function (key) { settings[key] = options[key]; });
    settings.path = mountRoot() + "/socket.io";
    return root.io(namespace, settings);
  }

  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" };

  /** Text made safe for innerHTML, in element content and in quoted attributes alike. */
  /* A new element with its class and text (text set as text, never as HTML). */
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return ESCAPES[c];
    });
  }

  /** The server's clock as this machine sees it: a kiosk's or a TV's own clock drifts, so
   *  every page times itself from the server_time of the last answer it got. */
  function serverClock() {
    var offsetMs = 0;  // server clock minus this machine's clock
    return {
      sync: function (serverTime) {
        var at = Date.parse(serverTime);
        if (!isNaN(at)) offsetMs = at - Date.now();
      },
      nowMs: function () { return Date.now() + offsetMs; },
      now: function () { return new Date(Date.now() + offsetMs); }
    };
  }

  var DAYS = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
  var WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember"];

  /** Times and dates on the office's clock and in its zone, whatever this machine's zone:
   *  "14.30", "14.30.05", "Senin, 17 Agustus 2026". Built once per page: a formatter is
   *  costly to make and the clocks ask every second. */
  function officeClock(timezone) {
    var format = new Intl.DateTimeFormat("en-GB", {
      timeZone: timezone || undefined, hourCycle: "h23", year: "numeric", month: "numeric",
      day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", weekday: "short"
    });
    function parts(moment) {
      var found = {};
      format.formatToParts(moment).forEach(function (part) { found[part.type] = part.value; });
      return found;
    }
    return {
      time: function (moment) {
        var p = parts(moment);
        return p.hour + "." + p.minute;
      },
      timeWithSeconds: function (moment) {
        var p = parts(moment);
        return p.hour + "." + p.minute + "." + p.second;
      },
      date: function (moment) {
        var p = parts(moment);
        return DAYS[WEEKDAYS.indexOf(p.weekday)] + ", " + Number(p.day) + " " +
          MONTHS[Number(p.month) - 1] + " " + p.year;
      }
    };
  }

  var OFFLINE_TEXT = "Koneksi terputus, mencoba menyambung kembali…";

  /** The banner a live page shows for its connection: data-state says online or offline (for
   *  styles and tests); offline it shows the one "terputus" text; online it shows onlineText,
   *  or hides itself when the page has nothing to say then. */
  function showLink(node, online, onlineText) {
    node.dataset.state = online ? "online" : "offline";
    if (!online) {
      node.textContent = OFFLINE_TEXT;
      node.hidden = false;
    } else if (onlineText === undefined) {
      node.hidden = true;
    } else {
      node.textContent = onlineText;
      node.hidden = false;
    }
  }

  /** Calls onChange(true) on every (re)connect and onChange(false) on every drop or failed
   *  attempt: socket.io reconnects by itself, the page only says so and catches up. */
  function watchLink(socket, onChange) {
    socket.on("connect", function () { onChange(true); });
    socket.on("disconnect", function () { onChange(false); });
    socket.on("connect_error", function () { onChange(false); });
  }

  var api = {
    url: url,
    socket: socket,
    escapeHtml: escapeHtml,
    element: element,
    serverClock: serverClock,
    officeClock: officeClock,
    OFFLINE_TEXT: OFFLINE_TEXT,
    showLink: showLink,
    watchLink: watchLink
  };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.AntreanCommon = api;
  }
})(this);
