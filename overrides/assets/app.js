/* Ventanilla's only script on every page (no framework, deferred). It registers the
   service worker so that the urgent-help page, the desk list and the home page of
   the reader's language, and the pages already visited, open without a connection.
   Everything works without it. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  var me = document.currentScript;
  var home = document.querySelector("meta[name=vn-home]");
  if (!me || !home) return;
  var worker = new URL("../sw.js", me.src);
  var root = new URL(home.content || "./", location.href);
  /* kept always: where a person finds help; the page being read is kept like any visited page */
  var keep = ["", "urgente/", "ventanillas/"].map(function (p) { return new URL(p, root).href; });
  var here = location.href.split("#")[0];
  var read = keep.indexOf(here) < 0 ? [here] : [];
  navigator.serviceWorker.register(worker.href, { scope: new URL("./", worker).pathname }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    registration.active.postMessage({ keep: keep, precache: read });
  }).catch(function () { /* offline reading is a bonus, never an error */ });
})();
