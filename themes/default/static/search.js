// microsite search: finds paragraphs of this edition in its JSON index (see src/search.rs).
// Chinese: substring match, blind to Traditional/Simplified (both folded to Simplified).
// Other languages: every query word must start a word of the paragraph.
(function () {
  "use strict";
  var form = document.querySelector("form.search-form");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("results");
  var noJs = document.getElementById("no-js");
  if (noJs) noJs.hidden = true;
  var data = form.dataset;
  var index = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = fetch(data.index).then(function (r) { return r.json(); }).then(function (json) {
        var fold = json.fold || {};
        json.records.forEach(function (r) { r.norm = normalise(r.x, json.cjk, fold); });
        index = json;
        return json;
      });
    }
    return loading;
  }

  function normalise(text, cjk, fold) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      var f = fold[c];
      out += f !== undefined ? f : c;
    }
    return cjk ? out : out.toLowerCase();
  }

  // Positions [start, end) in the record's text where the query terms match.
  function matches(record, terms, cjk) {
    var hits = [];
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t], found = false, at = -1;
      while ((at = record.norm.indexOf(term, at + 1)) !== -1) {
        if (!cjk && at > 0 && /[\p{L}\p{N}]/u.test(record.norm[at - 1])) continue; // word prefix only
        hits.push([at, at + term.length]);
        found = true;
      }
      if (!found) return null;
    }
    return hits.sort(function (a, b) { return a[0] - b[0]; });
  }

  function passage(text, hits, cjk) {
    var span = cjk ? 40 : 110;
    var first = hits[0][0];
    var from = Math.max(0, first - span);
    var to = Math.min(text.length, first + span * 2);
    var frag = document.createDocumentFragment();
    if (from > 0) frag.append("…");
    var pos = from;
    hits.forEach(function (h) {
      if (h[0] < pos || h[1] > to) return;
      frag.append(text.slice(pos, h[0]));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(h[0], h[1]);
      frag.append(mark);
      pos = h[1];
    });
    frag.append(text.slice(pos, to));
    if (to < text.length) frag.append("…");
    return frag;
  }

  function search(query) {
    query = query.trim();
    list.textContent = "";
    if (!query) {
      status.textContent = "";
      return;
    }
    var cjk = index.cjk;
    var normalised = normalise(query, cjk, index.fold || {});
    var terms = normalised.split(/\s+/).filter(Boolean);
    var results = [];
    index.records.forEach(function (r) {
      var hits = matches(r, terms, cjk);
      if (hits) results.push({ r: r, hits: hits, score: (r.a ? 0 : 1000) + hits.length });
    });
    results.sort(function (a, b) { return b.score - a.score || a.r.n - b.r.n; });
    results.forEach(function (res) {
      var r = res.r;
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = r.u + (r.a ? "#" + r.a : "");
      var heading = document.createElement("span");
      heading.className = "result-title";
      heading.textContent = r.n + ". " + r.t;
      link.append(heading);
      var where = document.createElement("span");
      where.className = "result-where";
      where.textContent = r.a ? r.w : data.titleMatch;
      link.append(where);
      li.append(link);
      var p = document.createElement("p");
      p.append(passage(r.x, res.hits, cjk));
      li.append(p);
      list.append(li);
    });
    status.textContent = results.length
      ? (results.length === 1 ? data.resultsOne : data.results).replace("{n}", results.length)
      : data.noResults.replace("{q}", query);
  }

  function run() {
    var query = input.value;
    var url = new URL(location.href);
    if (query.trim()) url.searchParams.set("q", query.trim()); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (index) { search(query); return; }
    status.textContent = data.loading;
    load().then(function () { search(input.value); });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.addEventListener("focus", load, { once: true });
  var initial = new URL(location.href).searchParams.get("q");
  if (initial) { input.value = initial; run(); }
})();
