/* gerdy · app.js — page-wide progressive enhancement (plain script, loaded with `defer`).
 *
 * - htmx: configured to live under the CSP (`default-src 'self'`: no inline styles, no
 *   eval), and every htmx request carries the CSRF token from <meta name="csrf-token"> in the
 *   X-CSRF-Token header (the server also accepts the form field; this is belt and braces
 *   beside the body's hx-headers).
 * - Loads static/js/enhance.css (styles of the player, metronome and charts: only needed
 *   when JavaScript runs) and the vendored uPlot stylesheet on pages with charts.
 * - Check-in: "None of these" answers no to each symptom not answered yes.
 * - Today drops the guided player's resume point (player.js) of a session once it is saved:
 *   the page was reached with `?saved=KIND`, or the session shows as done.
 * - Read-only address fields ([data-copy]) select themselves on focus; a Copy button
 *   ([data-copy-from], hidden without JavaScript) copies the field and says so.
 * - Registers the offline worker (/sw.js, scope "/"; web/pages/installable.py) from every
 *   page: `window.gerdy.worker` is the registration (or null). What it keeps and what is
 *   queued while offline is offline.js's.
 *
 * - What a save says is where the user looks: the element marked [data-focus-here] (the
 *   feedback after a save, a success message), else a form's error (.error[role=alert]),
 *   takes the focus on load and
 *   after an htmx swap, which scrolls it into view clear of the tab bar (the stylesheet's
 *   scroll padding). A confirmation opened from a <details class="confirm"> is scrolled into
 *   view and its button focused.
 *
 * Every page works without this file; it only makes them nicer.
 */
(function () {
  "use strict";

  // The asset version this script was loaded with (`?v=`): the stylesheets it adds carry it
  // too, so the offline worker answers them from the same version as the page.
  var VERSION_QUERY = (function () {
    var script = document.currentScript;
    var found = script && script.src.match(/\?v=[0-9a-f]+$/);
    return found ? found[0] : "";
  })();
  var ENHANCE_CSS = "/static/js/enhance.css" + VERSION_QUERY;

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : null;
  }

  function addStylesheet(href) {
    if (document.querySelector('link[rel="stylesheet"][href="' + href + '"]')) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.appendChild(link);
  }

  // htmx reads its config at DOMContentLoaded; deferred scripts run just before, so these
  // settings are in place before htmx inserts its indicator <style> (which CSP would block).
  if (window.htmx) {
    window.htmx.config.includeIndicatorStyles = false;
    window.htmx.config.allowEval = false;
    window.htmx.config.allowScriptTags = false;
    window.htmx.config.selfRequestsOnly = true;
    document.addEventListener("htmx:configRequest", function (event) {
      var token = csrfToken();
      if (token && !event.detail.headers["X-CSRF-Token"]) {
        event.detail.headers["X-CSRF-Token"] = token;
      }
    });
  }

  addStylesheet(ENHANCE_CSS);
  // The uPlot stylesheet sits beside its script with the same versioned name.
  var uplotScript = document.querySelector('script[src*="/static/vendor/uplot-"]');
  if (uplotScript && document.querySelector("[data-chart]")) {
    addStylesheet(uplotScript.getAttribute("src").replace(/\.js(\?|$)/, ".css$1"));
  }
  document.documentElement.classList.add("js");

  // "None of these" answers no to each symptom not answered yes; a yes unticks it (the
  // server reads the answers the same way without this script).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLInputElement)) return;
    var box = target.closest("fieldset.symptoms");
    if (!box) return;
    if (target.hasAttribute("data-none-of-these") && target.checked) {
      box.querySelectorAll('input[type="radio"][value="no"]').forEach(function (no) {
        var yes = box.querySelector('input[type="radio"][value="yes"][name="' + no.name + '"]');
        if (!yes || !yes.checked) no.checked = true;
      });
    } else if (target.type === "radio" && target.value === "yes" && target.checked) {
      var none = box.querySelector("[data-none-of-these]");
      if (none) none.checked = false;
    }
  });

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target instanceof HTMLInputElement && target.hasAttribute("data-copy")) {
      target.select();
    }
  });

  function forgetSavedSessions() {
    var today = document.getElementById("today");
    if (!today || !today.dataset.date) return;
    var kinds = [];
    var saved = new URLSearchParams(window.location.search).get("saved");
    if (saved) kinds.push(saved);
    today.querySelectorAll('section[data-session][data-done="true"]').forEach(function (section) {
      kinds.push(section.dataset.session);
    });
    try {
      kinds.forEach(function (kind) {
        window.localStorage.removeItem("gerdy.player." + today.dataset.date + "." + kind);
      });
    } catch (e) {
      /* no storage: nothing was kept */
    }
  }
  forgetSavedSessions();
  document.addEventListener("htmx:afterSwap", forgetSavedSessions);
  function copyField(button) {
    var field = document.getElementById(button.getAttribute("data-copy-from"));
    var status = document.getElementById("copy-status");
    if (!field) return;
    function said(text) {
      if (status) status.textContent = text;
    }
    field.focus();
    field.select();
    var copied = navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(field.value)
      : Promise.reject(new Error("no clipboard"));
    copied.then(function () {
      said("Copied.");
    }, function () {
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      said(ok ? "Copied." : "Selected: copy it with your device's copy command.");
    });
  }
  document.querySelectorAll("[data-copy-from]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copyField(button); });
  });

  // A refused tick on Today comes back as the page with its refusal (400): shown, not dropped.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 400 && event.detail.target && event.detail.target.id === "today") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  function focusHere() {
    var target = document.querySelector("[data-focus-here], main .error[role=alert]");
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
    target.scrollIntoView({ block: "nearest" });
  }
  focusHere();
  // Again once loaded: the browser's scroll to the address's #fragment may take the focus away.
  window.addEventListener("load", function () {
    if (document.activeElement === document.body) focusHere();
  });
  document.addEventListener("htmx:afterSettle", focusHere);

  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!(details instanceof HTMLDetailsElement) || !details.open) return;
    if (!details.classList.contains("confirm")) return;
    var form = details.querySelector("form");
    if (form) form.scrollIntoView({ block: "nearest" });
    var button = details.querySelector("form button[type=submit]");
    if (button) button.focus({ preventScroll: true });
  }, true);

  window.gerdy = window.gerdy || {};
  window.gerdy.csrfToken = csrfToken;
  window.gerdy.worker = "serviceWorker" in navigator
    ? navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
        return null; // no worker (a private window may refuse one): the pages still work
      })
    : Promise.resolve(null);
})();
