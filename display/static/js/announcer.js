/*
 * Lobby TV announcer: a chime, then the Indonesian call, one call at a time.
 *
 *   var announcer = new AntreanAnnouncer({ baseUrl: sounds });  // required: the page's
 *     url_for('display.static', filename='sounds/generated/'), under the mount prefix
 *   button.onclick = function () { announcer.unlock(); };   // the one "Aktifkan Suara" click
 *   announcer.enqueue({ display_text, spoken_text, clips, repeat });
 *
 * Voice, best first: the recorded clips listed in manifest.json, joined back to back with the
 * Web Audio API (works offline; an office may record its own); the browser's speechSynthesis
 * with an Indonesian voice; otherwise the chime alone, so a call is never silent.
 *
 * Until the "Aktifkan Suara" click the browser keeps the page silent: a call that comes then
 * is shown on the screen but not played, and goes to `silenced`, never to `spoken`. A call is
 * recorded as spoken only once its voice has really played to the end; `played` keeps the
 * start and end of every sound on the audio clock, so anyone can check that calls never
 * overlap. Plain script, no build step: it attaches window.AntreanAnnouncer.
 */
(function () {
  "use strict";

  var DEFAULTS = {
    chimeGap: 0.3,        // seconds between the chime and the phrase
    repeatGap: 0.8,       // seconds between the repeats of a phrase
    speechLang: "id-ID",
    speechRate: 0.9,      // a little slower than conversation: lobbies are noisy
    speechTimeout: 20000  // ms; Chrome sometimes never fires "end" on an utterance
  };

  function sleep(seconds) {
    return new Promise(function (resolve) { setTimeout(resolve, seconds * 1000); });
  }

  class AntreanAnnouncer {
    constructor(options) {
      this.options = Object.assign({}, DEFAULTS, options || {});
      if (!this.options.baseUrl.endsWith("/")) this.options.baseUrl += "/";
      this.onstart = null;     // function (call), when a call begins to play (chime included)
      this.onend = null;       // function (call), when its last repeat has finished
      this.onspoken = null;    // function (call), when its voice has really played
      this.lastSpoken = null;  // spoken_text of the last call whose voice really played
      this.lastSource = null;  // "clips", "speech" or "chime": which voice that call used
      this.spoken = [];        // spoken_text of every call whose voice really played, in order
      this.silenced = [];      // spoken_text of every call that came while sound was locked
      this.played = [];        // every sound: {seq, call, clip, start, end}; audio clock, s
      this.calls = 0;          // calls begun so far: a sound's seq is its call's number
      this.queue = [];
      this.busy = false;
      this.clicked = false;
      this.buffers = new Map();  // clip name -> Promise<AudioBuffer|null>
      this.manifestPromise = null;
      var Context = window.AudioContext || window.webkitAudioContext;
      this.context = Context ? new Context() : null;
      // Voices load asynchronously; asking early means they are there by the first call.
      if (window.speechSynthesis) window.speechSynthesis.getVoices();
    }

    get unlocked() {
      return this.context ? this.context.state === "running" : this.clicked;
    }

    /** Call from the "Aktifkan Suara" click: browsers mute pages until a user gesture. */
    unlock() {
      this.clicked = true;
      if (window.speechSynthesis) {
        // An empty utterance inside the click lets later speak() calls through (Safari).
        window.speechSynthesis.speak(new SpeechSynthesisUtterance(""));
      }
      this.preload();
      return this.context ? this.context.resume() : Promise.resolve();
    }

    /** Fetch and decode every clip in the background so the first call starts at once. */
    preload() {
      var self = this;
      return this.manifest().then(function (manifest) {
        return Promise.all(Object.keys(manifest || {}).map(function (name) {
          return self.buffer(name);
        }));
      });
    }

    enqueue(call) {
      this.queue.push(call);
      this.next();
    }

    /** Drop the calls not begun yet (the kiosk reads only what is on screen now). */
    clear() {
      this.queue.length = 0;
    }

    get pending() {
      return this.queue.length;
    }

    async next() {
      if (this.busy || this.queue.length === 0) return;
      this.busy = true;
      var call = this.queue.shift();
      try {
        await this.announce(call);
      } catch (error) {
        console.error("announcer: call failed", error);
      } finally {
        this.busy = false;
        this.next();
      }
    }

    async announce(call) {
      if (!this.unlocked) {
        // Silent until the click: shown on the screen, neither played nor counted as spoken.
        this.silenced.push(call.spoken_text);
        return;
      }
      var repeat = Math.max(1, call.repeat || 1);
      var voice = await this.voiceFor(call);
      var heard = true;
      this.calls += 1;
      this.hook("onstart", call);
      try {
        // A kiosk reading its screen aloud ({chime: false}) needs no ding-dong before it.
        heard = call.chime === false ? true : await this.playChime(call);
        for (var i = 0; i < repeat && voice.play; i++) {
          if (i > 0 || call.chime !== false) {
            await sleep(i === 0 ? this.options.chimeGap : this.options.repeatGap);
          }
          heard = (await voice.play()) && heard;
        }
      } finally {
        this.hook("onend", call);
      }
      if (heard && voice.play) {
        this.lastSpoken = call.spoken_text;
        this.lastSource = voice.source;
        this.spoken.push(call.spoken_text);
        this.hook("onspoken", call);
      }
    }

    /** A new entry in `played`: its end is filled in when the sound has really ended. */
    record(call, clip, start) {
      var entry = { seq: this.calls, call: call.spoken_text, clip: clip, start: start, end: null };
      this.played.push(entry);
      return entry;
    }

    /** Seconds on the clock the sounds are scheduled on. */
    now() {
      return this.context ? this.context.currentTime : performance.now() / 1000;
    }

    /** {source, play}: the best voice available for this call; play is null for chime only. */
    async voiceFor(call) {
      var self = this;
      var clips = call.clips || [];
      var buffers = clips.length ? await Promise.all(clips.map(this.buffer, this)) : [];
      if (clips.length && buffers.every(Boolean)) {
        return { source: "clips", play: function () {
          return self.playBuffers(buffers, clips, call);
        } };
      }
      var voice = this.indonesianVoice();
      if (voice && call.spoken_text) {
        return { source: "speech", play: function () {
          return self.speak(call.spoken_text, voice, call);
        } };
      }
      return { source: "chime", play: null };
    }

    hook(name, call) {
      try {
        if (typeof this[name] === "function") this[name](call);
      } catch (error) {
        console.error("announcer: " + name + " hook failed", error);
      }
    }

    manifest() {
      var self = this;
      if (!this.manifestPromise) {
        this.manifestPromise = fetch(this.options.baseUrl + "manifest.json", { cache: "no-cache" })
          .then(function (response) { return response.ok ? response.json() : null; })
          .catch(function () { return null; })
          .then(function (manifest) {
            if (!manifest) self.manifestPromise = null;  // clips may appear later: ask again
            return manifest;
          });
      }
      return this.manifestPromise;
    }

    /** Decoded clip, or null when it is missing; failures are not cached. */
    buffer(name) {
      var self = this;
      if (!this.context) return Promise.resolve(null);
      if (!this.buffers.has(name)) {
        var loading = this.manifest().then(function (manifest) {
          if (!manifest || !manifest[name]) return null;
          return fetch(self.options.baseUrl + manifest[name])
            .then(function (response) {
              if (!response.ok) throw new Error(response.status + " " + response.url);
              return response.arrayBuffer();
            })
            .then(function (bytes) { return self.context.decodeAudioData(bytes); });
        }).catch(function () { return null; }).then(function (decoded) {
          if (!decoded) self.buffers.delete(name);
          return decoded;
        });
        this.buffers.set(name, loading);
      }
      return this.buffers.get(name);
    }

    /**
     * Plays buffers gaplessly: each starts on the audio clock exactly where the last ends.
     * Resolves true once every one has ended, false if the audio clock stopped before.
     */
    playBuffers(buffers, names, call) {
      var context = this.context;
      var at = context.currentTime + 0.05;
      var self = this;
      var endings = buffers.map(function (buffer, i) {
        var source = context.createBufferSource();
        var record = self.record(call, names[i], at);
        source.buffer = buffer;
        source.connect(context.destination);
        var ended = new Promise(function (resolve) {
          source.onended = function () { record.end = context.currentTime; resolve(true); };
        });
        source.start(at);
        at += buffer.duration;
        return ended;
      });
      var seconds = at - context.currentTime;
      return new Promise(function (resolve) {
        // A timer as well as "ended": a context suspended mid-call would never fire it. A
        // running but busy one (a slow TV) gets a few seconds more before the call is given up.
        var giveUpAt = Date.now() + seconds * 1000 + 5000;
        var timer = null;
        function check() {
          if (context.state !== "running" || Date.now() > giveUpAt) resolve(false);
          else timer = setTimeout(check, 250);
        }
        timer = setTimeout(check, seconds * 1000 + 250);
        Promise.all(endings).then(function () { clearTimeout(timer); resolve(true); });
      });
    }

    /** The chime before a call; resolves true when it was heard. */
    async playChime(call) {
      var chime = await this.buffer("chime");
      if (chime) return this.playBuffers([chime], ["chime"], call);
      if (this.context) return this.syntheticChime(call);
      return true;  // no Web Audio at all: nothing to play, nothing that failed
    }

    /** Ding-dong from two oscillators, for a TV that has no sound files at all. */
    syntheticChime(call) {
      var context = this.context;
      var start = context.currentTime + 0.05;
      var record = this.record(call, "chime", start);
      [[659.25, 0], [523.25, 0.5]].forEach(function (note) {
        var oscillator = context.createOscillator();
        var gain = context.createGain();
        var at = start + note[1];
        oscillator.frequency.value = note[0];
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.5, at + 0.01);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 1.1);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(at);
        oscillator.stop(at + 1.1);
      });
      return sleep(1.7).then(function () {
        if (context.state !== "running") return false;
        record.end = context.currentTime;
        return true;
      });
    }

    indonesianVoice() {
      if (!window.speechSynthesis) return null;
      return window.speechSynthesis.getVoices().find(function (voice) {
        return voice.lang.replace("_", "-").toLowerCase().split("-")[0] === "id";
      }) || null;
    }

    /** Speaks the sentence; resolves true when the voice finished it, false otherwise. */
    speak(text, voice, call) {
      var options = this.options;
      var self = this;
      var record = this.record(call, "speech", null);
      return new Promise(function (resolve) {
        var utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = options.speechLang;
        utterance.voice = voice;
        utterance.rate = options.speechRate;
        var timer = setTimeout(function () { resolve(false); }, options.speechTimeout);
        utterance.onstart = function () { record.start = self.now(); };
        utterance.onend = function () {
          clearTimeout(timer);
          record.end = self.now();
          resolve(record.start !== null);
        };
        utterance.onerror = function () { clearTimeout(timer); resolve(false); };
        window.speechSynthesis.speak(utterance);
      });
    }
  }

  window.AntreanAnnouncer = AntreanAnnouncer;
})();
