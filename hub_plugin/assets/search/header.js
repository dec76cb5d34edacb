/* The header's search box on every page: the first results while typing.
 *
 * Most readers never search, so nothing is loaded until the box is first used:
 * then the engine's classic scripts (their addresses are on the form, data-scripts:
 * the stemmer of the edition's language, the index's head, the engine) are added to the page one after
 * another, which works from file:// as well as from a server, and the engine loads
 * the pieces each query needs, the same pieces as Explore's. Enter still opens
 * Explore with the query.
 */
(function () {
  "use strict";

  var SHOWN = 6;

  /* The page's words for the search, in its language (data-messages, from render/browser_messages.py):
     Explore reads them through window.HubMessages too. A count's form is chosen by CLDR's rules
     (Intl.PluralRules) and its number written as the language writes numbers. */
  function Messages(node) {
    var given = {};
    try { given = JSON.parse((node && node.getAttribute("data-messages")) || "{}"); } catch (error) { given = {}; }
    var language = given.language || document.documentElement.lang || "en";
    this.given = given;
    this.plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(language) : null;
    this.number = window.Intl && Intl.NumberFormat ? new Intl.NumberFormat(language) : null;
  }
  Messages.prototype.say = function (key) { return this.given[key] || key; };
  Messages.prototype.count = function (key, n) {
    var forms = this.given[key] || {};
    var form = this.plural ? this.plural.select(n) : (n === 1 ? "one" : "other");
    var text = forms[form] || forms.other || key;
    return text.replace("{n}", this.number ? this.number.format(n) : String(n));
  };
  window.HubMessages = Messages;

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    for (var name in attributes || {}) node.setAttribute(name, attributes[name]);
    if (text != null) node.textContent = text;
    return node;
  }

  function loadInOrder(sources, done) {
    if (!sources.length) { done(); return; }
    var script = document.createElement("script");
    script.src = sources[0];
    script.onload = function () { loadInOrder(sources.slice(1), done); };
    script.onerror = function () { done(new Error(sources[0])); };
    document.head.appendChild(script);
  }

  function HeaderSearch(form) {
    this.form = form;
    this.input = form.querySelector("input[type=search]");
    this.panel = form.querySelector(".hub-header-results");
    this.list = this.panel.querySelector("ul");
    this.status = this.panel.querySelector("[role=status]");
    this.all = this.panel.querySelector(".hub-header-results__all");
    this.root = form.getAttribute("data-root") || "";
    this.messages = new Messages(form);
    this.engine = null;
    this.loading = false;
    var self = this;
    this.input.addEventListener("focus", function () { self.load(); });
    this.input.addEventListener("input", function () { self.load(); self.update(); });
    form.addEventListener("keydown", function (event) { self.key(event); });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) self.close();
    });
  }

  HeaderSearch.prototype.load = function () {
    if (this.engine || this.loading) return;
    var self = this;
    var ready = function () {
      self.engine = window.HubSearch.shared(window.HUB_INDEX);
      self.engine.piece("table").catch(function () {});  // every query needs it: while the reader types
      self.update();
    };
    if (window.HUB_INDEX && window.HubSearch && window.HubSearch.stemmer(window.HUB_INDEX)) { ready(); return; }  // Explore has them
    this.loading = true;
    var sources = (this.form.getAttribute("data-scripts") || "").split(" ").filter(Boolean);
    loadInOrder(sources, function (failed) {
      self.loading = false;
      if (failed) { self.show(self.messages.say("unavailable")); return; }
      ready();
    });
  };

  HeaderSearch.prototype.update = function () {
    var text = this.input.value.trim();
    var token = this.token = (this.token || 0) + 1;
    if (!text) { this.list.textContent = ""; this.close(); return; }
    if (!this.engine) { this.list.textContent = ""; this.show(this.messages.say("loading")); return; }
    var self = this, engine = this.engine, found = null;
    engine.ready(text).then(function () {
      if (token !== self.token) return null;
      found = engine.search(text, {}, null);
      return engine.docsReady(found.results.slice(0, SHOWN).map(function (result) { return result.doc; }));
    }).then(function () {
      if (token === self.token && found) self.render(text, found);
    }).catch(function () {
      if (token === self.token) self.show(self.messages.say("unavailable"));
    });
  };

  HeaderSearch.prototype.render = function (text, found) {
    this.list.textContent = "";
    var labels = this.engine.index.facetLabels.kind, kinds = this.engine.index.facetValues.kind;
    var results = found.results.slice(0, SHOWN);
    for (var i = 0; i < results.length; i++) {
      var entry = this.engine.doc(results[i].doc);
      var item = element("li");
      var link = element("a", { href: this.root + entry[0] });
      link.appendChild(element("span", { "class": "hub-header-results__title" }, entry[2]));
      var kind = kinds.indexOf(entry[1]);
      link.appendChild(element("span", { "class": "hub-header-results__kind" }, kind >= 0 ? labels[kind] : entry[1]));
      item.appendChild(link);
      this.list.appendChild(item);
    }
    var count = found.results.length;
    this.all.href = this.form.getAttribute("action") + "#q=" + encodeURIComponent(text);
    this.all.hidden = count <= results.length;
    this.all.textContent = this.messages.count("allResults", count);
    this.show(count === 0 ? this.messages.say("noResult") : this.messages.count("results", count));
  };

  HeaderSearch.prototype.show = function (message) {
    this.status.textContent = message;
    this.panel.hidden = false;
  };

  HeaderSearch.prototype.close = function () {
    this.panel.hidden = true;
  };

  /* Down and up move through the results, Escape closes them and returns to the box. */
  HeaderSearch.prototype.key = function (event) {
    var links = Array.prototype.slice.call(this.panel.querySelectorAll("a:not([hidden])"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      this.close();
      this.input.focus();
      event.preventDefault();
    } else if (event.key === "ArrowDown" && !this.panel.hidden && links.length) {
      links[Math.min(at + 1, links.length - 1)].focus();
      event.preventDefault();
    } else if (event.key === "ArrowUp" && at >= 0) {
      if (at === 0) this.input.focus(); else links[at - 1].focus();
      event.preventDefault();
    }
  };

  function start() {
    var form = document.querySelector(".hub-header-search");
    if (form) window.hubHeaderSearch = new HeaderSearch(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
