/* Leda's search worker: Material's own worker, taught Swedish and English word forms.
 *
 * For search-as-you-type, Material turns every term into a prefix query (`term*`),
 * and lunr skips the stemmer for such terms: "tilliten" would then not find a page
 * that says "tillit". Leda sends each plain term twice, as Material does and as
 * `term~0`, an exact match after stemming. leda.js points Material at this file.
 *
 * Material then marks each term of the query found or missing for every result
 * (the result's `terms`, shown as "Saknas: ~~tilliten~~"): found when a word the
 * result matched starts with the term as typed. A stemmed match ("tilliten" found
 * as "tillit") fails that test, so the hit said the word it had found was missing.
 * Leda notes, for every result lunr returns, the terms it matched only through
 * their stem (`stemmedTerms`), and marks them found in the result Material sends
 * back. The stem is highlighted already (Material highlights every matched word),
 * and the ranking stays Material's, where a word as typed counts more. */
(function () {
  "use strict";
  // This script's own address: a worker's location, or, when file-worker.js runs
  // it in an iframe (the site opened from disk), the address of its script element.
  var here = self.document && document.currentScript ? document.currentScript.src : self.location.href;
  var material = new URL(here).searchParams.get("material");
  var QUERY = 2; // Material's message type for a search query
  var word = /^[\p{L}\p{N}]+$/u;

  var RESULT = 3; // and for its result
  var stemmed = {}; // the last search: result → the terms it matched through their stem

  // A result whose matched words hold a stem of a query term, but no word starting
  // with the term itself, matched that term through the stemmer: it was found.
  function stemmedTerms(index, query, results) {
    stemmed = {};
    var parsed = new self.lunr.Query(index.fields);
    try {
      new self.lunr.QueryParser(query, parsed).parse();
    } catch (err) {
      return; // Material reports the invalid query itself
    }
    var terms = parsed.clauses
      .filter(function (clause) {
        return clause.presence !== self.lunr.Query.presence.PROHIBITED;
      })
      .map(function (clause) {
        var term = clause.term.replace(/^\*|\*$/g, "");
        return { term: term, stems: index.pipeline.runString(term) };
      });
    results.forEach(function (result) {
      var words = Object.keys(result.matchData.metadata);
      stemmed[result.ref] = terms
        .filter(function (t) {
          var typed = words.some(function (w) {
            return w.indexOf(t.term) === 0;
          });
          return !typed && words.some(function (w) {
            return t.stems.indexOf(w) !== -1;
          });
        })
        .map(function (t) {
          return t.term;
        });
    });
  }

  function patchLunr() {
    var lunr = self.lunr;
    if (!lunr || !lunr.Index || lunr.Index.prototype.ledaSearch) return;
    var search = lunr.Index.prototype.search;
    lunr.Index.prototype.ledaSearch = search;
    lunr.Index.prototype.search = function (query) {
      var results = search.call(this, query);
      stemmedTerms(this, query, results);
      return results;
    };
  }

  // Material's worker answers with the global postMessage: the terms found through
  // their stem are marked found before the result leaves.
  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && Array.isArray(message.data.items)) {
      message.data.items.forEach(function (group) {
        group.forEach(function (item) {
          (stemmed[item.location] || []).forEach(function (term) {
            if (item.terms && item.terms[term] === false) item.terms[term] = true;
          });
        });
      });
    }
    return post.apply(self, arguments);
  };

  self.addEventListener("message", function (event) {
    var message = event.data;
    patchLunr(); // Material's lunr (self.lunr) is loaded by now
    if (!message || message.type !== QUERY || message.leda || typeof message.data !== "string") return;
    event.stopImmediatePropagation();
    var query = message.data
      .split(/\s+/)
      .map(function (term) {
        return word.test(term) ? term + " " + term + "~0" : term;
      })
      .join(" ");
    self.dispatchEvent(new MessageEvent("message", { data: { type: QUERY, data: query, leda: true } }));
  });

  // Material loads its language files relative to its own worker, not this one.
  var load = self.importScripts;
  self.importScripts = function () {
    var urls = Array.prototype.map.call(arguments, function (url) {
      return new URL(url, material).href;
    });
    return load.apply(self, urls);
  };

  self.importScripts(material);
})();
