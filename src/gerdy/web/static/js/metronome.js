/* gerdy · metronome.js — a cadence metronome (RF-1) on the Runs page (plain script, `defer`).
 *
 * Hooks: an element `[data-metronome]` with the target in `data-bpm` (or
 * `data-cadence-target`), steps per minute counting both feet, and inside it a button
 * `[data-metronome-toggle]` (rendered `hidden`: without JavaScript there is no metronome).
 * One tap starts it, another stops it (`aria-pressed` follows).
 *
 * Timing: clicks are scheduled on the AudioContext's own clock a little ahead of time
 * (a 25 ms look-ahead loop schedules every click due in the next 120 ms), so they stay even
 * however busy the page's main thread is; setTimeout only wakes the scheduler.
 * Every other click is a little higher, so left and right feet can be told apart.
 */
(function () {
  "use strict";

  var LOOKAHEAD_MS = 25;
  var SCHEDULE_AHEAD_S = 0.12;
  var CLICK_S = 0.03;

  function Metronome(bpm) {
    this.bpm = bpm;
    this.ctx = null;
    this.timer = null;
    this.nextAt = 0;
    this.count = 0;
    this.running = false;
  }

  Metronome.prototype.click = function (at, accent) {
    var ctx = this.ctx;
    var osc = ctx.createOscillator();
    var gain = ctx.createGain();
    osc.type = "square";
    osc.frequency.value = accent ? 1500 : 1000;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.35, at + 0.002);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + CLICK_S);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + CLICK_S + 0.01);
  };

  Metronome.prototype.schedule = function () {
    var interval = 60 / this.bpm;
    while (this.nextAt < this.ctx.currentTime + SCHEDULE_AHEAD_S) {
      this.click(this.nextAt, this.count % 2 === 0);
      this.nextAt += interval;
      this.count += 1;
    }
    var self = this;
    this.timer = window.setTimeout(function () {
      self.schedule();
    }, LOOKAHEAD_MS);
  };

  Metronome.prototype.start = function () {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return false;
    if (!this.ctx) this.ctx = new Ctx();
    if (this.ctx.state === "suspended") this.ctx.resume();
    this.count = 0;
    this.nextAt = this.ctx.currentTime + 0.05;
    this.running = true;
    this.schedule();
    return true;
  };

  Metronome.prototype.stop = function () {
    if (this.timer) window.clearTimeout(this.timer);
    this.timer = null;
    this.running = false;
    if (this.ctx) this.ctx.suspend();
  };

  function setup(section) {
    var bpm = Number(section.getAttribute("data-bpm") || section.getAttribute("data-cadence-target"));
    var button = section.querySelector("[data-metronome-toggle]");
    if (!button || !isFinite(bpm) || bpm < 60 || bpm > 260) return;
    var metronome = new Metronome(bpm);
    var status = document.createElement("p");
    status.className = "metronome-status";
    status.id = "metronome-status";
    status.setAttribute("role", "status");
    button.insertAdjacentElement("afterend", status);
    button.hidden = false;
    button.addEventListener("click", function () {
      if (metronome.running) {
        metronome.stop();
        button.setAttribute("aria-pressed", "false");
        button.textContent = "Start metronome";
        status.textContent = "Metronome stopped.";
        section.removeAttribute("data-metronome-running");
      } else if (metronome.start()) {
        button.setAttribute("aria-pressed", "true");
        button.textContent = "Stop metronome";
        status.textContent = "Playing " + bpm + " steps per minute.";
        section.setAttribute("data-metronome-running", "true");
      } else {
        status.textContent = "This browser cannot play sound (no Web Audio).";
      }
    });
    // Stop when leaving the page (bfcache would otherwise keep a suspended context around).
    window.addEventListener("pagehide", function () {
      if (metronome.running) button.click();
    });
    section.gerdyMetronome = metronome;
  }

  document.querySelectorAll("[data-metronome]").forEach(setup);
})();
