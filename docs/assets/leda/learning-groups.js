/* The learning-groups page (overrides/leda-groups.html): participants in, groups of 3–4
 * out (groups.js), meetings as one calendar file per group (ics.js) and a card per group
 * to print. Nothing is stored in the browser: the plan lives in the page and in its
 * address after "#plan=" (never sent to a server), so a reload, the language switcher and
 * a shared link keep it; it is exported and imported as a JSON file,
 *   {app: "leda", kind: "learning-groups", v: 1, id, seed, list, people, groups, history,
 *    meet: {every, weekday, time, per, from, count, place}}
 * where list is the text as typed, people the participants the groups were formed from,
 * groups and history lists of groups of names. Imported and linked data is checked in
 * full before it replaces anything, and set only as text. */
(function () {
  "use strict";
  var root = document.querySelector("[data-leda-groups]");
  if (!root || !self.LedaGroups || !self.LedaIcs) return;
  var G = self.LedaGroups;
  var Ics = self.LedaIcs;
  var VERSION = 1;
  var MAX_FILE = 1024 * 1024;
  var strings = {};
  try {
    strings = JSON.parse(document.getElementById("leda-strings").textContent);
  } catch (e) {
    strings = {};
  }
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
    errors: $("[data-errors]"),
    errorList: $("[data-error-list]"),
    people: $("[data-people]"),
    list: $("[data-list]"),
    regroup: $("[data-regroup]"),
    regroupHint: $("[data-regroup-hint]"),
    status: $("[data-status]"),
    meet: $("[data-meet]"),
    first: $("[data-first]"),
    none: $("[data-none]"),
    stale: $("[data-stale]"),
    printRow: $("[data-print-row]"),
    cards: $("[data-cards]"),
    share: $("[data-share]"),
    saveStatus: $("[data-save-status]"),
    importInput: $("[data-import]"),
  };
  var FIELDS = { date: "from", time: "time", minutes: "per", count: "count", every: "every" };

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function key(text) {
    return String(text || "").normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
  }

  var state = {
    id: "",
    seed: 0,
    list: "",
    people: [],
    groups: null,
    history: [],
    meet: { every: 2, weekday: 4, time: "08:15", per: 15, from: today(), count: 6, place: "" },
  };

  // --- the plan as data: checked the same way from a file and from the address --------

  function isText(v) {
    return typeof v === "string" && v.length <= 200000;
  }

  function isNames(group) {
    return Array.isArray(group) && group.every(function (n) { return isText(n) && n.length <= 500; });
  }

  function isGrouping(grouping) {
    return Array.isArray(grouping) && grouping.length <= 1000 && grouping.every(isNames);
  }

  // The data's plan, or a reason key when it is not a learning-groups plan Leda can read.
  function check(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return "shape";
    if (data.app !== "leda" || data.kind !== "learning-groups") return "kind";
    if (typeof data.v !== "number" || data.v < 1) return "shape";
    if (data.v > VERSION) return "version";
    var people = data.people || [];
    var ok =
      isText(data.list || "") &&
      Array.isArray(people) &&
      people.length <= 5000 &&
      people.every(function (p) {
        return p && isText(p.name) && isText(p.unit) && isText(p.manager || "");
      }) &&
      (data.groups == null || isGrouping(data.groups)) &&
      Array.isArray(data.history || []) &&
      (data.history || []).length <= 100 &&
      (data.history || []).every(isGrouping) &&
      (data.meet == null || (typeof data.meet === "object" && !Array.isArray(data.meet)));
    if (!ok) return "shape";
    var m = data.meet || {};
    var meet = {};
    Object.keys(state.meet).forEach(function (k) {
      var d = state.meet[k];
      meet[k] = typeof m[k] === typeof d && String(m[k]).length <= 2000 ? m[k] : d;
    });
    return {
      id: isText(data.id) ? data.id.slice(0, 64) : "",
      seed: typeof data.seed === "number" ? data.seed >>> 0 : 0,
      list: data.list || "",
      people: people.map(function (p) {
        return { name: p.name, unit: p.unit, manager: p.manager || "" };
      }),
      groups: data.groups || null,
      history: data.history || [],
      meet: meet,
    };
  }

  function data() {
    return {
      app: "leda", kind: "learning-groups", v: VERSION, id: state.id, seed: state.seed,
      list: state.list, people: state.people, groups: state.groups, history: state.history,
      meet: state.meet,
    };
  }

  function keepInAddress() {
    var hash = "#plan=" + encodeURIComponent(JSON.stringify(data()));
    try {
      history.replaceState(history.state, "", hash);
    } catch (e) {
      /* a browser that refuses: the link field still shows the plan */
    }
    el.share.value = location.href.split("#")[0] + hash;
  }

  // --- the meetings ------------------------------------------------------------------

  function readMeet() {
    var f = el.meet.elements;
    state.meet = {
      every: +f.every.value,
      weekday: +f.weekday.value,
      time: f.time.value,
      per: f.per.value === "" ? NaN : +f.per.value,
      from: f.from.value,
      count: f.count.value === "" ? NaN : +f.count.value,
      place: f.place.value.trim(),
    };
  }

  function writeMeet() {
    var f = el.meet.elements;
    var m = state.meet;
    f.every.value = String(m.every === 4 ? 4 : 2);
    f.weekday.value = String(m.weekday >= 1 && m.weekday <= 7 ? m.weekday : 4);
    f.time.value = m.time;
    f.per.value = isNaN(m.per) ? "" : String(m.per);
    f.from.value = m.from;
    f.count.value = isNaN(m.count) ? "" : String(m.count);
    f.place.value = m.place;
  }

  // The first date on or after `from` that falls on `weekday` (1 Monday … 7 Sunday).
  function firstDate(from, weekday) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(from || "");
    if (!m) return from;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (isNaN(d)) return from;
    var iso = d.getUTCDay() || 7;
    d.setUTCDate(d.getUTCDate() + ((weekday - iso + 7) % 7));
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

  function split(minutes) {
    var tell = Math.round(minutes / 3);
    var advice = Math.round(minutes / 3);
    return { tell: tell, explore: minutes - tell - advice, advice: advice };
  }

  function isLink(text) {
    return /^https?:\/\/\S+$/i.test(text);
  }

  function event(group, n) {
    var m = state.meet;
    var minutes = m.per * group.length;
    return {
      date: firstDate(m.from, m.weekday),
      time: m.time,
      minutes: minutes,
      every: m.every,
      count: m.count,
      summary: t("groups.group", { n: n }),
      description: description(group, n),
      location: m.place || undefined,
      url: isLink(m.place) ? m.place : undefined,
      key: ["leda-learning-group", state.id, n],
    };
  }

  function roundLines(group) {
    var s = split(state.meet.per);
    return group.map(function (name) {
      return t("groups.round_line", { name: name, tell: s.tell, explore: s.explore, advice: s.advice });
    });
  }

  var RULES = ["own", "listen", "time", "confidential"];

  function description(group) {
    return [
      t("groups.ics_members", { names: group.join(", ") }),
      "",
      t("groups.rounds"),
      t("groups.rounds_intro", { n: state.meet.per }),
    ]
      .concat(roundLines(group).map(function (l) { return "– " + l; }))
      .concat(["", t("groups.rules")])
      .concat(RULES.map(function (r) { return "– " + t("groups.rule." + r); }))
      .join("\n");
  }

  // --- messages ------------------------------------------------------------------------

  function say(problem) {
    return t(problem.key, problem);
  }

  function showErrors(items) {
    el.errorList.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + item.field.id;
      a.textContent = item.text;
      a.addEventListener("click", function (e) {
        e.preventDefault(); // the address after # holds the plan
        item.field.focus();
        if (item.line && item.field.setSelectionRange) {
          var lines = item.field.value.split("\n");
          var start = lines.slice(0, item.line - 1).join("\n").length + (item.line > 1 ? 1 : 0);
          item.field.setSelectionRange(start, start + (lines[item.line - 1] || "").length);
        }
      });
      li.appendChild(a);
      el.errorList.appendChild(li);
    });
    el.errors.hidden = !items.length;
    [el.list].concat(Array.prototype.slice.call(el.meet.elements)).forEach(function (f) {
      var bad = items.some(function (i) { return i.field === f; });
      if (bad) f.setAttribute("aria-invalid", "true");
      else f.removeAttribute("aria-invalid");
    });
    var described = ["groups-list-hint"];
    if (items.some(function (i) { return i.field === el.list; })) described.push("groups-errors-title");
    el.list.setAttribute("aria-describedby", described.join(" "));
  }

  var listProblems = [];

  function meetProblems() {
    if (!state.groups) return [];
    var seen = {};
    var out = [];
    state.groups.forEach(function (g, i) {
      Ics.problems(event(g, i + 1)).forEach(function (p) {
        if (seen[p.key] || !FIELDS[p.key.slice(12)]) return;
        seen[p.key] = true;
        out.push({ text: say(p), field: el.meet.elements[FIELDS[p.key.slice(12)]] });
      });
    });
    return out;
  }

  function refreshErrors(focus) {
    var items = listProblems.concat(meetProblems());
    showErrors(items);
    if (focus && items.length) el.errors.focus();
    return items;
  }

  // --- the cards -------------------------------------------------------------------------

  var urls = [];

  function node(tag, text, cls) {
    var n = document.createElement(tag);
    if (text != null) n.textContent = text;
    if (cls) n.className = cls;
    return n;
  }

  function list(tag, items) {
    var l = document.createElement(tag);
    items.forEach(function (item) {
      var li = document.createElement("li");
      if (typeof item === "string") li.textContent = item;
      else li.appendChild(item);
      l.appendChild(li);
    });
    return l;
  }

  function render() {
    urls.forEach(function (u) { URL.revokeObjectURL(u); });
    urls = [];
    el.cards.textContent = "";
    var groups = state.groups;
    el.none.hidden = !!groups;
    el.printRow.hidden = !groups;
    el.regroup.hidden = !groups;
    el.regroupHint.hidden = !groups;
    el.stale.hidden = !groups || state.list === state.formedFrom;
    document.documentElement.classList.toggle("leda-groups-cards", !!groups);
    var first = firstDate(state.meet.from, state.meet.weekday);
    el.first.textContent = Ics.problems({ date: first, time: "00:00", minutes: 1, summary: "x" }).length
      ? "" : t("groups.first_meeting", { date: longDate(first) });
    var bad = refreshErrors(false).some(function (i) { return i.field.form === el.meet; });
    if (!groups) return;
    var people = {};
    state.people.forEach(function (p) { people[key(p.name)] = p; });
    groups.forEach(function (group, i) {
      var n = i + 1;
      var e = event(group, n);
      var card = node("article", null, "leda-groups__card");
      card.setAttribute("aria-labelledby", "groups-card-" + n);
      card.setAttribute("data-card", String(n));
      var h = node("h4", t("groups.group", { n: n }));
      h.id = "groups-card-" + n;
      card.appendChild(h);
      if (!bad) {
        card.appendChild(node("p", t(state.meet.every === 4 ? "groups.when_4" : "groups.when_2", {
          weekday: t("groups.day." + state.meet.weekday),
          start: state.meet.time,
          end: clock(state.meet.time, e.minutes),
        }) + " · " + t("groups.meetings_n", { n: state.meet.count }), "leda-groups__when"));
        if (state.meet.place) card.appendChild(node("p", t("groups.where", { place: state.meet.place })));
      }
      card.appendChild(node("h5", t("groups.members")));
      card.appendChild(list("ul", group.map(function (name) {
        var p = people[key(name)];
        return p && p.unit ? name + ", " + p.unit : name;
      })));
      if (!bad) {
        card.appendChild(node("h5", t("groups.dates")));
        card.appendChild(list("ol", Ics.occurrences(e).map(function (iso) {
          var time = node("time", longDate(iso));
          time.setAttribute("datetime", iso + "T" + state.meet.time);
          return time;
        }))).className = "leda-groups__dates";
      }
      card.appendChild(node("h5", t("groups.rounds")));
      card.appendChild(node("p", t("groups.rounds_intro", { n: state.meet.per })));
      card.appendChild(list("ol", roundLines(group)));
      card.appendChild(node("h5", t("groups.rules")));
      card.appendChild(list("ol", RULES.map(function (r) { return t("groups.rule." + r); })));
      var actions = node("p", null, "leda-groups__actions");
      if (!bad) {
        var text = null;
        try {
          text = Ics.calendar({ events: [e], lang: strings.language, name: e.summary });
        } catch (error) {
          text = null; // a problem without a field of its own: no file rather than a broken one
        }
        if (text) {
          var url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
          urls.push(url);
          var a = node("a", t("groups.ics", { n: n }), "md-button");
          a.href = url;
          a.download = t("groups.ics_file", { n: n });
          a.setAttribute("data-ics", String(n));
          actions.appendChild(a);
        }
      }
      var timer = node("a", t("groups.timer_link", { n: n }), "md-button");
      var params = new URLSearchParams();
      params.set("names", group.join("\n"));
      if (state.meet.per > 0) params.set("minutes", String(state.meet.per));
      timer.href = root.getAttribute("data-timer") + "#" + params.toString();
      actions.appendChild(timer);
      card.appendChild(actions);
      el.cards.appendChild(card);
    });
  }

  // --- forming and regrouping -------------------------------------------------------------

  function newSeed() {
    var a = new Uint32Array(1);
    (self.crypto || {}).getRandomValues ? self.crypto.getRandomValues(a) : (a[0] = Date.now());
    return a[0];
  }

  function messages(result, regrouped) {
    var out = [t("groups.formed", { n: state.people.length, groups: result.groups.length })];
    out.push(result.score.unit ? t("groups.mixed_some", { n: result.score.unit }) : t("groups.mixed_all"));
    if (regrouped) {
      out.push(result.score.repeat
        ? t("groups.repeat_some", { n: result.score.repeat }) : t("groups.repeat_none"));
      out.push(t("groups.round", { n: state.history.length + 1 }));
    }
    result.notes.forEach(function (n) { out.push(say(n)); });
    return out.join(" ");
  }

  function formGroups(regrouping) {
    state.list = el.list.value;
    var parsed = G.parse(state.list);
    listProblems = parsed.problems.map(function (p) {
      return { text: say(p), field: el.list, line: p.line };
    });
    if (listProblems.length) {
      el.status.textContent = "";
      refreshErrors(true);
      return;
    }
    var history = regrouping && state.groups ? state.history.concat([state.groups]) : [];
    var seed = newSeed();
    var result = G.regroup(parsed.participants, history, { seed: seed });
    if (result.problems.length) {
      listProblems = result.problems.map(function (p) { return { text: say(p), field: el.list }; });
      el.status.textContent = "";
      refreshErrors(true);
      return;
    }
    if (!state.id) state.id = String(newSeed().toString(36)) + newSeed().toString(36);
    state.seed = seed;
    state.history = history;
    state.people = parsed.participants.map(function (p) {
      return { name: p.name, unit: p.unit, manager: p.manager };
    });
    state.formedFrom = state.list;
    state.groups = result.groups.map(function (g) {
      return g.map(function (i) { return parsed.participants[i].name; });
    });
    render();
    keepInAddress();
    el.status.textContent = messages(result, !!history.length);
    if (el.errors.hidden === false) refreshErrors(true);
  }

  function apply(plan) {
    state.id = plan.id;
    state.seed = plan.seed;
    state.list = plan.list;
    state.people = plan.people;
    state.groups = plan.groups;
    state.history = plan.history;
    state.meet = plan.meet;
    state.formedFrom = plan.list;
    el.list.value = plan.list;
    listProblems = [];
    writeMeet();
    readMeet();
    render();
    keepInAddress();
  }

  // --- the page's events ------------------------------------------------------------------

  el.people.addEventListener("submit", function (e) {
    e.preventDefault();
    formGroups(false);
  });
  el.regroup.addEventListener("click", function () { formGroups(true); });

  var typing = 0;
  el.list.addEventListener("input", function () {
    state.list = el.list.value;
    el.stale.hidden = !state.groups || state.list === state.formedFrom;
    clearTimeout(typing);
    typing = setTimeout(keepInAddress, 400);
  });

  el.meet.addEventListener("submit", function (e) { e.preventDefault(); });
  el.meet.addEventListener("change", function () {
    readMeet();
    render();
    keepInAddress();
  });

  $("[data-print]").addEventListener("click", function () { window.print(); });

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  $("[data-export]").addEventListener("click", function () {
    var out = data();
    out.exported = new Date().toISOString();
    var name = t("groups.export_file");
    download(name, JSON.stringify(out, null, 2), "application/json");
    el.saveStatus.textContent = t("groups.exported", { file: name });
  });

  function importFailed(reason) {
    el.saveStatus.textContent = t("groups.import_bad", { reason: t("groups.import_reason." + reason) });
  }

  el.importInput.addEventListener("change", function () {
    var file = el.importInput.files && el.importInput.files[0];
    if (!file) return;
    el.importInput.value = "";
    if (file.size > MAX_FILE) return importFailed("size");
    file.text().then(function (text) {
      var parsed;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        return importFailed("json");
      }
      var plan = check(parsed);
      if (typeof plan === "string") return importFailed(plan);
      apply(plan);
      el.saveStatus.textContent = t("groups.imported", {
        n: plan.people.length, groups: plan.groups ? plan.groups.length : 0,
      });
    }, function () { importFailed("json"); });
  });

  $("[data-copy]").addEventListener("click", function () {
    var done = function () { el.saveStatus.textContent = t("groups.copied"); };
    var failed = function () {
      el.share.select();
      el.saveStatus.textContent = t("groups.copy_failed");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(el.share.value).then(done, failed);
    } else {
      failed();
    }
  });

  // --- start: the plan in the address, if any ---------------------------------------------

  var fromAddress = null;
  if (location.hash.indexOf("#plan=") === 0) {
    try {
      fromAddress = check(JSON.parse(decodeURIComponent(location.hash.slice(6))));
    } catch (e) {
      fromAddress = null;
    }
  }
  root.hidden = false;
  if (fromAddress && typeof fromAddress === "object") {
    apply(fromAddress);
  } else {
    writeMeet();
    readMeet();
    render();
    el.share.value = location.href.split("#")[0];
  }
})();
