/* The hub's search and facet engine: a classic script, so it works from file:// too.
 *
 * It reads window.HUB_INDEX (search/hub-index.js, the head exported from the Whoosh
 * index at build time) and loads the rest in pieces, each a classic script added to
 * the page when a search first needs it (hub_plugin/search/export.py says what each
 * holds): the table of documents (facet values, field lengths, periods), the
 * postings of the query's terms, the few documents a page of results shows, and
 * did-you-mean's words when a word is unknown. It scores exactly as Whoosh does:
 * BM25F with Whoosh's idf, field lengths and averages, a query being an AND of its
 * terms, each term an OR over the text fields with their boosts. A word becomes a
 * term as hub_plugin/search/stemmers.py's term() makes it in the index's language
 * (the head's "language", English when it has none): lower case, a stop word (the
 * head's, folded) or a word under two letters dropped, then stemmed and folded. English
 * folds first and stems with hubStem (stemmer.js, Whoosh's Porter2); French and Spanish
 * stem the word as written with hubStemmers.fr or .es (stemmer-fr.js, stemmer-es.js,
 * Snowball's) and fold the stem (the head's "foldFirst": false); their index also holds,
 * for a word whose accents change its stem, the term of the word typed without them, so
 * a query's word is analysed as typed only. The page loads the stemmer its edition
 * needs (hub_plugin/search/scripts.py).
 */
(function () {
  "use strict";

  var RESULTS_SHOWN = 20;
  var FACET_VALUES_SHOWN = 30;  // per facet; the others are reached by searching
  var SUGGEST_AFTER_MS = 250;  // did-you-mean waits for a pause in typing: half-typed words are not typos
  var TOKEN = /[\p{L}\p{N}_*]+(?:\.?[\p{L}\p{N}_*]+)*/gu;
  var LENGTH_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%()*+,-./:;=?@[]^_{|}~";
  var YEAR_WIDTH = 3;

  /* café → cafe, İzmir → izmir, exactly as the Python side folds (NFKD, marks U+0300–U+036F out). */
  function fold(word) {
    return word.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  /* A word's length as Python counts it: code points, not UTF-16 units (a letter outside the BMP is one). */
  function codePoints(word) {
    var count = 0;
    for (var i = 0; i < word.length; i++) {
      var unit = word.charCodeAt(i);
      if (unit < 0xDC00 || unit > 0xDFFF) count += 1;  // a low surrogate ends a letter counted already
    }
    return count;
  }

  /* The stem function of the index's language, once its script is loaded; null before. */
  function stemmer(index) {
    var language = index.language || "en";
    if (language === "en") return typeof window.hubStem === "function" ? window.hubStem : null;
    var snowball = window.hubStemmers;
    return snowball && typeof snowball[language] === "function" ? snowball[language] : null;
  }

  /* ------------------------------------------------------------ loading the pieces */

  /* Each piece is a script calling hubSearchPiece(key, data); one promise per key, shared by
     every engine of the page (the header's and Explore's), so a piece is read once. */
  var slots = {};

  function slot(key) {
    var found = slots[key];
    if (!found) {
      found = slots[key] = {};
      found.promise = new Promise(function (resolve, reject) { found.resolve = resolve; found.reject = reject; });
    }
    return found;
  }

  window.hubSearchPiece = function (key, data) { slot(key).resolve(data); };

  /* The folder the head was loaded from: the <script> whose file is <name>.js. */
  function scriptBase(name) {
    if (typeof document === "undefined") return null;
    var scripts = document.getElementsByTagName("script");
    var file = "/" + name + ".js";
    for (var i = scripts.length - 1; i >= 0; i--) {
      var src = (scripts[i].src || "").split("#")[0].split("?")[0];
      if (src.slice(-file.length) === file) return src.slice(0, src.length - file.length + 1);
    }
    return null;
  }

  function scriptLoader(base) {
    return function (key) {
      var found = slot(key);
      if (!found.requested) {
        found.requested = true;
        var script = document.createElement("script");
        script.src = base + key + ".js";
        script.async = true;
        script.onerror = function () { found.reject(new Error("The search index could not be loaded: " + key)); };
        document.head.appendChild(script);
      }
      return found.promise;
    };
  }

  /* A facet's column, "a.b,c,,d" in base 36, as offsets into one array of value numbers. */
  function facetColumn(text, count) {
    var offsets = new Int32Array(count + 1), values = [], doc = 0, number = -1;
    for (var i = 0; i <= text.length; i++) {
      var c = i < text.length ? text.charCodeAt(i) : 44;
      if (c === 44 || c === 46) {  // "," ends a document, "." a value
        if (number >= 0) { values.push(number); number = -1; }
        if (c === 44 && doc < count) offsets[++doc] = values.length;
      } else {
        number = (number < 0 ? 0 : number * 36) + (c <= 57 ? c - 48 : c - 87);
      }
    }
    return { offsets: offsets, values: Int32Array.from(values) };
  }

  function lengthColumn(column, count) {
    var lengths = new Float64Array(count), width = column.width, codes = column.codes, base = LENGTH_DIGITS.length;
    for (var d = 0; d < count; d++) {
      var code = width === 1 ? LENGTH_DIGITS.indexOf(codes[d]) :
        LENGTH_DIGITS.indexOf(codes[2 * d]) * base + LENGTH_DIGITS.indexOf(codes[2 * d + 1]);
      lengths[d] = column.values[code];
    }
    return lengths;
  }

  function years(text, count) {
    var out = new Int32Array(count);
    for (var d = 0; d < count; d++) out[d] = parseInt(text.substr(d * YEAR_WIDTH, YEAR_WIDTH), 36);
    return out;
  }

  /* ------------------------------------------------------------------ the engine */

  /* ``options.load(key)``, a promise of a piece's data, replaces the script loader (Node, tests). */
  /* ``stem`` is the stemmer of the index's language (by default the one its page loaded, ``stemmer``). */
  function Engine(index, stem, options) {
    options = options || {};
    this.index = index;
    this.language = index.language || "en";
    this.stem = stem || stemmer(index);
    if (typeof this.stem !== "function") {
      throw new Error("search: no stemmer for the language '" + this.language + "' is loaded");
    }
    this.foldFirst = index.foldFirst !== false;
    this.stop = Object.create(null);  // no inherited names: "constructor" is a word like any other
    for (var i = 0; i < index.stop.length; i++) this.stop[index.stop[i]] = true;
    this.facetPosition = {};
    for (var f = 0; f < index.facets.length; f++) this.facetPosition[index.facets[f]] = f;
    this.terms = index.fields.map(function () { return Object.create(null); });
    this.postings = index.fields.map(function () { return Object.create(null); });
    this.docs = [];
    this.table = null;
    this.newest = null;
    this.columns = index.facets.map(function () { return null; });
    this.spell = null;
    this.loaded = {};
    this.loading = {};
    this.asked = [];  // [piece, performance.now()] of each piece asked for, in order: what a page read, and when
    this.stems = Object.create(null);
    // Numbers in labels compare as numbers: SDG 5 before SDG 11.
    this.collator = typeof Intl !== "undefined" ? new Intl.Collator(undefined, { numeric: true }) : null;
    var base = options.load ? null : scriptBase(index.name);
    this.load = options.load || (base !== null ? scriptLoader(base) : null);
    for (var piece in index.inline || {}) this.install(piece, index.inline[piece]);
  }

  /* A piece's data put where the engine reads it. */
  Engine.prototype.install = function (piece, data) {
    if (this.loaded[piece]) return;
    var count = this.index.count;
    if (piece === "table") {
      this.table = { starts: years(data.starts, count), ends: years(data.ends, count),
                     lengths: data.lengths.map(function (column) { return lengthColumn(column, count); }) };
    } else if (piece === "newest") {
      this.newest = data;
    } else if (piece === "spell") {
      this.spell = data;
    } else if (piece.charAt(0) === "t") {
      for (var f = 0; f < data.length; f++) for (var term in data[f]) this.terms[f][term] = data[f][term];
    } else if (piece.charAt(0) === "f") {
      this.columns[+piece.slice(1)] = facetColumn(data, count);
    } else if (piece.charAt(0) === "d") {
      var first = +piece.slice(1) * this.index.docPieceSize;
      for (var d = 0; d < data.length; d++) this.docs[first + d] = data[d];
    }
    this.loaded[piece] = true;
  };

  /* A promise that the piece is installed. */
  Engine.prototype.piece = function (piece) {
    if (this.loaded[piece]) return Promise.resolve();
    if (!this.loading[piece]) {
      if (!this.load) return Promise.reject(new Error("The search index's pieces cannot be found: " + piece));
      var self = this;
      this.asked.push([piece, typeof performance !== "undefined" ? performance.now() : 0]);
      this.loading[piece] = this.load(this.index.folder + "/" + piece).then(function (data) { self.install(piece, data); });
    }
    return this.loading[piece];
  };

  /* The term piece that would hold ``term`` (binary search over each piece's first term), or -1 when
     the term sorts before every term of the index, so that no piece holds it. */
  Engine.prototype.termPiece = function (term) {
    var fences = this.index.termFences, low = 0, high = fences.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (fences[middle] <= term) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    return found;
  };

  Engine.prototype.termLoaded = function (term) {
    var piece = this.termPiece(term);
    return piece < 0 || !!this.loaded["t" + piece];
  };

  /* Everything a search for ``text`` with ``filters`` needs: the table of documents, its terms' pieces
     and the columns of the facets it filters on. */
  Engine.prototype.ready = function (text, filters) {
    var wanted = [this.piece("table")], seen = {};
    for (var facet in filters || {}) {
      if (filters[facet] && filters[facet].length && facet in this.facetPosition) wanted.push(this.piece("f" + this.facetPosition[facet]));
    }
    var terms = text ? this.analyse(text) : [];
    for (var i = 0; i < terms.length; i++) {
      var piece = this.termPiece(terms[i]);
      if (piece >= 0 && !seen[piece]) { seen[piece] = true; wanted.push(this.piece("t" + piece)); }
    }
    return Promise.all(wanted);
  };

  /* Every facet's column: for the counts beside the filters. */
  Engine.prototype.facetsReady = function () {
    var wanted = [];
    for (var f = 0; f < this.index.facets.length; f++) wanted.push(this.piece("f" + f));
    return Promise.all(wanted);
  };

  /* The pieces holding what documents ``docs`` show (address, title, summary, period). */
  Engine.prototype.docsReady = function (docs) {
    var wanted = [], seen = {}, size = this.index.docPieceSize;
    for (var i = 0; i < docs.length; i++) {
      var piece = Math.floor(docs[i] / size);
      if (!seen[piece]) { seen[piece] = true; wanted.push(this.piece("d" + piece)); }
    }
    return Promise.all(wanted);
  };

  /* [url, kind, title, summary, excerpt, start, end] of a document whose piece is loaded. */
  Engine.prototype.doc = function (doc) {
    var entry = this.docs[doc];
    if (!entry) throw new Error("search: document " + doc + " asked before its piece was loaded");
    return entry;
  };

  /* The stem of a lower-case word, stop word or not (stemmers.stemmed): English folds the word and stems
     it, French and Spanish stem it as written and fold the stem. Asked again and again while
     highlighting: remembered. */
  Engine.prototype.stemOf = function (lower) {
    var known = this.stems[lower];
    if (known === undefined) {
      known = this.stems[lower] = this.foldFirst ? this.stem(fold(lower)) : fold(this.stem(lower));
    }
    return known;
  };

  /* Is a lower-case word of a text one of the query's ``terms`` (stemmers.stems)? Its stem or, in French and
     Spanish, the stem of the word without its accents, which the index also holds for it: a reader who
     types "capacites" finds and sees marked the "capacités" of the text. */
  Engine.prototype.matches = function (lower, terms) {
    if (!mayStemTo(lower, terms)) return false;
    if (terms.indexOf(this.stemOf(lower)) >= 0) return true;
    return !this.foldFirst && terms.indexOf(this.stemOf(fold(lower))) >= 0;
  };

  /* Whether a lower-case word could have one of ``terms`` for stem. Porter2 and Snowball change a word's
     ending, never its first letter: a word that begins with a plain letter no term begins with has none
     of them (tests/test_stemmers.py checks it on whole dictionaries), and is not stemmed. Highlighting
     a card's passage reads hundreds of words a query, and stemming them is most of drawing the results. */
  function mayStemTo(lower, terms) {
    var first = lower.charCodeAt(0);
    if (!(first < 128)) return true;
    for (var i = 0; i < terms.length; i++) if (!terms[i] || terms[i].charCodeAt(0) === first) return true;
    return false;
  }

  /* The words of a text, each lower-cased: split first, then lower-case each word, as Whoosh does
     ('İ' lower-cases to two characters). */
  Engine.prototype.lowerWords = function (text) {
    return (String(text).match(TOKEN) || []).map(function (word) { return word.toLowerCase(); });
  };

  /* The words lower-cased and folded: as did-you-mean's table holds them. */
  Engine.prototype.words = function (text) {
    return this.lowerWords(text).map(fold);
  };

  /* A lower-case word's term (stemmers.term), or null for a stop word or a word under two letters. */
  Engine.prototype.termOf = function (lower) {
    var word = fold(lower);
    if (codePoints(word) < this.index.minsize || this.stop[word]) return null;
    return this.stemOf(lower);
  };

  /* The terms a query matches, each once: lower case, stop words and one-letter words out, stemmed. */
  Engine.prototype.analyse = function (text) {
    var terms = [];
    var words = this.lowerWords(text);
    for (var i = 0; i < words.length; i++) {
      var term = this.termOf(words[i]);
      if (term !== null && terms.indexOf(term) < 0) terms.push(term);
    }
    return terms;
  };

  /* {idf, docs, tfs} of a term in a field, decoded once from the delta-coded export; null when
     the field does not hold it. The term's piece must be loaded (``ready``). */
  Engine.prototype.posting = function (field, term) {
    if (!this.termLoaded(term)) throw new Error("search: the term " + term + " asked before its piece was loaded");
    var cache = this.postings[field];
    if (cache[term]) return cache[term];
    var raw = this.terms[field][term];
    if (!raw) return null;
    // "idf;doc,tf,doc,tf…": documents as gaps, numbers in base 36, read digit by digit (a common
    // term's list has tens of thousands of numbers: splitting it into strings costs five times more).
    var split = raw.indexOf(";"), pairs = 0, i;
    for (i = split + 1; i < raw.length; i++) if (raw.charCodeAt(i) === 44) pairs++;
    pairs = (pairs + 1) / 2;
    var docs = new Int32Array(pairs), tfs = new Float64Array(pairs);
    var doc = 0, number = 0, second = false, p = 0;
    for (i = split + 1; i <= raw.length; i++) {
      var code = i < raw.length ? raw.charCodeAt(i) : 44;
      if (code === 44) {  // ","
        if (second) { tfs[p++] = number; } else { doc += number; docs[p] = doc; }
        second = !second;
        number = 0;
      } else {
        number = number * 36 + (code <= 57 ? code - 48 : code - 87);  // 0-9, a-z
      }
    }
    cache[term] = { idf: parseFloat(raw.slice(0, split)), docs: docs, tfs: tfs };
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
    var index = this.index, count = index.count, lengthsOf = this.table.lengths;
    var total = new Float64Array(count), alive = null;
    for (var t = 0; t < terms.length; t++) {
      var scores = new Float64Array(count), hit = new Uint8Array(count);
      for (var f = 0; f < index.fields.length; f++) {
        var posting = this.posting(f, terms[t]);
        if (!posting) continue;
        var lengths = lengthsOf[f], avgfl = index.avgfl[f], boost = index.boosts[f];
        var docs = posting.docs, tfs = posting.tfs;
        for (var p = 0; p < docs.length; p++) {
          var doc = docs[p];
          scores[doc] += this.bm25(posting.idf, tfs[p], lengths[doc], avgfl) * boost;
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

  /* The filters as, for each facet asked, a mark per value number: checked once per document. */
  Engine.prototype.compile = function (filters, years) {
    var compiled = { facets: [], from: null, to: null, none: false };
    for (var facet in filters) {
      var wanted = filters[facet];
      if (!wanted || !wanted.length) continue;
      if (!(facet in this.facetPosition)) { compiled.none = true; continue; }  // as Whoosh: no page has it
      var values = this.index.facetValues[facet], marks = new Uint8Array(values.length + 1);
      for (var v = 0; v < values.length; v++) if (wanted.indexOf(values[v]) >= 0) marks[v] = 1;
      if (!this.columns[this.facetPosition[facet]]) throw new Error("search: the facet " + facet + " asked before its piece was loaded");
      compiled.facets.push({ facet: facet, position: this.facetPosition[facet], marks: marks });
    }
    if (years) { compiled.from = years.from != null ? years.from : null; compiled.to = years.to != null ? years.to : null; }
    return compiled;
  };

  /* Does document ``doc`` pass the compiled filters (AND across facets, OR within one) and years,
     leaving out facet ``except``? */
  Engine.prototype.passes = function (doc, compiled, except) {
    var columns = this.columns;
    if (compiled.none) return false;
    for (var i = 0; i < compiled.facets.length; i++) {
      var wanted = compiled.facets[i];
      if (wanted.facet === except) continue;
      var column = columns[wanted.position], values = column.values, hit = false;
      for (var h = column.offsets[doc], end = column.offsets[doc + 1]; h < end; h++) if (wanted.marks[values[h]]) { hit = true; break; }
      if (!hit) return false;
    }
    if (compiled.from !== null || compiled.to !== null) {
      var start = this.table.starts[doc];
      if (!start) return false;
      var last = this.table.ends[doc] || 9999;
      if (compiled.from !== null && last < compiled.from) return false;
      if (compiled.to !== null && start > compiled.to) return false;
    }
    return true;
  };

  function hasFilters(filters, years) {
    for (var facet in filters) if (filters[facet] && filters[facet].length) return true;
    return !!(years && (years.from != null || years.to != null));
  }

  /* Ranked results: [{doc, score}], best first, ties in index order as in Whoosh. The table and the
     query's term pieces must be loaded (``ready``). */
  Engine.prototype.search = function (text, filters, years) {
    filters = filters || {};
    if (!this.table) throw new Error("search: asked before the table of documents was loaded");
    var terms = this.analyse(text);
    var scores = this.score(terms);
    var compiled = this.compile(filters, years);
    var results = [];
    if (scores === null) {
      if (!hasFilters(filters, years)) return { terms: terms, results: [], matched: [] };
      // Filters alone: every document that passes scores 1, as Whoosh's Every query does.
      for (var d = 0; d < this.index.count; d++) if (this.passes(d, compiled)) results.push({ doc: d, score: 1 });
      return { terms: terms, results: results, matched: null };
    }
    var passing = new Int32Array(scores.matched.length), kept = 0;
    for (var i = 0; i < scores.matched.length; i++) {
      if (this.passes(scores.matched[i], compiled)) passing[kept++] = scores.matched[i];
    }
    return { terms: terms, results: new Ranked(passing.subarray(0, kept), scores.scores), matched: scores.matched };
  };

  /* Results best first, ties in index order as in Whoosh, read as an array is (``length``, ``slice``) but
     ranked only as far as they are read: a page shows twenty of them, and sorting ten thousand on every
     key typed costs more than the search itself. */
  function Ranked(docs, scores) {
    this.docs = docs;
    this.scores = scores;
    this.length = docs.length;
    this.order = null;  // the best, ranked: as many as the longest slice read so far
  }

  Ranked.prototype.slice = function (start, end) {
    end = end === undefined ? this.length : Math.min(end, this.length);
    if (!this.order || this.order.length < end) this.order = this.best(end);
    var taken = [];
    for (var i = start || 0; i < end; i++) taken.push({ doc: this.order[i], score: this.scores[this.order[i]] });
    return taken;
  };

  /* The ``wanted`` best documents, ranked; a whole sort when most of them are wanted. */
  Ranked.prototype.best = function (wanted) {
    var docs = this.docs, scores = this.scores;
    if (wanted * 8 > docs.length) {
      return Array.prototype.slice.call(docs).sort(function (a, b) { return scores[b] - scores[a] || a - b; }).slice(0, wanted);
    }
    return firstOf(docs.length, wanted, function (i) { return docs[i]; }, function (a, b) {
      return scores[a] > scores[b] || (scores[a] === scores[b] && a < b);
    });
  };

  /* The ``wanted`` first of ``count`` candidates (``candidate(i)``: a number, or -1 for none) in the order
     ``before`` says, in one pass that keeps them in order: few of the others beat the last one kept. */
  function firstOf(count, wanted, candidate, before) {
    var best = [];
    for (var i = 0; i < count; i++) {
      var item = candidate(i);
      if (item < 0 || (best.length === wanted && !before(item, best[wanted - 1]))) continue;
      var at = best.length === wanted ? wanted - 1 : best.length;
      while (at > 0 && before(item, best[at - 1])) { best[at] = best[at - 1]; at--; }
      best[at] = item;
    }
    return best;
  }

  /* Nothing asked yet: every case study, the most recently added first (the newest piece), for Explore to list. */
  Engine.prototype.browse = function () {
    var newest = this.newest;
    if (!newest) throw new Error("search: the newest case studies asked before their piece was loaded");
    return { terms: [], browsing: true, matched: newest.slice(),
             results: newest.map(function (doc) { return { doc: doc, score: 0 }; }) };
  };

  /* For each facet value: how many results there would be with it ticked (other facets kept); null for a
     facet whose column is not loaded yet (``facetsReady``). */
  Engine.prototype.facetCounts = function (matched, filters, years) {
    var counts = {};
    var index = this.index, columns = this.columns;
    var compiled = this.compile(filters || {}, years);
    var all = matched === null;
    var total = all ? index.count : matched.length;
    for (var f = 0; f < index.facets.length; f++) {
      var facet = index.facets[f], column = columns[f];
      if (!column) { counts[facet] = null; continue; }
      var offsets = column.offsets, values = column.values;
      var tally = new Int32Array(index.facetValues[facet].length);
      for (var i = 0; i < total; i++) {
        var doc = all ? i : matched[i];
        if (compiled.none || compiled.facets.length || compiled.from !== null || compiled.to !== null) {
          if (!this.passes(doc, compiled, facet)) continue;
        }
        for (var h = offsets[doc], end = offsets[doc + 1]; h < end; h++) tally[values[h]] += 1;
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

  /* The words of ``text`` that did-you-mean must look up: not stop words, three letters or more,
     some form of them not in the index. The query's term pieces must be loaded. */
  Engine.prototype.unknownWords = function (text) {
    var typed = this.lowerWords(text), unknown = [];
    for (var i = 0; i < typed.length; i++) {
      var word = fold(typed[i]), term = this.termOf(typed[i]);  // the term of the word as typed, accents and all
      if (this.stop[word] || codePoints(word) < 3 || term === null || this.known(term)) continue;
      unknown.push(word);
    }
    return unknown;
  };

  /* "Did you mean": each word that matches nothing replaced by the closest word written in the hub
     (the spell piece, the table of hub_plugin/search/spelling.py, which picks by the same rule).
     Needs the query's pieces and, when a word is unknown, the spell piece (``suggestion`` loads them). */
  Engine.prototype.suggest = function (text) {
    var words = this.words(text);
    var unknown = this.unknownWords(text);
    if (!unknown.length) return null;
    var spell = this.spell;
    if (!spell) throw new Error("search: did-you-mean asked before its words were loaded");
    var changed = false;
    var out = [];
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      if (unknown.indexOf(word) < 0 || Object.prototype.hasOwnProperty.call(spell, word)) {
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

  /* A promise of the suggestion for ``text``, loading did-you-mean's words only when a word is unknown. */
  Engine.prototype.suggestion = function (text) {
    var self = this;
    return this.ready(text).then(function () {
      if (!self.unknownWords(text).length) return null;
      return self.piece("spell").then(function () { return self.suggest(text); });
    });
  };

  Engine.prototype.known = function (term) {
    if (!this.termLoaded(term)) throw new Error("search: the term " + term + " asked before its piece was loaded");
    for (var f = 0; f < this.index.fields.length; f++) if (this.terms[f][term]) return true;
    return false;
  };

  /* One engine per index on a page: the header's search and Explore's share what they loaded. */
  var engines = {};
  function shared(index, stem) {
    var key = index.name + "/" + index.folder;
    if (!engines[key]) engines[key] = new Engine(index, stem);
    return engines[key];
  }

  window.HubSearch = { Engine: Engine, shared: shared, stemmer: stemmer, fold: fold };

  /* ---------------------------------------------------------------- the Explore page */

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    for (var name in attributes || {}) node.setAttribute(name, attributes[name]);
    if (text != null) node.textContent = text;
    return node;
  }

  /* Text with the words whose stems are query terms wrapped in <mark>, built as DOM nodes: the passage of
     ``width`` characters around the first of them. The words past the passage are not stemmed (a card's
     excerpt is far longer than what it shows, and stemming its every word is most of drawing a page). */
  function highlighted(engine, text, terms, width) {
    var fragment = document.createDocumentFragment();
    var matches = [], m, start = 0, end = text.length;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null && !(matches.length && m.index >= end)) {
      if (!engine.matches(m[0].toLowerCase(), terms)) continue;
      if (!matches.length && text.length > width) {
        start = Math.max(0, m.index - Math.floor(width / 3));
        end = Math.min(text.length, start + width);
      }
      matches.push([m.index, m.index + m[0].length]);
    }
    if (!matches.length && text.length > width) end = width;
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
    // The page's words (header.js defines HubMessages on every page; a page without it says the keys).
    this.messages = window.HubMessages ? new window.HubMessages(root) :
      { say: function (key) { return key; }, count: function (key, n) { return key + " " + n; } };
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
      // The next results (their pieces loaded first), and the reader's place: focus goes to the first of them.
      var first = self.shown, found = self.found, token = self.token;
      self.shown += RESULTS_SHOWN;
      self.engine.docsReady(self.page(found, self.shown)).then(function () {
        if (token !== self.token) return;
        self.renderResults(found);
        var next = self.results.children[first];
        if (next) next.querySelector("a").focus();
      }).catch(function (error) { self.failed(error); });
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

  /* Search, count and draw: the pieces the query needs are loaded first, and an answer that comes
     after the reader typed on is dropped. */
  Explore.prototype.update = function () {
    var self = this, engine = this.engine, state = this.state;
    var token = this.token = (this.token || 0) + 1;
    var asked = state.q.trim() || hasFilters(state.filters, state.years);
    var text = state.q, filters = state.filters, years = state.years;
    this.shown = RESULTS_SHOWN;
    writeState(state);
    var wanted = asked ? engine.ready(text, filters) : Promise.all([engine.ready(""), engine.piece("newest")]);
    wanted.then(function () {
      if (token !== self.token) return null;
      var started = performance.now();
      var found = asked ? engine.search(text, filters, years) : engine.browse();
      var counts = engine.facetCounts(found.matched, filters, years);
      var computed = performance.now() - started;
      return engine.docsReady(self.page(found, self.shown)).then(function () {
        if (token !== self.token) return;
        var drawing = performance.now();
        self.found = found;
        self.renderResults(found);
        self.renderChosen();
        self.renderFacets(counts);
        // The page's own time for the query (search, counts, drawing), the pieces' loading left out.
        self.root.setAttribute("data-last-query-ms", String(computed + performance.now() - drawing));
        self.root.setAttribute("data-result-at", String(performance.now()));  // since navigation started
        self.root.setAttribute("data-result-count", String(found.results.length));
        self.root.setAttribute("data-result-query", text);
        // The counts of the facets whose columns came after the results: drawn when they are here.
        for (var facet in counts) if (counts[facet] === null) return self.countsLater(token, found);
      });
    }).catch(function (error) { self.failed(error); });
    this.suggestLater(token, text);
  };

  Explore.prototype.countsLater = function (token, found) {
    var self = this, state = this.state;
    return this.engine.facetsReady().then(function () {
      if (token === self.token) self.renderFacets(self.engine.facetCounts(found.matched, state.filters, state.years));
    });
  };

  Explore.prototype.page = function (found, shown) {
    return found.results.slice(0, shown).map(function (result) { return result.doc; });
  };

  Explore.prototype.failed = function (error) {
    this.status.textContent = this.messages.say("unavailable");
    if (window.console) window.console.error(error);
  };

  /* Did-you-mean once the reader pauses; the words' table is loaded only if a word is unknown. */
  Explore.prototype.suggestLater = function (token, text) {
    var self = this;
    if (this.suggesting) window.clearTimeout(this.suggesting);
    if (text !== this.suggested) this.renderSuggestion(null);
    this.suggested = text;
    if (!text) return;
    this.suggesting = window.setTimeout(function () {
      self.engine.suggestion(text).then(function (suggestion) {
        if (token === self.token) self.renderSuggestion(suggestion);
      }).catch(function (error) { self.failed(error); });
    }, SUGGEST_AFTER_MS);
  };

  Explore.prototype.renderSuggestion = function (suggestion) {
    var box = this.suggestion;
    box.textContent = "";
    if (!suggestion) return;
    var self = this;
    var sentence = this.messages.say("suggestion").split("{suggestion}");
    box.appendChild(document.createTextNode(sentence[0]));
    var link = element("a", { href: "#q=" + encodeURIComponent(suggestion) }, suggestion);
    link.addEventListener("click", function (event) {
      event.preventDefault();
      self.input.value = self.state.q = suggestion;
      self.update();
    });
    box.appendChild(link);
    box.appendChild(document.createTextNode(sentence.slice(1).join("")));
  };

  Explore.prototype.renderResults = function (found) {
    var list = this.results;
    list.textContent = "";
    var shown = found.results.slice(0, this.shown);
    for (var i = 0; i < shown.length; i++) {
      var entry = this.engine.doc(shown[i].doc);
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
    this.more.textContent = this.messages.count("more", more);
    this.status.textContent = this.messages.count(found.browsing ? "browsing" : "results", count) +
      (count > shown.length ? this.messages.count("firstShown", shown.length) : "");
  };

  /* The filters' button says how many are chosen: "Filters (2)". */
  Explore.prototype.renderChosen = function () {
    var chosen = 0, filters = this.state.filters;
    for (var facet in filters) chosen += (filters[facet] || []).length;
    if (this.state.years.from != null || this.state.years.to != null) chosen += 1;
    this.toggle.lastChild.textContent = "(" + chosen + ")";
  };

  /* Whether a word of ``text`` has a query term for stem: read up to the first that has. */
  Explore.prototype.mentions = function (text, terms) {
    var m;
    text = String(text);
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) if (this.engine.matches(m[0].toLowerCase(), terms)) return true;
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

  /* The values a facet shows: the ``shown`` with most results (ties in label order), among those with a
     result or chosen by the reader. A facet such as partners has thousands of values: sorting them all on
     every key typed would cost more than the rest of the query. */
  function topValues(tally, rank, shown, chosen) {
    return firstOf(tally.length, shown, function (i) { return tally[i] || chosen(i) ? i : -1; }, function (a, b) {
      return tally[a] > tally[b] || (tally[a] === tally[b] && rank[a] < rank[b]);
    });
  }

  Explore.prototype.renderFacets = function (counts) {
    var box = this.facetsBox;
    var index = this.engine.index;
    var self = this;
    var focused = document.activeElement && document.activeElement.getAttribute("data-facet-key");
    box.textContent = "";
    index.facets.forEach(function (facet) {
      var values = index.facetValues[facet];
      if (!values.length || !counts[facet]) return;  // no values, or its column still loading
      var selected = self.state.filters[facet] || [];
      var order = topValues(counts[facet], self.labelOrder(facet), FACET_VALUES_SHOWN, function (i) {
        return selected.indexOf(values[i]) >= 0;
      });
      if (!order.length) return;
      var fieldset = element("fieldset", { "class": "hub-facet" });
      fieldset.appendChild(element("legend", {}, self.root.getAttribute("data-facet-" + facet) || facet));
      order.forEach(function (i) {
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
    if (!root || !window.HUB_INDEX || !stemmer(window.HUB_INDEX)) return;
    var engine = shared(window.HUB_INDEX);
    window.HubSearch.readyAt = performance.now();
    window.hubExplore = new Explore(root, engine);
  }

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})();
