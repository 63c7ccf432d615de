/*
 * The state every live screen keeps: a snapshot (on connect, on reconnect, on request), then
 * small "update" events that replace the pieces an action touched (a service's entry, a
 * counter's entry, the recent calls, the running text). Each piece carries a version the
 * server took in commit order: a piece is replaced only by a newer one, so a late, repeated or
 * reordered event never moves a screen back, and a fresh snapshot always rebuilds it whole.
 *
 * Shared by the TV and the kiosk; tests run the same file under node (module.exports).
 */
(function (root) {
  "use strict";

  function copy(value) { return JSON.parse(JSON.stringify(value)); }

  function fromSnapshot(snapshot) {
    var state = copy(snapshot);
    state.versions = state.versions || {};
    return state;
  }

  function replaceBy(list, key, item) {
    for (var i = 0; i < list.length; i++) {
      if (list[i][key] === item[key]) { list[i] = item; return true; }
    }
    return false;
  }

  /** Applies one update; returns what changed: {services: [codes], counters: [numbers],
   *  calls: bool, running_text: bool}. */
  function applyUpdate(state, update) {
    var versions = update.versions || {};
    var fresh = {};
    Object.keys(versions).forEach(function (key) {
      if (versions[key] > (state.versions[key] || 0)) fresh[key] = true;
    });
    var changed = { services: [], counters: [], calls: false, running_text: false };
    (update.services || []).forEach(function (service) {
      if (fresh["service:" + service.code] && replaceBy(state.services, "code", copy(service))) {
        changed.services.push(service.code);
      }
    });
    (update.counters || []).forEach(function (counter) {
      if (fresh["counter:" + counter.number] &&
          replaceBy(state.counters, "number", copy(counter))) {
        changed.counters.push(counter.number);
      }
    });
    if (update.recent_calls && fresh.calls) {
      state.recent_calls = copy(update.recent_calls);
      changed.calls = true;
    }
    if (update.running_text !== undefined && fresh.running_text) {
      state.running_text = update.running_text;
      changed.running_text = true;
    }
    Object.keys(fresh).forEach(function (key) { state.versions[key] = versions[key]; });
    return changed;
  }

  /** Any /display event: a snapshot rebuilds, an update (or the update a call carries)
   *  replaces pieces. Returns what changed, as applyUpdate, or null for a snapshot. */
  function applyEvent(state, name, payload) {
    if (name === "update") return applyUpdate(state, payload);
    if (name === "called" && payload.update) return applyUpdate(state, payload.update);
    return { services: [], counters: [], calls: false, running_text: false };
  }

  /** The highest call id a state shows: a TV that opens now does not announce older calls. */
  function lastCallId(state) {
    var last = 0;
    state.counters.forEach(function (counter) {
      var call = counter.current && counter.current.call_id;
      if (call && call > last) last = call;
    });
    return last;
  }

  /** Calls still standing (ticket still called) that a TV has not announced, oldest first:
   *  what it missed while disconnected or while the message queue was down. */
  function unannouncedCalls(state, announced, since) {
    var calls = [];
    state.counters.forEach(function (counter) {
      var current = counter.current;
      if (!current || current.status !== "called" || !current.call_id) return;
      if (current.call_id <= since || announced[current.call_id]) return;
      calls.push({ call_id: current.call_id, number: current.number, counter: counter.number,
                   counter_name: counter.name, service_name: current.service_name,
                   announcement: current.announcement });
    });
    return calls.sort(function (a, b) { return a.call_id - b.call_id; });
  }

  var api = {
    fromSnapshot: fromSnapshot,
    applyUpdate: applyUpdate,
    applyEvent: applyEvent,
    lastCallId: lastCallId,
    unannouncedCalls: unannouncedCalls
  };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.AntreanScreenState = api;
  }
})(this);
