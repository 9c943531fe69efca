/* Leda's notes to the exercises and the learner's progress, on server-rendered markup
 * (partials/leda/note.html, leda-module.html, partials/leda/course.html, leda-journal.html).
 * Stored only through Leda.data (data.js); nothing is overwritten unseen.
 * Leda.notes, for journal-page.js: editors (the page's), add(root), flush(), reload(),
 * reset() after deleting everything, onChange(fn) (other tabs, settled copies),
 * progress() (the states again), and when(stamp, full): "14:32" today, "12 mars 2025
 * 14:32" otherwise. A module is done only when the learner marks it (the button and
 * the marks are journey.js's); a complete quiz is a fact beside the state. */
(function () {
  "use strict";
  var Leda = window.Leda;
  if (!Leda || !Leda.data) return;
  var D = Leda.data;
  var t = Leda.t;
  var locale = t("locale");

  function $(sel, root) {
    return (root || document).querySelector(sel);
  }
  function $$(sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  }
  function has(o, k) {
    return Object.prototype.hasOwnProperty.call(o, k);
  }
  function now() {
    return new Date().toISOString();
  }
  function when(stamp, full) {
    var d = new Date(stamp);
    if (!stamp || isNaN(d.getTime())) return "";
    var clock = d.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
    if (!full && d.toDateString() === new Date().toDateString()) return clock;
    return d.toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric" }) + " " + clock;
  }
  function stamp(entry) {
    return entry.state === "ok" ? "at " + entry.value.updated : entry.state;
  }
  var joinText = D.joinText;

  /* Add `text` to the note's copy to review. Returns what D.put returns. */
  function addCopy(id, text) {
    var name = "conflict:" + id;
    var cur = D.read(name);
    var before = cur.state === "ok" ? cur.value.text : "";
    var after = joinText(before, text);
    return after === before ? "ok" : D.put(name, { v: 1, text: after, updated: now() });
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

  function lock(ed, locked) {
    ed.field.readOnly = ed.locked = locked;
  }

  function showDate(ed, updated) {
    var entry = ed.root.closest("[data-journal-entry]");
    var date = entry && $("[data-note-date]", entry);
    if (date) date.textContent = updated ? t("note.updated", { date: when(updated, true) }) : "";
  }

  /* The copy to review: what is stored, plus what could not be stored. */
  function showCopy(ed) {
    var cur = D.read("conflict:" + ed.id);
    var text = cur.state === "ok" || cur.state === "newer" ? String(cur.value.text || "") : "";
    text = joinText(text, ed.pendingCopy);
    ed.copyText.value = text;
    ed.copy.hidden = !text;
  }

  function load(ed, fromOtherTab) {
    var cur = D.read(ed.name);
    // Storage that can be read but not written: what is stored is shown, read-only.
    var readonly = D.state === "readonly";
    ed.base = stamp(cur);
    lock(ed, readonly || cur.state === "newer");
    if (cur.state === "unavailable") {
      say(ed, "note.unavailable", null, true);
    } else if (cur.state === "corrupt") {
      say(ed, D.keep(ed.name, cur.raw) ? "note.corrupt" : "note.stuck", null, true);
    } else {
      var value = cur.value || {};
      setText(ed, typeof value.text === "string" ? value.text : fromOtherTab ? "" : ed.field.value);
      showDate(ed, value.updated);
      if (cur.state === "newer") say(ed, "note.newer", null, true);
      else if (readonly) say(ed, "note.readonly", null, true);
      else if (value.updated) say(ed, fromOtherTab ? "note.other_tab" : "note.saved", { time: when(value.updated) });
      else say(ed, "");
    }
    showCopy(ed);
  }

  /* Save the field if it changed, unless that would overwrite something newer. */
  function save(ed) {
    clearTimeout(ed.timer);
    if (!ed.dirty || ed.locked) return;
    var text = ed.field.value;
    var cur = D.read(ed.name);
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
    if (cur.state !== "ok" && cur.state !== "newer" && !text) {
      ed.dirty = false;
      return;
    }
    var entry = { v: 1, text: text, updated: now() };
    var result = D.put(ed.name, entry);
    if (result === "newer") lock(ed, true);
    if (result !== "ok") return say(ed, "note." + result, null, true);
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
      D.remove("conflict:" + ed.id);
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

  function progressOf(el) {
    var id = el.getAttribute("data-leda-module");
    var questions = (el.getAttribute("data-leda-questions") || "").split(" ").filter(Boolean);
    var got = D.read("quiz:" + id);
    var answers = got.value && got.value.questions;
    answers = got.state === "ok" || (got.state === "newer" && answers && typeof answers === "object") ? answers : {};
    var quiz =
      questions.length > 0 &&
      questions.every(function (q) {
        return has(answers, q);
      });
    var mark = D.read("done:" + id);
    var marked = Leda.journey ? Leda.journey.marked(id) : (mark.state === "ok" || mark.state === "newer") && typeof mark.value.done === "boolean" ? mark.value.done : null;
    var done = marked === true;
    var started =
      done ||
      marked !== null ||
      Object.keys(answers).length > 0 ||
      D.names("note:" + id + "/").some(function (n) {
        var e = D.read(n);
        return e.state === "ok" && e.value.text.trim() !== "";
      });
    return { id: id, marked: marked, quiz: quiz, done: done, state: done ? "done" : started ? "started" : "new" };
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
    });
    var bar = $("[data-leda-progress]");
    if (bar) {
      var progress = $("progress", bar);
      progress.value = count;
      $("[data-leda-progress-text]", bar).textContent = t("progress.count", { done: count, total: progress.max });
      bar.hidden = false;
    }
  }

  // ---- Start -------------------------------------------------------------------

  $$("[data-leda-note]").forEach(function (root) {
    if (root.getAttribute("data-leda-note")) makeEditor(root);
  });
  renderProgress();

  var listeners = [];
  function changed() {
    listeners.forEach(function (listener) {
      listener();
    });
  }

  D.watch(function (name) {
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

  Leda.notes = {
    editors: editors,
    add: makeEditor,
    flush: flush,
    reload: function () {
      editors.forEach(function (ed) {
        if (ed.dirty) showCopy(ed);
        else load(ed, false);
      });
      renderProgress();
    },
    reset: function () {
      if (Leda.journey) Leda.journey.reset();
      editors.forEach(function (ed) {
        clearTimeout(ed.timer);
        ed.dirty = false;
        ed.pendingCopy = "";
        setText(ed, "");
        load(ed, false);
      });
      renderProgress();
    },
    onChange: function (listener) {
      listeners.push(listener);
    },
    progress: renderProgress,
    when: when,
  };
})();
