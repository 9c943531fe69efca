/* Leda opened from disk (file://): a Web Worker that runs in a hidden iframe.
 *
 * Browsers refuse to start a Web Worker from a file:// page, so search would not
 * work in the intranet copy. Material's offline plugin loads a polyfill for this
 * from unpkg.com; Leda's offline build (hooks/offline.py) loads this file instead,
 * so nothing is requested from another site. The worker's script runs in a
 * same-origin iframe whose postMessage and importScripts behave like a worker's,
 * except that importScripts returns a Promise (Material's search worker awaits
 * it). Messages wait until every script the worker asked for has loaded. On http
 * and https pages this file does nothing. */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function FileWorker(url) {
    var events = new EventTarget();
    var worker = this;
    var frame = document.createElement("iframe");
    var queue = [];
    var pending = 0;
    frame.hidden = true;
    frame.title = "search";
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    (document.body || document.documentElement).appendChild(frame);
    var w = frame.contentWindow;
    var base = new URL(url, location.href).href;

    function deliver() {
      setTimeout(function () {
        while (queue.length && pending === 0 && frame.contentWindow) {
          w.dispatchEvent(new w.MessageEvent("message", { data: queue.shift() }));
        }
      });
    }

    function load(src) {
      pending += 1;
      return new Promise(function (resolve, reject) {
        var script = w.document.createElement("script");
        script.async = false; // in the order asked for, as importScripts does
        script.src = new URL(src, base).href;
        script.onload = function () {
          pending -= 1;
          resolve();
          deliver();
        };
        script.onerror = function () {
          pending -= 1;
          var error = new Error("cannot load " + script.src);
          reject(error);
          worker.dispatchEvent(new ErrorEvent("error", { message: error.message, error: error }));
          deliver();
        };
        (w.document.head || w.document.documentElement).appendChild(script);
      });
    }

    w.importScripts = function () {
      return Promise.all(Array.prototype.map.call(arguments, load));
    };
    w.postMessage = function (data) {
      setTimeout(function () {
        var event = new MessageEvent("message", { data: data });
        if (typeof worker.onmessage === "function") worker.onmessage(event);
        events.dispatchEvent(event);
      });
    };
    w.close = function () {
      worker.terminate();
    };

    this.onmessage = null;
    this.onerror = null;
    this.addEventListener = events.addEventListener.bind(events);
    this.removeEventListener = events.removeEventListener.bind(events);
    this.dispatchEvent = function (event) {
      if (event.type === "error" && typeof worker.onerror === "function") worker.onerror(event);
      return events.dispatchEvent(event);
    };
    this.postMessage = function (data) {
      queue.push(data);
      deliver();
    };
    this.terminate = function () {
      queue = [];
      frame.remove();
    };
    load(base);
  }

  window.Worker = FileWorker;
})();
