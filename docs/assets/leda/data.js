/* Leda's learner data: the one file that knows how it is kept (localStorage, this browser).
 * Keys: "leda:<store>:<kind>:<id>", <store> the site's path or <html data-leda-store> (an
 * LMS package's id). Times: toISOString() or null. KINDS below: id, version, check, and
 * up[n] turning version n into n + 1 (v0: no v, the time in `at`).
 *   note:<module>/<exercise>, conflict:<module>/<exercise> (its copy to review)
 *                    {v: 1, text, updated}
 *   done:<module>    {v: 1, done, updated}
 *   quiz:<module>    {v: 1, questions: {<question>: {chosen: [<option>], verdict, at}}}
 *   backup:<name>:<ms>  {v: 1, name, raw, at}: unreadable, or replaced by an import;
 *                    one per distinct raw (older quiz.js's quiz:<id>:unreadable:<ms> too)
 *   place:last       {v: 1, module, section, title, lang, updated}: the module page the
 *                    learner was on last and the heading (id, text, its language) last
 *                    scrolled past ("" at the top)
 *   commitment:<module>  {v: 1, text, option, due, made, updated, later, answer}: what the
 *                    learner will do (option: the module's suggestion id or null), due a
 *                    day "2026-12-09"; later: the follow-up waits until then (or null);
 *                    answer: null or the follow-up {result: done|partly|not-yet, note, at}
 *   name:record      {v: 1, name, updated}: the name on the record, kept when asked to
 *   (these three are exported as places, commitments and names: a later, different
 *   entry wins; a replaced commitment is kept as a backup)
 * Older versions are migrated on reading; a newer version's entry is never written.
 * Leda.data: state ("ok", "full", "readonly", "unavailable": probed once per page);
 *   read(name) → {state: none|ok|newer|corrupt|unavailable, value, raw};
 *   put(name, value) → ok|full|unavailable|newer|stuck: never over a newer entry, nor
 *   over an unreadable one it could not back up; keep(name, raw); remove; names(prefix);
 *   watch(fn) (other tabs); backups(); snapshot() → {name: raw}; apply(writes) (all or
 *   none); clear(); joinText. Pure: entry(name, raw); exported(snap, ms); parse(text) →
 *   {data} | {error}; merge(data, snap, ms) → {writes, counts}. The merge: times after
 *   the import count as its moment; of two texts of a note the later wins, the other
 *   becomes its copy; a later, different mark or answer wins, the old one is kept. */
(function () {
  "use strict";
  var Leda = (window.Leda = window.Leda || {});
  var PREFIX = "leda:" + (document.documentElement.getAttribute("data-leda-store") || (Leda.root ? Leda.root.pathname : "/")) + ":";
  var ID = "[a-z0-9]+(?:-[a-z0-9]+)*";
  var PLAIN = new RegExp("^" + ID + "$");
  var LEGACY = /^quiz:([a-z0-9-]+):unreadable:(\d+)$/;

  function has(o, k) {
    return Object.prototype.hasOwnProperty.call(o, k);
  }
  function isObj(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }
  function str(x) {
    return typeof x === "string";
  }
  function iso(ms) {
    return new Date(ms).toISOString();
  }
  // null, or a real time as toISOString() writes it: not "1", not "2023-02-30T…"
  function time(x) {
    return x == null || (str(x) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/.test(x) && !isNaN(Date.parse(x)) && iso(Date.parse(x)).slice(0, 19) === x.slice(0, 19));
  }
  // a day as "2026-12-09", one that is in the calendar
  function day(x) {
    return str(x) && /^\d{4}-\d\d-\d\d$/.test(x) && !isNaN(Date.parse(x)) && iso(Date.parse(x)).slice(0, 10) === x;
  }
  function assign(to, from) {
    Object.keys(from).forEach(function (k) {
      to[k] = from[k];
    });
    return to;
  }
  function v0(value) {
    var out = assign({}, value);
    delete out.at;
    out.v = 1;
    out.updated = value.updated || value.at || null;
    return out;
  }
  var NOTE = {
    id: new RegExp("^" + ID + "/" + ID + "$"),
    v: 1,
    ok: function (v) {
      return str(v.text) && time(v.updated);
    },
    up: [v0],
  };
  var KINDS = {
    note: NOTE,
    conflict: NOTE,
    done: {
      id: PLAIN,
      v: 1,
      ok: function (v) {
        return typeof v.done === "boolean" && time(v.updated);
      },
      up: [v0],
    },
    quiz: {
      id: PLAIN,
      v: 1,
      ok: function (v) {
        return (
          isObj(v.questions) &&
          Object.keys(v.questions).every(function (q) {
            var a = v.questions[q];
            return PLAIN.test(q) && isObj(a) && Array.isArray(a.chosen) && a.chosen.every(str) && str(a.verdict) && time(a.at);
          })
        );
      },
      up: [],
    },
    // ---- journey: the last place, commitments with their follow-up, the record's name
    place: {
      id: /^last$/,
      v: 1,
      plain: true,
      ok: function (v) {
        return PLAIN.test(v.module) && str(v.section) && str(v.title) && str(v.lang) && time(v.updated);
      },
      up: [],
    },
    commitment: {
      id: PLAIN,
      v: 1,
      plain: true,
      keep: true,
      ok: function (v) {
        var a = v.answer;
        return (
          str(v.text) && !!v.text.trim() && (v.option === null || PLAIN.test(v.option)) && day(v.due) && str(v.made) && time(v.made) && time(v.updated) && time(v.later) &&
          (a === null || (isObj(a) && /^(done|partly|not-yet)$/.test(a.result) && str(a.note) && str(a.at) && time(a.at)))
        );
      },
      up: [],
    },
    name: {
      id: /^record$/,
      v: 1,
      plain: true,
      ok: function (v) {
        return str(v.name) && time(v.updated);
      },
      up: [],
    },
    // ---- end of journey's kinds
    backup: {
      id: /:\d+$/,
      v: 1,
      ok: function (v) {
        return str(v.name) && str(v.raw) && time(v.at);
      },
      up: [],
    },
  };
  function kindOf(name) {
    var k = name.slice(0, name.indexOf(":"));
    return has(KINDS, k) ? KINDS[k] : null;
  }

  function entry(name, raw) {
    if (raw == null) return { state: "none" };
    var kind = kindOf(name);
    var value;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      /* corrupt */
    }
    if (kind && kind.id.test(name.slice(name.indexOf(":") + 1)) && isObj(value)) {
      if (typeof value.v === "number" && value.v > kind.v) return { state: "newer", value: value, raw: raw };
      for (var v = value.v === undefined ? 0 : value.v; typeof v === "number" && kind.up[v] && v < kind.v; v++) value = kind.up[v](value);
      if (value.v === kind.v && kind.ok(value)) return { state: "ok", value: value, raw: raw };
    }
    return { state: "corrupt", raw: raw };
  }

  // ---- Storage, probed once ----------------------------------------------------

  var S = null;
  var state = "unavailable";
  function quota(e) {
    return /quota/i.test(e.name) || e.code === 22; // QuotaExceededError, NS_ERROR_DOM_QUOTA_REACHED
  }
  try {
    S = window.localStorage;
    S.getItem(PREFIX + "probe");
    state = "ok";
    S.setItem(PREFIX + "probe", "1");
    S.removeItem(PREFIX + "probe");
  } catch (e) {
    if (state === "ok") state = quota(e) ? "full" : "readonly";
    else S = null;
  }

  function keys() {
    try {
      return Object.keys(S || {}).filter(function (k) {
        return k.indexOf(PREFIX) === 0;
      });
    } catch (e) {
      return [];
    }
  }
  var known = null; // the stored names, listed once
  function list() {
    if (!known) {
      known = {};
      keys().forEach(function (k) {
        if (kindOf(k.slice(PREFIX.length))) known[k.slice(PREFIX.length)] = 1;
      });
    }
    return known;
  }
  function names(start) {
    return Object.keys(list())
      .filter(function (n) {
        return n.indexOf(start || "") === 0;
      })
      .sort();
  }
  function read(name) {
    try {
      return S ? entry(name, S.getItem(PREFIX + name)) : { state: "unavailable" };
    } catch (e) {
      return { state: "unavailable" };
    }
  }
  function write(name, value) {
    try {
      S.setItem(PREFIX + name, JSON.stringify(value));
      list()[name] = 1;
      return "ok";
    } catch (e) {
      return S && quota(e) ? "full" : "unavailable";
    }
  }
  function remove(name) {
    try {
      S.removeItem(PREFIX + name);
      delete list()[name];
      return true;
    } catch (e) {
      return false;
    }
  }
  function snapshot(start) {
    var snap = {};
    if (!start) known = null; // all of it: listed afresh
    names(start).forEach(function (n) {
      var raw = read(n).raw;
      if (raw != null) snap[n] = raw;
    });
    return snap;
  }

  function backupsOf(snap) {
    var out = [];
    Object.keys(snap)
      .sort()
      .forEach(function (n) {
        var m = LEGACY.exec(n);
        var e = entry(n, snap[n]);
        if (m) {
          var raw = snap[n];
          try {
            raw = str(JSON.parse(raw)) ? JSON.parse(raw) : raw;
          } catch (err) {
            /* kept as it is */
          }
          out.push({ name: "quiz:" + m[1], raw: raw, at: iso(Math.min(Number(m[2]), 8.64e15)), legacy: n });
        } else if (n.indexOf("backup:") === 0) {
          out.push(e.state === "ok" ? { name: e.value.name, raw: e.value.raw, at: e.value.at || null } : { name: n, raw: snap[n], at: null });
        }
      });
    return out;
  }
  function backups() {
    return backupsOf(assign(snapshot("backup:"), snapshot("quiz:")));
  }
  function kept(list, name, raw) {
    return list.some(function (b) {
      return b.name === name && b.raw === raw && !b.legacy;
    });
  }
  function backupKey(name, ms, taken) {
    while (has(taken, "backup:" + name + ":" + ms)) ms++;
    return "backup:" + name + ":" + ms;
  }
  function keep(name, raw, at) {
    return kept(backups(), name, raw) || write(backupKey(name, Date.now(), list()), { v: 1, name: name, raw: raw, at: at || iso(Date.now()) }) === "ok";
  }
  function put(name, value) {
    var cur = read(name);
    if (cur.state === "unavailable" || cur.state === "newer") return cur.state;
    return cur.state !== "corrupt" || keep(name, cur.raw) ? write(name, value) : "stuck";
  }

  if (state === "ok") {
    backupsOf(snapshot("quiz:")).forEach(function (b) {
      if (b.legacy && keep(b.name, b.raw, b.at)) remove(b.legacy);
    });
  }

  // ---- The backup file: export, check, merge (pure), apply ---------------------

  var PARTS = { notes: "note", copies: "conflict", progress: "done", quizzes: "quiz", places: "place", commitments: "commitment", names: "name" };
  function without(x, key) {
    var out = assign({}, x);
    delete out[key];
    return out;
  }
  // An entry's content for comparing: every key but v and updated, in one order.
  function canon(x) {
    return isObj(x)
      ? "{" + Object.keys(x).sort().filter(function (k) {
          return k !== "v" && k !== "updated";
        }).map(function (k) {
          return JSON.stringify(k) + ":" + canon(x[k]);
        }).join(",") + "}"
      : JSON.stringify(x);
  }

  function exported(snap, at) {
    var doc = { app: "leda", kind: "journal", v: 1, exported: iso(at), notes: {}, copies: {}, progress: {}, quizzes: {}, places: {}, commitments: {}, names: {}, backups: [] };
    var part = {};
    Object.keys(PARTS).forEach(function (p) {
      part[PARTS[p]] = doc[p];
    });
    backupsOf(snap).forEach(function (b) {
      doc.backups.push({ name: b.name, raw: b.raw, at: b.at });
    });
    Object.keys(snap)
      .sort()
      .forEach(function (n) {
        var k = n.slice(0, n.indexOf(":"));
        var id = n.slice(k.length + 1);
        if (!has(part, k) || LEGACY.test(n)) return;
        var e = entry(n, snap[n]);
        var v = e.value && assign(assign({}, e.value), { v: 1 }); // a newer entry's readable part
        if (v && KINDS[k].ok(v)) {
          if (k === "quiz") part[k][id] = { v: 1, questions: v.questions };
          else if (k === "done") part[k][id] = { done: v.done, updated: v.updated || null };
          else if (KINDS[k].plain) part[k][id] = without(v, "v");
          else if (v.text) part[k][id] = { text: v.text, updated: v.updated || null };
        } else if (e.raw && !kept(doc.backups, n, snap[n])) {
          doc.backups.push({ name: n, raw: snap[n], at: iso(at) });
        }
      });
    return doc;
  }

  function fail(key, vars) {
    return { error: ["journal.import_" + key, vars] };
  }

  function parse(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return fail("invalid_json");
    }
    // Forbidden names and depth, without recursion: a file may nest 100 000 levels deep.
    for (var todo = [[data, 0]]; todo.length; ) {
      var item = todo.pop();
      var ks = item[0] !== null && typeof item[0] === "object" ? Object.keys(item[0]) : [];
      if (item[1] > 32) return fail("too_deep");
      for (var i = 0; i < ks.length; i++) {
        if (/^(__proto__|constructor|prototype)$/.test(ks[i])) return fail("bad_key", { key: ks[i] });
        todo.push([item[0][ks[i]], item[1] + 1]);
      }
    }
    if (!isObj(data) || data.app !== "leda" || data.kind !== "journal") return fail("wrong_app");
    if (data.v !== 1) return fail(typeof data.v === "number" && data.v > 1 ? "newer" : "schema", { v: String(data.v) });
    for (var p in PARTS) {
      if (!has(PARTS, p) || data[p] === undefined) continue;
      if (!isObj(data[p])) return fail("bad_entry", { key: p });
      var kind = KINDS[PARTS[p]];
      for (var id in data[p]) {
        var x = isObj(data[p][id]) && assign({ v: 1 }, data[p][id]);
        if (!kind.id.test(id) || !x || x.v !== 1 || !kind.ok(x)) return fail("bad_entry", { key: p + " › " + id });
      }
    }
    var list = data.backups === undefined ? [] : data.backups;
    var ok =
      Array.isArray(list) &&
      list.every(function (b) {
        return isObj(b) && KINDS.backup.ok(b);
      });
    return ok ? { data: data } : fail("bad_entry", { key: "backups" });
  }

  function joinText(before, add) {
    if (!add || before.indexOf(add) >= 0) return before;
    return before ? before + "\n\n" + add : add;
  }

  function merge(data, snap, at) {
    var writes = [];
    var counts = { added: 0, updated: 0, same: 0, copies: 0, replaced: 0 };
    var copies = {};
    var backups = backupsOf(snap);
    var taken = assign({}, snap);
    function ms(x) {
      return Math.min(x ? Date.parse(x) : 0, at);
    }
    function upto(x) {
      return x && Date.parse(x) < at ? x : iso(at);
    }
    function backup(name, raw, t) {
      if (kept(backups, name, raw)) return;
      var key = backupKey(name, at, taken);
      taken[key] = 1;
      backups.push({ name: name, raw: raw });
      writes.push([key, { v: 1, name: name, raw: raw, at: upto(t) }]);
    }
    function cur(name) {
      var e = entry(name, has(snap, name) ? snap[name] : null);
      if (e.state === "corrupt") backup(name, e.raw);
      return e;
    }
    function copy(id, add) {
      copies[id] = joinText(copies[id] || "", add);
    }
    function each(part, fn) {
      Object.keys(data[part] || {}).forEach(function (id) {
        fn(id, data[part][id]);
      });
    }
    each("notes", function (id, theirs) {
      var name = "note:" + id;
      var e = cur(name);
      var ours = e.value || {};
      var note = [name, { v: 1, text: theirs.text, updated: upto(theirs.updated) }];
      if (e.state === "newer") {
        if (theirs.text !== ours.text) copy(id, theirs.text);
      } else if (e.state !== "ok" || !ours.text) {
        if (!theirs.text) return;
        writes.push(note);
        counts.added++;
      } else if (ours.text === theirs.text) {
        counts.same++;
      } else {
        counts.copies++;
        var later = ms(theirs.updated) > ms(ours.updated);
        if (later) writes.push(note);
        if (later) counts.updated++;
        copy(id, later ? ours.text : theirs.text);
      }
    });
    each("copies", function (id, theirs) {
      copy(id, theirs.text);
    });
    Object.keys(copies).forEach(function (id) {
      var name = "conflict:" + id;
      var e = cur(name);
      if (e.state === "newer") return backup(name, copies[id]);
      var before = e.state === "ok" ? e.value.text : "";
      var after = joinText(before, copies[id]);
      if (after !== before) writes.push([name, { v: 1, text: after, updated: iso(at) }]);
    });
    each("progress", function (id, theirs) {
      var name = "done:" + id;
      var e = cur(name);
      var later = e.state === "ok" && theirs.done !== e.value.done && ms(theirs.updated) > ms(e.value.updated);
      if (later) {
        backup(name, e.raw, e.value.updated);
        counts.replaced++;
      }
      if (e.state === "none" || e.state === "corrupt" || later) writes.push([name, { v: 1, done: theirs.done, updated: upto(theirs.updated) }]);
    });
    each("quizzes", function (id, quiz) {
      var name = "quiz:" + id;
      var e = cur(name);
      if (e.state === "newer") return backup(name, JSON.stringify({ v: 1, questions: quiz.questions }));
      var merged = e.state === "ok" ? assign({}, e.value.questions) : {};
      var changed = 0;
      var replaced = 0;
      Object.keys(quiz.questions).forEach(function (q) {
        var a = assign({}, quiz.questions[q]);
        var ours = has(merged, q) && merged[q];
        a.at = upto(a.at);
        if (ours && (JSON.stringify([ours.chosen, ours.verdict]) === JSON.stringify([a.chosen, a.verdict]) || ms(a.at) <= ms(ours.at))) return;
        if (ours) replaced++;
        merged[q] = a;
        changed++;
      });
      if (replaced) backup(name, e.raw);
      counts.replaced += replaced;
      if (changed) writes.push([name, { v: 1, questions: merged }]);
    });
    // journey's kinds: a later, different entry wins (a replaced commitment is kept)
    Object.keys(PARTS).forEach(function (part) {
      var kind = KINDS[PARTS[part]];
      if (kind.plain) each(part, function (id, theirs) {
        var name = PARTS[part] + ":" + id;
        var e = cur(name);
        var value = assign(assign({ v: kind.v }, theirs), { updated: upto(theirs.updated) });
        var later = e.state === "ok" && canon(e.value) !== canon(value) && ms(theirs.updated) > ms(e.value.updated);
        if (later && kind.keep) {
          backup(name, e.raw, e.value.updated);
          counts.replaced++;
        }
        if (e.state === "none" || e.state === "corrupt" || later) writes.push([name, value]);
      });
    });
    (data.backups || []).forEach(function (b) {
      backup(b.name, b.raw, b.at);
    });
    return { writes: writes, counts: counts };
  }

  function apply(writes) {
    if (!S) return "unavailable";
    var undo = [];
    try {
      writes.forEach(function (w) {
        var key = PREFIX + w[0];
        undo.push([key, S.getItem(key)]);
        S.setItem(key, JSON.stringify(w[1]));
      });
      return "ok";
    } catch (e) {
      undo.reverse().forEach(function (u) {
        try {
          if (u[1] === null) S.removeItem(u[0]);
          else S.setItem(u[0], u[1]);
        } catch (e2) {
          /* the key still holds its old value */
        }
      });
      return quota(e) ? "full" : "unavailable";
    } finally {
      known = null;
    }
  }

  function clear() {
    var ok = !!S;
    keys().forEach(function (k) {
      ok = remove(k.slice(PREFIX.length)) && ok;
    });
    known = null;
    return ok;
  }

  var watchers = [];
  window.addEventListener("storage", function (event) {
    var name = event.key && event.key.slice(PREFIX.length);
    if (!S || (event.key !== null && (event.key.indexOf(PREFIX) !== 0 || !kindOf(name)))) return; // not learner data
    known = null;
    watchers.forEach(function (fn) {
      fn(name);
    });
  });

  Leda.data = {
    state: state,
    read: read,
    put: put,
    keep: keep,
    remove: remove,
    names: names,
    watch: function (fn) {
      watchers.push(fn);
    },
    backups: backups,
    snapshot: snapshot,
    apply: apply,
    clear: clear,
    joinText: joinText,
    entry: entry,
    exported: exported,
    parse: parse,
    merge: merge,
    MAX_IMPORT: 5 * 1024 * 1024,
  };
})();
