/* Ventanilla search: loaded (defer) only on the search page. It fetches lunr and the
   reader's language index once, when the page opens, and answers as you type.
   fold(), stem(), terms() and search() mirror ventanilla/search/text.py and query.py:
   keep them in step (tests/test_search_browser.py compares both on the same questions). */
(function () {
  "use strict";
  var form = document.querySelector("form.vn-search");
  if (!form) return;
  var input = form.querySelector("#vn-q");
  var list = form.querySelector("#vn-results");
  var status = form.querySelector("#vn-status");
  var none = form.querySelector(".vn-search__none");
  var state = null;
  var loading = null;
  var active = -1;
  var MAX = 10;
  var PLACE_BOOST = 3;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* ventanilla/search/text.py `stem`: the longest suffix whose removal leaves 4 letters. */
  function stem(word, suffixes) {
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (word.length - s.length >= 4 && word.slice(-s.length) === s) return word.slice(0, -s.length);
    }
    return word;
  }

  /* ventanilla/search/query.py `terms`: [word, stem] pairs to search. */
  function terms(query, data) {
    var words = fold(query).split(/[^a-z0-9]+/).filter(Boolean);
    var stems = " " + words.map(function (w) { return stem(w, data.suffixes); }).join(" ") + " ";
    var extra = [];
    Object.keys(data.synonyms).forEach(function (phrase) {
      if (stems.indexOf(" " + phrase + " ") !== -1) extra = extra.concat(data.synonyms[phrase]);
    });
    var seen = Object.create(null);  /* no inherited keys: "constructor" is a word */
    return words.concat(extra).filter(function (t) {
      if (t.length < 2 || data.stop[t] || seen[t]) return false;
      seen[t] = true;
      return true;
    }).map(function (w) { return [w, stem(w, data.suffixes)]; });
  }

  /* ventanilla/search/compact.py `unpack_docs`: "#anchor" rows belong to the page above. */
  function expandDocs(rows) {
    var page = "", title = "";
    return rows.map(function (r) {
      if (r[0].charAt(0) === "#") return [page + r[0], title, r[2], r[3]];
      page = r[0].split("#")[0];
      title = r[1];
      return r;
    });
  }

  /* The compact index back to the JSON lunr.js loads: ventanilla/search/compact.py
     `unpack` does the same operations in the same order (keep them in step). */
  function expand(c) {
    var fields = c.fields, n = c.docBoosts.length, K1 = 1.2, B = 0.75;
    var tf = [], lengths = [], idf = [], average = [];
    for (var d = 0; d < n; d++) { tf.push(fields.map(function () { return {}; })); lengths.push(fields.map(function () { return 0; })); }
    var inverted = (c.terms ? c.terms.split(" ") : []).map(function (term, i) {
      var entry = { _index: i }, withTerm = 0;
      fields.forEach(function (field, k) {
        var docs = {}, id = 0, count = 0;
        c.postings[i][k].forEach(function (delta) {
          id += delta;
          if (!docs[id]) { docs[id] = {}; count++; }
          tf[id][k][i] = (tf[id][k][i] || 0) + 1;
          lengths[id][k]++;
        });
        entry[field] = docs;
        withTerm += count;
      });
      idf.push(Math.log(1 + Math.abs((n - withTerm + 0.5) / (withTerm + 0.5))));
      return [term, entry];
    });
    fields.forEach(function (field, k) {
      var total = 0;
      for (var d = 0; d < n; d++) total += lengths[d][k];
      average.push(n ? total / n : 0);
    });
    var vectors = [];
    for (var doc = 0; doc < n; doc++) {
      fields.forEach(function (field, k) {
        var vector = [], terms = Object.keys(tf[doc][k]).map(Number).sort(function (a, b) { return a - b; });
        terms.forEach(function (i) {
          var freq = tf[doc][k][i];
          var score = idf[i] * ((K1 + 1) * freq) / (K1 * (1 - B + B * (lengths[doc][k] / average[k])) + freq);
          score *= c.boosts[k];
          score *= c.docBoosts[doc];
          vector.push(i, Math.floor(score * 4 + 0.5) / 4);
        });
        vectors.push([field + "/" + doc, vector]);
      });
    }
    return { version: "2.3.9", fields: fields, fieldVectors: vectors, invertedIndex: inverted, pipeline: [] };
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function load() {
    if (loading) return loading;
    status.textContent = form.dataset.loading;
    loading = Promise.all([
      window.lunr ? Promise.resolve() : loadScript(form.dataset.lunr),
      fetch(form.dataset.index).then(function (r) { return r.json(); })
    ]).then(function (parts) {
      var data = parts[1];
      var stop = Object.create(null);
      data.stop.forEach(function (w) { stop[w] = true; });
      var places = Object.create(null);
      data.places.forEach(function (w) { places[w] = true; });
      state = { index: lunr.Index.load(expand(data.index)), docs: expandDocs(data.docs), stop: stop,
                synonyms: data.synonyms, suffixes: data.suffixes, places: places };
      status.textContent = "";
      return state;
    }, function (error) {
      /* e.g. opened from disk (file://) or offline: the A–Z list below still works */
      status.textContent = form.dataset.offline;
      none.hidden = false;
      throw error;
    });
    return loading;
  }

  /* ventanilla/search/query.py `search`: keep them in step. */
  function search(query) {
    var pairs = terms(query, state);
    if (!pairs.length) return [];
    var hits = state.index.query(function (q) {
      pairs.forEach(function (p) {
        var t = p[0];
        q.term(t, { usePipeline: false, boost: 10 });
        q.term(t, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 4 });
        if (p[1] !== t) q.term(p[1], { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 2 });
        if (t.length > 3) q.term(t, { usePipeline: false, editDistance: 1, boost: 1 });
      });
    });
    /* a result whose title names a place of the query, and that matches another of
       its words, is that place's answer */
    var scored = hits.map(function (hit) {
      var here = false, need = false, matched = hit.matchData.metadata;
      Object.keys(matched).forEach(function (t) {
        if (state.places[t]) { if (matched[t].title) here = true; } else need = true;
      });
      return { ref: hit.ref, score: hit.score * (here && need ? PLACE_BOOST : 1) };
    });
    scored.sort(function (a, b) { return b.score - a.score; });
    var pages = Object.create(null);
    var results = [];
    for (var i = 0; i < scored.length && results.length < MAX; i++) {
      var doc = state.docs[+scored[i].ref];
      var page = doc[0].split("#")[0];
      if (pages[page]) continue;
      pages[page] = true;
      results.push({ url: doc[0], title: doc[1], heading: doc[2], snippet: doc[3] });
    }
    return results;
  }

  function select(i) {
    var items = list.querySelectorAll("[role=option]");
    if (!items.length) return;
    active = (i + items.length) % items.length;
    for (var k = 0; k < items.length; k++) items[k].setAttribute("aria-selected", k === active ? "true" : "false");
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  function render(query, results) {
    list.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    var base = new URL("../", location.href);
    results.forEach(function (r, i) {
      var li = document.createElement("li");
      li.id = "vn-r" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var a = document.createElement("a");
      a.href = new URL(r.url, base).href;
      a.textContent = r.heading ? r.title + " › " + r.heading : r.title;
      li.appendChild(a);
      if (r.snippet) {
        var p = document.createElement("span");
        p.className = "vn-search__snippet";
        p.textContent = r.snippet;
        li.appendChild(p);
      }
      li.addEventListener("click", function (e) { if (e.target !== a) a.click(); });
      list.appendChild(li);
    });
    var empty = query.trim() !== "";
    list.hidden = !results.length;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
    none.hidden = !(empty && !results.length);
    status.textContent = !empty ? "" : results.length === 1 ? form.dataset.one
      : results.length ? form.dataset.results.replace("{n}", results.length) : form.dataset.none;
  }

  function run() {
    var query = input.value;
    load().then(function () { render(query, search(query)); }, function () {});
  }

  input.addEventListener("input", run);
  input.addEventListener("focus", function () { load().catch(function () {}); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { select(active + 1); e.preventDefault(); }
    else if (e.key === "ArrowUp") { select(active - 1); e.preventDefault(); }
    else if (e.key === "Escape") { input.value = ""; render("", []); }
    else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      list.querySelectorAll("[role=option] a")[active].click();
    }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  window.vnSearch = function (query) { return load().then(function () { return search(query); }); };
  window.vnExpand = expand;  /* for the tests: the index as lunr.js loads it */
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; }
  load().then(function () { if (input.value) run(); }, function () {});
})();
