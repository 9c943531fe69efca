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
 * `markStemmed` adds the typed term to such a result's matched words, with no
 * positions (Material highlights only positions, and the stem's are there): the
 * term counts as found, and the stem stays highlighted. */
(function () {
  "use strict";
  // This script's own address: a worker's location, or, when file-worker.js runs
  // it in an iframe (the site opened from disk), the address of its script element.
  var here = self.document && document.currentScript ? document.currentScript.src : self.location.href;
  var material = new URL(here).searchParams.get("material");
  var QUERY = 2; // Material's message type for a search query
  var word = /^[\p{L}\p{N}]+$/u;

  // A result whose matched words hold a stem of a query term, but no word starting
  // with the term itself, matched that term through the stemmer: it was found.
  function markStemmed(index, query, results) {
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
      var metadata = result.matchData.metadata;
      var words = Object.keys(metadata);
      terms.forEach(function (t) {
        var typed = words.some(function (w) {
          return w.indexOf(t.term) === 0;
        });
        var stemmed = words.some(function (w) {
          return t.stems.indexOf(w) !== -1;
        });
        if (!typed && stemmed) metadata[t.term] = {}; // no fields: nothing more to highlight
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
      markStemmed(this, query, results);
      return results;
    };
  }

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
