/* Leda's search worker: Material's own worker, taught Swedish and English word forms.
 *
 * For search-as-you-type, Material turns every term into a prefix query (`term*`),
 * and lunr skips the stemmer for such terms: "tilliten" would then not find a page
 * that says "tillit". Leda sends each plain term twice, as Material does and as
 * `term~0`, an exact match after stemming. leda.js points Material at this file. */
(function () {
  "use strict";
  // This script's own address: a worker's location, or, when file-worker.js runs
  // it in an iframe (the site opened from disk), the address of its script element.
  var here = self.document && document.currentScript ? document.currentScript.src : self.location.href;
  var material = new URL(here).searchParams.get("material");
  var QUERY = 2; // Material's message type for a search query
  var word = /^[\p{L}\p{N}]+$/u;

  self.addEventListener("message", function (event) {
    var message = event.data;
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
