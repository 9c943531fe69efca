/* The journal page ("Min dagbok"): every note by module and exercise, export as
 * Markdown and JSON, import a JSON backup, backups of unreadable data, delete all.
 * Loaded only on the journal page, after journal.js, whose storage and notes it
 * uses through Leda.journal. Plain JavaScript; the page works without it. */
(function () {
  "use strict";
  var Leda = window.Leda;
  if (!Leda || !Leda.journal) return;
  var J = Leda.journal;
  var t = Leda.t;
  var store = Leda.store;
  var $ = J["$"];
  var $$ = J["$$"];
  var BAD_KEYS = J.BAD_KEYS;
  var MAX_IMPORT = J.MAX_IMPORT;
  var NOTE_ID = J.NOTE_ID;
  var PLAIN_ID = J.PLAIN_ID;
  var VERSION = J.VERSION;
  var editors = J.editors;
  var flush = J.flush;
  var has = J.has;
  var isObj = J.isObj;
  var joinText = J.joinText;
  var load = J.load;
  var local = J.local;
  var locale = J.locale;
  var makeEditor = J.makeEditor;
  var memoryMarks = J.memoryMarks;
  var ms = J.ms;
  var names = J.names;
  var now = J.now;
  var read = J.read;
  var remove = J.remove;
  var renderProgress = J.renderProgress;
  var setText = J.setText;
  var showCopy = J.showCopy;
  var stampOk = J.stampOk;
  var when = J.when;
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
  if (journal) {
    initJournal();
    J.onChange(showEntries);
  }
})();
