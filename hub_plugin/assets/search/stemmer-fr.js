/* The Snowball French stemmer and stop words, for the hub's French search: a mechanical port of
   french_stemmer.py of the snowballstemmer package (3.1.1, generated from french.sbl by Snowball 3.1.1,
   https://snowballstem.org/algorithms/french/stemmer.html), which hub_plugin/search/stemmers.py
   runs, so that the browser stems every word as the index does (tests/test_stemmers.py compares
   them on whole dictionaries). Snowball's try/raise labels are labelled blocks and `break`s here;
   `z` is the state (basestemmer.py's self), defined with Snowball's licence in snowball.js.
   The stop words are Snowball's French list (snowball-website, algorithms/french/stop.txt), in its
   order; snowball.js folds them.
   Classic script, loaded after snowball.js: defines hubStemmers.fr. */
(function (snowball) {
  "use strict";

  var among = snowball.among, grouping = snowball.grouping;
  var g_v = grouping(["a", "e", "i", "o", "u", "y", "à", "â", "è", "é", "ê", "ë", "î", "ï", "ô", "ù", "û"]);
  var g_oux_ending = grouping(["b", "h", "j", "l", "n", "p"]);
  var g_elision_char = grouping(["c", "d", "j", "l", "m", "n", "s", "t"]);
  var g_keep_with_s = grouping(["a", "i", "o", "s", "u", "è"]);
  var a_0 = among([
    ["col", -1, -1],
    ["ni", -1, 1],
    ["par", -1, -1],
    ["tap", -1, -1]
  ]);
  var a_1 = among([
    ["", -1, 7],
    ["H", 0, 6],
    ["He", 1, 4],
    ["Hi", 1, 5],
    ["I", 0, 1],
    ["U", 0, 2],
    ["Y", 0, 3]
  ]);
  var a_2 = among([
    ["iqU", -1, 3],
    ["abl", -1, 3],
    ["Ièr", -1, 4],
    ["ièr", -1, 4],
    ["eus", -1, 2],
    ["iv", -1, 1]
  ]);
  var a_3 = among([
    ["ic", -1, 2],
    ["abil", -1, 1],
    ["iv", -1, 3]
  ]);
  var a_4 = among([
    ["iqUe", -1, 1],
    ["atrice", -1, 2],
    ["ance", -1, 1],
    ["ence", -1, 5],
    ["logie", -1, 3],
    ["able", -1, 1],
    ["isme", -1, 1],
    ["euse", -1, 12],
    ["iste", -1, 1],
    ["ive", -1, 8],
    ["if", -1, 8],
    ["usion", -1, 4],
    ["ation", -1, 2],
    ["ution", -1, 4],
    ["ateur", -1, 2],
    ["iqUes", -1, 1],
    ["atrices", -1, 2],
    ["ances", -1, 1],
    ["ences", -1, 5],
    ["logies", -1, 3],
    ["ables", -1, 1],
    ["ismes", -1, 1],
    ["euses", -1, 12],
    ["istes", -1, 1],
    ["ives", -1, 8],
    ["ifs", -1, 8],
    ["usions", -1, 4],
    ["ations", -1, 2],
    ["utions", -1, 4],
    ["ateurs", -1, 2],
    ["ments", -1, 16],
    ["ements", 30, 6],
    ["issements", 31, 13],
    ["ités", -1, 7],
    ["ment", -1, 16],
    ["ement", 34, 6],
    ["issement", 35, 13],
    ["amment", 34, 14],
    ["emment", 34, 15],
    ["aux", -1, 10],
    ["eaux", 39, 9],
    ["eux", -1, 1],
    ["oux", -1, 11],
    ["ité", -1, 7]
  ]);
  var a_5 = among([
    ["ira", -1, 1],
    ["ie", -1, 1],
    ["isse", -1, 1],
    ["issante", -1, 1],
    ["i", -1, 1],
    ["irai", 4, 1],
    ["ir", -1, 1],
    ["iras", -1, 1],
    ["ies", -1, 1],
    ["îmes", -1, 1],
    ["isses", -1, 1],
    ["issantes", -1, 1],
    ["îtes", -1, 1],
    ["is", -1, 1],
    ["irais", 13, 1],
    ["issais", 13, 1],
    ["irions", -1, 1],
    ["issions", -1, 1],
    ["irons", -1, 1],
    ["issons", -1, 1],
    ["issants", -1, 1],
    ["it", -1, 1],
    ["irait", 21, 1],
    ["issait", 21, 1],
    ["issant", -1, 1],
    ["iraIent", -1, 1],
    ["issaIent", -1, 1],
    ["irent", -1, 1],
    ["issent", -1, 1],
    ["iront", -1, 1],
    ["ît", -1, 1],
    ["iriez", -1, 1],
    ["issiez", -1, 1],
    ["irez", -1, 1],
    ["issez", -1, 1]
  ]);
  var a_6 = among([
    ["al", -1, 1],
    ["épl", -1, -1],
    ["auv", -1, -1]
  ]);
  var a_7 = among([
    ["a", -1, 3],
    ["era", 0, 2],
    ["aise", -1, 4],
    ["asse", -1, 3],
    ["ante", -1, 3],
    ["ée", -1, 2],
    ["ai", -1, 3],
    ["erai", 6, 2],
    ["er", -1, 2],
    ["as", -1, 3],
    ["eras", 9, 2],
    ["âmes", -1, 3],
    ["aises", -1, 4],
    ["asses", -1, 3],
    ["antes", -1, 3],
    ["âtes", -1, 3],
    ["ées", -1, 2],
    ["ais", -1, 4],
    ["eais", 17, 2],
    ["erais", 17, 2],
    ["ions", -1, 1],
    ["erions", 20, 2],
    ["assions", 20, 3],
    ["erons", -1, 2],
    ["ants", -1, 3],
    ["és", -1, 2],
    ["ait", -1, 3],
    ["erait", 26, 2],
    ["ant", -1, 3],
    ["aIent", -1, 3],
    ["eraIent", 29, 2],
    ["èrent", -1, 2],
    ["assent", -1, 3],
    ["eront", -1, 2],
    ["ât", -1, 3],
    ["ez", -1, 2],
    ["iez", 35, 2],
    ["eriez", 36, 2],
    ["assiez", 36, 3],
    ["erez", 35, 2],
    ["é", -1, 2]
  ]);
  var a_8 = among([
    ["e", -1, 3],
    ["Ière", 0, 2],
    ["ière", 0, 2],
    ["ion", -1, 1],
    ["Ier", -1, 2],
    ["ier", -1, 2]
  ]);
  var a_9 = among([
    ["ell", -1, -1],
    ["eill", -1, -1],
    ["enn", -1, -1],
    ["onn", -1, -1],
    ["ett", -1, -1]
  ]);

  function r_elisions(z) {
    z.bra = z.cursor;
    while (true) {
      lab0: {
        if (!z.in_grouping(g_elision_char)) {
          break lab0;
        }
        break;
      }
      if (!z.eq_s("qu")) {
        return false;
      }
      break;
    }
    if (z.cursor === z.limit || z.current[z.cursor] !== "'") {
      return false;
    }
    z.cursor += 1;
    z.ket = z.cursor;
    if (z.cursor >= z.limit) {
      return false;
    }
    z.slice_del();
    return true;
  }
  function r_prelude(z) {
    while (true) {
      var v_1 = z.cursor;
      lab0: {
        while (true) {
          var v_2 = z.cursor;
          lab1: {
            while (true) {
              var v_3 = z.cursor;
              lab2: {
                if (!z.in_grouping(g_v)) {
                  break lab2;
                }
                z.bra = z.cursor;
                while (true) {
                  var v_4 = z.cursor;
                  lab3: {
                    if (z.cursor === z.limit || z.current[z.cursor] !== "u") {
                      break lab3;
                    }
                    z.cursor += 1;
                    z.ket = z.cursor;
                    if (!z.in_grouping(g_v)) {
                      break lab3;
                    }
                    z.slice_from("U");
                    break;
                  }
                  z.cursor = v_4;
                  lab3: {
                    if (z.cursor === z.limit || z.current[z.cursor] !== "i") {
                      break lab3;
                    }
                    z.cursor += 1;
                    z.ket = z.cursor;
                    if (!z.in_grouping(g_v)) {
                      break lab3;
                    }
                    z.slice_from("I");
                    break;
                  }
                  z.cursor = v_4;
                  if (z.cursor === z.limit || z.current[z.cursor] !== "y") {
                    break lab2;
                  }
                  z.cursor += 1;
                  z.ket = z.cursor;
                  z.slice_from("Y");
                  break;
                }
                break;
              }
              z.cursor = v_3;
              lab2: {
                z.bra = z.cursor;
                if (z.cursor === z.limit || z.current[z.cursor] !== "ë") {
                  break lab2;
                }
                z.cursor += 1;
                z.ket = z.cursor;
                z.slice_from("He");
                break;
              }
              z.cursor = v_3;
              lab2: {
                z.bra = z.cursor;
                if (z.cursor === z.limit || z.current[z.cursor] !== "ï") {
                  break lab2;
                }
                z.cursor += 1;
                z.ket = z.cursor;
                z.slice_from("Hi");
                break;
              }
              z.cursor = v_3;
              lab2: {
                z.bra = z.cursor;
                if (z.cursor === z.limit || z.current[z.cursor] !== "y") {
                  break lab2;
                }
                z.cursor += 1;
                z.ket = z.cursor;
                if (!z.in_grouping(g_v)) {
                  break lab2;
                }
                z.slice_from("Y");
                break;
              }
              z.cursor = v_3;
              if (z.cursor === z.limit || z.current[z.cursor] !== "q") {
                break lab1;
              }
              z.cursor += 1;
              z.bra = z.cursor;
              if (z.cursor === z.limit || z.current[z.cursor] !== "u") {
                break lab1;
              }
              z.cursor += 1;
              z.ket = z.cursor;
              z.slice_from("U");
              break;
            }
            z.cursor = v_2;
            break;
          }
          z.cursor = v_2;
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
          if (!z.in_grouping(g_v)) {
            break lab1;
          }
          if (z.cursor >= z.limit) {
            break lab1;
          }
          z.cursor += 1;
          break;
        }
        z.cursor = v_2;
        lab1: {
          var among_var = z.find_among(a_0);
          if (among_var === 0) {
            break lab1;
          }
          if (among_var === 1) {
            if (!z.in_grouping(g_v)) {
              break lab1;
            }
          }
          break;
        }
        z.cursor = v_2;
        if (z.cursor >= z.limit) {
          break lab0;
        }
        z.cursor += 1;
        if (!z.go_out_grouping(g_v)) {
          break lab0;
        }
        z.cursor += 1;
        break;
      }
      z.I_pV = z.cursor;
    }
    z.cursor = v_1;
    var v_3 = z.cursor;
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
    z.cursor = v_3;
    return true;
  }
  function r_postlude(z) {
    while (true) {
      var v_1 = z.cursor;
      lab0: {
        z.bra = z.cursor;
        var among_var = z.find_among(a_1);
        z.ket = z.cursor;
        if (among_var === 1) {
          z.slice_from("i");
        } else if (among_var === 2) {
          z.slice_from("u");
        } else if (among_var === 3) {
          z.slice_from("y");
        } else if (among_var === 4) {
          z.slice_from("ë");
        } else if (among_var === 5) {
          z.slice_from("ï");
        } else if (among_var === 6) {
          z.slice_del();
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
  function r_R1(z) {
    return z.I_p1 <= z.cursor;
  }
  function r_R2(z) {
    return z.I_p2 <= z.cursor;
  }
  function r_standard_suffix(z) {
    z.ket = z.cursor;
    var among_var = z.find_among_b(a_4);
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
        while (true) {
          var v_2 = z.limit - z.cursor;
          lab1: {
            if (!r_R2(z)) {
              break lab1;
            }
            z.slice_del();
            break;
          }
          z.cursor = z.limit - v_2;
          z.slice_from("iqU");
          break;
        }
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
      z.slice_from("ent");
    } else if (among_var === 6) {
      if (!r_RV(z)) {
        return false;
      }
      z.slice_del();
      var v_3 = z.limit - z.cursor;
      lab0: {
        z.ket = z.cursor;
        var among_var = z.find_among_b(a_2);
        if (among_var === 0) {
          z.cursor = z.limit - v_3;
          break lab0;
        }
        z.bra = z.cursor;
        if (among_var === 1) {
          if (!r_R2(z)) {
            z.cursor = z.limit - v_3;
            break lab0;
          }
          z.slice_del();
          z.ket = z.cursor;
          if (!z.eq_s_b("at")) {
            z.cursor = z.limit - v_3;
            break lab0;
          }
          z.bra = z.cursor;
          if (!r_R2(z)) {
            z.cursor = z.limit - v_3;
            break lab0;
          }
          z.slice_del();
        } else if (among_var === 2) {
          while (true) {
            var v_4 = z.limit - z.cursor;
            lab1: {
              if (!r_R2(z)) {
                break lab1;
              }
              z.slice_del();
              break;
            }
            z.cursor = z.limit - v_4;
            if (!r_R1(z)) {
              z.cursor = z.limit - v_3;
              break lab0;
            }
            z.slice_from("eux");
            break;
          }
        } else if (among_var === 3) {
          if (!r_R2(z)) {
            z.cursor = z.limit - v_3;
            break lab0;
          }
          z.slice_del();
        } else {
          if (!r_RV(z)) {
            z.cursor = z.limit - v_3;
            break lab0;
          }
          z.slice_from("i");
        }
      }
    } else if (among_var === 7) {
      if (!r_R2(z)) {
        return false;
      }
      z.slice_del();
      var v_5 = z.limit - z.cursor;
      lab0: {
        z.ket = z.cursor;
        var among_var = z.find_among_b(a_3);
        if (among_var === 0) {
          z.cursor = z.limit - v_5;
          break lab0;
        }
        z.bra = z.cursor;
        if (among_var === 1) {
          while (true) {
            var v_6 = z.limit - z.cursor;
            lab1: {
              if (!r_R2(z)) {
                break lab1;
              }
              z.slice_del();
              break;
            }
            z.cursor = z.limit - v_6;
            z.slice_from("abl");
            break;
          }
        } else if (among_var === 2) {
          while (true) {
            var v_7 = z.limit - z.cursor;
            lab1: {
              if (!r_R2(z)) {
                break lab1;
              }
              z.slice_del();
              break;
            }
            z.cursor = z.limit - v_7;
            z.slice_from("iqU");
            break;
          }
        } else {
          if (!r_R2(z)) {
            z.cursor = z.limit - v_5;
            break lab0;
          }
          z.slice_del();
        }
      }
    } else if (among_var === 8) {
      if (!r_R2(z)) {
        return false;
      }
      z.slice_del();
      var v_8 = z.limit - z.cursor;
      lab0: {
        z.ket = z.cursor;
        if (!z.eq_s_b("at")) {
          z.cursor = z.limit - v_8;
          break lab0;
        }
        z.bra = z.cursor;
        if (!r_R2(z)) {
          z.cursor = z.limit - v_8;
          break lab0;
        }
        z.slice_del();
        z.ket = z.cursor;
        if (!z.eq_s_b("ic")) {
          z.cursor = z.limit - v_8;
          break lab0;
        }
        z.bra = z.cursor;
        while (true) {
          var v_9 = z.limit - z.cursor;
          lab1: {
            if (!r_R2(z)) {
              break lab1;
            }
            z.slice_del();
            break;
          }
          z.cursor = z.limit - v_9;
          z.slice_from("iqU");
          break;
        }
      }
    } else if (among_var === 9) {
      z.slice_from("eau");
    } else if (among_var === 10) {
      if (!r_R1(z)) {
        return false;
      }
      z.slice_from("al");
    } else if (among_var === 11) {
      if (!z.in_grouping_b(g_oux_ending)) {
        return false;
      }
      z.slice_from("ou");
    } else if (among_var === 12) {
      while (true) {
        var v_10 = z.limit - z.cursor;
        lab0: {
          if (!r_R2(z)) {
            break lab0;
          }
          z.slice_del();
          break;
        }
        z.cursor = z.limit - v_10;
        if (!r_R1(z)) {
          return false;
        }
        z.slice_from("eux");
        break;
      }
    } else if (among_var === 13) {
      if (!r_R1(z)) {
        return false;
      }
      if (!z.out_grouping_b(g_v)) {
        return false;
      }
      z.slice_del();
    } else if (among_var === 14) {
      if (!r_RV(z)) {
        return false;
      }
      z.slice_from("ant");
      return false;
    } else if (among_var === 15) {
      if (!r_RV(z)) {
        return false;
      }
      z.slice_from("ent");
      return false;
    } else {
      var v_11 = z.limit - z.cursor;
      if (!z.in_grouping_b(g_v)) {
        return false;
      }
      if (!r_RV(z)) {
        return false;
      }
      z.cursor = z.limit - v_11;
      z.slice_del();
      return false;
    }
    return true;
  }
  function r_i_verb_suffix(z) {
    if (z.cursor < z.I_pV) {
      return false;
    }
    var v_2 = z.limit_backward;
    z.limit_backward = z.I_pV;
    z.ket = z.cursor;
    if (z.find_among_b(a_5) === 0) {
      z.limit_backward = v_2;
      return false;
    }
    z.bra = z.cursor;
    lab0: {
      if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "H") {
        break lab0;
      }
      z.cursor -= 1;
      z.limit_backward = v_2;
      return false;
    }
    if (!z.out_grouping_b(g_v)) {
      z.limit_backward = v_2;
      return false;
    }
    z.slice_del();
    z.limit_backward = v_2;
    return true;
  }
  function r_verb_suffix(z) {
    if (z.cursor < z.I_pV) {
      return false;
    }
    var v_2 = z.limit_backward;
    z.limit_backward = z.I_pV;
    z.ket = z.cursor;
    var among_var = z.find_among_b(a_7);
    if (among_var === 0) {
      z.limit_backward = v_2;
      return false;
    }
    z.bra = z.cursor;
    z.limit_backward = v_2;
    if (among_var === 1) {
      if (!r_R2(z)) {
        return false;
      }
      z.slice_del();
    } else if (among_var === 2) {
      z.slice_del();
    } else if (among_var === 3) {
      var v_3 = z.limit - z.cursor;
      lab0: {
        if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "e") {
          z.cursor = z.limit - v_3;
          break lab0;
        }
        z.cursor -= 1;
        if (!r_RV(z)) {
          z.cursor = z.limit - v_3;
          break lab0;
        }
        z.bra = z.cursor;
      }
      z.slice_del();
    } else {
      var v_4 = z.limit - z.cursor;
      lab0: {
        var among_var = z.find_among_b(a_6);
        if (among_var === 0) {
          break lab0;
        }
        if (among_var === 1) {
          if (z.cursor <= z.limit_backward) {
            break lab0;
          }
          z.cursor -= 1;
          if (z.cursor > z.limit_backward) {
            break lab0;
          }
        }
        return false;
      }
      z.cursor = z.limit - v_4;
      z.slice_del();
    }
    return true;
  }
  function r_residual_suffix(z) {
    var v_1 = z.limit - z.cursor;
    lab0: {
      z.ket = z.cursor;
      if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "s") {
        z.cursor = z.limit - v_1;
        break lab0;
      }
      z.cursor -= 1;
      z.bra = z.cursor;
      var v_2 = z.limit - z.cursor;
      while (true) {
        lab1: {
          if (!z.eq_s_b("Hi")) {
            break lab1;
          }
          break;
        }
        if (!z.out_grouping_b(g_keep_with_s)) {
          z.cursor = z.limit - v_1;
          break lab0;
        }
        break;
      }
      z.cursor = z.limit - v_2;
      z.slice_del();
    }
    if (z.cursor < z.I_pV) {
      return false;
    }
    var v_4 = z.limit_backward;
    z.limit_backward = z.I_pV;
    z.ket = z.cursor;
    var among_var = z.find_among_b(a_8);
    if (among_var === 0) {
      z.limit_backward = v_4;
      return false;
    }
    z.bra = z.cursor;
    if (among_var === 1) {
      if (!r_R2(z)) {
        z.limit_backward = v_4;
        return false;
      }
      while (true) {
        lab0: {
          if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "s") {
            break lab0;
          }
          z.cursor -= 1;
          break;
        }
        if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "t") {
          z.limit_backward = v_4;
          return false;
        }
        z.cursor -= 1;
        break;
      }
      z.slice_del();
    } else if (among_var === 2) {
      z.slice_from("i");
    } else {
      z.slice_del();
    }
    z.limit_backward = v_4;
    return true;
  }
  function r_un_double(z) {
    var v_1 = z.limit - z.cursor;
    if (z.find_among_b(a_9) === 0) {
      return false;
    }
    z.cursor = z.limit - v_1;
    z.ket = z.cursor;
    if (z.cursor <= z.limit_backward) {
      return false;
    }
    z.cursor -= 1;
    z.bra = z.cursor;
    z.slice_del();
    return true;
  }
  function r_un_accent(z) {
    var v_1 = 1;
    while (true) {
      lab0: {
        if (!z.out_grouping_b(g_v)) {
          break lab0;
        }
        v_1 -= 1;
        continue;
      }
      break;
    }
    if (v_1 > 0) {
      return false;
    }
    z.ket = z.cursor;
    while (true) {
      lab0: {
        if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "é") {
          break lab0;
        }
        z.cursor -= 1;
        break;
      }
      if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "è") {
        return false;
      }
      z.cursor -= 1;
      break;
    }
    z.bra = z.cursor;
    z.slice_from("e");
    return true;
  }
  function stem(z) {
    var v_1 = z.cursor;
    r_elisions(z);
    z.cursor = v_1;
    var v_2 = z.cursor;
    r_prelude(z);
    z.cursor = v_2;
    r_mark_regions(z);
    z.limit_backward = z.cursor;
    z.cursor = z.limit;
    var v_3 = z.limit - z.cursor;
    lab0: {
      while (true) {
        var v_4 = z.limit - z.cursor;
        lab1: {
          var v_5 = z.limit - z.cursor;
          while (true) {
            var v_6 = z.limit - z.cursor;
            lab2: {
              if (!r_standard_suffix(z)) {
                break lab2;
              }
              break;
            }
            z.cursor = z.limit - v_6;
            lab2: {
              if (!r_i_verb_suffix(z)) {
                break lab2;
              }
              break;
            }
            z.cursor = z.limit - v_6;
            if (!r_verb_suffix(z)) {
              break lab1;
            }
            break;
          }
          z.cursor = z.limit - v_5;
          var v_7 = z.limit - z.cursor;
          lab2: {
            z.ket = z.cursor;
            while (true) {
              var v_8 = z.limit - z.cursor;
              lab3: {
                if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "Y") {
                  break lab3;
                }
                z.cursor -= 1;
                z.bra = z.cursor;
                z.slice_from("i");
                break;
              }
              z.cursor = z.limit - v_8;
              if (z.cursor <= z.limit_backward || z.current[z.cursor - 1] !== "ç") {
                z.cursor = z.limit - v_7;
                break lab2;
              }
              z.cursor -= 1;
              z.bra = z.cursor;
              z.slice_from("c");
              break;
            }
          }
          break;
        }
        z.cursor = z.limit - v_4;
        if (!r_residual_suffix(z)) {
          break lab0;
        }
        break;
      }
    }
    z.cursor = z.limit - v_3;
    var v_9 = z.limit - z.cursor;
    r_un_double(z);
    z.cursor = z.limit - v_9;
    var v_10 = z.limit - z.cursor;
    r_un_accent(z);
    z.cursor = z.limit - v_10;
    z.cursor = z.limit_backward;
    var v_11 = z.cursor;
    r_postlude(z);
    z.cursor = v_11;
    return true;
  }

  var STOP_WORDS = [
    "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il", "je",
    "la", "le", "leur", "lui", "ma", "mais", "me", "même", "mes", "moi", "mon", "ne", "nos", "notre",
    "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "sur", "ta", "te",
    "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "c", "d", "j", "l", "à", "m", "n",
    "s", "t", "y", "étée", "étées", "étant", "suis", "es", "êtes", "sont", "serai", "seras", "sera",
    "serons", "serez", "seront", "serais", "serait", "serions", "seriez", "seraient", "étais", "était",
    "étions", "étiez", "étaient", "fus", "fut", "fûmes", "fûtes", "furent", "sois", "soit", "soyons",
    "soyez", "soient", "fusse", "fusses", "fussions", "fussiez", "fussent", "ayant", "eu", "eue",
    "eues", "eus", "ai", "avons", "avez", "ont", "aurai", "aurons", "aurez", "auront", "aurais",
    "aurait", "aurions", "auriez", "auraient", "avais", "avait", "aviez", "avaient", "eut", "eûmes",
    "eûtes", "eurent", "aie", "aies", "ait", "ayons", "ayez", "aient", "eusse", "eusses", "eût",
    "eussions", "eussiez", "eussent", "ceci", "cela", "celà", "cet", "cette", "ici", "ils", "les",
    "leurs", "quel", "quels", "quelle", "quelles", "sans", "soi"
  ];

  snowball.define("fr", stem, STOP_WORDS);
})(hubStemmers);
