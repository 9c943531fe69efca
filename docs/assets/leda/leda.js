/* Leda: what every page needs. Plain JavaScript, no dependencies.
 * Loaded before Material's bundle (overrides/main.html). Pages work without it. */
(function () {
  "use strict";

  // Material's bundle fetches sitemap.xml relative to every <link rel="alternate">
  // and then rewrites clicks on links into the other language. Leda's hreflang
  // links point at this page's counterpart, so that fetch would miss (and go to
  // the production host when served elsewhere). An extra token keeps the links'
  // meaning and takes them out of the bundle's exact [rel=alternate] match.
  document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
    link.setAttribute("rel", "alternate leda");
  });

  var script = document.currentScript;

  // Material fetches the search index on every page load; Leda waits until the
  // learner opens search, so a page costs the same however large the course is.
  var searchWanted = false;
  var deferred = [];
  var xhrOpen = XMLHttpRequest.prototype.open;
  var xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.ledaSearchIndex = /\/search\/search_index\.json$/.test(String(url));
    return xhrOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.ledaSearchIndex && !searchWanted) {
      deferred.push([this, arguments]);
      return undefined;
    }
    return xhrSend.apply(this, arguments);
  };
  function wantSearch() {
    if (searchWanted) return;
    searchWanted = true;
    deferred.splice(0).forEach(function (call) {
      xhrSend.apply(call[0], call[1]);
    });
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("input.md-search__input")) wantSearch();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) wantSearch();
  });

  // Search through Leda's worker, which wraps Material's (see search-worker.js).
  var configEl = document.getElementById("__config");
  if (configEl && script) {
    try {
      var config = JSON.parse(configEl.textContent);
      var material = new URL(config.search, location.href).href;
      var worker = new URL("search-worker.js", script.src);
      worker.searchParams.set("material", material);
      config.search = worker.href;
      configEl.textContent = JSON.stringify(config);
      lazyWorker(worker.href);
    } catch (e) {
      /* leave Material's configuration as it is */
    }
  }

  // Material starts its search worker on every page load, though its first message
  // waits for the index (above). Leda's stand-in starts the worker with that message,
  // so a page that is only read loads neither worker's code.
  function lazyWorker(url) {
    var Real = window.Worker; // or, opened from disk, file-worker.js's stand-in
    if (!Real || typeof EventTarget !== "function") return;
    window.Worker = function (address, options) {
      if (String(address) !== url) return new Real(address, options);
      var proxy = new EventTarget();
      var real = null;
      proxy.postMessage = function (message) {
        if (!real) {
          real = new Real(address, options);
          real.addEventListener("message", function (event) {
            proxy.dispatchEvent(new MessageEvent("message", { data: event.data }));
          });
        }
        real.postMessage(message);
      };
      proxy.terminate = function () {
        if (real) real.terminate();
      };
      return proxy;
    };
  }
  var root = new URL("../../", script ? script.src : location.href); // the site root
  var stringsEl = document.getElementById("leda-strings");
  var strings = {};
  try {
    strings = JSON.parse(stringsEl ? stringsEl.textContent : "{}");
  } catch (e) {
    strings = {};
  }

  function t(key, vars) {
    var text = strings[key] || key;
    Object.keys(vars || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(vars[name]));
    });
    return text;
  }

  // The language switcher keeps the #anchor: the same exercise in the other language.
  document.addEventListener(
    "click",
    function (event) {
      var link = event.target.closest && event.target.closest("a[data-leda-switch]");
      if (link && location.hash) link.hash = location.hash;
    },
    true
  );

  // Material's search is a dialog without a name; give it one.
  var searchDialog = document.querySelector(".md-search[role=dialog]");
  if (searchDialog && !searchDialog.hasAttribute("aria-label")) {
    searchDialog.setAttribute("aria-label", t("search.dialog"));
  }

  // Trainers link to single exercises: a button copies the exercise's address, and
  // an opened link makes clear which exercise was meant (CSS outlines it too).
  document.querySelectorAll("[data-leda-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = new URL(location.href);
      url.hash = button.getAttribute("data-leda-copy");
      var status = button.parentNode.querySelector("[data-leda-copied]");
      function done() {
        status.textContent = t("exercise.copied");
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url.href).then(done, function () {
          location.hash = url.hash; // the address bar now holds the link
          done();
        });
      } else {
        location.hash = url.hash;
        done();
      }
    });
  });
  function markTarget() {
    var id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (e) {
      // A malformed address (#%E0%A4%A) names no exercise: nothing to mark.
      id = "";
    }
    var heading = id && document.getElementById(id);
    var exercise = heading && heading.closest(".leda-exercise");
    document.querySelectorAll(".leda-exercise.is-target").forEach(function (el) {
      el.classList.remove("is-target");
    });
    if (!exercise) return;
    exercise.classList.add("is-target");
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
  window.addEventListener("hashchange", markTarget);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", markTarget);
  else markTarget();

  // The 404 page speaks every language; show the visitor's when the address says it,
  // else the site's first (the languages are the config's, on this script's tag).
  var sections = document.querySelectorAll("[data-leda-lang]");
  if (sections.length > 1) {
    var path = location.pathname.slice(root.pathname.length);
    var lang = ((script && script.getAttribute("data-leda-languages")) || "").split(" ")[0] || sections[0].getAttribute("data-leda-lang");
    sections.forEach(function (el) {
      var code = el.getAttribute("data-leda-lang");
      if (path.indexOf(code + "/") === 0) lang = code;
    });
    sections.forEach(function (el) {
      el.hidden = el.getAttribute("data-leda-lang") !== lang;
    });
    document.documentElement.lang = lang;
  }

  window.Leda = { t: t, root: root };
})();
