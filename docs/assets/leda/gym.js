/* The leadership-gym programme (overrides/leda-gym.html): a series of short sessions,
 * each built round one of the course's exercises (the catalogue the template writes as
 * #leda-gym-catalogue, in the course's order across the tracks), with dates, the live
 * meeting's link, one .ics series (ics.js: RRULE, Europe/Stockholm) and a schedule to
 * print. A session: 5 minutes today's habit, the exercise, sharing in small groups for
 * the rest, 5 minutes until next time (the plan leadership-gym-30). The programme lives
 * in the address after "#gym=" (never sent to a server); nothing is stored. */
(function () {
  "use strict";
  var root = document.querySelector("[data-leda-gym]");
  if (!root || !self.LedaIcs) return;
  var Ics = self.LedaIcs;
  var FRAME = 10; // minutes of today's habit and until next time
  var strings = {};
  var catalogue = [];
  try {
    strings = JSON.parse(document.getElementById("leda-strings").textContent);
    catalogue = JSON.parse(document.getElementById("leda-gym-catalogue").textContent);
  } catch (e) {
    return;
  }
  if (!catalogue.length) return; // a course without short exercises: the page's text only
  var locale = strings.locale || document.documentElement.lang || "sv";
  function t(key, vars) {
    var text = strings[key] || key;
    Object.keys(vars || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(vars[name]));
    });
    return text;
  }
  function $(selector) {
    return root.querySelector(selector);
  }
  var el = {
    settings: $("[data-settings]"), errors: $("[data-errors]"), errorList: $("[data-error-list]"),
    first: $("[data-first]"), title: $("[data-schedule-title]"), when: $("[data-when]"),
    live: $("[data-live]"), actions: $("[data-actions]"), ics: $("[data-ics]"),
    status: $("[data-status]"), schedule: $("[data-schedule]"), share: $("[data-share]"),
    shareSection: $("[data-share-section]"), shareStatus: $("[data-share-status]"),
  };
  var FIELDS = { date: "from", time: "time", minutes: "minutes", count: "sessions", summary: "name" };
  var byId = {};
  catalogue.forEach(function (e) { byId[e.id] = e; });

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  var f = el.settings.elements;
  var state = {
    id: "", name: f.name.value, sessions: 10, minutes: 30, every: 1, weekday: 2, time: "08:00",
    from: today(), link: "", items: [],
  };

  function firstDate(from, weekday) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(from || "");
    if (!m) return from;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (isNaN(d)) return from;
    d.setUTCDate(d.getUTCDate() + ((weekday - (d.getUTCDay() || 7) + 7) % 7));
    return d.toISOString().slice(0, 10);
  }
  function longDate(iso) {
    try {
      return new Intl.DateTimeFormat(locale, {
        weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
      }).format(new Date(iso + "T00:00:00Z"));
    } catch (e) {
      return iso;
    }
  }
  function clock(time, minutes) {
    var p = /^(\d{2}):(\d{2})$/.exec(time || "");
    if (!p) return time;
    var total = (+p[1] * 60 + +p[2] + minutes) % 1440;
    return pad(Math.floor(total / 60)) + ":" + pad(total % 60);
  }
  function isLink(text) {
    return /^https?:\/\/\S+$/i.test(text);
  }
  function number(v) {
    return v === "" ? NaN : +v;
  }

  function fits() {
    return catalogue.filter(function (e) { return e.minutes <= state.minutes - FRAME; });
  }

  // The exercise of every session: the one chosen, or the next in the catalogue's order.
  function programme() {
    var pool = fits();
    var out = [];
    if (!pool.length || !(state.sessions >= 1)) return out;
    for (var i = 0; i < Math.min(state.sessions, 52); i++) {
      var chosen = byId[state.items[i]];
      out.push(chosen && chosen.minutes <= state.minutes - FRAME ? chosen : pool[i % pool.length]);
    }
    return out;
  }

  function blocks(exercise) {
    var share = state.minutes - FRAME - exercise.minutes;
    var out = [t("gym.min", { n: 5 }) + " " + t("gym.block.intro"),
      t("gym.min", { n: exercise.minutes }) + " " + exercise.title];
    if (share > 0) out.push(t("gym.min", { n: share }) + " " + t("gym.block.share"));
    out.push(t("gym.min", { n: 5 }) + " " + t("gym.block.close"));
    return out.join(" · ");
  }

  function trains(exercise) {
    return t("gym.trains", { topics: exercise.topics.join(", ") }) + " · " +
      t("gym.from_module", { title: exercise.module });
  }

  function series(items) {
    return {
      date: firstDate(state.from, state.weekday), time: state.time, minutes: state.minutes,
      every: state.every, count: items.length || state.sessions, summary: state.name,
      location: state.link || undefined, url: isLink(state.link) ? state.link : undefined,
      key: ["leda-gym", state.id],
    };
  }

  function whenText(e) {
    return t(state.every === 2 ? "gym.when_2" : "gym.when_1", {
      weekday: t("groups.day." + state.weekday), start: state.time, end: clock(state.time, state.minutes),
    }) + " · " + t("gym.sessions_n", { n: e.count });
  }

  function description(e, items, dates) {
    var lines = [state.name + ": " + whenText(e) + "."];
    if (state.link) lines.push(t("gym.live", { url: state.link }));
    lines.push("");
    items.forEach(function (x, i) {
      lines.push(t("gym.session", { n: i + 1 }) + ", " + longDate(dates[i]) + ": " + x.title +
        ". " + trains(x) + ".");
    });
    lines.push("", t("gym.ics_frame"));
    return lines.join("\n");
  }

  function node(tag, text, cls) {
    var n = document.createElement(tag);
    if (text != null) n.textContent = text;
    if (cls) n.className = cls;
    return n;
  }

  function showErrors(items) {
    el.errorList.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = node("a", item.text);
      a.href = "#" + item.field.id;
      a.addEventListener("click", function (e) {
        e.preventDefault();
        item.field.focus();
      });
      li.appendChild(a);
      el.errorList.appendChild(li);
    });
    el.errors.hidden = !items.length;
    Array.prototype.forEach.call(f, function (field) {
      var bad = items.some(function (i) { return i.field === field; });
      if (bad) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    });
  }

  var icsUrl = "";

  function updateIcs(items) {
    var e = series(items);
    var dates = Ics.occurrences(e);
    e.description = description(e, items, dates);
    if (icsUrl) URL.revokeObjectURL(icsUrl);
    icsUrl = URL.createObjectURL(new Blob([Ics.calendar({ events: [e], lang: strings.language, name: state.name })], {
      type: "text/calendar;charset=utf-8",
    }));
    el.ics.href = icsUrl;
    el.ics.download = t("gym.ics_file");
    return dates;
  }

  function fillSession(li, exercise, i, date) {
    var h = li.querySelector("h3");
    h.textContent = t("gym.session", { n: i + 1 }) + (date ? " · " + longDate(date) : "");
    li.setAttribute("data-date", date || "");
    li.setAttribute("data-exercise", exercise.id);
    var a = li.querySelector("[data-title] a");
    a.textContent = exercise.title;
    a.href = exercise.url;
    li.querySelector("[data-trains]").textContent = trains(exercise);
    li.querySelector("[data-blocks]").textContent = blocks(exercise);
  }

  function keepInAddress() {
    var hash = "#gym=" + encodeURIComponent(JSON.stringify(state));
    try {
      history.replaceState(history.state, "", hash);
    } catch (e) {
      /* the link field still shows the programme */
    }
    el.share.value = location.href.split("#")[0] + hash;
  }

  function render() {
    var items = programme();
    var e = series(items);
    var problems = [];
    if (!fits().length) {
      var least = Math.min.apply(null, catalogue.map(function (x) { return x.minutes; })) + FRAME;
      problems.push({ text: t("gym.too_short", { n: least }), field: f.minutes });
    }
    var seen = {};
    Ics.problems(e).forEach(function (p) {
      if (seen[p.key] || !FIELDS[p.key.slice(12)]) return;
      seen[p.key] = true;
      problems.push({ text: t(p.key), field: f[FIELDS[p.key.slice(12)]] });
    });
    if (!(state.sessions >= 1 && state.sessions <= 52 && state.sessions % 1 === 0) && !seen.count) {
      problems.push({ text: t("ics.problem.count"), field: f.sessions });
    }
    showErrors(problems);
    var ok = !problems.length;
    el.title.textContent = t("gym.schedule") + ": " + state.name;
    el.when.textContent = ok ? whenText(e) : "";
    el.live.hidden = !state.link;
    el.live.textContent = state.link ? t("gym.live", { url: state.link }) : "";
    el.first.textContent = ok ? t("gym.first", { date: longDate(e.date) }) : "";
    el.actions.hidden = !ok;
    el.schedule.textContent = "";
    if (!ok) return;
    var dates = updateIcs(items);
    var pool = fits();
    items.forEach(function (exercise, i) {
      var li = node("li", null, "leda-gym__session");
      li.appendChild(node("h3"));
      var title = node("p", null, "leda-gym__title");
      title.setAttribute("data-title", "");
      title.appendChild(node("a"));
      li.appendChild(title);
      li.appendChild(node("p")).setAttribute("data-trains", "");
      li.appendChild(node("p", null, "leda-gym__blocks")).setAttribute("data-blocks", "");
      var choose = node("p", null, "leda-gym__choose");
      var label = node("label", t("gym.exercise", { n: i + 1 }));
      label.htmlFor = "gym-exercise-" + (i + 1);
      var select = document.createElement("select");
      select.id = "gym-exercise-" + (i + 1);
      pool.forEach(function (x) {
        var o = node("option", x.title + " (" + t("gym.min", { n: x.minutes }) + ", " + x.module + ")");
        o.value = x.id;
        select.appendChild(o);
      });
      select.value = exercise.id;
      select.addEventListener("change", function () {
        state.items = programme().map(function (x) { return x.id; });
        state.items[i] = select.value;
        var now = programme();
        fillSession(li, now[i], i, dates[i]);
        updateIcs(now);
        keepInAddress();
      });
      choose.appendChild(label);
      choose.appendChild(select);
      li.appendChild(choose);
      fillSession(li, exercise, i, dates[i]);
      el.schedule.appendChild(li);
    });
  }

  function read() {
    state.name = f.name.value.trim();
    state.sessions = number(f.sessions.value);
    state.minutes = number(f.minutes.value);
    state.every = +f.every.value;
    state.weekday = +f.weekday.value;
    state.time = f.time.value;
    state.from = f.from.value;
    state.link = f.link.value.trim();
  }

  function write() {
    f.name.value = state.name;
    f.sessions.value = isNaN(state.sessions) ? "" : String(state.sessions);
    f.minutes.value = isNaN(state.minutes) ? "" : String(state.minutes);
    f.every.value = String(state.every === 2 ? 2 : 1);
    f.weekday.value = String(state.weekday >= 1 && state.weekday <= 7 ? state.weekday : 2);
    f.time.value = state.time;
    f.from.value = state.from;
    f.link.value = state.link;
  }

  // A programme from the address: only known keys of the right type are taken.
  if (location.hash.indexOf("#gym=") === 0) {
    try {
      var saved = JSON.parse(decodeURIComponent(location.hash.slice(5)));
      Object.keys(state).forEach(function (k) {
        if (saved && typeof saved[k] === typeof state[k] && k !== "items") state[k] = saved[k];
      });
      if (saved && Array.isArray(saved.items)) {
        state.items = saved.items.filter(function (x) { return typeof x === "string"; }).slice(0, 52);
      }
    } catch (e) {
      /* an unreadable address: the default programme */
    }
  }
  if (!state.id) state.id = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
  write();
  read();
  el.settings.hidden = false;
  el.shareSection.hidden = false;
  el.settings.addEventListener("submit", function (e) { e.preventDefault(); });
  el.settings.addEventListener("change", function () {
    read();
    render();
    keepInAddress();
  });
  $("[data-print]").addEventListener("click", function () { window.print(); });
  $("[data-copy]").addEventListener("click", function () {
    var done = function () { el.shareStatus.textContent = t("groups.copied"); };
    var failed = function () {
      el.share.select();
      el.shareStatus.textContent = t("groups.copy_failed");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(el.share.value).then(done, failed);
    else failed();
  });
  render();
  keepInAddress();
})();
