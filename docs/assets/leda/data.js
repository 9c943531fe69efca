/* Leda's learner data: the one file that knows how it is kept in this browser.
 * Loaded on every page after leda.js; nothing else touches localStorage.
 *
 * Keys: "leda:<store>:<kind>:<id>". <store> is the site's path ("/", "/leda/"), so two
 * sites on one origin never share, or the data-leda-store attribute of <html> when a
 * page sets one (an LMS package: its own id). Times are ISO 8601 in UTC, or null.
 *
 *   note:<module>/<exercise>      {v: 1, text, updated}  the learner's note
 *   conflict:<module>/<exercise>  {v: 1, text, updated}  a copy to review (another tab, an import)
 *   done:<module>                 {v: 1, done, updated}  marked done, or explicitly not done
 *   quiz:<module>                 {v: 1, questions: {<question>: {chosen: [<option>], verdict, at}}}
 *   backup:<name>:<ms>            {v: 1, name, raw, at}  data that could not be read, or that an
 *                                 import replaced: one per distinct raw text of an entry <name>
 * KINDS below holds each kind's id, version, check and migrations: a new kind is a row.
 * Older versions are migrated on reading: version 0 (note, conflict, done) had no `v` and
 * the time under `at`; quiz:<module>:unreadable:<ms> (the raw text as a JSON string, from
 * an older quiz.js) becomes a backup. An entry of a newer version is read, never written.
 *
 * Leda.data (read, put and keep are what pages use; the rest is the journal page's):
 *   state               what the one probe at loading found: "ok", "full", "readonly"
 *                       (reading works, writing does not) or "unavailable"
 *   read(name)          {state: "none" | "ok" | "newer" | "corrupt" | "unavailable", value, raw}
 *   put(name, value)    "ok" | "full" | "unavailable" | "newer" | "stuck": never over a newer
 *                       entry, nor over an unreadable one it could not back up first ("stuck")
 *   keep(name, raw)     back up raw as <name>'s; true when it is kept (now or before)
 *   remove(name), names(prefix), watch(fn(name or null)) on changes made in other tabs
 *   backups()           [{name, raw, at}]
 *   snapshot()          {name: raw} of all learner data, the input of the pure functions:
 *   entry(name, raw)    what read() returns, for a stored text
 *   exported(snap, at)  the JSON backup document at time `at` (ms)
 *   parse(text)         {data} or {error: [string key, vars]}: a backup file checked in full
 *   merge(data, snap, at)  {writes: [[name, value]], counts}: the import's writes (rule below)
 *   apply(writes)       "ok" | "full" | "unavailable": all the writes or none
 *   clear()             delete all learner data; false when it could not
 * The merge rule: times later than the import (`at`) count as `at`. A new entry is added.
 * Of two different texts of a note the later wins and the other becomes its copy to review;
 * a mark or a quiz answer is replaced only by a different, later one, and the replaced
 * entry is kept as a backup. Unreadable entries are backed up before anything replaces
 * them; a newer Leda's entries are left alone (what would replace them is kept beside). */
(function () {
  "use strict";
  var Leda = (window.Leda = window.Leda || {});
  var html = document.documentElement;
  var PREFIX = "leda:" + (html.getAttribute("data-leda-store") || (Leda.root ? Leda.root.pathname : "/")) + ":";
  var V = 1;
  var ID = "[a-z0-9]+(?:-[a-z0-9]+)*";
  var PLAIN = new RegExp("^" + ID + "$");
  var BAD_KEYS = ["__proto__", "constructor", "prototype"];
  var LEGACY = /^quiz:([a-z0-9-]+):unreadable:(\d+)$/;
  var MAX_IMPORT = 5 * 1024 * 1024;
  var MAX_ENTRIES = 2000;
  var MAX_DEPTH = 32;

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
  /* null, or a real time as toISOString writes it ("1" or "2023-02-30T…" are not). */
  function stamp(x) {
    if (x === null || x === undefined) return true;
    if (!str(x) || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/.test(x)) return false;
    var d = new Date(x);
    return !isNaN(d) && iso(d).slice(0, 19) === x.slice(0, 19);
  }
  function assign(to, from) {
    Object.keys(from).forEach(function (k) {
      to[k] = from[k];
    });
    return to;
  }
  /* Version 0 → 1: `v` added, the time moved from `at` to `updated`. */
  function v0(value) {
    var out = assign({}, value);
    delete out.at;
    out.v = 1;
    out.updated = value.updated || value.at || null;
    return out;
  }
  function text(v) {
    return str(v.text) && stamp(v.updated);
  }
  function answer(a) {
    return isObj(a) && Array.isArray(a.chosen) && a.chosen.every(str) && str(a.verdict) && stamp(a.at);
  }

  /* Every kind of entry: the id after "<kind>:", the current version, the check of a
   * current entry, and up[n], which turns version n into n + 1. */
  var KINDS = {
    note: { id: new RegExp("^" + ID + "/" + ID + "$"), v: 1, ok: text, up: [v0] },
    conflict: { id: new RegExp("^" + ID + "/" + ID + "$"), v: 1, ok: text, up: [v0] },
    done: {
      id: PLAIN,
      v: 1,
      ok: function (v) {
        return typeof v.done === "boolean" && stamp(v.updated);
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
            return PLAIN.test(q) && answer(v.questions[q]);
          })
        );
      },
      up: [],
    },
    backup: {
      id: /^.+:\d+$/,
      v: 1,
      ok: function (v) {
        return str(v.name) && str(v.raw) && stamp(v.at);
      },
      up: [],
    },
  };
  function kindOf(name) {
    var k = name.slice(0, name.indexOf(":"));
    return has(KINDS, k) ? KINDS[k] : null;
  }

  /* A stored text as an entry: migrated, checked. Pure. */
  function entry(name, raw) {
    if (raw === null || raw === undefined) return { state: "none" };
    var kind = kindOf(name);
    var bad = { state: "corrupt", raw: raw };
    var value;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      return bad;
    }
    if (!kind || !kind.id.test(name.slice(name.indexOf(":") + 1)) || !isObj(value)) return bad;
    if (typeof value.v === "number" && value.v > kind.v) return { state: "newer", value: value, raw: raw };
    var v = value.v === undefined ? 0 : value.v;
    while (kind.up[v] && v < kind.v) value = kind.up[v++](value);
    return value.v === kind.v && kind.ok(value) ? { state: "ok", value: value, raw: raw } : bad;
  }

  // ---- Storage: probed once --------------------------------------------------

  var S = null;
  var state = "unavailable";
  function quota(e) {
    return !!e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22);
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

  /* Every stored key of this store (kinds of a newer Leda too). */
  function keys() {
    try {
      return Object.keys(S || {}).filter(function (k) {
        return k.indexOf(PREFIX) === 0;
      });
    } catch (e) {
      return [];
    }
  }
  var known = null; // the names of stored learner data, listed once, kept up to date
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
  function get(name) {
    return S.getItem(PREFIX + name);
  }
  function read(name) {
    try {
      return S ? entry(name, get(name)) : { state: "unavailable" };
    } catch (e) {
      return { state: "unavailable" };
    }
  }
  function write(name, value) {
    if (!S) return "unavailable";
    try {
      S.setItem(PREFIX + name, JSON.stringify(value));
      list()[name] = 1;
      return "ok";
    } catch (e) {
      return quota(e) ? "full" : "unavailable";
    }
  }
  function remove(name) {
    try {
      S.removeItem(PREFIX + name);
      if (known) delete known[name];
      return true;
    } catch (e) {
      return false;
    }
  }
  function snapshot(start) {
    var snap = {};
    names(start).forEach(function (n) {
      try {
        snap[n] = get(n);
      } catch (e) {
        /* left out */
      }
    });
    return snap;
  }

  /* The backups in a snapshot: backup entries, and older quiz.js's unreadable copies. */
  function backupsOf(snap) {
    var out = [];
    Object.keys(snap)
      .sort()
      .forEach(function (n) {
        var m = LEGACY.exec(n);
        var e = m ? null : n.indexOf("backup:") === 0 && entry(n, snap[n]);
        if (e && e.state === "ok") out.push({ name: e.value.name, raw: e.value.raw, at: e.value.at || null });
        else if (e) out.push({ name: n, raw: snap[n], at: null }); // a backup that cannot be read itself
        if (m) {
          var raw = snap[n];
          try {
            raw = str(JSON.parse(raw)) ? JSON.parse(raw) : raw;
          } catch (err) {
            /* kept as it is */
          }
          out.push({ name: "quiz:" + m[1], raw: raw, at: iso(Math.min(Number(m[2]), 8.64e15)), legacy: n });
        }
      });
    return out;
  }
  function kept(list, name, raw) {
    return list.some(function (b) {
      return b.name === name && b.raw === raw;
    });
  }
  /* A free backup key for <name>, after `at` (ms). */
  function backupKey(name, at, taken) {
    while (has(taken, "backup:" + name + ":" + at)) at++;
    return "backup:" + name + ":" + at;
  }
  function backups() {
    return backupsOf(assign(snapshot("backup:"), snapshot("quiz:")));
  }
  function keep(name, raw, at) {
    if (kept(backups(), name, raw)) return true;
    return write(backupKey(name, Date.now(), list()), { v: V, name: name, raw: raw, at: at || iso(Date.now()) }) === "ok";
  }
  function put(name, value) {
    var cur = read(name);
    if (cur.state === "unavailable" || cur.state === "newer") return cur.state;
    if (cur.state === "corrupt" && !keep(name, cur.raw)) return "stuck";
    return write(name, value);
  }

  // Older quiz.js's unreadable copies become backups, once kept the new way.
  if (state === "ok") {
    backupsOf(snapshot("quiz:")).forEach(function (b) {
      if (b.legacy && keep(b.name, b.raw, b.at)) remove(b.legacy);
    });
  }

  // ---- The backup file: export, check, merge (pure) ---------------------------

  var PARTS = { notes: "note", copies: "conflict", progress: "done", quizzes: "quiz" };

  function exported(snap, at) {
    var doc = { app: "leda", kind: "journal", v: V, exported: iso(at), notes: {}, copies: {}, progress: {}, quizzes: {}, backups: [] };
    var backups = backupsOf(snap).map(function (b) {
      return { name: b.name, raw: b.raw, at: b.at };
    });
    var part = {};
    Object.keys(PARTS).forEach(function (p) {
      part[PARTS[p]] = doc[p];
    });
    Object.keys(snap)
      .sort()
      .forEach(function (n) {
        var k = n.slice(0, n.indexOf(":"));
        var id = n.slice(k.length + 1);
        if (!has(part, k) || LEGACY.test(n)) return;
        var e = entry(n, snap[n]);
        var v = e.value && assign(assign({}, e.value), { v: V }); // a newer entry's readable part
        if (e.state === "none") return;
        if ((e.state === "ok" || e.state === "newer") && KINDS[k].ok(v)) {
          if (k === "quiz") part[k][id] = { v: V, questions: v.questions };
          else if (k === "done") part[k][id] = { done: v.done, updated: v.updated || null };
          else if (v.text) part[k][id] = { text: v.text, updated: v.updated || null };
        } else if (!kept(backups, n, snap[n])) {
          backups.push({ name: n, raw: snap[n], at: iso(at) });
        }
      });
    doc.backups = backups;
    return doc;
  }

  function fail(key, vars) {
    return { error: ["journal.import_" + key, vars] };
  }

  /* Forbidden keys and nesting, without recursion (a file can nest 100 000 deep). */
  function walk(data) {
    var todo = [[data, 0]];
    while (todo.length) {
      var item = todo.pop();
      if (item[1] > MAX_DEPTH) return fail("too_deep");
      var keys = item[0] !== null && typeof item[0] === "object" ? Object.keys(item[0]) : [];
      for (var i = 0; i < keys.length; i++) {
        if (BAD_KEYS.indexOf(keys[i]) >= 0) return fail("bad_key", { key: keys[i] });
        todo.push([item[0][keys[i]], item[1] + 1]);
      }
    }
    return null;
  }

  function parse(textIn) {
    var data;
    try {
      data = JSON.parse(textIn);
    } catch (e) {
      return fail("invalid_json");
    }
    var bad = walk(data);
    if (bad) return bad;
    if (!isObj(data) || data.app !== "leda" || data.kind !== "journal") return fail("wrong_app");
    if (data.v !== V) return fail(typeof data.v === "number" && data.v > V ? "newer" : "schema", { v: String(data.v) });
    var count = Array.isArray(data.backups) ? data.backups.length : 0;
    for (var p in PARTS) {
      if (!has(PARTS, p) || data[p] === undefined) continue;
      if (!isObj(data[p])) return fail("bad_entry", { key: p });
      var kind = KINDS[PARTS[p]];
      var ids = Object.keys(data[p]);
      count += ids.length;
      for (var i = 0; i < ids.length; i++) {
        var x = isObj(data[p][ids[i]]) && assign({ v: V }, data[p][ids[i]]);
        if (!kind.id.test(ids[i]) || !x || x.v !== V || !kind.ok(x)) return fail("bad_entry", { key: p + " › " + ids[i] });
      }
    }
    var list = data.backups === undefined ? [] : data.backups;
    var listOk =
      Array.isArray(list) &&
      list.every(function (b) {
        return isObj(b) && KINDS.backup.ok(b);
      });
    if (!listOk) return fail("bad_entry", { key: "backups" });
    if (count > MAX_ENTRIES) return fail("too_many", { n: count, max: MAX_ENTRIES });
    return { data: data };
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
    function time(x) {
      return Math.min(x ? Date.parse(x) : 0, at);
    }
    function when(x) {
      return x && Date.parse(x) < at ? x : iso(at);
    }
    function backup(name, raw, t) {
      if (kept(backups, name, raw)) return;
      var key = backupKey(name, at, taken);
      taken[key] = 1;
      backups.push({ name: name, raw: raw });
      writes.push([key, { v: V, name: name, raw: raw, at: t ? when(t) : iso(at) }]);
    }
    function cur(name) {
      var e = entry(name, has(snap, name) ? snap[name] : null);
      if (e.state === "corrupt") backup(name, e.raw);
      return e;
    }
    function copy(id, add) {
      copies[id] = joinText(copies[id] || "", add);
    }
    Object.keys(data.notes || {}).forEach(function (id) {
      var theirs = data.notes[id];
      var name = "note:" + id;
      var e = cur(name);
      var ours = e.state === "ok" || e.state === "newer" ? e.value : null;
      if (e.state === "newer") {
        if (theirs.text !== ours.text) copy(id, theirs.text);
      } else if (!ours || !ours.text) {
        if (!theirs.text) return;
        writes.push([name, { v: V, text: theirs.text, updated: when(theirs.updated) }]);
        counts.added++;
      } else if (ours.text === theirs.text) {
        counts.same++;
      } else {
        counts.copies++;
        if (time(theirs.updated) > time(ours.updated)) {
          writes.push([name, { v: V, text: theirs.text, updated: when(theirs.updated) }]);
          copy(id, ours.text);
          counts.updated++;
        } else {
          copy(id, theirs.text);
        }
      }
    });
    Object.keys(data.copies || {}).forEach(function (id) {
      copy(id, data.copies[id].text);
    });
    Object.keys(copies).forEach(function (id) {
      var name = "conflict:" + id;
      var e = cur(name);
      if (e.state === "newer") return backup(name, copies[id]);
      var before = e.state === "ok" ? e.value.text : "";
      var after = joinText(before, copies[id]);
      if (after !== before) writes.push([name, { v: V, text: after, updated: iso(at) }]);
    });
    Object.keys(data.progress || {}).forEach(function (id) {
      var theirs = data.progress[id];
      var name = "done:" + id;
      var e = cur(name);
      var later = e.state === "ok" && theirs.done !== e.value.done && time(theirs.updated) > time(e.value.updated);
      if (later) {
        backup(name, e.raw, e.value.updated);
        counts.replaced++;
      }
      if (e.state === "none" || e.state === "corrupt" || later) {
        writes.push([name, { v: V, done: theirs.done, updated: when(theirs.updated) }]);
      }
    });
    Object.keys(data.quizzes || {}).forEach(function (id) {
      var name = "quiz:" + id;
      var e = cur(name);
      var theirs = data.quizzes[id].questions;
      if (e.state === "newer") return backup(name, JSON.stringify({ v: V, questions: theirs }));
      var merged = e.state === "ok" ? assign({}, e.value.questions) : {};
      var changed = false;
      var replaced = 0;
      Object.keys(theirs).forEach(function (q) {
        var a = assign({}, theirs[q]);
        a.at = when(a.at);
        var ours = has(merged, q) ? merged[q] : null;
        if (ours && (JSON.stringify([ours.chosen, ours.verdict]) === JSON.stringify([a.chosen, a.verdict]) || time(a.at) <= time(ours.at))) return;
        if (ours) replaced++;
        merged[q] = a;
        changed = true;
      });
      if (replaced) backup(name, e.raw);
      counts.replaced += replaced;
      if (changed) writes.push([name, { v: V, questions: merged }]);
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
          /* the key already holds its old value */
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
    if (!S) return;
    var name = event.key === null ? null : event.key.slice(PREFIX.length);
    if (name !== null && (event.key.indexOf(PREFIX) !== 0 || !kindOf(name))) return; // not learner data
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
    entry: entry,
    exported: exported,
    parse: parse,
    merge: merge,
    apply: apply,
    clear: clear,
    joinText: joinText,
    MAX_IMPORT: MAX_IMPORT,
  };
})();
