/* Snowball's runtime, for the French and Spanish stemmers (stemmer-fr.js, stemmer-es.js), and the
   analysis of one word that hub_plugin/search/stemmers.py does for those languages.

   The runtime is a port of the snowballstemmer package's basestemmer.py and among.py (Snowball 3.1.1,
   https://snowballstem.org/), limited to the operations the two stemmers use. One difference, on
   purpose: the word is an array of code points, not a string. Python indexes and counts code points,
   JavaScript strings UTF-16 units; with a string, a letter outside the BMP would move every cursor of
   the algorithm by one and the stems would differ from Python's.

   The analysis of a word is lower-case, stop word (its folded form in the folded stop list, or shorter
   than two letters) or else stem, then fold accents: the Snowball French and Spanish algorithms read
   accents (-é, -ées, -ción), so they stem the word as written and only the stem is folded.

   Classic script: defines the single global `hubStemmers` (no dependencies, loaded before
   stemmer-fr.js and stemmer-es.js; the English `hubStem` of stemmer.js is left alone):
     hubStemmers.fr(word)            the Snowball stem of a lower-case word, as snowballstemmer gives it
     hubStemmers.term("fr", word)    the search term of a word as the tokenizer found it, or null
     hubStemmers.stopWords.fr        the folded stop words (a Set)
     hubStemmers.fold(text)          analysis.fold: NFKD, then U+0300 to U+036F removed

   Snowball: Copyright (c) 2001, Dr Martin Porter; Copyright (c) 2004,2005, Richard Boulton;
   Copyright (c) 2013, Yoshiki Shibukawa; Copyright (c) 2006-2025, Olly Betts. All rights reserved.
   Redistribution and use in source and binary forms, with or without modification, are permitted
   provided that the following conditions are met: 1. Redistributions of source code must retain the
   above copyright notice, this list of conditions and the following disclaimer. 2. Redistributions in
   binary form must reproduce the above copyright notice, this list of conditions and the following
   disclaimer in the documentation and/or other materials provided with the distribution. 3. Neither
   the name of the Snowball project nor the names of its contributors may be used to endorse or promote
   products derived from this software without specific prior written permission.
   THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED
   WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A
   PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR
   ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT
   LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS
   INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR
   TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF
   ADVISED OF THE POSSIBILITY OF SUCH DAMAGE. */
var hubStemmers = (function () {
  "use strict";

  var has = Object.prototype.hasOwnProperty;
  var MIN_LENGTH = 2; // as Whoosh's StopFilter(minsize=2) in analysis.py
  var DIACRITICS = /[\u0300-\u036f]/g;

  function fold(text) { return text.normalize("NFKD").replace(DIACRITICS, ""); }

  function codePoint(ch) { return ch.codePointAt(0); }

  // among.py's Among(s, substring_i, result), from [s, substring_i, result] rows; no stemmer here has methods.
  function among(rows) {
    return rows.map(function (row) { return {s: Array.from(row[0]), substring_i: row[1], result: row[2]}; });
  }

  function grouping(chars) { return new Set(chars); }

  // basestemmer.py's BaseStemmer after set_current(word).
  function State(word) {
    this.current = Array.from(word);
    this.cursor = 0;
    this.limit = this.current.length;
    this.limit_backward = 0;
    this.bra = this.cursor;
    this.ket = this.limit;
  }

  State.prototype.in_grouping = function (s) {
    if (this.cursor >= this.limit) return false;
    if (!s.has(this.current[this.cursor])) return false;
    this.cursor += 1;
    return true;
  };

  State.prototype.go_in_grouping = function (s) {
    while (this.cursor < this.limit) {
      if (!s.has(this.current[this.cursor])) return true;
      this.cursor += 1;
    }
    return false;
  };

  State.prototype.in_grouping_b = function (s) {
    if (this.cursor <= this.limit_backward) return false;
    if (!s.has(this.current[this.cursor - 1])) return false;
    this.cursor -= 1;
    return true;
  };

  State.prototype.out_grouping = function (s) {
    if (this.cursor >= this.limit) return false;
    if (!s.has(this.current[this.cursor])) {
      this.cursor += 1;
      return true;
    }
    return false;
  };

  State.prototype.go_out_grouping = function (s) {
    while (this.cursor < this.limit) {
      if (s.has(this.current[this.cursor])) return true;
      this.cursor += 1;
    }
    return false;
  };

  State.prototype.out_grouping_b = function (s) {
    if (this.cursor <= this.limit_backward) return false;
    if (!s.has(this.current[this.cursor - 1])) {
      this.cursor -= 1;
      return true;
    }
    return false;
  };

  // Python's current.startswith(s, cursor, limit)
  State.prototype.eq_s = function (s) {
    var t = Array.from(s);
    if (this.cursor + t.length > this.limit) return false;
    for (var i = 0; i < t.length; i++) {
      if (this.current[this.cursor + i] !== t[i]) return false;
    }
    this.cursor += t.length;
    return true;
  };

  // Python's current.endswith(s, limit_backward, cursor)
  State.prototype.eq_s_b = function (s) {
    var t = Array.from(s);
    var start = this.cursor - t.length;
    if (start < this.limit_backward) return false;
    for (var i = 0; i < t.length; i++) {
      if (this.current[start + i] !== t[i]) return false;
    }
    this.cursor -= t.length;
    return true;
  };

  State.prototype.find_among = function (v) {
    var i = 0, j = v.length;
    var c = this.cursor, l = this.limit;
    var common_i = 0, common_j = 0;
    var first_key_inspected = false;
    var w;
    while (true) {
      var k = i + ((j - i) >> 1);
      var diff = 0;
      var common = Math.min(common_i, common_j);
      w = v[k];
      for (var i2 = common; i2 < w.s.length; i2++) {
        if (c + common === l) {
          diff = -1;
          break;
        }
        diff = codePoint(this.current[c + common]) - codePoint(w.s[i2]);
        if (diff !== 0) break;
        common += 1;
      }
      if (diff < 0) {
        j = k;
        common_j = common;
      } else {
        i = k;
        common_i = common;
      }
      if (j - i <= 1) {
        if (i > 0) break; // v[j] has been inspected
        if (j === i) break; // only one item in v
        // but now we need to go round once more to get v[0] inspected
        if (first_key_inspected) break;
        first_key_inspected = true;
      }
    }
    while (true) {
      w = v[i];
      if (common_i >= w.s.length) {
        this.cursor = c + w.s.length;
        return w.result; // no among here has a method
      }
      i = w.substring_i;
      if (i < 0) return 0;
    }
  };

  State.prototype.find_among_b = function (v) {
    var i = 0, j = v.length;
    var c = this.cursor, lb = this.limit_backward;
    var common_i = 0, common_j = 0;
    var first_key_inspected = false;
    var w;
    while (true) {
      var k = i + ((j - i) >> 1);
      var diff = 0;
      var common = Math.min(common_i, common_j);
      w = v[k];
      for (var i2 = w.s.length - 1 - common; i2 >= 0; i2--) {
        if (c - common === lb) {
          diff = -1;
          break;
        }
        diff = codePoint(this.current[c - 1 - common]) - codePoint(w.s[i2]);
        if (diff !== 0) break;
        common += 1;
      }
      if (diff < 0) {
        j = k;
        common_j = common;
      } else {
        i = k;
        common_i = common;
      }
      if (j - i <= 1) {
        if (i > 0) break;
        if (j === i) break;
        if (first_key_inspected) break;
        first_key_inspected = true;
      }
    }
    while (true) {
      w = v[i];
      if (common_i >= w.s.length) {
        this.cursor = c - w.s.length;
        return w.result;
      }
      i = w.substring_i;
      if (i < 0) return 0;
    }
  };

  State.prototype.replace_s = function (c_bra, c_ket, s) {
    var t = Array.from(s);
    var adjustment = t.length - (c_ket - c_bra);
    Array.prototype.splice.apply(this.current, [c_bra, c_ket - c_bra].concat(t));
    this.limit += adjustment;
    if (this.cursor >= c_ket) {
      this.cursor += adjustment;
    } else if (this.cursor > c_bra) {
      this.cursor = c_bra;
    }
    return adjustment;
  };

  State.prototype.slice_from = function (s) {
    if (!(this.bra >= 0 && this.bra <= this.ket && this.ket <= this.limit && this.limit <= this.current.length)) {
      throw new Error("snowball: the slice is out of the word"); // basestemmer.py's assertions
    }
    this.replace_s(this.bra, this.ket, s);
    this.ket = this.bra + Array.from(s).length;
  };

  State.prototype.slice_del = function () { this.slice_from(""); };

  var stopWords = {};

  // A stemmer file hands over its Snowball program (the generated _stem, a function of the state)
  // and its stop words as Snowball lists them; hubStemmers[language] is then the stem function.
  function define(language, program, words) {
    api[language] = function (word) {
      var z = new State(word);
      program(z);
      return z.current.join("");
    };
    stopWords[language] = new Set(words.map(fold));
  }

  function term(language, word) {
    var stem = api[language];
    if (!has.call(stopWords, language) || typeof stem !== "function") {
      throw new Error("no stemmer for the language '" + language + "': load stemmer-" + language + ".js");
    }
    var lower = word.toLowerCase();
    var folded = fold(lower);
    if (Array.from(folded).length < MIN_LENGTH || stopWords[language].has(folded)) return null;
    return fold(stem(lower));
  }

  var api = {fold: fold, term: term, stopWords: stopWords, define: define, among: among, grouping: grouping};
  return api;
})();
