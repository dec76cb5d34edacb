/* English Porter2 stemmer: a faithful port of whoosh.lang.porter2.stem
   (Whoosh's own variant, quirks and exception lists included), so that the
   offline search stems words exactly as the Whoosh index does.
   Classic script: defines the single global `hubStem`; no dependencies. */
var hubStem = (function () {
  "use strict";

  var has = Object.prototype.hasOwnProperty;
  // Python's "$" also matches before one final "\n", and its "." is [^\n];
  // the "u" flag makes a character class take a whole code point, as in Python.
  var R_EXP = /^[^aeiouy]*[aeiouy]+[^aeiouy]/u;
  var EWSS1 = /^[aeiouy][^aeiouy](?=\n?$)/u;
  var EWSS2 = /^[^\n]*[^aeiouy][aeiouy][^aeiouywxY](?=\n?$)/u;
  var DOUBLE = /(?:bb|dd|ff|gg|mm|nn|pp|rr|tt)$/;

  var EXCEPTIONAL = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie",
    idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli",
    singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas",
    cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var EARLY_EXIT = {
    inning: 1, outing: 1, canning: 1, herring: 1, earring: 1,
    proceed: 1, exceed: 1, succeed: 1
  };
  var S1B_SUFFIXES = ["ed", "edly", "ing", "ingly"];
  var LI_ENDINGS = ["c", "d", "e", "g", "h", "k", "m", "n", "r", "t"];
  var S2 = [ // [suffix, replacement, required preceding strings ([] = none)]
    ["ization", "ize", []], ["ational", "ate", []], ["fulness", "ful", []],
    ["ousness", "ous", []], ["iveness", "ive", []], ["tional", "tion", []],
    ["biliti", "ble", []], ["lessli", "less", []], ["entli", "ent", []],
    ["ation", "ate", []], ["alism", "al", []], ["aliti", "al", []],
    ["ousli", "ous", []], ["iviti", "ive", []], ["fulli", "ful", []],
    ["enci", "ence", []], ["anci", "ance", []], ["abli", "able", []],
    ["izer", "ize", []], ["ator", "ate", []], ["alli", "al", []],
    ["bli", "ble", []], ["ogi", "og", ["l"]], ["li", "", LI_ENDINGS]
  ];
  var S3 = [ // [suffix, replacement, must also be in R2]
    ["ational", "ate", false], ["tional", "tion", false], ["alize", "al", false],
    ["icate", "ic", false], ["iciti", "ic", false], ["ative", "", true],
    ["ical", "ic", false], ["ness", "", false], ["ful", "", false]
  ];
  var S4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement",
            "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize"];

  // Python's len(): code points, not UTF-16 units. Everywhere else positions
  // are UTF-16 indexes on both sides of a comparison, which orders the same.
  function len(w) { return w.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "_").length; }
  function ends(w, s) { return w.endsWith(s); }
  function cut(w, n) { return w.slice(0, w.length - n); }

  function region(w, pos) {
    var m = R_EXP.exec(w.slice(pos));
    return m ? pos + m[0].length : w.length;
  }
  function getR1(w) {
    if (w.startsWith("gener") || w.startsWith("arsen")) return 5;
    if (w.startsWith("commun")) return 6;
    return region(w, 0);
  }
  function getR2(w) { return region(w, getR1(w)); }

  function endsWithShortSyllable(w) {
    return (len(w) === 2 && EWSS1.test(w)) || EWSS2.test(w);
  }
  function isShortWord(w) { return endsWithShortSyllable(w) && getR1(w) === w.length; }

  function step0(w) {
    if (ends(w, "'s'")) return cut(w, 3);
    if (ends(w, "'s")) return cut(w, 2);
    if (ends(w, "'")) return cut(w, 1);
    return w;
  }

  function step1a(w) {
    if (ends(w, "sses")) return cut(w, 4) + "ss";
    if (ends(w, "ied") || ends(w, "ies")) return cut(w, 3) + (len(w) > 4 ? "i" : "ie");
    if (ends(w, "us") || ends(w, "ss")) return w;
    if (ends(w, "s") && /[aeiouy][^\n]/.test(cut(w, 1))) return cut(w, 1);
    return w;
  }

  function step1bHelper(w) {
    if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) return w + "e";
    if (DOUBLE.test(w)) return cut(w, 1);
    if (isShortWord(w)) return w + "e";
    return w;
  }

  function step1b(w, r1) {
    if (ends(w, "eedly")) return w.length - 5 >= r1 ? cut(w, 3) : w;
    if (ends(w, "eed")) return w.length - 3 >= r1 ? cut(w, 1) : w;
    for (var i = 0; i < S1B_SUFFIXES.length; i++) {
      var suffix = S1B_SUFFIXES[i];
      if (ends(w, suffix)) {
        var preceding = cut(w, suffix.length);
        return /[aeiouy]/.test(preceding) ? step1bHelper(preceding) : w;
      }
    }
    return w;
  }

  function step1c(w) {
    // Python: endswith("y") or (endswith("Y") and len > 1); word[-2] not a vowel
    if (ends(w, "y") || (ends(w, "Y") && len(w) > 1)) {
      if ("aeiouy".indexOf(w.charAt(w.length - 2)) < 0 && len(w) > 2) return cut(w, 1) + "i";
    }
    return w;
  }

  function step2(w, r1) {
    for (var i = 0; i < S2.length; i++) {
      var end = S2[i][0], prev = S2[i][2];
      if (!ends(w, end)) continue;
      var base = cut(w, end.length);
      if (base.length >= r1 &&
          (prev.length === 0 || prev.some(function (p) { return base.endsWith(p); }))) {
        return base + S2[i][1];
      }
      return w; // first matching suffix decides, even when nothing is replaced
    }
    return w;
  }

  function step3(w, r1, r2) {
    for (var i = 0; i < S3.length; i++) {
      var end = S3[i][0];
      if (!ends(w, end)) continue;
      var base = cut(w, end.length);
      return base.length >= r1 && (!S3[i][2] || base.length >= r2) ? base + S3[i][1] : w;
    }
    return w;
  }

  function step4(w, r2) {
    for (var i = 0; i < S4.length; i++) {
      if (ends(w, S4[i])) return w.length - S4[i].length >= r2 ? cut(w, S4[i].length) : w;
    }
    if ((ends(w, "sion") || ends(w, "tion")) && w.length - 3 >= r2) return cut(w, 3);
    return w;
  }

  function step5(w, r1, r2) {
    if (ends(w, "l")) {
      return w.length - 1 >= r2 && w.charAt(w.length - 2) === "l" ? cut(w, 1) : w;
    }
    if (ends(w, "e")) {
      if (w.length - 1 >= r2) return cut(w, 1);
      if (w.length - 1 >= r1 && !endsWithShortSyllable(cut(w, 1))) return cut(w, 1);
    }
    return w;
  }

  return function stem(word) {
    var w = word;
    if (len(w) <= 2) return w;
    if (w.startsWith("'")) w = w.slice(1);
    if (has.call(EXCEPTIONAL, w)) return EXCEPTIONAL[w];
    if (w.startsWith("y")) w = "Y" + w.slice(1);
    w = w.replace(/([aeiouy])y/g, "$1Y");
    var r1 = getR1(w), r2 = getR2(w);
    w = step1a(step0(w));
    if (has.call(EARLY_EXIT, w)) return w;
    w = step1c(step1b(w, r1));
    w = step5(step4(step3(step2(w, r1), r1, r2), r2), r1, r2);
    return w.replace(/Y/g, "y");
  };
})();

if (typeof module !== "undefined" && module.exports) { module.exports = hubStem; }
