/* gerdy · player.js — the guided session player on /session/{kind} (plain script, `defer`).
 *
 * Reads the session from the page: each `li.step` of `#session-form` carries its dosage as
 * data- attributes (sets, reps or steps or seconds-min/max, hold-s, lower-s-min/max, rest-s,
 * per-side, per-direction, switch-sides-s). From them it builds a list of timed phases:
 *   get ready → work (timed: 60-90 s rolling per side, 45-90 s stretches; or per rep:
 *   lift, hold 2 s, lower over 3-4 s; or self-paced reps/steps with a "Done" tap)
 *   → switch sides → … → rest between sets → next set …
 * It counts sets, cues each phase with a short beep (Web Audio, can be muted), keeps the
 * screen on (Screen Wake Lock API, where there is one), and at the end asks effort
 * (easy / about right / hard) and pain (0-10) per exercise, copies the answers into the page's
 * own no-JS form and submits it: logging goes through the same server route as without JS.
 * Every step shows the exercise's figure and form cues (copied from the step's "How to do it").
 *
 * Resuming: where the session is (phase, time into it, sets done) is kept in localStorage
 * under the day and the session kind, so a reload or a closed tab offers to go on from there.
 * It is dropped once the session is saved (Today, `?saved=KIND`, clears it: app.js) or when
 * the runner starts over; entries of other days are dropped when a player opens.
 *
 * Test hook: if `window.__gerdyClock` exists, its `now()` (milliseconds) is used instead of
 * `performance.now()`, so tests can fast-forward timers. `window.gerdyPlayer.tick()` runs one
 * timer step at once.
 */
(function () {
  "use strict";

  var root = document.getElementById("player");
  var form = document.getElementById("session-form");
  if (!root || !form) return;
  var firstSide = root.dataset.firstSide === "right" ? "right" : "left"; // the sore side first

  var READY_S = 10; // "get ready" before each exercise
  var LIFT_S = 2; // the lifting part of a rep, before the hold
  var COUNTDOWN_FROM = 3; // tick the last seconds of a timed phase
  var MUTE_KEY = "gerdy.player.muted";
  var RESUME_PREFIX = "gerdy.player.";
  var resumeKey = RESUME_PREFIX + (root.dataset.date || "") + "." + (root.dataset.sessionKind || "");

  // --- the clock ---------------------------------------------------------------------------
  function now() {
    var clock = window.__gerdyClock;
    if (clock && typeof clock.now === "function") return Number(clock.now());
    return performance.now();
  }

  // --- the session, read off the page --------------------------------------------------------
  function num(data, key) {
    var value = data[key];
    if (value === undefined || value === "") return null;
    var n = Number(value);
    return isFinite(n) ? n : null;
  }

  function readSteps() {
    var items = form.querySelectorAll("li[data-exercise]");
    return Array.prototype.map.call(items, function (li) {
      var d = li.dataset;
      var title = li.querySelector("h2 a") || li.querySelector("h2");
      var dose = li.querySelector(".dose");
      return {
        li: li,
        exercise: d.exercise,
        name: title ? title.textContent.trim() : d.exercise,
        rule: d.rule || "",
        dose: dose ? dose.textContent.replace(/\s+/g, " ").trim() : "",
        sets: Math.max(1, num(d, "sets") || 1),
        reps: num(d, "reps"),
        steps: num(d, "steps"),
        secondsMin: num(d, "secondsMin"),
        secondsMax: num(d, "secondsMax") || num(d, "secondsMin"),
        holdS: num(d, "holdS"),
        lowerMin: num(d, "lowerSMin"),
        lowerMax: num(d, "lowerSMax") || num(d, "lowerSMin"),
        restS: num(d, "restS") !== null ? num(d, "restS") : 45,
        perSide: d.perSide === "true",
        perDirection: d.perDirection === "true",
        switchS: num(d, "switchSidesS") !== null ? num(d, "switchSidesS") : 10,
      };
    });
  }

  function rangeText(lo, hi, unit) {
    return lo === hi || hi === null ? lo + " " + unit : lo + "–" + hi + " " + unit;
  }

  function buildPhases(steps) {
    var phases = [];
    steps.forEach(function (s, ex) {
      phases.push({
        kind: "ready",
        ex: ex,
        set: 0,
        seconds: READY_S,
        label: "Get ready",
        hint: s.dose,
      });
      var sides = s.perSide
        ? firstSide === "right"
          ? ["right side", "left side"]
          : ["left side", "right side"]
        : s.perDirection
          ? ["one direction", "the other direction"]
          : [null];
      for (var set = 1; set <= s.sets; set++) {
        sides.forEach(function (side, k) {
          if (k > 0) {
            phases.push({
              kind: "switch",
              ex: ex,
              set: set,
              side: side,
              seconds: s.switchS,
              label: "Switch to the " + side,
            });
          }
          var base = { ex: ex, set: set, side: side };
          if (s.secondsMax) {
            phases.push(
              Object.assign({}, base, {
                kind: "work",
                seconds: s.secondsMax,
                minSeconds: s.secondsMin,
                label: side ? "Go: " + side : "Go",
                hint:
                  s.secondsMin && s.secondsMin !== s.secondsMax
                    ? rangeText(s.secondsMin, s.secondsMax, "s") +
                      ": move on any time after " +
                      s.secondsMin +
                      " s"
                    : s.secondsMax + " s",
              }),
            );
          } else if (s.reps && (s.holdS || s.lowerMax)) {
            for (var rep = 1; rep <= s.reps; rep++) {
              var repBase = Object.assign({}, base, { rep: rep, reps: s.reps });
              phases.push(Object.assign({}, repBase, { kind: "lift", seconds: LIFT_S, label: "Lift" }));
              if (s.holdS) {
                phases.push(
                  Object.assign({}, repBase, {
                    kind: "hold",
                    seconds: s.holdS,
                    label: "Hold " + s.holdS + " s",
                  }),
                );
              }
              if (s.lowerMax) {
                phases.push(
                  Object.assign({}, repBase, {
                    kind: "lower",
                    seconds: s.lowerMax,
                    label: "Lower slowly, " + rangeText(s.lowerMin || s.lowerMax, s.lowerMax, "s"),
                  }),
                );
              }
            }
          } else {
            var what = s.reps ? s.reps + " reps" : s.steps ? s.steps + " steps" : "the exercise";
            phases.push(
              Object.assign({}, base, {
                kind: "manual",
                seconds: null,
                label: "Do " + what + (side ? ", " + side : ""),
                hint: "At your own pace. Tap Done when finished.",
              }),
            );
          }
        });
        phases[phases.length - 1].endsSet = true;
        if (set < s.sets) {
          phases.push({
            kind: "rest",
            ex: ex,
            set: set,
            seconds: s.restS,
            label: "Rest",
            hint: "Set " + (set + 1) + " of " + s.sets + " next",
          });
        }
      }
    });
    return phases;
  }

  var steps = readSteps();
  if (!steps.length) return;
  var phases = buildPhases(steps);
  // What a saved position must match: the same exercises and phases (the plan may change).
  var signature = steps.map(function (s) { return s.exercise; }).join(",") + "/" + phases.length;

  // --- where the session is, kept across reloads ------------------------------------------
  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // storage refused (private mode): the player works, without resuming
    }
  }

  function readSaved() {
    var store = storage();
    if (!store) return null;
    try {
      var saved = JSON.parse(store.getItem(resumeKey) || "null");
      return saved && saved.signature === signature ? saved : null;
    } catch (e) {
      return null;
    }
  }

  function forget() {
    var store = storage();
    if (store) store.removeItem(resumeKey);
  }

  function dropOtherDays() {
    var store = storage();
    if (!store) return;
    var today = RESUME_PREFIX + (root.dataset.date || "") + ".";
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (key && key.indexOf(RESUME_PREFIX) === 0 && key !== MUTE_KEY && key.indexOf(today) !== 0) {
        store.removeItem(key);
      }
    }
  }

  // --- sound ---------------------------------------------------------------------------------
  var audio = null;
  var muted = false;
  try {
    muted = window.localStorage.getItem(MUTE_KEY) === "yes";
  } catch (e) {
    muted = false;
  }

  function ensureAudio() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return null;
    if (!audio) audio = new Ctx();
    if (audio.state === "suspended") audio.resume();
    return audio;
  }

  function beep(freq, ms, delayS) {
    if (muted || !audio) return;
    var t = audio.currentTime + (delayS || 0);
    var osc = audio.createOscillator();
    var gain = audio.createGain();
    osc.type = "sine";
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.4, t + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + ms / 1000);
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + ms / 1000 + 0.02);
  }

  var CUES = {
    ready: [[440, 120]],
    work: [[880, 180]],
    lift: [[660, 90]],
    hold: [[880, 90]],
    lower: [[520, 160]],
    manual: [[880, 180]],
    switch: [[520, 120], [660, 120, 0.15]],
    rest: [[440, 250]],
    end: [[660, 150], [880, 150, 0.18], [1100, 250, 0.36]],
  };
  function cue(kind) {
    (CUES[kind] || []).forEach(function (b) {
      beep(b[0], b[1], b[2]);
    });
  }

  // --- wake lock -----------------------------------------------------------------------------
  var wakeLock = null;
  function requestWakeLock() {
    if (!("wakeLock" in navigator) || wakeLock) return;
    navigator.wakeLock
      .request("screen")
      .then(function (lock) {
        wakeLock = lock;
        lock.addEventListener("release", function () {
          wakeLock = null;
        });
      })
      .catch(function () {
        wakeLock = null; // not allowed here (battery saver, hidden tab): the session goes on
      });
  }
  function releaseWakeLock() {
    if (wakeLock) wakeLock.release().catch(function () {});
    wakeLock = null;
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && state === "running") requestWakeLock();
  });

  // --- the view ------------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else if (key === "onclick") node.addEventListener("click", value);
      else node.setAttribute(key, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(child);
    });
    return node;
  }

  function clockText(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    var m = Math.floor(s / 60);
    var r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  }

  var state = "intro"; // intro → running ⇄ paused → review
  var index = -1;
  var phaseStart = 0;
  var pausedAt = 0;
  var timer = null;
  var lastWhole = null;
  var minCued = false;
  var setsDone = steps.map(function () {
    return 0;
  });

  var view = {};
  var NEXT_LABELS = { ready: "Start now", switch: "Start now", rest: "Skip rest", manual: "Done" };

  function muteButton() {
    var button = el("button", {
      type: "button",
      className: "player-mute",
      "aria-pressed": muted ? "true" : "false",
      "data-player-mute": true,
      text: muted ? "Sound off" : "Sound on",
    });
    button.addEventListener("click", function () {
      muted = !muted;
      try {
        window.localStorage.setItem(MUTE_KEY, muted ? "yes" : "no");
      } catch (e) {
        /* private mode: the choice lasts for this page */
      }
      document.querySelectorAll("[data-player-mute]").forEach(function (b) {
        b.setAttribute("aria-pressed", muted ? "true" : "false");
        b.textContent = muted ? "Sound off" : "Sound on";
      });
    });
    return button;
  }

  function showForm() {
    root.hidden = true;
    form.hidden = false;
    var first = form.querySelector("input, select, button");
    if (first) first.focus();
  }

  function resumeOffer(saved) {
    if (!saved) return null;
    var where =
      saved.state === "review"
        ? "at the end, rating the session"
        : (function () {
            var phase = phases[Math.min(Math.max(0, saved.index | 0), phases.length - 1)];
            var detail = describe(phase);
            return "on exercise " + (phase.ex + 1) + " of " + steps.length + ", " + steps[phase.ex].name +
              (detail ? " (" + detail + ")" : "");
          })();
    return el("div", { className: "player-resume", id: "player-resume" }, [
      el("p", { text: "You stopped " + where + "." }),
      el("div", { className: "player-controls" }, [
        el("button", {
          type: "button",
          className: "primary",
          id: "player-resume-button",
          text: "Go on from there",
          onclick: function () {
            resume(saved);
          },
        }),
        el("button", { type: "button", id: "player-start-over", text: "Start over", onclick: startOver }),
      ]),
    ]);
  }

  function renderIntro() {
    root.textContent = "";
    var saved = readSaved();
    var list = el(
      "ol",
      { className: "player-plan" },
      steps.map(function (s) {
        return el("li", {}, [
          el("strong", { text: s.name }),
          document.createTextNode(" "),
          el("span", { className: "dose", text: s.dose }),
        ]);
      }),
    );
    root.appendChild(
      el("section", { className: "player card", "aria-labelledby": "player-heading" }, [
        el("h2", { id: "player-heading", text: "Step by step, with timers" }),
        resumeOffer(saved),
        el("p", {
          text:
            steps.length +
            (steps.length === 1 ? " exercise" : " exercises") +
            ". The timers follow the dosage; rest, switch sides and move on when they beep. " +
            "At the end you rate effort and pain for each exercise.",
        }),
        list,
        el("div", { className: "player-controls" }, [
          el("button", {
            type: "button",
            className: saved ? null : "primary",
            id: "player-start",
            text: "Start session",
            onclick: start,
          }),
          muteButton(),
          el("button", {
            type: "button",
            className: "link",
            id: "player-skip-to-form",
            text: "Log it without the player",
            onclick: showForm,
          }),
        ]),
      ]),
    );
  }

  function renderRunning() {
    root.textContent = "";
    view.exercise = el("p", { className: "player-exercise", id: "player-exercise" });
    view.position = el("p", { className: "player-position", id: "player-position" });
    view.phase = el("p", { className: "player-phase", id: "player-phase", "aria-live": "polite" });
    view.time = el("p", { className: "player-time", id: "player-time", role: "timer", "aria-live": "off" });
    view.bar = el("progress", { id: "player-progress", max: "1", value: "0", "aria-label": "Time in this step" });
    view.hint = el("p", { className: "player-hint", id: "player-hint" });
    view.how = el("div", { className: "player-how", id: "player-how" });
    view.cues = el("div", { className: "player-how player-cues" });
    view.howOf = null;
    view.pause = el("button", { type: "button", id: "player-pause", text: "Pause", onclick: togglePause });
    view.next = el("button", { type: "button", className: "primary", id: "player-next", text: "Next", onclick: next });
    view.skip = el("button", { type: "button", id: "player-skip-exercise", text: "Skip exercise", onclick: skipExercise });
    view.end = el("button", { type: "button", className: "link", id: "player-end", text: "End session", onclick: finish });
    root.appendChild(
      el("section", { className: "player card player-running", "aria-label": "Session player" }, [
        view.exercise,
        view.position,
        view.how,
        view.phase,
        view.time,
        view.bar,
        view.hint,
        el("div", { className: "player-controls" }, [view.next, view.pause, view.skip, muteButton(), view.end]),
        view.cues,
      ]),
    );
  }

  function describe(phase) {
    var s = steps[phase.ex];
    var parts = [];
    if (phase.set) parts.push("Set " + phase.set + " of " + s.sets);
    if (phase.side) parts.push(phase.side.charAt(0).toUpperCase() + phase.side.slice(1));
    if (phase.rep) parts.push("Rep " + phase.rep + " of " + phase.reps);
    return parts.join(" · ");
  }

  // The exercise's figure and cues, copied from its step in the page (ids made unique).
  function howTo(s) {
    var parts = { figure: null, cues: null };
    var figure = s.li.querySelector("figure[data-figure]");
    if (figure) {
      var copy = figure.cloneNode(true);
      copy.id = "player-figure";
      copy.querySelectorAll("[id]").forEach(function (node) {
        node.id = "player-" + node.id;
      });
      copy.querySelectorAll("[aria-labelledby]").forEach(function (node) {
        var ids = node.getAttribute("aria-labelledby").split(/\s+/);
        node.setAttribute("aria-labelledby", ids.map(function (id) { return "player-" + id; }).join(" "));
      });
      parts.figure = copy;
    }
    var cues = s.li.querySelectorAll(".cues li");
    if (cues.length) {
      parts.cues = el(
        "ul",
        { className: "cues", id: "player-cues", "aria-label": "Cues for " + s.name },
        Array.prototype.map.call(cues, function (cue) {
          return el("li", { text: cue.textContent });
        }),
      );
    }
    return parts;
  }

  function showPhase() {
    var phase = phases[index];
    var s = steps[phase.ex];
    if (view.howOf !== phase.ex) {
      view.howOf = phase.ex;
      var how = howTo(s);
      view.how.textContent = "";
      view.cues.textContent = "";
      if (how.figure) view.how.appendChild(how.figure);
      if (how.cues) view.cues.appendChild(how.cues);
    }
    root.setAttribute("data-phase", phase.kind);
    root.setAttribute("data-phase-index", String(index));
    view.exercise.textContent = "Exercise " + (phase.ex + 1) + " of " + steps.length + ": " + s.name;
    view.position.textContent = describe(phase);
    view.phase.textContent = phase.label;
    view.hint.textContent = phase.hint || "";
    view.next.textContent = NEXT_LABELS[phase.kind] || "Next";
    view.time.hidden = phase.seconds === null;
    view.bar.hidden = phase.seconds === null;
    updateTime(now());
  }

  function updateTime(t) {
    var phase = phases[index];
    if (!phase || phase.seconds === null) return;
    var elapsed = (t - phaseStart) / 1000;
    var left = phase.seconds - elapsed;
    view.time.textContent = clockText(left);
    view.bar.value = Math.min(1, Math.max(0, elapsed / phase.seconds));
    var whole = Math.ceil(left);
    if (whole !== lastWhole) {
      lastWhole = whole;
      save();
      if (phase.seconds >= 5 && whole > 0 && whole <= COUNTDOWN_FROM) beep(1000, 60);
    }
    if (phase.kind === "work" && phase.minSeconds && !minCued && elapsed >= phase.minSeconds) {
      minCued = true;
      if (phase.minSeconds < phase.seconds) {
        beep(1200, 120);
        view.hint.textContent = phase.minSeconds + " s done: move on when you like, or keep going to " + phase.seconds + " s.";
      }
    }
  }

  function save() {
    var store = storage();
    if (!store || state === "intro") return;
    var at = state === "paused" ? pausedAt : now();
    var position = {
      signature: signature,
      state: state,
      index: index,
      elapsedMs: Math.max(0, at - phaseStart),
      setsDone: setsDone,
    };
    try {
      store.setItem(resumeKey, JSON.stringify(position));
    } catch (e) {
      /* storage full or refused: the session goes on without a resume point */
    }
  }

  // --- the driver ----------------------------------------------------------------------------
  function enter(i, startedAt, quiet) {
    index = i;
    phaseStart = startedAt;
    lastWhole = null;
    minCued = false;
    if (index >= phases.length) {
      finish();
      return;
    }
    showPhase();
    save();
    if (!quiet) cue(phases[index].kind);
  }

  function complete(i) {
    var phase = phases[i];
    if (phase && phase.endsSet) setsDone[phase.ex] = Math.max(setsDone[phase.ex], phase.set);
  }

  function tick() {
    if (state !== "running" || index < 0 || index >= phases.length) return;
    var t = now();
    // Catch up on every phase whose time is over (a fast-forwarded clock or a sleeping tab),
    // each ending exactly when it should have.
    while (state === "running" && index < phases.length) {
      var phase = phases[index];
      if (phase.seconds === null) break;
      var end = phaseStart + phase.seconds * 1000;
      if (t < end) break;
      complete(index);
      enter(index + 1, end, t - end > 1000);
    }
    if (state === "running") updateTime(t);
  }

  function start() {
    begin(0, 0);
  }

  function begin(at, elapsedMs) {
    ensureAudio();
    requestWakeLock();
    state = "running";
    renderRunning();
    enter(at, now() - elapsedMs);
    timer = window.setInterval(tick, 200);
    view.next.focus();
  }

  function resume(saved) {
    setsDone = steps.map(function (_, i) {
      return Number((saved.setsDone || [])[i]) || 0;
    });
    if (saved.state === "review") {
      state = "running";
      finish(true);
      return;
    }
    begin(Math.min(Math.max(0, saved.index | 0), phases.length - 1), Number(saved.elapsedMs) || 0);
  }

  function startOver() {
    forget();
    renderIntro();
    var button = document.getElementById("player-start");
    if (button) button.focus();
  }

  function next() {
    if (state === "paused") togglePause();
    complete(index);
    enter(index + 1, now());
  }

  function skipExercise() {
    if (state === "paused") togglePause();
    var ex = phases[index].ex;
    var i = index;
    while (i < phases.length && phases[i].ex === ex) i++;
    enter(i, now());
  }

  function togglePause() {
    if (state === "running") {
      state = "paused";
      pausedAt = now();
      view.pause.textContent = "Resume";
      view.pause.setAttribute("aria-pressed", "true");
      view.phase.textContent = "Paused: " + phases[index].label;
      releaseWakeLock();
      save();
    } else if (state === "paused") {
      state = "running";
      phaseStart += now() - pausedAt;
      view.pause.textContent = "Pause";
      view.pause.setAttribute("aria-pressed", "false");
      view.phase.textContent = phases[index].label;
      requestWakeLock();
    }
  }

  function finish(quiet) {
    if (state === "review") return;
    state = "review";
    if (timer) window.clearInterval(timer);
    timer = null;
    releaseWakeLock();
    root.removeAttribute("data-phase");
    save();
    if (quiet !== true) cue("end");
    renderReview();
  }

  // --- the end: effort and pain per exercise, then the page's own form ---------------------
  function renderReview() {
    root.textContent = "";
    var error = el("p", { className: "error", id: "player-error", role: "alert", tabindex: "-1", hidden: true });
    var fieldsets = steps.map(function (s, i) {
      var id = "player-" + s.exercise;
      var did = el("input", { type: "checkbox", id: id + "-did", checked: setsDone[i] > 0 });
      function painSelect(suffix) {
        return el(
          "select",
          { id: id + "-pain" + suffix },
          // Nothing chosen at first: a pain is answered, never assumed (0 is an answer).
          [el("option", { value: "", text: "choose" })].concat(
            Array.from({ length: 11 }, function (_, n) {
              return el("option", { value: String(n), text: String(n) });
            }),
          ),
        );
      }
      // Per-side exercises: pain for each side (the sore side first), as the form asks.
      // Only the strength form records pain: a session without it (rolling, stretching) is
      // not asked a question whose answer would be dropped.
      var asksPain = Boolean(field("ex-" + s.exercise + "-pain") || field("ex-" + s.exercise + "-pain-left"));
      var bySide = field("ex-" + s.exercise + "-pain-left") ? sideOrder() : null;
      var painRows = !asksPain
        ? []
        : bySide
        ? bySide.map(function (side) {
            return el("p", {}, [
              el("label", { className: "inline", for: id + "-pain-" + side, text: "Pain, " + side + " (0–10)" }),
              painSelect("-" + side),
            ]);
          })
        : [el("p", {}, [el("label", { className: "inline", for: id + "-pain", text: "Pain (0–10)" }), painSelect("")])];
      var effort = el(
        "fieldset",
        { className: "player-effort" },
        [el("legend", { text: "Effort" })].concat(
          [
            ["easy", "easy"],
            ["right", "about right"],
            ["hard", "hard"],
          ].map(function (pair) {
            return el("label", { className: "inline" }, [
              el("input", {
                type: "radio",
                name: id + "-effort",
                value: pair[0],
                checked: pair[0] === "right",
              }),
              document.createTextNode(" " + pair[1]),
            ]);
          }),
        ),
      );
      // The strength form also asks whether the knee caved in: so does the player.
      var caved = field("ex-" + s.exercise + "-caved")
        ? el("label", { className: "inline" }, [
            el("input", { type: "checkbox", id: id + "-caved" }),
            document.createTextNode(" Knee caved in"),
          ])
        : null;
      return el("fieldset", { className: "player-rate card", "data-exercise": s.exercise }, [
        el("legend", { text: s.name }),
        el("p", {
          className: "muted",
          text: setsDone[i] + " of " + s.sets + (s.sets === 1 ? " set" : " sets") + " done",
        }),
        el("p", {}, [
          el("label", { className: "inline" }, [did, document.createTextNode(" I did it")]),
          caved,
        ]),
      ].concat(painRows, [effort]));
    });
    var submit = el("button", { type: "submit", className: "primary", id: "player-log", text: "Log this session" });
    var review = el(
      "form",
      { className: "player stack", id: "player-review", "aria-labelledby": "review-heading", novalidate: true },
      [el("h2", { id: "review-heading", tabindex: "-1", text: "How did it go?" }), error]
        .concat(fieldsets)
        .concat([submit]),
    );
    review.addEventListener("submit", function (event) {
      event.preventDefault();
      var open = painsLeftOpen();
      if (open.length) {
        error.textContent = "Choose the pain you felt (0 to 10) in: " + open.join(", ") +
          ". Nothing was saved.";
        error.hidden = false;
        error.focus();
        return;
      }
      if (!copyToForm()) {
        error.textContent = "Tick at least one exercise you did.";
        error.hidden = false;
        return;
      }
      submit.disabled = true;
      if (typeof form.requestSubmit === "function") form.requestSubmit();
      else form.submit();
    });
    root.appendChild(review);
    review.querySelector("h2").focus();
  }

  // The names of the exercises ticked as done whose pain (or one side's) is still "choose";
  // their selects are marked invalid, the others cleared.
  function painsLeftOpen() {
    var open = [];
    steps.forEach(function (s) {
      var id = "player-" + s.exercise;
      var did = document.getElementById(id + "-did").checked;
      var boxes = ["", "-left", "-right"].map(function (suffix) {
        return document.getElementById(id + "-pain" + suffix);
      }).filter(Boolean);
      var missing = false;
      boxes.forEach(function (box) {
        var unanswered = did && box.value === "";
        if (unanswered) box.setAttribute("aria-invalid", "true");
        else box.removeAttribute("aria-invalid");
        missing = missing || unanswered;
      });
      if (missing) open.push(s.name);
    });
    return open;
  }

  function sideOrder() {
    return firstSide === "right" ? ["right", "left"] : ["left", "right"];
  }

  function field(name) {
    return form.elements.namedItem(name);
  }

  function ensureHidden(name, value) {
    var input = field(name);
    if (!input) {
      input = el("input", { type: "hidden", name: name });
      form.appendChild(input);
    }
    input.value = value;
  }

  function copyToForm() {
    var any = false;
    steps.forEach(function (s, i) {
      var id = "player-" + s.exercise;
      var did = document.getElementById(id + "-did").checked;
      var painBox = document.getElementById(id + "-pain");
      var pain = painBox ? painBox.value : "";
      ["left", "right"].forEach(function (side) {
        var sideBox = document.getElementById(id + "-pain-" + side);
        var sideField = field("ex-" + s.exercise + "-pain-" + side);
        if (sideBox && sideField) sideField.value = sideBox.value;
      });
      var effortInput = root.querySelector('input[name="' + id + '-effort"]:checked');
      var effort = effortInput ? effortInput.value : "right";
      any = any || did;
      var prefix = "ex-" + s.exercise;
      var doneBox = field(prefix + "-done");
      if (doneBox) {
        // the strength form: done, sets, pain, effort per exercise
        doneBox.checked = did;
        for (var n = 1; n <= s.sets; n++) {
          var setInput = field(prefix + "-set-" + n);
          if (setInput && did && setsDone[i] > 0 && n > setsDone[i]) setInput.value = "";
        }
      } else {
        // roll/stretch: one "items" checkbox per exercise
        form.querySelectorAll('input[name="items"]').forEach(function (box) {
          if (box.value === s.exercise) box.checked = did;
        });
      }
      var cavedBox = document.getElementById(id + "-caved");
      var cavedField = field(prefix + "-caved");
      if (cavedBox && cavedField) cavedField.checked = did && cavedBox.checked;
      if (painBox) {
        var painField = field(prefix + "-pain");
        if (painField) painField.value = pain;
        else ensureHidden(prefix + "-pain", pain);
      }
      var effortField = field(prefix + "-effort");
      if (effortField) effortField.value = effort;
      else ensureHidden(prefix + "-effort", effort);
    });
    return any;
  }

  // --- go --------------------------------------------------------------------------------------
  form.hidden = true;
  root.hidden = false;
  root.classList.add("player-root");
  dropOtherDays();
  renderIntro();
  window.addEventListener("pagehide", save);

  window.gerdyPlayer = {
    tick: tick,
    state: function () {
      return { state: state, index: index, phases: phases.length, setsDone: setsDone.slice() };
    },
    resumeKey: resumeKey,
  };
})();
