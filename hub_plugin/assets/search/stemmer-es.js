/* The Snowball Spanish stemmer and stop words, for the hub's Spanish search: a mechanical port of
   spanish_stemmer.py of the snowballstemmer package (3.1.1, generated from spanish.sbl by Snowball 3.1.1,
   https://snowballstem.org/algorithms/spanish/stemmer.html), which hub_plugin/search/stemmers.py
   runs, so that the browser stems every word as the index does (tests/test_stemmers.py compares
   them on whole dictionaries). Snowball's try/raise labels are labelled blocks and `break`s here;
   `z` is the state (basestemmer.py's self), defined with Snowball's licence in snowball.js.
   The stop words are Snowball's Spanish list (snowball-website, algorithms/spanish/stop.txt), in its
   order; snowball.js folds them.
   Classic script, loaded after snowball.js: defines hubStemmers.es. */
(function (snowball) {
  "use strict";

  var among = snowball.among, grouping = snowball.grouping;
  var g_v = grouping(["a", "e", "i", "o", "u", "á", "é", "í", "ó", "ú", "ü"]);
  var a_0 = among([
    ["", -1, 6],
    ["á", 0, 1],
    ["é", 0, 2],
    ["í", 0, 3],
    ["ó", 0, 4],
    ["ú", 0, 5]
  ]);
  var a_1 = among([
    ["la", -1, -1],
    ["sela", 0, -1],
    ["le", -1, -1],
    ["me", -1, -1],
    ["se", -1, -1],
    ["lo", -1, -1],
    ["selo", 5, -1],
    ["las", -1, -1],
    ["selas", 7, -1],
    ["les", -1, -1],
    ["los", -1, -1],
    ["selos", 10, -1],
    ["nos", -1, -1]
  ]);
  var a_2 = among([
    ["ando", -1, 6],
    ["iendo", -1, 6],
    ["yendo", -1, 7],
    ["ándo", -1, 2],
    ["iéndo", -1, 1],
    ["ar", -1, 6],
    ["er", -1, 6],
    ["ir", -1, 6],
    ["ár", -1, 3],
    ["ér", -1, 4],
    ["ír", -1, 5]
  ]);
  var a_3 = among([
    ["ic", -1, -1],
    ["ad", -1, -1],
    ["os", -1, -1],
    ["iv", -1, 1]
  ]);
  var a_4 = among([
    ["able", -1, 1],
    ["ible", -1, 1],
    ["ante", -1, 1]
  ]);
  var a_5 = among([
    ["ic", -1, 1],
    ["abil", -1, 1],
    ["iv", -1, 1]
  ]);
  var a_6 = among([
    ["ica", -1, 1],
    ["ancia", -1, 2],
    ["encia", -1, 5],
    ["adora", -1, 2],
    ["osa", -1, 1],
    ["ista", -1, 1],
    ["iva", -1, 9],
    ["anza", -1, 1],
    ["logía", -1, 3],
    ["idad", -1, 8],
    ["able", -1, 1],
    ["ible", -1, 1],
    ["ante", -1, 2],
    ["mente", -1, 7],
    ["amente", 13, 6],
    ["acion", -1, 2],
    ["ucion", -1, 4],
    ["ación", -1, 2],
    ["ución", -1, 4],
    ["ico", -1, 1],
    ["ismo", -1, 1],
    ["oso", -1, 1],
    ["amiento", -1, 1],
    ["imiento", -1, 1],
    ["ivo", -1, 9],
    ["ador", -1, 2],
    ["icas", -1, 1],
    ["ancias", -1, 2],
    ["encias", -1, 5],
    ["adoras", -1, 2],
    ["osas", -1, 1],
    ["istas", -1, 1],
    ["ivas", -1, 9],
    ["anzas", -1, 1],
    ["logías", -1, 3],
    ["idades", -1, 8],
    ["ables", -1, 1],
    ["ibles", -1, 1],
    ["aciones", -1, 2],
    ["uciones", -1, 4],
    ["adores", -1, 2],
    ["antes", -1, 2],
    ["icos", -1, 1],
    ["ismos", -1, 1],
    ["osos", -1, 1],
    ["amientos", -1, 1],
    ["imientos", -1, 1],
    ["ivos", -1, 9]
  ]);
  var a_7 = among([
    ["ya", -1, 1],
    ["ye", -1, 1],
    ["yan", -1, 1],
    ["yen", -1, 1],
    ["yeron", -1, 1],
    ["yendo", -1, 1],
    ["yo", -1, 1],
    ["yas", -1, 1],
    ["yes", -1, 1],
    ["yais", -1, 1],
    ["yamos", -1, 1],
    ["yó", -1, 1]
  ]);
  var a_8 = among([
    ["aba", -1, 2],
    ["ada", -1, 2],
    ["ida", -1, 2],
    ["ara", -1, 2],
    ["iera", -1, 2],
    ["ía", -1, 2],
    ["aría", 5, 2],
    ["ería", 5, 2],
    ["iría", 5, 2],
    ["ad", -1, 2],
    ["ed", -1, 2],
    ["id", -1, 2],
    ["ase", -1, 2],
    ["iese", -1, 2],
    ["aste", -1, 2],
    ["iste", -1, 2],
    ["an", -1, 2],
    ["aban", 16, 2],
    ["aran", 16, 2],
    ["ieran", 16, 2],
    ["ían", 16, 2],
    ["arían", 20, 2],
    ["erían", 20, 2],
    ["irían", 20, 2],
    ["en", -1, 1],
    ["asen", 24, 2],
    ["iesen", 24, 2],
    ["aron", -1, 2],
    ["ieron", -1, 2],
    ["arán", -1, 2],
    ["erán", -1, 2],
    ["irán", -1, 2],
    ["ado", -1, 2],
    ["ido", -1, 2],
    ["ando", -1, 2],
    ["iendo", -1, 2],
    ["ar", -1, 2],
    ["er", -1, 2],
    ["ir", -1, 2],
    ["as", -1, 2],
    ["abas", 39, 2],
    ["adas", 39, 2],
    ["idas", 39, 2],
    ["aras", 39, 2],
    ["ieras", 39, 2],
    ["ías", 39, 2],
    ["arías", 45, 2],
    ["erías", 45, 2],
    ["irías", 45, 2],
    ["es", -1, 1],
    ["ases", 49, 2],
    ["ieses", 49, 2],
    ["abais", -1, 2],
    ["arais", -1, 2],
    ["ierais", -1, 2],
    ["íais", -1, 2],
    ["aríais", 55, 2],
    ["eríais", 55, 2],
    ["iríais", 55, 2],
    ["aseis", -1, 2],
    ["ieseis", -1, 2],
    ["asteis", -1, 2],
    ["isteis", -1, 2],
    ["áis", -1, 2],
    ["éis", -1, 1],
    ["aréis", 64, 2],
    ["eréis", 64, 2],
    ["iréis", 64, 2],
    ["ados", -1, 2],
    ["idos", -1, 2],
    ["amos", -1, 2],
    ["ábamos", 70, 2],
    ["áramos", 70, 2],
    ["iéramos", 70, 2],
    ["íamos", 70, 2],
    ["aríamos", 74, 2],
    ["eríamos", 74, 2],
    ["iríamos", 74, 2],
    ["emos", -1, 1],
    ["aremos", 78, 2],
    ["eremos", 78, 2],
    ["iremos", 78, 2],
    ["ásemos", 78, 2],
    ["iésemos", 78, 2],
    ["imos", -1, 2],
    ["arás", -1, 2],
    ["erás", -1, 2],
    ["irás", -1, 2],
    ["ís", -1, 2],
    ["ará", -1, 2],
    ["erá", -1, 2],
    ["irá", -1, 2],
    ["aré", -1, 2],
    ["eré", -1, 2],
    ["iré", -1, 2],
    ["ió", -1, 2]
  ]);
  var a_9 = among([
    ["a", -1, 1],
    ["e", -1, 2],
    ["o", -1, 1],
    ["os", -1, 1],
    ["á", -1, 1],
    ["é", -1, 2],
    ["í", -1, 1],
    ["ó", -1, 1]
  ]);

  function r_mark_regions(z) {
    z.I_pV = z.limit;
    z.I_p1 = z.limit;
    z.I_p2 = z.limit;
    var v_1 = z.cursor;
    lab0: {
      while (true) {
        var v_2 = z.cursor;
        lab1: {
          if (!z.in_grouping(g_v)) {
            break lab1;
          }
          while (true) {
            var v_3 = z.cursor;
            lab2: {
              if (!z.out_grouping(g_v)) {
                break lab2;
              }
              if (!z.go_out_grouping(g_v)) {
                break lab2;
              }
              z.cursor += 1;
              break;
            }
            z.cursor = v_3;
            if (!z.in_grouping(g_v)) {
              break lab1;
            }
            if (!z.go_in_grouping(g_v)) {
              break lab1;
            }
            z.cursor += 1;
            break;
          }
          break;
        }
        z.cursor = v_2;
        if (!z.out_grouping(g_v)) {
          break lab0;
        }
        while (true) {
          var v_4 = z.cursor;
          lab1: {
            if (!z.out_grouping(g_v)) {
              break lab1;
            }
            if (!z.go_out_grouping(g_v)) {
              break lab1;
            }
            z.cursor += 1;
            break;
          }
          z.cursor = v_4;
          if (!z.in_grouping(g_v)) {
            break lab0;
          }
          if (z.cursor >= z.limit) {
            break lab0;
          }
          z.cursor += 1;
          break;
        }
        break;
      }
      z.I_pV = z.cursor;
    }
    z.cursor = v_1;
    var v_5 = z.cursor;
    lab0: {
      if (!z.go_out_grouping(g_v)) {
        break lab0;
      }
      z.cursor += 1;
      if (!z.go_in_grouping(g_v)) {
        break lab0;
      }
      z.cursor += 1;
      z.I_p1 = z.cursor;
      if (!z.go_out_grouping(g_v)) {
        break lab0;
      }
      z.cursor += 1;
      if (!z.go_in_grouping(g_v)) {
        break lab0;
      }
      z.cursor += 1;
      z.I_p2 = z.cursor;
    }
    z.cursor = v_5;
    return true;
  }
  function r_postlude(z) {
    while (true) {
      var v_1 = z.cursor;
      lab0: {
        z.bra = z.cursor;
        var among_var = z.find_among(a_0);
        z.ket = z.cursor;
        if (among_var === 1) {
          z.slice_from("a");
        } else if (among_var === 2) {
          z.slice_from("e");
        } else if (among_var === 3) {
          z.slice_from("i");
        } else if (among_var === 4) {
          z.slice_from("o");
        } else if (among_var === 5) {
          z.slice_from("u");
        } else {
          if (z.cursor >= z.limit) {
            break lab0;
          }
          z.cursor += 1;
        }
        continue;
      }
      z.cursor = v_1;
      break;
    }
    return true;
  }
  function r_RV(z) {
    return z.I_pV <= z.cursor;
  }
  function r_R2(z) {
    return z.I_p2 <= z.cursor;
  }
  function r_attached_pronoun(z) {
    z.ket = z.cursor;
    if (z.find_among_b(a_1) === 0) {
      return false;
    }
    z.bra = z.cursor;
    var among_var = z.find_among_b(a_2);
    if (among_var === 0) {
      return false;
    }
    if (!r_RV(z)) {
      return false;
    }
    if (among_var === 1) {
      z.bra = z.cursor;
      z.slice_from("iendo");
    } else if (among_var === 2) {
      z.bra = z.cursor;
      z.slice_from("ando");
    } else if (among_var === 3) {
      z.bra = z.cursor;
      z.slice_from("ar");
    } else if (among_var === 4) {
      z.bra = z.cursor;
      z.slice_from("er");
    } else if (among_var === 5) {
      z.bra = z.cursor;
      z.slice_from("ir");
    } else if (among_var === 6) {
      z.slice_del();
    } else {
      if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "u") {
        return false;
      }
      z.cursor -= 1;
      z.slice_del();
    }
    return true;
  }
  function r_standard_suffix(z) {
    z.ket = z.cursor;
    var among_var = z.find_among_b(a_6);
    if (among_var === 0) {
      return false;
    }
    z.bra = z.cursor;
    if (among_var === 1) {
      if (!r_R2(z)) {
        return false;
      }
      z.slice_del();
    } else if (among_var === 2) {
      if (!r_R2(z)) {
        return false;
      }
      z.slice_del();
      var v_1 = z.limit - z.cursor;
      lab0: {
        z.ket = z.cursor;
        if (!z.eq_s_b("ic")) {
          z.cursor = z.limit - v_1;
          break lab0;
        }
        z.bra = z.cursor;
        if (!r_R2(z)) {
          z.cursor = z.limit - v_1;
          break lab0;
        }
        z.slice_del();
      }
    } else if (among_var === 3) {
      if (!r_R2(z)) {
        return false;
      }
      z.slice_from("log");
    } else if (among_var === 4) {
      if (!r_R2(z)) {
        return false;
      }
      z.slice_from("u");
    } else if (among_var === 5) {
      if (!r_R2(z)) {
        return false;
      }
      z.slice_from("ente");
    } else if (among_var === 6) {
      if (z.I_p1 > z.cursor) {
        return false;
      }
      z.slice_del();
      var v_2 = z.limit - z.cursor;
      lab0: {
        z.ket = z.cursor;
        var among_var = z.find_among_b(a_3);
        if (among_var === 0) {
          z.cursor = z.limit - v_2;
          break lab0;
        }
        z.bra = z.cursor;
        if (!r_R2(z)) {
          z.cursor = z.limit - v_2;
          break lab0;
        }
        z.slice_del();
        if (among_var === 1) {
          z.ket = z.cursor;
          if (!z.eq_s_b("at")) {
            z.cursor = z.limit - v_2;
            break lab0;
          }
          z.bra = z.cursor;
          if (!r_R2(z)) {
            z.cursor = z.limit - v_2;
            break lab0;
          }
          z.slice_del();
        }
      }
    } else if (among_var === 7) {
      if (!r_R2(z)) {
        return false;
      }
      z.slice_del();
      var v_3 = z.limit - z.cursor;
      lab0: {
        z.ket = z.cursor;
        if (z.find_among_b(a_4) === 0) {
          z.cursor = z.limit - v_3;
          break lab0;
        }
        z.bra = z.cursor;
        if (!r_R2(z)) {
          z.cursor = z.limit - v_3;
          break lab0;
        }
        z.slice_del();
      }
    } else if (among_var === 8) {
      if (!r_R2(z)) {
        return false;
      }
      z.slice_del();
      var v_4 = z.limit - z.cursor;
      lab0: {
        z.ket = z.cursor;
        if (z.find_among_b(a_5) === 0) {
          z.cursor = z.limit - v_4;
          break lab0;
        }
        z.bra = z.cursor;
        if (!r_R2(z)) {
          z.cursor = z.limit - v_4;
          break lab0;
        }
        z.slice_del();
      }
    } else {
      if (!r_R2(z)) {
        return false;
      }
      z.slice_del();
      var v_5 = z.limit - z.cursor;
      lab0: {
        z.ket = z.cursor;
        if (!z.eq_s_b("at")) {
          z.cursor = z.limit - v_5;
          break lab0;
        }
        z.bra = z.cursor;
        if (!r_R2(z)) {
          z.cursor = z.limit - v_5;
          break lab0;
        }
        z.slice_del();
      }
    }
    return true;
  }
  function r_y_verb_suffix(z) {
    if (z.cursor < z.I_pV) {
      return false;
    }
    var v_2 = z.limit_backward;
    z.limit_backward = z.I_pV;
    z.ket = z.cursor;
    if (z.find_among_b(a_7) === 0) {
      z.limit_backward = v_2;
      return false;
    }
    z.bra = z.cursor;
    z.limit_backward = v_2;
    if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "u") {
      return false;
    }
    z.cursor -= 1;
    z.slice_del();
    return true;
  }
  function r_verb_suffix(z) {
    if (z.cursor < z.I_pV) {
      return false;
    }
    var v_2 = z.limit_backward;
    z.limit_backward = z.I_pV;
    z.ket = z.cursor;
    var among_var = z.find_among_b(a_8);
    if (among_var === 0) {
      z.limit_backward = v_2;
      return false;
    }
    z.bra = z.cursor;
    z.limit_backward = v_2;
    if (among_var === 1) {
      var v_3 = z.limit - z.cursor;
      lab0: {
        if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "u") {
          z.cursor = z.limit - v_3;
          break lab0;
        }
        z.cursor -= 1;
        var v_4 = z.limit - z.cursor;
        if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "g") {
          z.cursor = z.limit - v_3;
          break lab0;
        }
        z.cursor -= 1;
        z.cursor = z.limit - v_4;
      }
      z.bra = z.cursor;
      z.slice_del();
    } else {
      z.slice_del();
    }
    return true;
  }
  function r_residual_suffix(z) {
    z.ket = z.cursor;
    var among_var = z.find_among_b(a_9);
    if (among_var === 0) {
      return false;
    }
    z.bra = z.cursor;
    if (among_var === 1) {
      if (!r_RV(z)) {
        return false;
      }
      z.slice_del();
    } else {
      if (!r_RV(z)) {
        return false;
      }
      z.slice_del();
      var v_1 = z.limit - z.cursor;
      lab0: {
        z.ket = z.cursor;
        if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "u") {
          z.cursor = z.limit - v_1;
          break lab0;
        }
        z.cursor -= 1;
        z.bra = z.cursor;
        var v_2 = z.limit - z.cursor;
        if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "g") {
          z.cursor = z.limit - v_1;
          break lab0;
        }
        z.cursor -= 1;
        z.cursor = z.limit - v_2;
        if (!r_RV(z)) {
          z.cursor = z.limit - v_1;
          break lab0;
        }
        z.slice_del();
      }
    }
    return true;
  }
  function stem(z) {
    r_mark_regions(z);
    z.limit_backward = z.cursor;
    z.cursor = z.limit;
    var v_1 = z.limit - z.cursor;
    r_attached_pronoun(z);
    z.cursor = z.limit - v_1;
    var v_2 = z.limit - z.cursor;
    lab0: {
      while (true) {
        var v_3 = z.limit - z.cursor;
        lab1: {
          if (!r_standard_suffix(z)) {
            break lab1;
          }
          break;
        }
        z.cursor = z.limit - v_3;
        lab1: {
          if (!r_y_verb_suffix(z)) {
            break lab1;
          }
          break;
        }
        z.cursor = z.limit - v_3;
        if (!r_verb_suffix(z)) {
          break lab0;
        }
        break;
      }
    }
    z.cursor = z.limit - v_2;
    var v_4 = z.limit - z.cursor;
    r_residual_suffix(z);
    z.cursor = z.limit - v_4;
    z.cursor = z.limit_backward;
    var v_5 = z.cursor;
    r_postlude(z);
    z.cursor = v_5;
    return true;
  }

  var STOP_WORDS = [
    "de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un", "para", "con",
    "no", "una", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "o", "este", "sí",
    "porque", "esta", "entre", "cuando", "muy", "sin", "sobre", "también", "me", "hasta", "hay",
    "donde", "quien", "desde", "todo", "nos", "durante", "todos", "uno", "les", "ni", "contra", "otros",
    "ese", "eso", "ante", "ellos", "e", "esto", "mí", "antes", "algunos", "qué", "unos", "yo", "otro",
    "otras", "otra", "él", "tanto", "esa", "estos", "mucho", "quienes", "nada", "muchos", "cual",
    "poco", "ella", "estar", "estas", "algunas", "algo", "nosotros", "mi", "mis", "tú", "te", "ti",
    "tu", "tus", "ellas", "nosotras", "vosotros", "vosotras", "os", "mío", "mía", "míos", "mías",
    "tuyo", "tuya", "tuyos", "tuyas", "suyo", "suya", "suyos", "suyas", "nuestro", "nuestra",
    "nuestros", "nuestras", "vuestro", "vuestra", "vuestros", "vuestras", "esos", "esas", "estoy",
    "estás", "está", "estamos", "estáis", "están", "esté", "estés", "estemos", "estéis", "estén",
    "estaré", "estarás", "estará", "estaremos", "estaréis", "estarán", "estaría", "estarías",
    "estaríamos", "estaríais", "estarían", "estaba", "estabas", "estábamos", "estabais", "estaban",
    "estuve", "estuviste", "estuvo", "estuvimos", "estuvisteis", "estuvieron", "estuviera",
    "estuvieras", "estuviéramos", "estuvierais", "estuvieran", "estuviese", "estuvieses",
    "estuviésemos", "estuvieseis", "estuviesen", "estando", "estado", "estada", "estados", "estadas",
    "estad", "he", "has", "ha", "hemos", "habéis", "han", "haya", "hayas", "hayamos", "hayáis", "hayan",
    "habré", "habrás", "habrá", "habremos", "habréis", "habrán", "habría", "habrías", "habríamos",
    "habríais", "habrían", "había", "habías", "habíamos", "habíais", "habían", "hube", "hubiste",
    "hubo", "hubimos", "hubisteis", "hubieron", "hubiera", "hubieras", "hubiéramos", "hubierais",
    "hubieran", "hubiese", "hubieses", "hubiésemos", "hubieseis", "hubiesen", "habiendo", "habido",
    "habida", "habidos", "habidas", "soy", "eres", "es", "somos", "sois", "son", "sea", "seas",
    "seamos", "seáis", "sean", "seré", "serás", "será", "seremos", "seréis", "serán", "sería", "serías",
    "seríamos", "seríais", "serían", "era", "eras", "éramos", "erais", "eran", "fui", "fuiste", "fue",
    "fuimos", "fuisteis", "fueron", "fuera", "fueras", "fuéramos", "fuerais", "fueran", "fuese",
    "fueses", "fuésemos", "fueseis", "fuesen", "siendo", "sido", "tengo", "tienes", "tiene", "tenemos",
    "tenéis", "tienen", "tenga", "tengas", "tengamos", "tengáis", "tengan", "tendré", "tendrás",
    "tendrá", "tendremos", "tendréis", "tendrán", "tendría", "tendrías", "tendríamos", "tendríais",
    "tendrían", "tenía", "tenías", "teníamos", "teníais", "tenían", "tuve", "tuviste", "tuvo",
    "tuvimos", "tuvisteis", "tuvieron", "tuviera", "tuvieras", "tuviéramos", "tuvierais", "tuvieran",
    "tuviese", "tuvieses", "tuviésemos", "tuvieseis", "tuviesen", "teniendo", "tenido", "tenida",
    "tenidos", "tenidas", "tened"
  ];

  snowball.define("es", stem, STOP_WORDS);
})(hubStemmers);
