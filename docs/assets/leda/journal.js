/* Leda's learner data: notes to the reflection exercises, module progress and the
 * journal page ("Min dagbok"), kept only in this browser through Leda.store.
 * Plain JavaScript on top of server-rendered markup (partials/leda/note.html,
 * leda-module.html, partials/leda/course.html, leda-journal.html).
 *
 * Storage, one key per entry (Leda.store prefixes each with the site's path):
 *   note:<module>/<exercise>      {v: 1, text, updated}   the learner's note
 *   conflict:<module>/<exercise>  {v: 1, text, updated}   a copy to review (another tab, an import)
 *   done:<module>                 {v: 1, done, updated}   marked done, or explicitly not done
 *   quiz:<module>                 quiz.js's results: every question answered = quiz completed
 *   backup:<name>:<time>          {v: 1, name, raw, at}   stored data that could not be read
 * Nothing is overwritten or deleted without the learner seeing it. */
(function () {
  "use strict";
  var Leda = window.Leda;
  if (!Leda || !Leda.store) return;
  var store = Leda.store;
  var t = Leda.t;
  var VERSION = 1;
  var MAX_IMPORT = 5 * 1024 * 1024;
  var ID = "[a-z0-9]+(?:-[a-z0-9]+)*";
  var NOTE_ID = new RegExp("^" + ID + "/" + ID + "$");
  var PLAIN_ID = new RegExp("^" + ID + "$");
  var BAD_KEYS = ["__proto__", "constructor", "prototype"];
  var PREFIX = store.key("");
  var lang = document.documentElement.lang || "sv";
  var locale = { sv: "sv-SE", en: "en-GB" }[lang] || lang;

  function $(sel, root) {
    return (root || document).querySelector(sel);
  }
  function $$(sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  }
  function has(o, k) {
    return Object.prototype.hasOwnProperty.call(o, k);
  }
  function isObj(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }
  function now() {
    return new Date().toISOString();
  }
  function ms(stamp) {
    var n = Date.parse(stamp);
    return isNaN(n) ? 0 : n;
  }
  function stampOk(x) {
    return x === null || x === undefined || (typeof x === "string" && !isNaN(Date.parse(x)));
  }
  /* "14:32" today, "12 mars 2025 14:32" otherwise (or always, with full). */
  function when(stamp, full) {
    var d = new Date(stamp);
    if (!stamp || isNaN(d.getTime())) return "";
    var clock = d.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
    if (!full && d.toDateString() === new Date().toDateString()) return clock;
    return d.toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric" }) + " " + clock;
  }

  // ---- Storage ---------------------------------------------------------------

  function local() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }
  /* Names (without the site prefix) of every stored key starting with `start`. */
  function names(start) {
    var s = local();
    var out = [];
    try {
      for (var i = 0; s && i < s.length; i++) {
        var k = s.key(i);
        if (k && k.indexOf(PREFIX + start) === 0) out.push(k.slice(PREFIX.length));
      }
    } catch (e) {
      /* unavailable: nothing to list */
    }
    return out.sort();
  }
  function remove(name) {
    try {
      local().removeItem(store.key(name));
      return true;
    } catch (e) {
      return false;
    }
  }

  var SHAPES = {
    note: function (v) {
      return typeof v.text === "string";
    },
    done: function (v) {
      return typeof v.done === "boolean";
    },
  };
  SHAPES.conflict = SHAPES.note;

  /* Older versions become the current one. Version 0 had no `v` and kept the time
   * under `at`; entries that do not fit a known version are left alone (corrupt). */
  function migrate(value) {
    if (isObj(value) && value.v === undefined) {
      var out = {};
      Object.keys(value).forEach(function (k) {
        if (k !== "at") out[k] = value[k];
      });
      out.v = 1;
      out.updated = value.updated || value.at || null;
      return out;
    }
    return value;
  }

  /* One entry: {state: "none" | "ok" | "newer" | "corrupt" | "unavailable", value, raw}. */
  function read(name) {
    var kind = name.slice(0, name.indexOf(":"));
    var got = store.read(name);
    if (!got.ok) return got.raw === null ? { state: "unavailable" } : { state: "corrupt", raw: got.raw };
    if (got.raw === null) return { state: "none" };
    var value = got.value;
    if (isObj(value) && typeof value.v === "number" && value.v > VERSION) {
      return { state: "newer", value: value, raw: got.raw };
    }
    value = migrate(value);
    if (!isObj(value) || value.v !== VERSION || !stampOk(value.updated) || !SHAPES[kind](value)) {
      return { state: "corrupt", raw: got.raw };
    }
    return { state: "ok", value: value, raw: got.raw };
  }
  function stamp(entry) {
    return entry.state === "ok" ? "at " + entry.value.updated : entry.state;
  }

  /* Keep unreadable data under a key of its own before anything may replace it.
   * Returns true when it is kept (now or before). */
  function keepBackup(name, raw) {
    var kept = names("backup:" + name + ":").some(function (b) {
      var got = store.read(b);
      return got.ok && isObj(got.value) && got.value.raw === raw;
    });
    return kept || store.write("backup:" + name + ":" + Date.now(), { v: VERSION, name: name, raw: raw, at: now() }) === "ok";
  }

  function joinText(before, text) {
    if (!text || before.indexOf(text) >= 0) return before;
    return before ? before + "\n\n" + text : text;
  }

  /* Add `text` to the note's copy to review. Returns "ok", "full" or "unavailable". */
  function addCopy(id, text) {
    var name = "conflict:" + id;
    var cur = read(name);
    if (cur.state === "unavailable" || cur.state === "newer") return "unavailable";
    if (cur.state === "corrupt" && !keepBackup(name, cur.raw)) return "full";
    var before = cur.state === "ok" ? cur.value.text : "";
    var after = joinText(before, text);
    return after === before ? "ok" : store.write(name, { v: VERSION, text: after, updated: now() });
  }

  // ---- Notes -----------------------------------------------------------------

  var editors = [];

  function say(ed, key, vars, warn) {
    ed.status.textContent = key ? t(key, vars) : "";
    ed.status.classList.toggle("is-warning", !!warn);
  }

  function setText(ed, text) {
    var f = ed.field;
    if (f.value === text) return;
    var focused = document.activeElement === f;
    var a = f.selectionStart;
    var b = f.selectionEnd;
    f.value = text;
    if (focused) f.setSelectionRange(Math.min(a, text.length), Math.min(b, text.length));
  }

  function showDate(ed, updated) {
    var entry = ed.root.closest("[data-journal-entry]");
    var date = entry && $("[data-note-date]", entry);
    if (date) date.textContent = updated ? t("note.updated", { date: when(updated, true) }) : "";
  }

  /* The copy to review: what is stored, plus what could not be stored. */
  function showCopy(ed) {
    var cur = read("conflict:" + ed.id);
    var text = cur.state === "ok" || cur.state === "newer" ? String(cur.value.text || "") : "";
    text = joinText(text, ed.pendingCopy);
    ed.copyText.value = text;
    ed.copy.hidden = !text;
  }

  function load(ed, fromOtherTab) {
    var cur = read(ed.name);
    ed.base = stamp(cur);
    ed.field.readOnly = ed.locked = false;
    if (cur.state === "unavailable") {
      say(ed, "note.unavailable", null, true);
    } else if (cur.state === "none") {
      if (fromOtherTab) setText(ed, "");
      say(ed, "");
      showDate(ed, null);
    } else if (cur.state === "ok") {
      setText(ed, cur.value.text);
      if (cur.value.updated) say(ed, fromOtherTab ? "note.other_tab" : "note.saved", { time: when(cur.value.updated) });
      showDate(ed, cur.value.updated);
    } else if (cur.state === "newer") {
      setText(ed, typeof cur.value.text === "string" ? cur.value.text : "");
      ed.field.readOnly = ed.locked = true;
      say(ed, "note.newer", null, true);
      showDate(ed, cur.value.updated);
    } else {
      say(ed, keepBackup(ed.name, cur.raw) ? "note.corrupt" : "note.corrupt_stuck", null, true);
    }
    showCopy(ed);
  }

  /* Save the field if it changed, unless that would overwrite something newer. */
  function save(ed) {
    clearTimeout(ed.timer);
    if (!ed.dirty || ed.locked) return;
    var text = ed.field.value;
    var cur = read(ed.name);
    if (cur.state === "unavailable") return say(ed, "note.unavailable", null, true);
    if (cur.state === "newer") {
      ed.field.readOnly = ed.locked = true;
      return say(ed, "note.newer", null, true);
    }
    if (cur.state === "corrupt" && !keepBackup(ed.name, cur.raw)) return say(ed, "note.corrupt_stuck", null, true);
    if (cur.state === "ok" && cur.value.text === text) {
      ed.base = stamp(cur);
      ed.dirty = false;
      return;
    }
    if (cur.state === "ok" && stamp(cur) !== ed.base) {
      // Another tab saved since this one loaded: keep its text, keep ours as a copy.
      var kept = addCopy(ed.id, text);
      if (kept !== "ok") ed.pendingCopy = joinText(ed.pendingCopy, text);
      setText(ed, cur.value.text);
      ed.base = stamp(cur);
      ed.dirty = false;
      showCopy(ed);
      showDate(ed, cur.value.updated);
      return say(ed, kept === "ok" ? "note.conflict" : "note.copy_unsaved", null, true);
    }
    if (cur.state !== "ok" && !text) {
      ed.dirty = false;
      return;
    }
    var entry = { v: VERSION, text: text, updated: now() };
    var result = store.write(ed.name, entry);
    if (result !== "ok") return say(ed, result === "full" ? "note.full" : "note.unavailable", null, true);
    ed.base = stamp({ state: "ok", value: entry });
    ed.dirty = false;
    say(ed, "note.saved", { time: when(entry.updated) });
    showDate(ed, entry.updated);
    renderProgress();
  }

  function flush() {
    editors.forEach(save);
  }

  function makeEditor(root) {
    var ed = {
      root: root,
      id: root.getAttribute("data-leda-note"),
      field: $("[data-note-field]", root),
      status: $("[data-note-status]", root),
      copy: $("[data-note-copy]", root),
      copyText: $("[data-note-copy-text]", root),
      print: $("[data-note-print]", root),
      pendingCopy: "",
      dirty: false,
      locked: false,
      timer: 0,
    };
    ed.name = "note:" + ed.id;
    ed.field.addEventListener("input", function () {
      ed.dirty = true;
      clearTimeout(ed.timer);
      ed.timer = setTimeout(function () {
        save(ed);
      }, 600);
    });
    ed.field.addEventListener("blur", function () {
      save(ed);
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-note-action]");
      if (!button) return;
      if (button.getAttribute("data-note-action") === "append") {
        setText(ed, joinText(ed.field.value, ed.copyText.value));
        ed.dirty = true;
        save(ed);
        if (ed.dirty) return; // not saved: the copy stays where it is
        say(ed, "note.copy_appended");
      } else {
        say(ed, "note.copy_removed");
      }
      remove("conflict:" + ed.id);
      ed.pendingCopy = "";
      showCopy(ed);
      ed.field.focus();
      if (journal) showEntries();
    });
    root.hidden = false;
    editors.push(ed);
    load(ed, false);
    return ed;
  }

  // ---- Progress --------------------------------------------------------------

  var memoryMarks = {}; // marks that could not be stored: they last while the page is open

  function questionsOf(el) {
    return (el.getAttribute("data-leda-questions") || "").split(" ").filter(Boolean);
  }

  function progressOf(el) {
    var id = el.getAttribute("data-leda-module");
    var questions = questionsOf(el);
    var got = store.read("quiz:" + id);
    var answers = got.ok && isObj(got.value) && isObj(got.value.questions) ? got.value.questions : {};
    var quiz =
      questions.length > 0 &&
      questions.every(function (q) {
        return has(answers, q);
      });
    var mark = read("done:" + id);
    var marked = null;
    if (has(memoryMarks, id)) marked = memoryMarks[id];
    else if ((mark.state === "ok" || mark.state === "newer") && typeof mark.value.done === "boolean") marked = mark.value.done;
    var done = marked === null ? quiz : marked;
    var started =
      done ||
      marked !== null ||
      Object.keys(answers).length > 0 ||
      names("note:" + id + "/").some(function (n) {
        var e = read(n);
        return e.state === "ok" && e.value.text.trim() !== "";
      });
    return { id: id, mark: mark, marked: marked, quiz: quiz, done: done, state: done ? "done" : started ? "started" : "new" };
  }

  function renderProgress() {
    var seen = {};
    var count = 0;
    $$("[data-leda-module]").forEach(function (el) {
      var p = progressOf(el);
      var label = t("progress.state." + p.state) + (p.quiz ? " · " + t("progress.quiz_done") : "");
      el.setAttribute("data-state", p.state);
      $$("[data-leda-state]", el).forEach(function (s) {
        s.textContent = label;
      });
      $$("[data-leda-progress-fact]", el).forEach(function (f) {
        f.hidden = false;
      });
      if (!has(seen, p.id)) count += p.done ? 1 : 0;
      seen[p.id] = true;
      var box = $("[data-leda-done]", el);
      if (box) {
        box.hidden = false;
        var key = p.done ? (p.marked === null ? "progress.is_quiz_done" : "progress.is_done") : "progress.not_done";
        $("[data-leda-done-text]", box).textContent = t(key);
        $("[data-leda-done-toggle]", box).textContent = t(p.done ? "progress.mark_undone" : "progress.mark_done");
      }
    });
    var bar = $("[data-leda-progress]");
    if (bar) {
      var progress = $("progress", bar);
      progress.value = count;
      $("[data-leda-progress-text]", bar).textContent = t("progress.count", { done: count, total: progress.max });
      bar.hidden = false;
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-leda-done-toggle]");
    if (!button) return;
    var el = button.closest("[data-leda-module]");
    var status = $("[data-leda-done-status]", el);
    var p = progressOf(el);
    var next = !p.done;
    var result = "newer";
    if (p.mark.state !== "newer" && (p.mark.state !== "corrupt" || keepBackup("done:" + p.id, p.mark.raw))) {
      result = store.write("done:" + p.id, { v: VERSION, done: next, updated: now() });
    }
    if (result === "ok") delete memoryMarks[p.id];
    else if (result !== "newer") memoryMarks[p.id] = next;
    status.textContent = result === "ok" ? t(next ? "progress.saved_done" : "progress.saved_undone") : t("progress." + result);
    status.classList.toggle("is-warning", result !== "ok");
    renderProgress();
  });

  // ---- The journal page ------------------------------------------------------

  var journal = $("[data-leda-journal]");
  var orphanCount = 0;

  function message(text, warn) {
    var el = $("[data-journal-message]", journal);
    el.textContent = text;
    el.classList.toggle("is-warning", !!warn);
  }

  /* A note whose exercise is not in the course (any more): shown, never hidden away. */
  function addOrphan(id) {
    var section = $("[data-journal-other]", journal);
    var entry = $("[data-journal-other-template]", section).content.firstElementChild.cloneNode(true);
    var suffix = "-" + ++orphanCount;
    entry.setAttribute("data-journal-entry", id);
    $("[data-journal-other-title]", entry).textContent = id;
    $("[data-leda-note]", entry).setAttribute("data-leda-note", id);
    $$("[id]", entry).forEach(function (el) {
      el.id += suffix;
    });
    ["for", "aria-describedby"].forEach(function (attr) {
      $$("[" + attr + "]", entry).forEach(function (el) {
        el.setAttribute(attr, el.getAttribute(attr) + suffix);
      });
    });
    section.appendChild(entry);
    makeEditor($("[data-leda-note]", entry));
    return entry;
  }

  function entries() {
    var found = {};
    $$("[data-journal-entry]", journal).forEach(function (entry) {
      found[entry.getAttribute("data-journal-entry")] = entry;
    });
    return found;
  }

  /* Show every entry with text or a copy to review (once shown, it stays while the
   * learner edits), every module with such entries, and the unreadable data. */
  function showEntries() {
    var found = entries();
    names("note:")
      .concat(names("conflict:"))
      .forEach(function (name) {
        var id = name.slice(name.indexOf(":") + 1);
        if (!has(found, id)) found[id] = addOrphan(id);
      });
    editors.forEach(function (ed) {
      var entry = ed.root.closest("[data-journal-entry]");
      if (entry && (ed.field.value.trim() || !ed.copy.hidden || ed.locked)) entry.hidden = false;
    });
    var any = false;
    $$("[data-journal-module], [data-journal-other]", journal).forEach(function (section) {
      section.hidden = !$$("[data-journal-entry]", section).some(function (entry) {
        return !entry.hidden;
      });
      any = any || !section.hidden;
    });
    $("[data-journal-empty]", journal).hidden = any;
    renderBackups();
  }

  function backups() {
    var out = [];
    names("backup:").forEach(function (name) {
      var got = store.read(name);
      if (got.ok && isObj(got.value) && typeof got.value.raw === "string") {
        out.push({ name: String(got.value.name), raw: got.value.raw, at: stampOk(got.value.at) ? got.value.at : null });
      }
    });
    // quiz.js keeps what it cannot read under quiz:<module>:unreadable:<time>.
    names("quiz:").forEach(function (name) {
      var parts = name.split(":");
      var got = store.read(name);
      if (parts[2] === "unreadable" && got.ok && typeof got.value === "string") {
        out.push({ name: parts[0] + ":" + parts[1], raw: got.value, at: new Date(Number(parts[3]) || 0).toISOString() });
      }
    });
    return out;
  }

  function renderBackups() {
    var section = $("[data-journal-backups]", journal);
    var template = $("[data-journal-backup-template]", section);
    $$(".leda-journal__backup", section).forEach(function (el) {
      el.remove();
    });
    var list = backups();
    list.forEach(function (b) {
      var el = template.content.firstElementChild.cloneNode(true);
      $("[data-backup-name]", el).textContent = b.name + (b.at ? " · " + when(b.at, true) : "");
      $("[data-backup-raw]", el).textContent = b.raw;
      section.appendChild(el);
    });
    section.hidden = list.length === 0;
  }

  /* Everything stored, as the backup file: only what an import accepts. */
  function collect() {
    var data = { app: "leda", kind: "journal", v: VERSION, exported: now(), notes: {}, copies: {}, progress: {}, quizzes: {}, backups: backups() };
    function unreadable(name, raw) {
      var kept = data.backups.some(function (b) {
        return b.name === name && b.raw === raw;
      });
      if (!kept) data.backups.push({ name: name, raw: raw, at: now() });
    }
    names("").forEach(function (name) {
      var kind = name.slice(0, name.indexOf(":"));
      var id = name.slice(kind.length + 1);
      var e;
      if (kind === "note" || kind === "conflict" || kind === "done") {
        e = read(name);
        var idOk = (kind === "done" ? PLAIN_ID : NOTE_ID).test(id);
        if (e.state === "corrupt" || ((e.state === "ok" || e.state === "newer") && !idOk)) unreadable(name, e.raw);
        else if (kind === "done" && e.state !== "none" && typeof e.value.done === "boolean") {
          data.progress[id] = { done: e.value.done, updated: e.value.updated || null };
        } else if (kind !== "done" && e.state !== "none" && typeof e.value.text === "string" && e.value.text) {
          (kind === "note" ? data.notes : data.copies)[id] = { text: e.value.text, updated: e.value.updated || null };
        }
      } else if (kind === "quiz" && PLAIN_ID.test(id)) {
        var got = store.read(name);
        if (got.ok && checkQuiz(got.value)) data.quizzes[id] = { v: 1, questions: got.value.questions };
        else if (got.raw !== null && !(got.ok && isObj(got.value) && got.value.v > VERSION)) unreadable(name, got.raw);
      }
    });
    return data;
  }

  function checkNote(v) {
    return isObj(v) && typeof v.text === "string" && stampOk(v.updated);
  }
  function checkDone(v) {
    return isObj(v) && typeof v.done === "boolean" && stampOk(v.updated);
  }
  function checkQuiz(v) {
    return (
      isObj(v) &&
      v.v === 1 &&
      isObj(v.questions) &&
      Object.keys(v.questions).every(function (q) {
        var a = v.questions[q];
        return (
          PLAIN_ID.test(q) &&
          isObj(a) &&
          Array.isArray(a.chosen) &&
          a.chosen.every(function (c) {
            return typeof c === "string";
          }) &&
          typeof a.verdict === "string" &&
          stampOk(a.at)
        );
      })
    );
  }

  function badKey(x) {
    var keys = isObj(x) || Array.isArray(x) ? Object.keys(x) : [];
    for (var i = 0; i < keys.length; i++) {
      if (BAD_KEYS.indexOf(keys[i]) >= 0) return keys[i];
      var inner = badKey(x[keys[i]]);
      if (inner !== null) return inner;
    }
    return null;
  }

  /* Validate a backup file's text. Returns {data} or {error: [key, vars]}. */
  function parseBackup(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { error: ["journal.import_invalid_json"] };
    }
    var bad = badKey(data);
    if (bad !== null) return { error: ["journal.import_bad_key", { key: bad }] };
    if (!isObj(data) || data.app !== "leda" || data.kind !== "journal") return { error: ["journal.import_wrong_app"] };
    if (data.v !== VERSION) {
      var newer = typeof data.v === "number" && data.v > VERSION;
      return { error: [newer ? "journal.import_newer" : "journal.import_schema", { v: String(data.v) }] };
    }
    var parts = { notes: [NOTE_ID, checkNote], copies: [NOTE_ID, checkNote], progress: [PLAIN_ID, checkDone], quizzes: [PLAIN_ID, checkQuiz] };
    for (var part in parts) {
      if (!has(parts, part) || data[part] === undefined) continue;
      if (!isObj(data[part])) return { error: ["journal.import_bad_entry", { key: part }] };
      var ids = Object.keys(data[part]);
      for (var i = 0; i < ids.length; i++) {
        if (!parts[part][0].test(ids[i]) || !parts[part][1](data[part][ids[i]])) {
          return { error: ["journal.import_bad_entry", { key: part + " › " + ids[i] }] };
        }
      }
    }
    var list = data.backups === undefined ? [] : data.backups;
    var listOk =
      Array.isArray(list) &&
      list.every(function (b) {
        return isObj(b) && typeof b.name === "string" && typeof b.raw === "string" && stampOk(b.at);
      });
    if (!listOk) return { error: ["journal.import_bad_entry", { key: "backups" }] };
    return { data: data };
  }

  /* What the import writes, merged with what is stored. The newer entry wins; a
   * note's other text is kept as its copy to review; nothing unreadable is lost. */
  function plan(data) {
    var writes = [];
    var counts = { added: 0, updated: 0, same: 0, copies: 0 };
    var copies = {};
    var stamp0 = Date.now();
    function backup(name, raw) {
      if (!keepBackupPlanned(name, raw)) writes.push(["backup:" + name + ":" + (stamp0 + writes.length), { v: VERSION, name: name, raw: raw, at: now() }]);
    }
    function keepBackupPlanned(name, raw) {
      return names("backup:" + name + ":").some(function (b) {
        var got = store.read(b);
        return got.ok && isObj(got.value) && got.value.raw === raw;
      });
    }
    function copy(id, text) {
      copies[id] = joinText(copies[id] || "", text);
    }
    Object.keys(data.notes || {}).forEach(function (id) {
      var theirs = data.notes[id];
      var name = "note:" + id;
      var cur = read(name);
      var entry = { v: VERSION, text: theirs.text, updated: theirs.updated || now() };
      if (cur.state === "corrupt") backup(name, cur.raw);
      if (cur.state === "newer") {
        if (theirs.text !== cur.value.text) copy(id, theirs.text);
      } else if (cur.state !== "ok" || !cur.value.text) {
        if (theirs.text) {
          writes.push([name, entry]);
          counts.added += 1;
        }
      } else if (cur.value.text === theirs.text) {
        counts.same += 1;
      } else {
        counts.copies += 1;
        if (ms(theirs.updated) > ms(cur.value.updated)) {
          writes.push([name, entry]);
          copy(id, cur.value.text);
          counts.updated += 1;
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
      var cur = read(name);
      if (cur.state === "corrupt") backup(name, cur.raw);
      if (cur.state === "newer") return backup(name, copies[id]);
      var before = cur.state === "ok" ? cur.value.text : "";
      var after = joinText(before, copies[id]);
      if (after !== before) writes.push([name, { v: VERSION, text: after, updated: now() }]);
    });
    Object.keys(data.progress || {}).forEach(function (id) {
      var theirs = data.progress[id];
      var cur = read("done:" + id);
      if (cur.state === "corrupt") backup("done:" + id, cur.raw);
      var newer = cur.state === "ok" && ms(theirs.updated) > ms(cur.value.updated) && theirs.done !== cur.value.done;
      if (cur.state === "none" || cur.state === "corrupt" || newer) {
        writes.push(["done:" + id, { v: VERSION, done: theirs.done, updated: theirs.updated || now() }]);
      }
    });
    Object.keys(data.quizzes || {}).forEach(function (id) {
      var got = store.read("quiz:" + id);
      var ours = got.ok && checkQuiz(got.value) ? got.value.questions : null;
      if (got.raw !== null && !ours) {
        if (got.ok && isObj(got.value) && got.value.v > VERSION) return; // a newer Leda's: left alone
        backup("quiz:" + id, got.raw);
      }
      var merged = {};
      var changed = !ours;
      Object.keys(ours || {}).forEach(function (q) {
        merged[q] = ours[q];
      });
      Object.keys(data.quizzes[id].questions).forEach(function (q) {
        var theirs = data.quizzes[id].questions[q];
        if (!has(merged, q) || ms(theirs.at) > ms(merged[q].at)) {
          merged[q] = theirs;
          changed = true;
        }
      });
      if (changed) writes.push(["quiz:" + id, { v: 1, questions: merged }]);
    });
    (data.backups || []).forEach(function (b) {
      if (!keepBackupPlanned(b.name, b.raw)) writes.push(["backup:" + b.name + ":" + (stamp0 + writes.length), { v: VERSION, name: b.name, raw: b.raw, at: b.at || now() }]);
    });
    return { writes: writes, counts: counts };
  }

  /* All writes or none: on a full storage, everything written is put back. */
  function applyWrites(writes) {
    var s = local();
    if (!s || !store.available()) return "unavailable";
    var undo = [];
    try {
      writes.forEach(function (w) {
        var key = store.key(w[0]);
        undo.push([key, s.getItem(key)]);
        s.setItem(key, JSON.stringify(w[1]));
      });
      return "ok";
    } catch (e) {
      undo.reverse().forEach(function (u) {
        try {
          if (u[1] === null) s.removeItem(u[0]);
          else s.setItem(u[0], u[1]);
        } catch (e2) {
          /* the key already holds its old value */
        }
      });
      return "full";
    }
  }

  function reloadAll() {
    editors.forEach(function (ed) {
      if (!ed.dirty) load(ed, false);
      else showCopy(ed);
    });
    showEntries();
    renderProgress();
  }

  function importFile(file) {
    if (file.size > MAX_IMPORT) {
      var mb = function (n) {
        return (n / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 }) + " MB";
      };
      return message(t("journal.import_too_large", { size: mb(file.size), max: mb(MAX_IMPORT) }), true);
    }
    var reader = new FileReader();
    reader.onload = function () {
      var parsed = parseBackup(String(reader.result));
      if (parsed.error) return message(t(parsed.error[0], parsed.error[1]), true);
      flush();
      var p = plan(parsed.data);
      var result = applyWrites(p.writes);
      if (result !== "ok") return message(t("journal.import_" + result), true);
      reloadAll();
      var text = t("journal.imported", p.counts);
      if (p.counts.copies) text += " " + t("journal.imported_copies", { n: p.counts.copies });
      message(text);
    };
    reader.onerror = function () {
      message(t("journal.import_invalid_json"), true);
    };
    reader.readAsText(file);
  }

  function today() {
    var d = new Date();
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function download(ext, type, text) {
    var file = t("journal.file") + "-" + today() + "." + ext;
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = file;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 1000);
    message(t("journal.exported", { file: file }));
  }

  /* The readable export: progress, then every note by module and exercise. */
  function markdown() {
    var out = ["# " + t("journal.title"), "", t("journal.exported_at", { date: when(now(), true) }), ""];
    var bar = $("[data-leda-progress]", journal);
    out.push("## " + t("progress.label"), "", $("[data-leda-progress-text]", bar).textContent, "");
    $$("[data-journal-module]", journal).forEach(function (section) {
      out.push("- " + $("h3", section).textContent.trim() + ": " + $("[data-leda-state]", section).textContent);
    });
    out.push("");
    $$("[data-journal-module], [data-journal-other]", journal).forEach(function (section) {
      var written = $$("[data-journal-entry]", section).filter(function (entry) {
        return !entry.hidden;
      });
      if (!written.length) return;
      out.push("## " + $("h3", section).textContent.trim(), "");
      written.forEach(function (entry) {
        var ed = editors.filter(function (e) {
          return entry.contains(e.root);
        })[0];
        out.push("### " + $("h4", entry).textContent.trim(), "");
        var date = $("[data-note-date]", entry).textContent;
        if (date) out.push("*" + date + "*", "");
        out.push(ed.field.value.trim(), "");
        if (ed.copyText.value) out.push("#### " + t("note.copy_label"), "", ed.copyText.value.trim(), "");
      });
    });
    return out.join("\n");
  }

  function deleteAll() {
    var s = local();
    if (!s || !store.available()) return message(t("journal.delete_failed"), true);
    names("").forEach(remove);
    editors.forEach(function (ed) {
      clearTimeout(ed.timer);
      ed.dirty = false;
      ed.pendingCopy = "";
      setText(ed, "");
      load(ed, false);
    });
    $$("[data-journal-entry]", journal).forEach(function (entry) {
      entry.hidden = true;
    });
    memoryMarks = {};
    showEntries();
    renderProgress();
    message(t("journal.deleted"));
  }

  function initJournal() {
    var confirm = $("[data-journal-confirm]", journal);
    $("[data-journal-tools]", journal).hidden = false;
    $("[data-journal-entries]", journal).hidden = false;
    if (!store.available()) $("[data-journal-storage]", journal).hidden = false;
    journal.addEventListener("click", function (event) {
      var button = event.target.closest("[data-journal-action]");
      if (!button) return;
      var action = button.getAttribute("data-journal-action");
      if (action === "export-md") {
        flush();
        download("md", "text/markdown;charset=utf-8", markdown());
      } else if (action === "export-json") {
        flush();
        download("json", "application/json", JSON.stringify(collect(), null, 2));
      } else if (action === "print") {
        window.print();
      } else if (action === "delete") {
        confirm.hidden = false;
        $("[data-journal-confirm-text]", confirm).focus();
      } else {
        confirm.hidden = true;
        if (action === "delete-yes") {
          deleteAll();
          $("[data-journal-message]", journal).focus();
        } else {
          $('[data-journal-action="delete"]', journal).focus();
        }
      }
    });
    var input = $("[data-journal-import]", journal);
    input.addEventListener("change", function () {
      if (input.files && input.files[0]) importFile(input.files[0]);
      input.value = "";
    });
    showEntries();
  }

  // ---- Start -------------------------------------------------------------------

  $$("[data-leda-note]").forEach(function (root) {
    if (root.getAttribute("data-leda-note")) makeEditor(root);
  });
  renderProgress();
  if (journal) initJournal();

  window.addEventListener("storage", function (event) {
    // Only learner data: every read through Leda.store writes and removes a probe
    // key, and reacting to those would make two open tabs wake each other forever.
    var name = event.key === null ? null : event.key.slice(PREFIX.length);
    if (name !== null && (event.key.indexOf(PREFIX) !== 0 || !/^(note|conflict|done|quiz|backup):/.test(name))) return;
    editors.forEach(function (ed) {
      if (name !== null && name !== ed.name && name !== "conflict:" + ed.id) return;
      if (ed.dirty) showCopy(ed); // the learner is typing here: a conflict is settled on saving
      else load(ed, true);
    });
    if (journal) showEntries();
    renderProgress();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });
  window.addEventListener("pagehide", flush);
  window.addEventListener("beforeunload", function (event) {
    flush();
    // What could not be stored would be lost: let the browser ask before leaving.
    var unsaved = editors.some(function (ed) {
      return (ed.dirty && ed.field.value.trim()) || ed.pendingCopy;
    });
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  window.addEventListener("beforeprint", function () {
    editors.forEach(function (ed) {
      ed.print.textContent = ed.field.value;
    });
  });
})();
