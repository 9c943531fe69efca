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
 * Nothing is overwritten or deleted without the learner seeing it.
 * The journal page's own code (export, import, backups) is journal-page.js, which
 * gets what it needs from here through Leda.journal. */
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
      changed();
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


  // ---- Start -------------------------------------------------------------------

  $$("[data-leda-note]").forEach(function (root) {
    if (root.getAttribute("data-leda-note")) makeEditor(root);
  });
  renderProgress();

  /* Tell the journal page (journal-page.js) when learner data changed. */
  var listeners = [];
  function changed() {
    listeners.forEach(function (listener) {
      listener();
    });
  }

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
    changed();
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

  Leda.journal = {
    onChange: function (listener) {
      listeners.push(listener);
    },
    '$': $,
    '$$': $$,
    BAD_KEYS: BAD_KEYS,
    MAX_IMPORT: MAX_IMPORT,
    NOTE_ID: NOTE_ID,
    PLAIN_ID: PLAIN_ID,
    VERSION: VERSION,
    editors: editors,
    flush: flush,
    has: has,
    isObj: isObj,
    joinText: joinText,
    load: load,
    local: local,
    locale: locale,
    makeEditor: makeEditor,
    memoryMarks: memoryMarks,
    ms: ms,
    names: names,
    now: now,
    read: read,
    remove: remove,
    renderProgress: renderProgress,
    setText: setText,
    showCopy: showCopy,
    stampOk: stampOk,
    when: when,
  };
})();
