/* Ventanilla service worker (generated: VERSION is replaced at build time).
   - On request from a page: caches its language's home, urgent-help and desk pages.
   - Pages: network first, the cached copy when offline; visited pages are kept,
     oldest dropped beyond LIMIT bytes.
   - Fingerprinted assets (names with a hash): cache first.
   - A new build has a new VERSION: the old caches are deleted on activation. */
"use strict";
var VERSION = "__VERSION__";
var CACHE = "vn-" + VERSION;
var LIMIT = 300 * 1024;

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("vn-") === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function store(request, response) {
  return response.clone().arrayBuffer().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set("x-vn-size", String(body.byteLength));
    var copy = new Response(body, { status: response.status, statusText: response.statusText, headers: headers });
    return caches.open(CACHE).then(function (cache) {
      return cache.put(request, copy).then(function () { return trim(cache); });
    });
  });
}

function trim(cache) {
  return cache.keys().then(function (keys) {
    return Promise.all(keys.map(function (k) { return cache.match(k); })).then(function (responses) {
      var total = 0;
      var sizes = responses.map(function (r) { var n = +(r && r.headers.get("x-vn-size")) || 0; total += n; return n; });
      var deletions = [];
      for (var i = 0; i < keys.length && total > LIMIT; i++) {
        total -= sizes[i];
        deletions.push(cache.delete(keys[i]));
      }
      return Promise.all(deletions);
    });
  });
}

self.addEventListener("message", function (event) {
  var pages = event.data && event.data.precache;
  if (!pages) return;
  event.waitUntil(Promise.all(pages.map(function (url) {
    return fetch(url).then(function (response) { if (response.ok) return store(url, response); }).catch(function () {});
  })));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== location.origin) return;
  var fingerprinted = /\.[0-9a-f]{10}\.(css|js|json)$/.test(new URL(request.url).pathname);
  if (fingerprinted) {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) store(request, response.clone());
        return response;
      });
    }));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) event.waitUntil(store(request, response.clone()));
      return response;
    }).catch(function () {
      return caches.match(request, { ignoreSearch: true }).then(function (hit) {
        return hit || Response.error();
      });
    }));
  }
});
