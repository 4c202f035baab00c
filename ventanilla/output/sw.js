/* Ventanilla service worker (generated: VERSION and OFFLINE are filled in at build
   time, from the built site: ventanilla/output/offline.py).
   - On install: caches every language's offline page ("sin-conexion") and its assets,
     kept always.
   - On request from a page: caches its language's home, urgent-help and desk pages,
     kept always (marked x-vn-keep): a person who read one page can still find help.
   - Pages: network first, the cached copy when offline; visited pages are kept,
     oldest dropped beyond LIMIT bytes.
   - A page never saved, opened offline: the offline page of the language of its
     address (/en/…, /fr/…, else the first language), listing the saved pages.
   - Fingerprinted assets (names with a hash): cache first.
   - A new build has a new VERSION: the old caches are deleted on activation. */
"use strict";
var VERSION = "__VERSION__";
var CACHE = "vn-" + VERSION;
var LIMIT = 300 * 1024;
var OFFLINE = __OFFLINE__;  /* {language folder ("" for the first language): its offline page} */
var ASSETS = __ASSETS__;  /* the stylesheet and script the offline pages use */

function scoped(path) { return new URL(path, self.registration.scope).href; }

function offlinePages() {  /* with their assets: saved on install, never dropped */
  return Object.keys(OFFLINE).map(function (lang) { return scoped(OFFLINE[lang]); }).concat(ASSETS.map(scoped));
}

self.addEventListener("install", function (event) {
  self.skipWaiting();
  event.waitUntil(Promise.all(offlinePages().map(function (url) {
    return fetch(url).then(function (response) { if (response.ok) return store(url, response); }).catch(function () {});
  })));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("vn-") === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function store(request, response, keep) {
  return response.clone().arrayBuffer().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set("x-vn-size", String(body.byteLength));
    if (keep) headers.set("x-vn-keep", "1");
    var copy = new Response(body, { status: response.status, statusText: response.statusText, headers: headers });
    return caches.open(CACHE).then(function (cache) {
      return cache.put(request, copy).then(function () { return trim(cache); });
    });
  });
}

function trim(cache) {
  var pinned = offlinePages();
  return cache.keys().then(function (keys) {
    keys = keys.filter(function (k) { return pinned.indexOf(k.url) < 0; });
    return Promise.all(keys.map(function (k) { return cache.match(k); })).then(function (responses) {
      var total = 0;
      var sizes = responses.map(function (r) { var n = +(r && r.headers.get("x-vn-size")) || 0; total += n; return n; });
      var deletions = [];
      for (var i = 0; i < keys.length && total > LIMIT; i++) {
        if (responses[i] && responses[i].headers.get("x-vn-keep")) continue;
        total -= sizes[i];
        deletions.push(cache.delete(keys[i]));
      }
      return Promise.all(deletions);
    });
  });
}

/* The language folder of an address ("en/" → "en"), "" for the first language. */
function languageOf(url) {
  var scope = self.registration.scope;
  var first = url.indexOf(scope) === 0 ? url.slice(scope.length).split(/[/?#]/)[0] : "";
  return first && Object.prototype.hasOwnProperty.call(OFFLINE, first) ? first : "";
}

function folder(lang) { return lang ? lang + "/" : ""; }

/* The saved pages, newest first: [{url, lang, title}] (assets and offline pages left out). */
function savedPages(cache) {
  var pinned = offlinePages();
  return cache.keys().then(function (keys) {
    keys = keys.filter(function (k) {
      return pinned.indexOf(k.url) < 0 && !/\.[0-9a-f]{10}\.[a-z]+$/.test(new URL(k.url).pathname);
    }).reverse();
    return Promise.all(keys.map(function (k) {
      return cache.match(k).then(function (r) {
        if (!r || !r.ok || (r.headers.get("content-type") || "").indexOf("text/html") < 0) return null;
        return r.text().then(function (html) {
          var heading = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html) || /<title>([\s\S]*?)<\/title>/.exec(html);
          var lang = /<html[^>]* lang="([^"]+)"/.exec(html);
          var title = heading ? heading[1].replace(/<[^>]*>/g, "").replace(/¶/g, "").trim() : "";
          return title ? { url: k.url, lang: lang ? lang[1] : "", title: title } : null;
        });
      });
    })).then(function (found) { return found.filter(Boolean); });
  });
}

function attribute(text) { return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"); }

/* The offline page of the language of `url`, shown at that address: a <base> keeps its
   links right; its basic links lead to a saved copy (another language's if that is the
   one saved); the pages read are listed. */
function offlineResponse(url) {
  var lang = languageOf(url);
  if (!OFFLINE[lang]) return Promise.resolve(Response.error());
  var page = scoped(OFFLINE[lang]);
  return caches.open(CACHE).then(function (cache) {
    return cache.match(page).then(function (hit) {
      if (!hit) return Response.error();
      return Promise.all([hit.text(), savedPages(cache)]).then(function (got) {
        var html = got[0], saved = got[1];
        var savedUrls = saved.map(function (p) { return p.url; });
        var langs = [lang].concat(Object.keys(OFFLINE).filter(function (l) { return l !== lang; }));
        var basic = [];
        var names = {};  /* language names, from the page's language switcher */
        html.replace(/hreflang="([^"]+)" class="md-select__link">\s*([^<]*?)\s*</g, function (whole, code, name) {
          names[code] = name;
        });
        html = html.replace(/<a [^>]*data-vn-keep="([^"]*)"[^>]*>([^<]*)<\/a>/g, function (whole, path, text) {
          for (var i = 0; i < langs.length; i++) {
            var target = scoped(folder(langs[i]) + path);
            if (savedUrls.indexOf(target) >= 0) {
              basic.push(target);
              var other = attribute(saved[savedUrls.indexOf(target)].lang);
              return '<a href="' + attribute(target) + '"' + (i ? ' hreflang="' + other + '"' : "") +
                ' data-vn-keep="' + path + '">' + text + "</a>" +
                (i && names[other] ? ' <span lang="' + other + '">(' + names[other] + ")</span>" : "");
            }
          }
          return whole;
        });
        var own = saved.filter(function (p) { return basic.indexOf(p.url) < 0; });
        var sameLanguage = own.filter(function (p) { return languageOf(p.url) === lang; });
        var others = own.filter(function (p) { return languageOf(p.url) !== lang; });
        var items = sameLanguage.concat(others).map(function (p) {
          var mark = languageOf(p.url) === lang ? "" : ' lang="' + attribute(p.lang) + '" hreflang="' + attribute(p.lang) + '"';
          return '<li><a href="' + attribute(p.url) + '"' + mark + ">" + p.title + "</a></li>";
        }).join("");
        if (items) {
          html = html.replace(/<div id="vn-read" hidden(="")?>/, '<div id="vn-read">')
            .replace(/<ul id="vn-read-list"><\/ul>/, '<ul id="vn-read-list">' + items + "</ul>");
        }
        html = html.replace(/<head>/, '<head><base href="' + attribute(page) + '">');
        var headers = new Headers(hit.headers);
        headers.delete("content-length");
        headers.delete("x-vn-size");
        headers.delete("x-vn-keep");
        headers.set("content-type", "text/html; charset=utf-8");
        return new Response(html, { status: 200, headers: headers });
      });
    });
  });
}

/* {keep: [urls], precache: [urls]}: fetched and saved; `keep` ones are never dropped */
self.addEventListener("message", function (event) {
  var data = event.data || {};
  var pages = (data.keep || []).map(function (url) { return [url, true]; })
    .concat((data.precache || []).map(function (url) { return [url, false]; }));
  event.waitUntil(Promise.all(pages.map(function (page) {
    return fetch(page[0]).then(function (response) { if (response.ok) return store(page[0], response, page[1]); }).catch(function () {});
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
  } else if (request.mode === "navigate" && offlinePages().indexOf(request.url.split(/[?#]/)[0]) >= 0) {
    /* an offline page itself (e.g. from its language switcher): always the saved one, filled in */
    event.respondWith(offlineResponse(request.url.split(/[?#]/)[0]).then(function (response) {
      return response.type === "error" ? fetch(request) : response;
    }));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) event.waitUntil(store(request, response.clone()));
      return response;
    }).catch(function () {
      return caches.match(request, { ignoreSearch: true, ignoreVary: true }).then(function (hit) {
        return hit || offlineResponse(request.url);
      });
    }));
  }
});
