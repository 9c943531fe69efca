/* Leda in a learning platform: the SCORM adapter of a package's launch page
 * (overrides/leda-scorm-launch.html; only ./leda scorm's packages have it).
 * It finds the platform's API (API for SCORM 1.2, API_1484_11 for 2004: up the
 * window.parent chain, at most 7 steps, then from window.opener, as the standards
 * describe), initialises once, shows the course in the frame (at the page to resume
 * at) and reports, committing after every change:
 *   completion: incomplete until every module of the package is marked done
 *               (done:<module> entries {v, done, updated}, written by journey.js
 *               when the learner presses the done button on the module or quiz page);
 *   score:      the share of the quizzes' scored questions answered right, as raw
 *               0-100 with min 0 and max 100 (scaled 0-1 too for 2004);
 *   passed or failed, when the package has a mastery score, once complete;
 *   time:       the session's length, when the learner leaves;
 *   location:   the page in the frame; suspend data: {v, d: [done modules],
 *               s: {module: raw score}} (well under 4,096 characters; the build checks).
 * It reads the learner's data through Leda.data (data.js) and hears the frame's
 * writes as storage events. Notes, commitments and the answers chosen are never
 * read for reporting, so they can never reach the platform. Without an API the
 * course works as it does offline and the status line says nothing is reported;
 * an API that answers with errors is logged (console) and said, and the learner's
 * work stays in this browser. Terminate (LMSFinish) once, on pagehide. */
(function () {
  "use strict";
  var Leda = window.Leda;
  var P = window.LedaPackage;
  var frame = document.querySelector("[data-leda-scorm-frame]");
  var status = document.querySelector("[data-leda-scorm-status]");
  if (!Leda || !Leda.data || !P || !frame || !status) return;
  var D = Leda.data;
  var t = Leda.t;
  var V12 = P.scorm === "1.2";
  var NAME = V12 ? "API" : "API_1484_11";
  var K = V12
    ? { raw: "cmi.core.score.raw", min: "cmi.core.score.min", max: "cmi.core.score.max", location: "cmi.core.lesson_location", exit: "cmi.core.exit" }
    : { raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max", location: "cmi.location", exit: "cmi.exit" };
  var F = V12
    ? { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish", error: "LMSGetLastError", text: "LMSGetErrorString" }
    : { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate", error: "GetLastError", text: "GetErrorString" };
  var LIMIT = 4096;

  function has(o, k) {
    return Object.prototype.hasOwnProperty.call(o, k);
  }

  // ---- The platform's API ------------------------------------------------------

  function scan(win) {
    for (var steps = 0; win && steps <= 7; steps++) {
      try {
        if (win[NAME]) return win[NAME];
      } catch (e) {
        return null; // another origin: no API reachable from here
      }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = scan(window);
  try {
    if (!api && window.opener) api = scan(window.opener);
  } catch (e) {
    api = null;
  }

  var live = false; // initialised and not finished
  var failed = "";
  function show(state, code) {
    status.setAttribute("data-state", state);
    status.textContent = state === "error" ? t("scorm.error", { code: code }) : t("scorm." + state);
  }
  /* One call to the API; false (and the code logged and shown) when it fails. */
  function call(fn, args) {
    var result;
    var code = "";
    try {
      result = String(api[F[fn]].apply(api, args || [""]));
    } catch (e) {
      result = "false";
      code = e && e.message ? e.message : String(e);
    }
    if (fn === "get") return result;
    if (result === "true") return true;
    try {
      code = code || String(api[F.error]()) + " " + String(api[F.text](api[F.error]()));
    } catch (e) {
      code = code || "?";
    }
    code = code.trim();
    console.error("Leda SCORM: " + F[fn] + "(" + (args && args[0] ? args[0] : "") + ") failed, error " + code);
    failed = code.split(" ")[0] || code;
    show("error", failed);
    return false;
  }

  // ---- What is reported --------------------------------------------------------

  var saved = { d: [], s: {} }; // the platform's copy (suspend data), read once
  function readSuspend(text) {
    try {
      var s = JSON.parse(text);
      if (s && s.v === 1 && Array.isArray(s.d) && s.s && typeof s.s === "object") {
        saved.d = s.d.filter(function (id) {
          return typeof id === "string";
        });
        Object.keys(s.s).forEach(function (id) {
          if (typeof s.s[id] === "number" && isFinite(s.s[id])) saved.s[id] = s.s[id];
        });
      }
    } catch (e) {
      /* empty or not Leda's: start afresh */
    }
  }

  /* Per module: done, and the quiz's raw score (this browser's data wins; else the
   * platform's copy). Only verdicts are read, never the options chosen. */
  function progress() {
    var out = { complete: true, raw: 0, max: 0, scored: false, d: [], s: {} };
    P.modules.forEach(function (m) {
      var mark = D.read("done:" + m.id);
      // As journey.js reads it: a mark a newer Leda saved counts too.
      var known = (mark.state === "ok" || mark.state === "newer") && mark.value && typeof mark.value.done === "boolean";
      var done = known ? mark.value.done : saved.d.indexOf(m.id) >= 0;
      if (done) out.d.push(m.id);
      else out.complete = false;
      var quiz = D.read("quiz:" + m.id);
      var answers = quiz.state === "ok" ? quiz.value.questions : null;
      var raw = null;
      if (answers && Object.keys(answers).length) {
        raw = m.scored.filter(function (q) {
          return has(answers, q) && answers[q].verdict === "correct";
        }).length;
      } else if (has(saved.s, m.id)) {
        raw = Math.min(saved.s[m.id], m.scored.length);
      }
      if (raw !== null) {
        out.scored = true;
        out.s[m.id] = raw;
        out.raw += raw;
      }
      out.max += m.scored.length;
    });
    return out;
  }

  function values(p) {
    var v = {};
    var pass = P.mastery == null || !p.max ? null : (100 * p.raw) / p.max >= P.mastery;
    if (V12) v["cmi.core.lesson_status"] = !p.complete ? "incomplete" : pass === null ? "completed" : pass ? "passed" : "failed";
    else {
      v["cmi.completion_status"] = p.complete ? "completed" : "incomplete";
      if (pass !== null) v["cmi.success_status"] = p.complete ? (pass ? "passed" : "failed") : "unknown";
    }
    if (p.scored && p.max) {
      // In per cent: SCORM 1.2 platforms compare the raw score with the mastery score.
      v[K.min] = "0";
      v[K.max] = "100";
      v[K.raw] = String(Math.round((100 * p.raw) / p.max));
      if (!V12) v["cmi.score.scaled"] = String(Math.round((10000 * p.raw) / p.max) / 10000);
    }
    var suspend = JSON.stringify({ v: 1, d: p.d, s: p.s });
    if (suspend.length <= LIMIT) v["cmi.suspend_data"] = suspend;
    else console.error("Leda SCORM: progress is " + suspend.length + " characters, more than " + LIMIT + "; not sent");
    if (where) v[K.location] = where;
    v[K.exit] = p.complete ? (V12 ? "" : "normal") : "suspend";
    return v;
  }

  var sent = {}; // what the platform last accepted
  function report() {
    if (!live) return;
    var v = values(progress());
    var changed = false;
    Object.keys(v).forEach(function (k) {
      if (sent[k] === v[k]) return;
      if (call("set", [k, v[k]])) sent[k] = v[k];
      changed = true;
    });
    if (changed) call("commit", [""]);
  }

  // ---- The page in the frame ---------------------------------------------------

  var root = Leda.root.href; // the package's root (leda.js: two folders above its script)
  var where = "";
  function page(href) {
    var path = href.split("#")[0].split("?")[0];
    if (path.indexOf(root) !== 0) return "";
    path = path.slice(root.length);
    return /^[a-z0-9][a-z0-9._/-]*\.html$/.test(path) && path.indexOf("..") < 0 && !/scorm-launch\.html$/.test(path) && path.length <= 255 ? path : "";
  }
  frame.addEventListener("load", function () {
    var here = "";
    try {
      here = page(frame.contentWindow.location.href);
    } catch (e) {
      here = ""; // a page of another site: the place stays the last of the course's
    }
    if (here) where = here;
    report();
  });

  // ---- Start -------------------------------------------------------------------

  var resume = "";
  if (!api) {
    show("no_api");
  } else if (call("init", [""])) {
    live = true;
    show("reporting");
    readSuspend(call("get", ["cmi.suspend_data"]));
    resume = page(new URL(call("get", [K.location]) || "#", root).href);
    // Modules the platform has as done are done here too (another browser, say).
    saved.d.forEach(function (id) {
      if (D.read("done:" + id).state === "none") D.put("done:" + id, { v: 1, done: true, updated: new Date().toISOString() });
    });
  }
  var lang = document.documentElement.lang;
  frame.src = new URL(resume || P.start[lang] || P.start[Object.keys(P.start)[0]], root).href;
  frame.hidden = false;

  D.watch(report); // the frame's pages write; this page hears it
  var began = Date.now();
  /* The session's length, as the platform adds it to the learner's time. */
  function sessionTime() {
    var s = Math.max(0, Math.round((Date.now() - began) / 1000));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    if (!V12) return "PT" + h + "H" + m + "M" + (s % 60) + "S";
    function two(n) {
      return (n < 10 ? "0" : "") + n;
    }
    return (h < 1000 ? ("000" + h).slice(-4) : String(Math.min(h, 9999))) + ":" + two(m) + ":" + two(s % 60);
  }
  var finished = false;
  window.addEventListener("pagehide", function () {
    if (!live || finished) return;
    report();
    call("set", [V12 ? "cmi.core.session_time" : "cmi.session_time", sessionTime()]);
    call("commit", [""]);
    finished = true;
    live = false;
    call("finish", [""]);
  });
})();
