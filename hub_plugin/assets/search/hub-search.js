/* The hub's search and facet engine: a classic script, so it works from file:// too.
 *
 * It reads window.HUB_INDEX (search/hub-index.js, exported from the Whoosh index
 * at build time) and scores exactly as Whoosh does: BM25F with Whoosh's idf,
 * field lengths and averages, a query being an AND of its terms, each term an
 * OR over the text fields with their boosts. Stemming is hubStem (stemmer.js),
 * a port of Whoosh's Porter2 stemmer.
 */
(function () {
  "use strict";

  var RESULTS_SHOWN = 20;
  var TOKEN = /[\p{L}\p{N}_*]+(?:\.?[\p{L}\p{N}_*]+)*/gu;

  /* café → cafe, İzmir → izmir, exactly as the Python side folds (NFKD, marks U+0300–U+036F out). */
  function fold(word) {
    return word.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function Engine(index, stem) {
    this.index = index;
    this.stem = stem;
    this.stop = {};
    for (var i = 0; i < index.stop.length; i++) this.stop[index.stop[i]] = true;
    this.facetPosition = {};
    for (var f = 0; f < index.facets.length; f++) this.facetPosition[index.facets[f]] = f;
    this.postings = index.terms.map(function () { return {}; });
    this.stems = Object.create(null);
    // Numbers in labels compare as numbers: SDG 5 before SDG 11.
    this.collator = typeof Intl !== "undefined" ? new Intl.Collator(undefined, { numeric: true }) : null;
  }

  /* Stems are asked for again and again while highlighting: remember them. */
  Engine.prototype.stemOf = function (word) {
    var known = this.stems[word];
    if (known === undefined) known = this.stems[word] = this.stem(word);
    return known;
  };

  Engine.prototype.words = function (text) {
    // Split first, then lower-case each word, as Whoosh does ('İ' lower-cases to two characters).
    return (String(text).match(TOKEN) || []).map(function (word) { return fold(word.toLowerCase()); });
  };

  /* The terms a query matches: lower case, stop words and one-letter words out, stemmed. */
  Engine.prototype.analyse = function (text) {
    var terms = [];
    var words = this.words(text);
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      if (word.length < this.index.minsize || this.stop[word]) continue;
      var term = this.stemOf(word);
      if (terms.indexOf(term) < 0) terms.push(term);
    }
    return terms;
  };

  /* [[doc, tf], ...] of a term in a field, decoded once from the delta-coded export. */
  Engine.prototype.posting = function (field, term) {
    var cache = this.postings[field];
    if (cache[term]) return cache[term];
    var raw = this.index.terms[field][term];
    if (!raw) return null;
    // "idf;doc,tf,doc,tf…": documents as gaps, numbers in base 36.
    var split = raw.indexOf(";");
    var numbers = raw.slice(split + 1).split(",");
    var pairs = [];
    var doc = 0;
    for (var i = 0; i < numbers.length; i += 2) {
      doc += parseInt(numbers[i], 36);
      pairs.push([doc, parseInt(numbers[i + 1], 36)]);
    }
    cache[term] = { idf: parseFloat(raw.slice(0, split)), pairs: pairs };
    return cache[term];
  };

  Engine.prototype.bm25 = function (idf, tf, fl, avgfl) {
    var B = this.index.B, K1 = this.index.K1;
    return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)));
  };

  /* Scores of the documents that hold every term, as {matched: [doc...], scores: Float64Array};
     null when the query has no term. Typed arrays: a query touches every document at most once per field. */
  Engine.prototype.score = function (terms) {
    if (!terms.length) return null;
    var index = this.index, count = index.docs.length;
    var total = new Float64Array(count), alive = null;
    for (var t = 0; t < terms.length; t++) {
      var scores = new Float64Array(count), hit = new Uint8Array(count);
      for (var f = 0; f < index.fields.length; f++) {
        var posting = this.posting(f, terms[t]);
        if (!posting) continue;
        var lengths = index.lengths[f], avgfl = index.avgfl[f], boost = index.boosts[f], pairs = posting.pairs;
        for (var p = 0; p < pairs.length; p++) {
          var doc = pairs[p][0];
          scores[doc] += this.bm25(posting.idf, pairs[p][1], lengths[doc], avgfl) * boost;
          hit[doc] = 1;
        }
      }
      if (alive === null) alive = hit;
      for (var d = 0; d < count; d++) {
        if (alive[d] && hit[d]) total[d] += scores[d];
        else alive[d] = 0;
      }
    }
    var matched = [];
    for (var m = 0; m < count; m++) if (alive[m]) matched.push(m);
    return { matched: matched, scores: total };
  };

  /* Does document ``doc`` pass the facet filters (AND across facets, OR within one) and years,
     leaving out facet ``except``? */
  Engine.prototype.passes = function (doc, filters, years, except) {
    var docFacets = this.index.docFacets[doc];
    for (var facet in filters) {
      if (facet === except) continue;
      var wanted = filters[facet];
      if (!wanted || !wanted.length) continue;
      var held = docFacets[this.facetPosition[facet]];
      var values = this.index.facetValues[facet];
      var hit = false;
      for (var i = 0; i < held.length && !hit; i++) if (wanted.indexOf(values[held[i]]) >= 0) hit = true;
      if (!hit) return false;
    }
    if (years && (years.from != null || years.to != null)) {
      var entry = this.index.docs[doc];
      if (entry[5] == null) return false;
      var end = entry[6] == null ? 9999 : entry[6];
      if (years.from != null && end < years.from) return false;
      if (years.to != null && entry[5] > years.to) return false;
    }
    return true;
  };

  function hasFilters(filters, years) {
    for (var facet in filters) if (filters[facet] && filters[facet].length) return true;
    return !!(years && (years.from != null || years.to != null));
  }

  /* Ranked results: [{doc, score}], best first, ties in index order as in Whoosh. */
  Engine.prototype.search = function (text, filters, years) {
    filters = filters || {};
    var terms = this.analyse(text);
    var scores = this.score(terms);
    var results = [];
    if (scores === null) {
      if (!hasFilters(filters, years)) return { terms: terms, results: [], matched: [] };
      // Filters alone: every document that passes scores 1, as Whoosh's Every query does.
      for (var d = 0; d < this.index.docs.length; d++) if (this.passes(d, filters, years)) results.push({ doc: d, score: 1 });
      return { terms: terms, results: results, matched: null };
    }
    for (var i = 0; i < scores.matched.length; i++) {
      var doc = scores.matched[i];
      if (this.passes(doc, filters, years)) results.push({ doc: doc, score: scores.scores[doc] });
    }
    results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return { terms: terms, results: results, matched: scores.matched };
  };

  /* Nothing asked yet: every case study, the most recently added first (index.newest), for Explore to list. */
  Engine.prototype.browse = function () {
    var newest = this.index.newest || [];
    return { terms: [], browsing: true, matched: newest.slice(),
             results: newest.map(function (doc) { return { doc: doc, score: 0 }; }) };
  };

  /* For each facet value: how many results there would be with it ticked (other facets kept). */
  Engine.prototype.facetCounts = function (matched, filters, years) {
    var counts = {};
    var index = this.index;
    var all = matched === null;
    var docs = all ? null : matched;
    var total = all ? index.docs.length : docs.length;
    for (var f = 0; f < index.facets.length; f++) {
      var facet = index.facets[f];
      var tally = {};
      for (var i = 0; i < total; i++) {
        var doc = all ? i : docs[i];
        if (!this.passes(doc, filters, years, facet)) continue;
        var held = index.docFacets[doc][f];
        for (var h = 0; h < held.length; h++) tally[held[h]] = (tally[held[h]] || 0) + 1;
      }
      counts[facet] = tally;
    }
    return counts;
  };

  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var previous = [], current = [], i, j;
    for (j = 0; j <= b.length; j++) previous[j] = j;
    for (i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        best = Math.min(best, current[j]);
      }
      if (best > limit) return limit + 1;
      previous = current;
    }
    return previous[b.length];
  }

  /* "Did you mean": each word that matches nothing replaced by the closest word written in the hub
     (index.spell, the table of hub_plugin/search/spelling.py, which picks by the same rule). */
  Engine.prototype.suggest = function (text) {
    var words = this.words(text);
    var spell = this.index.spell;
    var changed = false;
    var out = [];
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      if (this.stop[word] || word.length < 3 || spell[word] || this.analyse(word).every(this.known, this)) {
        out.push(word);
        continue;
      }
      var best = null, bestDistance = 3, bestFrequency = 0;
      for (var candidate in spell) {
        var d = distance(word, candidate, 2);
        if (d > 2) continue;
        if (d < bestDistance || (d === bestDistance && (spell[candidate] > bestFrequency ||
            (spell[candidate] === bestFrequency && candidate < best)))) {
          best = candidate; bestDistance = d; bestFrequency = spell[candidate];
        }
      }
      if (best) { out.push(best); changed = true; } else out.push(word);
    }
    return changed ? out.join(" ") : null;
  };

  Engine.prototype.known = function (term) {
    for (var f = 0; f < this.index.fields.length; f++) if (this.index.terms[f][term]) return true;
    return false;
  };

  window.HubSearch = { Engine: Engine };

  /* ---------------------------------------------------------------- the Explore page */

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    for (var name in attributes || {}) node.setAttribute(name, attributes[name]);
    if (text != null) node.textContent = text;
    return node;
  }

  /* Text with the words whose stems are query terms wrapped in <mark>, built as DOM nodes. */
  function highlighted(engine, text, terms, width) {
    var fragment = document.createDocumentFragment();
    var matches = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      if (terms.indexOf(engine.stemOf(fold(m[0].toLowerCase()))) >= 0) matches.push([m.index, m.index + m[0].length]);
    }
    var start = 0, end = text.length;
    if (matches.length && text.length > width) {
      start = Math.max(0, matches[0][0] - Math.floor(width / 3));
      end = Math.min(text.length, start + width);
    } else if (text.length > width) {
      end = width;
    }
    if (start > 0) fragment.appendChild(document.createTextNode("…"));
    var position = start;
    for (var i = 0; i < matches.length; i++) {
      if (matches[i][0] < start || matches[i][1] > end) continue;
      fragment.appendChild(document.createTextNode(text.slice(position, matches[i][0])));
      fragment.appendChild(element("mark", {}, text.slice(matches[i][0], matches[i][1])));
      position = matches[i][1];
    }
    fragment.appendChild(document.createTextNode(text.slice(position, end)));
    if (end < text.length) fragment.appendChild(document.createTextNode(" …"));
    return fragment;
  }

  function readState() {
    var state = { q: "", filters: {}, years: { from: null, to: null } };
    var sources = [window.location.search.replace(/^\?/, ""), window.location.hash.replace(/^#/, "")];
    sources.forEach(function (source) {
      source.split("&").forEach(function (pair) {
        if (!pair) return;
        var parts = pair.split("=");
        var key = decodeURIComponent(parts[0]);
        var value = decodeURIComponent((parts[1] || "").replace(/\+/g, " "));
        if (key === "q") state.q = value;
        else if (key === "from" || key === "to") state.years[key] = value ? parseInt(value, 10) : null;
        else if (value) state.filters[key] = value.split(",");
      });
    });
    return state;
  }

  function writeState(state) {
    var parts = [];
    if (state.q) parts.push("q=" + encodeURIComponent(state.q));
    Object.keys(state.filters).sort().forEach(function (facet) {
      if (state.filters[facet].length) parts.push(encodeURIComponent(facet) + "=" + state.filters[facet].map(encodeURIComponent).join(","));
    });
    if (state.years.from != null) parts.push("from=" + state.years.from);
    if (state.years.to != null) parts.push("to=" + state.years.to);
    var hash = parts.length ? "#" + parts.join("&") : "";
    // The hash, not the query string: pages opened from disk may not rewrite their query.
    if (window.location.hash !== hash) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search.replace(/([?&])q=[^&]*/, "$1").replace(/[?&]$/, "") + hash);
    }
  }

  function Explore(root, engine) {
    this.root = root;
    this.engine = engine;
    this.base = root.getAttribute("data-root") || "";
    this.state = readState();
    this.input = root.querySelector("#hub-query");
    this.results = root.querySelector("#hub-results");
    this.status = root.querySelector("#hub-status");
    this.suggestion = root.querySelector("#hub-suggestion");
    this.facetsBox = root.querySelector("#hub-facets");
    this.from = root.querySelector("#hub-from");
    this.to = root.querySelector("#hub-to");
    this.labels = engine.index.facetLabels;
    this.more = root.querySelector("#hub-more");
    this.toggle = root.querySelector("#hub-filters-toggle");
    this.shown = RESULTS_SHOWN;
    // A reader may type before the index has loaded: keep what they typed.
    if (!this.state.q && this.input.value) this.state.q = this.input.value;
    else this.input.value = this.state.q;
    if (this.state.years.from != null) this.from.value = this.state.years.from;
    if (this.state.years.to != null) this.to.value = this.state.years.to;
    var self = this;
    this.input.addEventListener("input", function () { self.state.q = self.input.value; self.update(); });
    [this.from, this.to].forEach(function (box) {
      box.addEventListener("input", function () {
        self.state.years = { from: self.from.value ? +self.from.value : null, to: self.to.value ? +self.to.value : null };
        self.update();
      });
    });
    root.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); self.update(); });
    this.more.addEventListener("click", function () {
      // The next results, and the reader's place: focus goes to the first of them.
      var first = self.shown;
      self.shown += RESULTS_SHOWN;
      self.renderResults(self.found);
      var next = self.results.children[first];
      if (next) next.querySelector("a").focus();
    });
    // Phones: the results first, the filters behind one button.
    this.toggle.addEventListener("click", function () {
      var open = self.toggle.getAttribute("aria-expanded") !== "true";
      self.toggle.setAttribute("aria-expanded", String(open));
      self.facetsBox.classList.toggle("hub-facets--open", open);
    });
    // An address edited by hand, or a link to another search on this page: the page follows it.
    window.addEventListener("hashchange", function () {
      self.state = readState();
      self.input.value = self.state.q;
      self.from.value = self.state.years.from != null ? self.state.years.from : "";
      self.to.value = self.state.years.to != null ? self.state.years.to : "";
      self.update();
    });
    this.update();
  }

  Explore.prototype.update = function () {
    var started = performance.now();
    var state = this.state;
    var asked = state.q.trim() || hasFilters(state.filters, state.years);
    var found = this.found = asked ? this.engine.search(state.q, state.filters, state.years) : this.engine.browse();
    this.shown = RESULTS_SHOWN;
    this.renderResults(found);
    this.renderChosen();
    this.renderFacets(this.engine.facetCounts(found.matched, state.filters, state.years));
    var suggestion = state.q ? this.engine.suggest(state.q) : null;
    this.renderSuggestion(suggestion);
    writeState(state);
    this.root.setAttribute("data-last-query-ms", String(performance.now() - started));
    this.root.setAttribute("data-result-count", String(found.results.length));
  };

  Explore.prototype.renderSuggestion = function (suggestion) {
    var box = this.suggestion;
    box.textContent = "";
    if (!suggestion) return;
    var self = this;
    box.appendChild(document.createTextNode("Did you mean "));
    var link = element("a", { href: "#q=" + encodeURIComponent(suggestion) }, suggestion);
    link.addEventListener("click", function (event) {
      event.preventDefault();
      self.input.value = self.state.q = suggestion;
      self.update();
    });
    box.appendChild(link);
    box.appendChild(document.createTextNode("?"));
  };

  Explore.prototype.renderResults = function (found) {
    var list = this.results;
    list.textContent = "";
    var shown = found.results.slice(0, this.shown);
    var docs = this.engine.index.docs;
    for (var i = 0; i < shown.length; i++) {
      var entry = docs[shown[i].doc];
      var item = element("li", { "class": "hub-result hub-card" });
      var title = element("h2", { "class": "hub-card__title" });
      title.appendChild(element("a", { href: this.base + entry[0] + (this.base.indexOf("index.html") >= 0 ? "" : "") }, entry[2]));
      item.appendChild(title);
      var kind = element("p", { "class": "hub-card__meta" }, this.kindLabel(entry[1]) +
        (entry[5] != null ? " · " + entry[5] + (entry[6] != null ? (entry[6] !== entry[5] ? "–" + entry[6] : "") : "–") : ""));
      item.appendChild(kind);
      var snippet = element("p", { "class": "hub-card__summary" });
      var passage = entry[4] && found.terms.length && this.mentions(entry[4], found.terms) ? entry[4] : entry[3];
      snippet.appendChild(highlighted(this.engine, passage || entry[3], found.terms, 240));
      item.appendChild(snippet);
      list.appendChild(item);
    }
    var count = found.results.length;
    var more = Math.min(RESULTS_SHOWN, count - shown.length);
    this.more.hidden = more <= 0;
    this.more.textContent = "Show " + more + " more";
    this.status.textContent = (found.browsing ?
      count + (count === 1 ? " case study" : " case studies") + ", the most recently added first" :
      count + (count === 1 ? " result" : " results")) +
      (count > shown.length ? ", the first " + shown.length + " shown" : "");
  };

  /* The filters' button says how many are chosen: "Filters (2)". */
  Explore.prototype.renderChosen = function () {
    var chosen = 0, filters = this.state.filters;
    for (var facet in filters) chosen += (filters[facet] || []).length;
    if (this.state.years.from != null || this.state.years.to != null) chosen += 1;
    this.toggle.lastChild.textContent = "(" + chosen + ")";
  };

  Explore.prototype.mentions = function (text, terms) {
    var words = this.engine.words(text);
    for (var i = 0; i < words.length; i++) if (terms.indexOf(this.engine.stemOf(words[i])) >= 0) return true;
    return false;
  };

  Explore.prototype.kindLabel = function (kind) {
    var labels = this.labels.kind, values = this.engine.index.facetValues.kind;
    var at = values.indexOf(kind);
    return at >= 0 ? labels[at] : kind;
  };

  /* Position of each value of a facet in the alphabetical order of labels, sorted once. */
  Explore.prototype.labelOrder = function (facet) {
    this.orders = this.orders || {};
    if (!this.orders[facet]) {
      var labels = this.engine.index.facetLabels[facet], collator = this.engine.collator;
      var sorted = labels.map(function (_, i) { return i; }).sort(function (a, b) {
        return collator ? collator.compare(labels[a], labels[b]) : (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0);
      });
      var order = [];
      sorted.forEach(function (value, rank) { order[value] = rank; });
      this.orders[facet] = order;
    }
    return this.orders[facet];
  };

  Explore.prototype.renderFacets = function (counts) {
    var box = this.facetsBox;
    var index = this.engine.index;
    var self = this;
    var focused = document.activeElement && document.activeElement.getAttribute("data-facet-key");
    box.textContent = "";
    index.facets.forEach(function (facet) {
      var values = index.facetValues[facet];
      if (!values.length) return;
      var selected = self.state.filters[facet] || [];
      var order = values.map(function (_, i) { return i; }).filter(function (i) {
        return counts[facet][i] || selected.indexOf(values[i]) >= 0;
      });
      if (!order.length) return;
      order.sort(function (a, b) {
        return (counts[facet][b] || 0) - (counts[facet][a] || 0) || self.labelOrder(facet)[a] - self.labelOrder(facet)[b];
      });
      var fieldset = element("fieldset", { "class": "hub-facet" });
      fieldset.appendChild(element("legend", {}, self.root.getAttribute("data-facet-" + facet) || facet));
      order.slice(0, 30).forEach(function (i) {
        var id = "hub-f-" + facet + "-" + i;
        var label = element("label", { "for": id });
        var box = element("input", { type: "checkbox", id: id, "data-facet": facet, "data-value": values[i], "data-facet-key": facet + ":" + values[i] });
        box.checked = selected.indexOf(values[i]) >= 0;
        box.addEventListener("change", function () {
          var list = self.state.filters[facet] || [];
          if (box.checked) { if (list.indexOf(values[i]) < 0) list.push(values[i]); }
          else list = list.filter(function (v) { return v !== values[i]; });
          self.state.filters[facet] = list;
          self.update();
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + index.facetLabels[facet][i] + " "));
        label.appendChild(element("span", { "class": "hub-count" }, "(" + (counts[facet][i] || 0) + ")"));
        fieldset.appendChild(label);
      });
      box.appendChild(fieldset);
    });
    if (focused) {
      var again = box.querySelector('[data-facet-key="' + focused.replace(/"/g, '\\"') + '"]');
      if (again) again.focus();
    }
  };

  function start() {
    var root = document.getElementById("hub-explore");
    if (!root || !window.HUB_INDEX || !window.hubStem) return;
    var engine = new Engine(window.HUB_INDEX, window.hubStem);
    window.HubSearch.readyAt = performance.now();
    window.hubExplore = new Explore(root, engine);
  }

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})();
