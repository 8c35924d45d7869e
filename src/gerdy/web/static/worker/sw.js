/* gerdy · sw.js — the service worker, served at /sw.js (scope "/") by
 * gerdy.web.pages.installable, which writes in the asset version and the files to keep.
 *
 * What it keeps, in the Cache API (never the browser's HTTP cache: pages are no-store):
 * - "gerdy-static-VERSION": the CSS, scripts, icons and the /offline page of this version,
 *   fetched whole at install. Static requests are answered from it (then the network).
 * - "gerdy-pages-VERSION-KEY": the pages of the day (Today, Check-in, Runs, the guided
 *   sessions, the library, Learn) of ONE account, KEY being its opaque offline key (the
 *   server's `Gerdy-Offline-Key` header; web/offline.py). A page is kept only when it was
 *   drawn with this version's assets and for the account the worker last saw.
 * - "gerdy-meta": which account that was (KEY, or "none").
 *
 * Pages go to the network first. When the network fails, a kept page of the current account
 * is answered, marked `data-delivery="offline"` with the time it was kept (offline.js then
 * says "Offline — as of HH:MM"); any other page gets /offline. A page drawn for another
 * account, for nobody (signed out) or for a clinician empties every kept page at once. A new
 * version takes over at once (skipWaiting, claim) and deletes every cache of the old one, so
 * kept pages never run with scripts of another version. Sign-out ("forget") empties the pages.
 * What is logged offline is queued by the page (offline.js, IndexedDB), not here.
 */
"use strict";

var VERSION = "__GERDY_ASSET_VERSION__";
var PRECACHE = __GERDY_PRECACHE__;
var KEPT_PAGES = __GERDY_KEPT_PAGES__; // path prefixes of the pages kept for offline use
var STATIC_CACHE = "gerdy-static-" + VERSION;
var PAGES_PREFIX = "gerdy-pages-";
var META_CACHE = "gerdy-meta";
var ACCOUNT_ENTRY = "/__gerdy/offline-key";
var OFFLINE_PAGE = "/offline";
var NO_ACCOUNT = "none";
var KEY_HEADER = "gerdy-offline-key";
var ASSETS_HEADER = "gerdy-assets";
var KEPT_AT_HEADER = "gerdy-kept-at";

function pagesCache(key) {
  return PAGES_PREFIX + VERSION + "-" + key;
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE).then(function (cache) {
      return Promise.all(PRECACHE.map(function (url) {
        // "reload": past the HTTP cache; "omit": /offline is drawn for nobody.
        return fetch(new Request(url, { cache: "reload", credentials: "omit" })).then(function (response) {
          if (!response.ok) throw new Error("could not keep " + url);
          return cache.put(url, response);
        });
      }));
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        if (name === META_CACHE || name === STATIC_CACHE) return false;
        return name.indexOf("gerdy-") === 0 && name.indexOf(PAGES_PREFIX + VERSION + "-") !== 0;
      }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () {
      return self.clients.claim();
    }).then(function () {
      return self.clients.matchAll({ type: "window" });
    }).then(function (clients) {
      clients.forEach(function (client) {
        client.postMessage({ type: "gerdy-worker-activated", version: VERSION });
      });
    })
  );
});

// --- whose pages: the account the worker last saw -----------------------------------------
function currentAccount() {
  return caches.open(META_CACHE).then(function (cache) {
    return cache.match(ACCOUNT_ENTRY);
  }).then(function (found) {
    return found ? found.text() : NO_ACCOUNT;
  });
}

function forgetPages(keep) {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PAGES_PREFIX) === 0 && (!keep || name !== pagesCache(keep));
    }).map(function (name) {
      return caches.delete(name);
    }));
  });
}

// A page says whose it is: another account (or none) than the one kept empties the pages.
function noteAccount(response) {
  var key = response.headers.get(KEY_HEADER);
  if (!key) return Promise.resolve(null);
  return currentAccount().then(function (known) {
    if (known === key) return key;
    return forgetPages(key === NO_ACCOUNT ? null : key).then(function () {
      return caches.open(META_CACHE);
    }).then(function (cache) {
      return cache.put(ACCOUNT_ENTRY, new Response(key));
    }).then(function () {
      return key;
    });
  });
}

function isKept(url) {
  if (url.search) return false; // "?saved=…" and the like: the plain page is kept instead
  return KEPT_PAGES.some(function (prefix) {
    return url.pathname === prefix || (prefix.slice(-1) === "/" && url.pathname.indexOf(prefix) === 0);
  });
}

// Keep a page drawn for `key` with this version's assets, stamped with the time it was kept.
function keepPage(url, response, key) {
  if (!key || key === NO_ACCOUNT || response.status !== 200) return Promise.resolve(false);
  if (response.headers.get(ASSETS_HEADER) !== VERSION) return Promise.resolve(false);
  return response.text().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set(KEPT_AT_HEADER, String(Date.now()));
    return caches.open(pagesCache(key)).then(function (cache) {
      return cache.put(url.pathname, new Response(body, { status: 200, headers: headers }));
    });
  }).then(function () {
    return true;
  });
}

// --- answering ------------------------------------------------------------------------------
function marked(response, attributes) {
  return response.text().then(function (body) {
    var headers = new Headers(response.headers);
    var mark = 'data-delivery="offline"' + attributes;
    return new Response(body.replace('data-delivery="network"', mark), {
      status: 200,
      headers: headers,
    });
  });
}

function offlinePage(attributes) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(OFFLINE_PAGE);
  }).then(function (found) {
    if (!found) return Response.error();
    return marked(found, attributes);
  });
}

function keptPage(url) {
  return currentAccount().then(function (key) {
    if (key === NO_ACCOUNT) return null;
    return caches.open(pagesCache(key)).then(function (cache) {
      return cache.match(url.pathname);
    });
  }).then(function (found) {
    if (!found) return offlinePage("");
    var keptAt = found.headers.get(KEPT_AT_HEADER) || "";
    return marked(found, ' data-kept-at="' + keptAt.replace(/[^0-9]/g, "") + '"');
  });
}

function navigate(event, url) {
  var request = event.request;
  if (request.method !== "GET") {
    // A form sent while the connection drops: nothing was sent; say so (offline.js).
    return fetch(request).catch(function () {
      return offlinePage(' data-unsent="true"');
    });
  }
  return fetch(request).then(function (response) {
    var copy = response.clone();
    event.waitUntil(noteAccount(copy).then(function (key) {
      return isKept(url) ? keepPage(url, copy, key) : null;
    }));
    return response;
  }, function () {
    return keptPage(url);
  });
}

function fromStatic(request) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(request).then(function (found) {
      if (found) return found;
      return fetch(request).catch(function () {
        // Offline, asked for another version's URL (or none): this version's copy.
        return cache.match(request, { ignoreSearch: true }).then(function (any) {
          return any || Response.error();
        });
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (event.request.mode === "navigate") {
    event.respondWith(navigate(event, url));
  } else if (event.request.method === "GET" && url.pathname.indexOf("/static/") === 0) {
    event.respondWith(fromStatic(event.request));
  }
  // Everything else (the JSON API, htmx requests) goes to the network as it would without
  // a worker: nothing personal is kept from it.
});

// --- what pages ask -------------------------------------------------------------------------
// "keep-day": fetch and keep these pages of the day (Today sends them when it is drawn); the
// exercise library's page brings the pages it links to (each exercise's). "forget": empty
// every kept page (sign-out). Each answers on the message's port when done.
var MAX_KEPT = 64;
var LIBRARY = "/library";
var LIBRARY_LINK = /href="(\/library\/[a-z0-9_-]+)"/g;

function keepDay(urls) {
  var key = null;
  var queue = urls.slice(0, MAX_KEPT);
  var seen = {};
  function next() {
    var path = queue.shift();
    if (path === undefined) return Promise.resolve();
    var url = new URL(path, self.location.origin);
    if (seen[url.pathname] || !isKept(url)) return next();
    seen[url.pathname] = true;
    return fetch(new Request(url.href, { credentials: "same-origin", cache: "no-store" }))
      .then(function (response) {
        return noteAccount(response).then(function (owner) {
          if (key === null) key = owner;
          if (!owner || owner !== key) return null; // the account changed meanwhile
          if (url.pathname !== LIBRARY) return keepPage(url, response, owner);
          return response.clone().text().then(function (body) {
            var found;
            LIBRARY_LINK.lastIndex = 0;
            while ((found = LIBRARY_LINK.exec(body)) !== null && queue.length < MAX_KEPT) {
              queue.push(found[1]);
            }
            return keepPage(url, response, owner);
          });
        });
      })
      .catch(function () {
        return null; // offline again: keep what is kept
      })
      .then(next);
  }
  return next();
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var done;
  if (data.type === "keep-day" && Array.isArray(data.urls)) {
    done = keepDay(data.urls);
  } else if (data.type === "forget") {
    done = forgetPages(null).then(function () {
      return caches.open(META_CACHE);
    }).then(function (cache) {
      return cache.put(ACCOUNT_ENTRY, new Response(NO_ACCOUNT));
    });
  } else {
    return;
  }
  var port = event.ports && event.ports[0];
  event.waitUntil(done.then(function () {
    if (port) port.postMessage({ type: data.type, done: true });
  }, function (error) {
    if (port) port.postMessage({ type: data.type, done: false, error: String(error) });
  }));
});
