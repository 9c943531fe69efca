/* Leda's journey, on every page (after data.js and, where it is, journal.js): where the
 * learner was (place:last, on module pages: the module and the last h2/h3 scrolled past),
 * "continue where you left off" (partials/leda/continue.html), the done button and its
 * state (module and quiz pages), done marks in the navigation and on cards, progress per
 * track and for the course. It loads the code of the rest only where it is needed: the
 * commitment on a module page (commitment.js, as its section nears the screen; the
 * calendar file's ics.js when asked for) and the follow-up of a commitment whose day has
 * come (followup.js, partials/leda/followup.html). Stored only through
 * Leda.data; a module is done only when the learner marks it. Leda.journey: done(id),
 * marked(id) (true, false or null), render(), reset(). */
(function () {
  "use strict";
  var Leda = window.Leda;
  if (!Leda || !Leda.data) return;
  var D = Leda.data;
  var t = Leda.t;
  var locale = t("locale");
  var lang = document.documentElement.lang;
  var DAY = 864e5;
  var marks = {}; // marks that could not be stored: they last while the page is open

  function $(sel, root) {
    return (root || document).querySelector(sel);
  }
  function $$(sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  }
  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }
  function now() {
    return new Date().toISOString();
  }
  function today(plus) {
    var d = new Date(Date.now() + (plus || 0) * DAY);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function local(day) {
    var p = String(day).split("-");
    return new Date(+p[0], p[1] - 1, +p[2]);
  }
  function dayText(x) {
    var d = x.length === 10 ? local(x) : new Date(x);
    return d.toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric" });
  }
  function value(name) {
    var e = D.read(name);
    return e.state === "ok" ? e.value : null;
  }
  function say(el, key, vars, warn) {
    el.textContent = key ? t(key, vars) : "";
    el.classList.toggle("is-warning", !!warn);
  }

  // ---- Done: only what the learner marks -----------------------------------

  function marked(id) {
    if (Object.prototype.hasOwnProperty.call(marks, id)) return marks[id];
    var e = D.read("done:" + id);
    return (e.state === "ok" || e.state === "newer") && typeof e.value.done === "boolean" ? e.value.done : null;
  }
  function done(id) {
    return marked(id) === true;
  }
  function ids(root, sel) {
    var seen = {};
    $$(sel || "[data-leda-module]", root).forEach(function (el) {
      seen[el.getAttribute("data-leda-module")] = 1;
    });
    return Object.keys(seen);
  }
  function count(list) {
    return list.filter(done).length;
  }
  /* The module a link goes to ("…/modules/<id>/", or "…/modules/<id>.html" in the
   * offline copy and SCORM packages, built without directory URLs), or null. */
  function linked(a) {
    var url = new URL(a.href, location.href);
    var m = !url.hash && /\/modules\/([a-z0-9-]+)(?:\/(?:index\.html)?|\.html)$/.exec(url.pathname);
    return m && m[1];
  }
  function mark(link, on) {
    var old = $("[data-leda-done-mark]", link);
    if (!on) return old && old.remove();
    if (old) return;
    var span = document.createElement("span");
    span.className = "leda-done-mark";
    span.setAttribute("data-leda-done-mark", "");
    var check = document.createElement("span");
    var words = document.createElement("span");
    check.setAttribute("aria-hidden", "true");
    check.textContent = "✓";
    words.className = "leda-sr-only";
    words.textContent = " " + t("journey.nav_done");
    span.appendChild(check);
    span.appendChild(words);
    link.appendChild(span);
  }

  function render() {
    $$(".md-nav__link[href]").forEach(function (a) {
      var id = linked(a);
      if (id) mark(a, done(id));
    });
    // Cards whose modules have no state in words get the same mark on their link.
    $$("[data-leda-track] [data-leda-module]").forEach(function (el) {
      if ($("[data-leda-state]", el)) return;
      var a = el.matches("a") ? el : $("a", el);
      if (a) mark(a, done(el.getAttribute("data-leda-module")));
    });
    $$("[data-leda-track-progress]").forEach(function (el) {
      var list = ids(document, '[data-leda-track="' + el.getAttribute("data-leda-track-progress") + '"] [data-leda-module]');
      el.textContent = t("journey.track_progress", { done: count(list), total: list.length });
      el.hidden = false;
    });
    $$("[data-leda-course-progress]").forEach(function (el) {
      var list = ids(document);
      el.textContent = t("progress.count", { done: count(list), total: list.length });
      el.hidden = false;
    });
    $$("[data-leda-done], [data-leda-quiz-done]").forEach(function (box) {
      var id = box.getAttribute("data-leda-quiz-done") || box.closest("[data-leda-module]").getAttribute("data-leda-module");
      var yes = done(id);
      var e = D.read("done:" + id);
      var at = yes && e.state === "ok" && !Object.prototype.hasOwnProperty.call(marks, id) && e.value.updated;
      $("[data-leda-done-toggle]", box).textContent = t(yes ? "journey.mark_undone" : "journey.mark_done");
      $("[data-leda-done-text]", box).textContent = yes ? (at ? t("journey.done_on", { date: dayText(at) }) : t("journey.done")) : t("journey.not_done");
      if (box.hasAttribute("data-leda-done")) box.hidden = false;
    });
    renderContinue();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-leda-done-toggle]");
    if (!button) return;
    var box = button.closest("[data-leda-done], [data-leda-quiz-done]");
    var id = box.getAttribute("data-leda-quiz-done") || box.closest("[data-leda-module]").getAttribute("data-leda-module");
    var next = !done(id);
    var result = D.put("done:" + id, { v: 1, done: next, updated: now() });
    if (result === "ok") delete marks[id];
    else if (result !== "newer") marks[id] = next;
    say($("[data-leda-done-status]", box), result === "ok" ? "" : "progress." + result, null, result !== "ok");
    render();
    if (Leda.notes && Leda.notes.progress) Leda.notes.progress();
  });

  // ---- Where the learner was, and where to continue --------------------------

  var module = $(".leda-module[data-leda-module]");
  var written = "";
  function heading() {
    var found = null;
    $$(".leda-module h2[id], .leda-module h3[id]").forEach(function (h) {
      if (h.getBoundingClientRect().top < window.innerHeight / 3) found = h; // in view, or above
    });
    return found;
  }
  function record() {
    var h = heading();
    var title = "";
    if (h) {
      var copy = h.cloneNode(true);
      $$(".headerlink", copy).forEach(function (a) {
        a.remove();
      });
      title = copy.textContent.trim();
    }
    var place = { module: module.getAttribute("data-leda-module"), section: h ? h.id : "", title: title, lang: lang };
    var key = JSON.stringify(place);
    if (key === written) return;
    place.v = 1;
    place.updated = now();
    if (D.put("place:last", place) === "ok") written = key;
  }
  if (module && D.state === "ok") {
    var timer = 0;
    window.addEventListener(
      "scroll",
      function () {
        clearTimeout(timer);
        timer = setTimeout(record, 400);
      },
      { passive: true }
    );
    window.addEventListener("pagehide", record);
    setTimeout(record, 0);
  }

  function renderContinue() {
    $$("[data-leda-continue]").forEach(function (box) {
      var order = [];
      try {
        order = JSON.parse($("[data-leda-order]", box).textContent);
      } catch (e) {
        /* no order: nothing to show */
      }
      var place = value("place:last");
      var at = -1;
      order.forEach(function (m, i) {
        if (place && m.id === place.module) at = i;
      });
      box.hidden = at < 0;
      if (at < 0) return;
      var here = place.section && place.lang === lang && place.title;
      var link = $("[data-continue-link]", box);
      link.textContent = order[at].title + (here ? " – " + place.title : "");
      link.href = order[at].url + (here ? "#" + place.section : "");
      var next = null;
      for (var k = 1; k < order.length && !next; k++) {
        var m = order[(at + k) % order.length];
        if (!done(m.id)) next = m;
      }
      $("[data-continue-next]", box).hidden = !next;
      if (next) {
        $("[data-continue-next-link]", box).textContent = next.title;
        $("[data-continue-next-link]", box).href = next.url;
      }
    });
  }

  // ---- The follow-up: its code (followup.js) loads only when a commitment's day has come

  function due() {
    var day = today();
    return D.names("commitment:")
      .map(function (n) {
        return [n, value(n)];
      })
      .filter(function (c) {
        var v = c[1];
        return v && !v.answer && v.due <= day && !(v.later && Date.parse(v.later) > Date.now());
      })
      .sort(function (a, b) {
        return a[1].due < b[1].due ? -1 : 1;
      })[0];
  }

  function load(file) {
    var script = document.createElement("script");
    script.src = new URL("assets/leda/" + file, Leda.root).href;
    document.head.appendChild(script);
  }
  render();
  if (due()) load("followup.js");
  // The commitment's code (commitment.js) loads as its section comes near the screen.
  var commitment = $("[data-leda-commitment]");
  if (commitment && window.IntersectionObserver) {
    var seen = new IntersectionObserver(
      function (entries) {
        if (!entries[0].isIntersecting) return;
        seen.disconnect();
        load("commitment.js");
      },
      { rootMargin: "600px 0px" }
    );
    seen.observe(commitment);
  } else if (commitment) {
    load("commitment.js");
  }
  D.watch(render);

  Leda.journey = {
    done: done,
    marked: marked,
    render: render,
    due: due,
    linked: linked,
    local: local,
    today: today,
    dayText: dayText,
    say: say,
    value: value,
    reset: function () {
      marks = {};
      render();
    },
  };
})();
