/* gerdy · offline.js — the day without a connection (plain script, `defer`, after app.js).
 *
 * The service worker (static/worker/sw.js, registered by app.js) keeps the pages of the day
 * for the signed-in account; this script is the page's half:
 *
 * - Keeps the day: Today, drawn online, asks the worker to keep the pages it links to (the
 *   guided sessions), Check-in, Runs, the exercise library and Learn; then marks
 *   <html data-offline-ready="true">. At most once per quarter hour, day and version, and
 *   again after anything is saved or sent.
 * - Says where the page comes from: a page the worker answered offline says
 *   "Offline — as of HH:MM" (when it was kept) in #offline-status.
 * - Queues what is logged offline: the check-in, a run and the guided sessions' forms,
 *   sent while offline (or from a page answered offline), become entries in IndexedDB
 *   ("gerdy-offline", store "entries"): the JSON API request to make, a client-made id (the
 *   `Idempotency-Key`: a request sent twice writes once) and the account's offline key
 *   (`Gerdy-Offline-Key`: an entry is sent only for the account it was made in, and the
 *   server checks it). Values are taken as typed and no answer is assumed: a form with a
 *   question left open is not kept but says which, as the server would (gerdy.questions);
 *   the 2-hour question left for later stays unanswered.
 * - Sends them, oldest first, on load, on `online`, and every 20 s while any wait (3 s after a
 *   dropped connection). The banner counts "N entries waiting", then says "synced"; Today is
 *   drawn again from the server. An entry the server refuses (bad input, one for another
 *   account) stays on the device with the server's reason until the runner removes it; one
 *   sent while signed out waits for the sign-in. Each entry says when it was made
 *   (`If-Unmodified-Since`): it is recorded at that time, and a check-in never replaces a
 *   check-in of its day saved after that.
 * - Sign out (and sign out everywhere) first sends what waits, asks before deleting what could
 *   not be sent, then empties the device: this account's entries, every kept page, the
 *   player's resume points. (The server's answer also says `Clear-Site-Data`.)
 * - Buttons that need the server (htmx "Mark done" and the like) say so while offline
 *   instead of failing silently.
 *
 * Every page works without this file: without it nothing is kept for offline use.
 */
(function () {
  "use strict";

  var html = document.documentElement;
  var keyMeta = document.querySelector('meta[name="gerdy-offline-key"]');
  var KEY = keyMeta ? keyMeta.getAttribute("content") : "none";
  var NO_ACCOUNT = "none";
  var DB_NAME = "gerdy-offline";
  var STORE = "entries";
  var SYNC_EVERY_MS = 20000;
  var RETRY_MS = 3000;
  var KEEP_AGAIN_MS = 15 * 60 * 1000;
  var KEPT_MARK = "gerdy.offline.kept-day";
  var JUST_KEPT = "gerdy.offline.just-kept";
  var status = document.getElementById("offline-status");
  var syncedCount = 0;
  var notice = "";
  var syncing = null;
  var timer = null;
  var retryMs = RETRY_MS / 2;
  var justKept = null; // what the previous page kept on the device, said once on this one

  function offlineCopy() {
    return html.dataset.delivery === "offline";
  }

  function offline() {
    return navigator.onLine === false || offlineCopy();
  }

  // --- IndexedDB --------------------------------------------------------------------------
  var opened = null;
  function db() {
    if (!opened) {
      opened = new Promise(function (resolve, reject) {
        if (!window.indexedDB) {
          reject(new Error("no IndexedDB"));
          return;
        }
        var request = window.indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, { keyPath: "id" });
        };
        request.onsuccess = function () {
          resolve(request.result);
        };
        request.onerror = function () {
          reject(request.error);
        };
      });
    }
    return opened;
  }

  function transaction(mode, work) {
    return db().then(function (database) {
      return new Promise(function (resolve, reject) {
        var tx = database.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () {
          resolve(result && "result" in result ? result.result : undefined);
        };
        tx.onerror = tx.onabort = function () {
          reject(tx.error);
        };
      });
    });
  }

  function allEntries() {
    return transaction("readonly", function (store) {
      return store.getAll();
    }).then(function (entries) {
      return (entries || []).sort(function (a, b) {
        return a.made_at - b.made_at;
      });
    });
  }

  function mine(entries) {
    return entries.filter(function (entry) {
      return entry.key === KEY;
    });
  }

  function putEntry(entry) {
    return transaction("readwrite", function (store) {
      store.put(entry);
    });
  }

  function deleteEntry(id) {
    return transaction("readwrite", function (store) {
      store.delete(id);
    });
  }

  function clientId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  // --- the banner -------------------------------------------------------------------------
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    return node;
  }

  function clock(ms) {
    var at = new Date(ms);
    return ("0" + at.getHours()).slice(-2) + ":" + ("0" + at.getMinutes()).slice(-2);
  }

  function dayText(iso) {
    var day = new Date((iso || "") + "T12:00:00");
    if (isNaN(day.getTime())) return iso || "today";
    return day.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short" });
  }

  function entriesText(n) {
    return n + (n === 1 ? " entry" : " entries");
  }

  function render() {
    if (!status) return Promise.resolve();
    var read = KEY === NO_ACCOUNT ? Promise.resolve([]) : allEntries().catch(function () {
      return [];
    });
    return read.then(function (entries) {
      var own = mine(entries);
      var waiting = own.filter(function (e) { return e.state === "waiting"; });
      var refused = own.filter(function (e) { return e.state === "refused"; });
      var others = entries.length - own.length;
      var parts = [];
      if (offlineCopy()) {
        var keptAt = Number(html.dataset.keptAt || 0);
        var when = keptAt ? " — as of " + clock(keptAt) : "";
        if (navigator.onLine === false) {
          parts.push(el("p", "Offline" + when + ". What you save is kept on this device and sent when you are back online.", { "data-offline-as-of": "" }));
        } else {
          parts.push(el("p", "This page is the copy kept on this device" + (keptAt ? " at " + clock(keptAt) : "") + ": reload it for the latest.", { "data-offline-as-of": "" }));
        }
      } else if (navigator.onLine === false) {
        parts.push(el("p", "Offline. What you save is kept on this device and sent when you are back online.", { "data-offline-now": "" }));
      }
      if (justKept && !syncedCount) parts.push(el("p", "Saved on this device: " + justKept + ".", { "data-offline-kept": "" }));
      if (notice) parts.push(el("p", notice, { "data-offline-notice": "" }));
      if (waiting.length) {
        var held = waiting.filter(function (e) { return e.reason; })[0];
        var line = entriesText(waiting.length) + " waiting to be sent" + (held ? ": " + held.reason : ".");
        parts.push(el("p", line, { "data-offline-waiting": String(waiting.length) }));
      } else if (syncedCount) {
        parts.push(el("p", "All synced: " + entriesText(syncedCount) + " sent.", { "data-offline-synced": String(syncedCount) }));
      }
      if (refused.length) {
        var list = el("ul", "", { "data-offline-refused": String(refused.length) });
        refused.forEach(function (entry) {
          var item = el("li", entry.label + " was not accepted: " + entry.reason + " It is kept on this device. ");
          var remove = el("button", "Remove it", { type: "button", class: "link", "data-offline-remove": entry.id });
          remove.addEventListener("click", function () {
            if (window.confirm("Remove “" + entry.label + "” from this device? It was not saved on the server.")) {
              deleteEntry(entry.id).then(render);
            }
          });
          item.appendChild(remove);
          list.appendChild(item);
        });
        parts.push(list);
      }
      if (others > 0 && KEY !== NO_ACCOUNT) {
        parts.push(el("p", entriesText(others) + " saved on this device by another account " + (others === 1 ? "waits" : "wait") + " until that account signs in here."));
      }
      markToday(waiting);
      status.textContent = "";
      parts.forEach(function (part) { status.appendChild(part); });
      status.hidden = parts.length === 0;
      status.classList.toggle("has-refusals", refused.length > 0);
      status.classList.toggle("is-synced", parts.length === 1 && !waiting.length && syncedCount > 0);
      html.dataset.offlineWaiting = String(waiting.length);
    });
  }

  // Today as kept says nothing of what was saved since: each session, run or check-in that
  // waits on the device says so where Today lists it (it counts once it is sent).
  function markToday(waiting) {
    if (!document.getElementById("today")) return;
    document.querySelectorAll("[data-offline-pending]").forEach(function (mark) { mark.remove(); });
    var today = document.getElementById("today").getAttribute("data-date");
    waiting.forEach(function (entry) {
      var date = entry.body && entry.body.date;
      if (date && date !== today) return;
      var text = "saved on this device, waiting to be sent";
      if (entry.kind === "checkin") {
        var first = document.querySelector("#checkin-first");
        if (first && !first.querySelector("[data-offline-pending]")) {
          first.appendChild(el("p", "Your check-in is " + text + ".", { class: "pending", "data-offline-pending": "checkin" }));
        }
        return;
      }
      var name = document.querySelector('.session-list li[data-session="' + entry.kind + '"] .session-name');
      if (name && !name.querySelector("[data-offline-pending]")) {
        name.appendChild(el("span", "Saved on this device, waiting to be sent", { class: "pending", "data-offline-pending": entry.kind }));
      }
    });
  }

  function takeJustKept() {
    try {
      var text = window.sessionStorage.getItem(JUST_KEPT);
      window.sessionStorage.removeItem(JUST_KEPT);
      return text;
    } catch (e) {
      return null;
    }
  }

  // --- forms taken offline: what the JSON API is sent -------------------------------------
  function fieldOf(form, name) {
    var found = form.elements.namedItem(name);
    if (found && !(found instanceof HTMLSelectElement) && !(found instanceof Element) && found.length) {
      return found[0];
    }
    return found;
  }

  // A form's value as the API takes it: numbers from number fields and numeric choices,
  // yes/no choices as true/false, text as typed; an empty field is left out (unanswered).
  function typed(form, name, value) {
    if (typeof value !== "string") return undefined;
    value = value.trim();
    if (value === "") return undefined;
    var field = fieldOf(form, name);
    var type = field && field.type;
    if (type === "number" || type === "range") return Number(value);
    if ((type === "radio" || type === "checkbox") && (value === "yes" || value === "no")) {
      return value === "yes";
    }
    if ((type === "select-one" || type === "radio") && /^-?\d+(\.\d+)?$/.test(value)) {
      return Number(value);
    }
    return value;
  }

  // The questions a form asks (each pain scale and yes/no fieldset) that were left open, as
  // the server finds them (gerdy.questions): "None of these" answers no to each symptom not
  // answered yes; whether a run's pain got worse is no when there was no pain. An open
  // question is never filled in here: the entry is not kept and the form says what is open.
  function openQuestions(form, body) {
    var none = form.querySelector("[data-none-of-these]");
    var noneOfThese = Boolean(none && none.checked);
    if (none) delete body[none.name];
    var open = [];
    form.querySelectorAll("fieldset.pain-scale, fieldset.yes-no").forEach(function (set) {
      var input = set.querySelector("input[type=radio]");
      if (!input) return;
      var name = input.name;
      if (body[name] !== undefined) return;
      if (set.hasAttribute("data-symptom") && noneOfThese) {
        body[name] = false;
      } else if (name === "pain_worsened" && body.pain_during === 0) {
        body[name] = false;
      } else {
        open.push(set);
      }
    });
    return open;
  }

  function showOpen(form, open) {
    form.querySelectorAll("fieldset.unanswered").forEach(function (set) {
      set.classList.remove("unanswered");
    });
    var error = document.getElementById("offline-form-error");
    if (!open.length) {
      if (error) error.remove();
      return;
    }
    if (!error) {
      error = el("p", "", { id: "offline-form-error", class: "error", role: "alert", tabindex: "-1" });
      form.parentNode.insertBefore(error, form);
    }
    error.textContent = "Please answer every question (nothing was saved). Not answered: " +
      open.map(function (set) {
        set.classList.add("unanswered");
        var legend = set.querySelector("legend");
        return legend ? legend.textContent.replace(/\s+/g, " ").trim() : "";
      }).join("; ");
    error.focus();
  }

  function answers(form, submitter) {
    var data = new FormData(form, submitter || undefined);
    var body = {};
    data.forEach(function (value, name) {
      if (name === "csrf_token") return;
      var given = typed(form, name, value);
      if (given !== undefined) body[name] = given;
    });
    return body;
  }

  var KM_PER_MILE = 1.609344;
  var SESSION_NAMES = { roll: "Foam rolling", stretch: "Stretching", strength: "Strength" };

  function strengthLogs(form) {
    var logs = [];
    form.querySelectorAll("li[data-exercise]").forEach(function (step) {
      var id = step.getAttribute("data-exercise");
      var prefix = "ex-" + id;
      var done = fieldOf(form, prefix + "-done");
      if (!done || !done.checked) return;
      var sets = [];
      for (var n = 1; n <= Number(step.getAttribute("data-sets") || 1); n++) {
        var set = fieldOf(form, prefix + "-set-" + n);
        if (set && set.value.trim() !== "") sets.push(Number(set.value));
      }
      var log = { id: id, sets: sets };
      var pain = fieldOf(form, prefix + "-pain");
      if (pain && pain.value !== "") log.pain = Number(pain.value);
      var effort = fieldOf(form, prefix + "-effort");
      log.effort = (effort && effort.value) || "right";
      var caved = fieldOf(form, prefix + "-caved");
      log.knee_caved_in = Boolean(caved && caved.checked);
      var left = fieldOf(form, prefix + "-pain-left");
      var right = fieldOf(form, prefix + "-pain-right");
      if (left && right && left.value !== "" && right.value !== "") {
        log.pain_by_side = { left: Number(left.value), right: Number(right.value) };
        delete log.pain; // the larger side, as the server takes it
      }
      logs.push(log);
    });
    return logs;
  }

  // What a form sent offline becomes: {url, body, label, next} or {error}; null: not ours.
  function entryOf(form, submitter) {
    // Only the pages' own forms that post to the server (the player's review form has none).
    if (!form.getAttribute("action") || form.method !== "post") return null;
    var action = new URL(form.getAttribute("action"), window.location.href).pathname;
    var body;
    if (action === "/checkin") {
      body = answers(form, submitter);
      var openCheckin = openQuestions(form, body);
      if (openCheckin.length) return { open: openCheckin };
      return { kind: "checkin", url: "/api/checkins", body: body, label: "Check-in of " + dayText(body.date), next: "/today" };
    }
    if (action === "/runs") {
      body = answers(form, submitter);
      var openRun = openQuestions(form, body);
      if (openRun.length) return { open: openRun };
      if (body.distance !== undefined) {
        var miles = form.getAttribute("data-units") === "imperial";
        body.distance_km = miles ? Math.round(body.distance * KM_PER_MILE * 1000) / 1000 : body.distance;
        delete body.distance;
      }
      return { kind: "run", url: "/api/runs", body: body, label: "Run of " + body.minutes + " min, " + dayText(body.date), next: "/runs" };
    }
    var session = action.match(/^\/session\/(roll|stretch|strength)$/);
    if (session) {
      var kind = session[1];
      var player = document.getElementById("player");
      var date = (player && player.getAttribute("data-date")) || undefined;
      body = { type: kind, date: date };
      if (kind === "strength") body.exercises = strengthLogs(form);
      else body.items = new FormData(form).getAll("items");
      if (!(body.exercises || body.items).length) return { error: "Tick at least one exercise you did." };
      return { kind: kind, url: "/api/events", body: body, label: SESSION_NAMES[kind] + " session of " + dayText(date), next: "/today?saved=" + kind };
    }
    return null;
  }

  function keepOffline(form, submitter) {
    var made = entryOf(form, submitter);
    if (!made) return false;
    showOpen(form, made.open || []);
    if (made.open) return true;
    if (made.error) {
      notice = made.error;
      render();
      return true;
    }
    var entry = {
      id: clientId(),
      key: KEY,
      kind: made.kind,
      url: made.url,
      body: made.body,
      label: made.label,
      made_at: Date.now(),
      state: "waiting",
    };
    putEntry(entry).then(function () {
      try {
        window.sessionStorage.setItem(JUST_KEPT, made.label);
        window.localStorage.removeItem(KEPT_MARK);
      } catch (e) {
        /* the banner's count says it anyway */
      }
      window.location.assign(made.next);
    }, function () {
      notice = "This browser could not keep it on this device: nothing was saved. Try again with a connection.";
      render();
    });
    return true;
  }

  // --- sending ----------------------------------------------------------------------------
  function csrfToken() {
    return fetch("/api/csrf", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        return response.ok ? response.json() : {};
      })
      .then(function (data) {
        return data.csrf_token || (window.gerdy && window.gerdy.csrfToken && window.gerdy.csrfToken());
      });
  }

  function reasonOf(status, data) {
    var detail = data && typeof data.detail === "string" ? data.detail : "";
    if (status === 401) return "you are signed out: sign in again and they will be sent.";
    if (!detail) return "the server refused it (" + status + ").";
    detail = detail.charAt(0).toUpperCase() + detail.slice(1);
    return /[.!?]$/.test(detail) ? detail : detail + ".";
  }

  function headersOf(entry, token) {
    var headers = {
      "Content-Type": "application/json",
      "X-CSRF-Token": token || "",
      "Idempotency-Key": entry.id,
      "Gerdy-Offline-Key": entry.key,
    };
    // Every entry says when it was made: it is recorded at that time (a run's 2-hour question
    // comes 2 h after it was logged), and a check-in never replaces a later one of its day (412).
    headers["If-Unmodified-Since"] = new Date(entry.made_at).toUTCString();
    return headers;
  }

  // One entry: "sent", "refused", "signed-out" or "later" (no connection, the server busy).
  function send(entry, token) {
    return fetch(entry.url, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: headersOf(entry, token),
      body: JSON.stringify(entry.body),
    }).then(function (response) {
      if (response.ok) {
        return deleteEntry(entry.id).then(function () { return "sent"; });
      }
      if (response.status >= 500 || response.status === 429 || response.status === 403) {
        return "later";
      }
      return response.json().catch(function () { return {}; }).then(function (data) {
        var signedOut = response.status === 401;
        entry.reason = reasonOf(response.status, data);
        entry.state = signedOut ? "waiting" : "refused";
        return putEntry(entry).then(function () {
          return signedOut ? "signed-out" : "refused";
        });
      });
    }, function () {
      return "later";
    });
  }

  function sendAll() {
    return allEntries().then(function (entries) {
      var waiting = mine(entries).filter(function (e) { return e.state === "waiting"; });
      if (!waiting.length) return { sent: 0, later: false };
      return csrfToken().then(function (token) {
        var result = { sent: 0, later: false };
        return waiting.reduce(function (previous, entry) {
          return previous.then(function (stop) {
            if (stop) return true;
            return send(entry, token).then(function (outcome) {
              if (outcome === "sent") result.sent += 1;
              if (outcome === "later") result.later = true;
              return outcome === "later" || outcome === "signed-out";
            });
          });
        }, Promise.resolve(false)).then(function () {
          return result;
        });
      }, function () {
        return { sent: 0, later: true };
      });
    });
  }

  function locked(work) {
    if (navigator.locks && typeof navigator.locks.request === "function") {
      return navigator.locks.request("gerdy-offline-sync", work);
    }
    return work();
  }

  function sync() {
    if (syncing) return syncing;
    if (KEY === NO_ACCOUNT || navigator.onLine === false) return render();
    syncing = locked(sendAll).then(function (result) {
      syncing = null;
      if (result.sent || (offlineCopy() && !result.later)) {
        syncedCount += result.sent;
        forgetKeptMark();
        return redrawToday().then(function () {
          keepDay(true);
          return result;
        });
      }
      return result;
    }, function () {
      syncing = null;
      return { sent: 0, later: true };
    }).then(function (result) {
      // A dropped connection: again soon, then less and less often.
      retryMs = result.later ? Math.min(retryMs * 2, SYNC_EVERY_MS) : RETRY_MS / 2;
      schedule(result.later ? retryMs : SYNC_EVERY_MS);
      return render();
    });
    return syncing;
  }

  function schedule(ms) {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      timer = null;
      allEntries().then(function (entries) {
        var waiting = mine(entries).some(function (e) { return e.state === "waiting"; });
        if (waiting) sync();
      }, function () {});
    }, ms);
  }

  // After a sync Today is drawn again by the server: what was sent now counts.
  function redrawToday() {
    var today = document.getElementById("today");
    if (!today || document.body.getAttribute("data-page") !== "today") return Promise.resolve();
    return fetch("/today", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (text) {
        if (!text) return;
        var fresh = new DOMParser().parseFromString(text, "text/html");
        var main = fresh.getElementById("main");
        var current = document.getElementById("main");
        if (!main || !current) return;
        Array.prototype.slice.call(current.children).forEach(function (child) {
          if (child !== status) current.removeChild(child);
        });
        Array.prototype.slice.call(main.children).forEach(function (child) {
          if (child.id !== "offline-status") current.appendChild(document.importNode(child, true));
        });
        html.dataset.delivery = "network";
        delete html.dataset.keptAt;
        if (window.htmx) window.htmx.process(current);
        if (window.location.search) window.history.replaceState(null, "", "/today");
        html.dataset.offlineRedrawn = String(Date.now());
      })
      .catch(function () {});
  }

  // --- keeping the day --------------------------------------------------------------------
  function worker() {
    if (!("serviceWorker" in navigator) || !window.gerdy || !window.gerdy.worker) {
      return Promise.resolve(null);
    }
    return window.gerdy.worker.then(function (registration) {
      if (!registration) return null;
      return navigator.serviceWorker.ready;
    });
  }

  function ask(message, timeoutMs) {
    return worker().then(function (registration) {
      if (!registration || !registration.active) return false;
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        var timeout = window.setTimeout(function () { resolve(false); }, timeoutMs);
        channel.port1.onmessage = function (event) {
          window.clearTimeout(timeout);
          resolve(Boolean(event.data && event.data.done));
        };
        registration.active.postMessage(message, [channel.port2]);
      });
    });
  }

  function keptMark() {
    var today = document.getElementById("today");
    return [KEY, today ? today.getAttribute("data-date") : "", html.dataset.assets || scriptVersion()].join("/");
  }

  function scriptVersion() {
    var script = document.querySelector('script[src*="/static/js/offline.js"]');
    var found = script && script.getAttribute("src").match(/\?v=([0-9a-f]+)/);
    return found ? found[1] : "";
  }

  function forgetKeptMark() {
    try { window.localStorage.removeItem(KEPT_MARK); } catch (e) { /* nothing kept */ }
  }

  function dayPages() {
    var urls = ["/today", "/checkin", "/runs", "/library", "/learn", "/more"];
    document.querySelectorAll("#main a[href]").forEach(function (link) {
      var url = new URL(link.getAttribute("href"), window.location.href);
      if (url.origin !== window.location.origin) return;
      if (/^\/(session|library)\/[a-z0-9_-]+$/.test(url.pathname)) urls.push(url.pathname);
    });
    return urls.filter(function (url, i) { return urls.indexOf(url) === i; });
  }

  function keepDay(force) {
    var onToday = document.body.getAttribute("data-page") === "today" && document.getElementById("today");
    if (!onToday || KEY === NO_ACCOUNT || offlineCopy() || navigator.onLine === false) return;
    var mark = keptMark();
    var saved = new URLSearchParams(window.location.search).has("saved");
    try {
      var last = JSON.parse(window.localStorage.getItem(KEPT_MARK) || "null");
      if (!force && !saved && last && last.mark === mark && Date.now() - last.at < KEEP_AGAIN_MS) {
        html.dataset.offlineReady = "true";
        return;
      }
    } catch (e) {
      /* keep it again */
    }
    ask({ type: "keep-day", urls: dayPages() }, 60000).then(function (done) {
      if (!done) return;
      try {
        window.localStorage.setItem(KEPT_MARK, JSON.stringify({ mark: mark, at: Date.now() }));
      } catch (e) {
        /* kept all the same */
      }
      html.dataset.offlineReady = "true";
    });
  }

  // --- signing out ------------------------------------------------------------------------
  function forgetDevice() {
    var entries = allEntries().then(function (all) {
      return Promise.all(mine(all).map(function (entry) { return deleteEntry(entry.id); }));
    }).catch(function () {});
    var pages = window.caches ? window.caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("gerdy-pages-") === 0;
      }).map(function (name) { return window.caches.delete(name); }));
    }).catch(function () {}) : Promise.resolve();
    var told = ask({ type: "forget" }, 3000).catch(function () {});
    try {
      Object.keys(window.localStorage).forEach(function (name) {
        if (name.indexOf("gerdy.") === 0) window.localStorage.removeItem(name);
      });
      window.sessionStorage.removeItem(JUST_KEPT);
    } catch (e) {
      /* nothing kept there */
    }
    return Promise.all([entries, pages, told]);
  }

  function signOut(form) {
    var first = navigator.onLine === false ? Promise.resolve() : sync();
    return first.then(allEntries).then(function (entries) {
      var left = mine(entries).length;
      if (!left) return true;
      return window.confirm(
        entriesText(left) + " saved on this device " + (left === 1 ? "has" : "have") +
        " not reached the server. Sign out and delete " + (left === 1 ? "it" : "them") +
        " from this device?\n\nCancel to stay signed in and send " + (left === 1 ? "it" : "them") + " later."
      );
    }).catch(function () {
      return true; // the queue cannot be read: nothing can be kept from it either
    }).then(function (go) {
      if (!go) return;
      return forgetDevice().then(function () {
        form.setAttribute("data-offline-cleared", "true");
        form.submit();
      });
    });
  }

  // --- wiring -----------------------------------------------------------------------------
  // Capture: before htmx or any other handler on the form, so an offline form is ours alone.
  window.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var action = new URL(form.getAttribute("action") || "", window.location.href).pathname;
    if (action === "/signout" || action === "/signout/everywhere") {
      if (form.getAttribute("data-offline-cleared") === "true") return;
      event.preventDefault();
      event.stopImmediatePropagation();
      signOut(form);
      return;
    }
    if (!offline() || KEY === NO_ACCOUNT) return;
    if (keepOffline(form, event.submitter)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("htmx:beforeRequest", function (event) {
    var verb = event.detail && event.detail.requestConfig && event.detail.requestConfig.verb;
    if (!offline() || verb === "get") return;
    event.preventDefault();
    notice = "Offline: this button needs a connection. The guided sessions, the check-in and Runs keep what you save on this device.";
    render();
  });

  window.addEventListener("online", function () {
    notice = "";
    sync();
  });
  window.addEventListener("offline", render);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) render();
  });

  if (status) {
    status.setAttribute("role", "status");
  }
  if (html.dataset.unsent === "true") {
    var message = document.querySelector("[data-offline-message]");
    if (message) {
      message.textContent = "The connection dropped while saving: nothing was sent. Go back and save again: offline, what you save is kept on this device.";
    }
  }

  justKept = takeJustKept();
  render().then(function () {
    keepDay(false);
    sync();
  });

  window.gerdy = window.gerdy || {};
  window.gerdy.offline = { sync: sync, render: render, entries: allEntries };
})();
