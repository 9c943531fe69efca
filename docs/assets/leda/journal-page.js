/* The journal page ("Min dagbok"): every note by module and exercise, the commitments
 * and how they went, export as Markdown (each exercise's prompt above the answer, the
 * learner's line breaks kept, typed HTML escaped) and JSON, import a JSON backup,
 * backups of unreadable data, delete all. An empty journal says how to start.
 * Loaded only on the journal page, after journal.js (Leda.notes: the note editors)
 * and data.js (Leda.data: the backup file, its check and merge). Plain JavaScript;
 * the page works without it. */
(function () {
  "use strict";
  var Leda = window.Leda;
  if (!Leda || !Leda.notes) return;
  var D = Leda.data;
  var N = Leda.notes;
  var t = Leda.t;
  var editors = N.editors;
  var when = N.when;

  function $(sel, root) {
    return (root || document).querySelector(sel);
  }
  function $$(sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  }

  // ---- The journal page ------------------------------------------------------

  var journal = $("[data-leda-journal]");
  var orphanCount = 0;
  // Notes to exercises not in the course are shown STEP at a time (an import may hold
  // 20 000): the page costs what it shows. `waiting` holds the ids not shown yet.
  var STEP = 100;
  var limit = STEP;
  var waiting = [];

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
    $(".leda-sr-only", entry).textContent = "– " + id;
    $("[data-leda-note]", entry).setAttribute("data-leda-note", id);
    $$("[id]", entry).forEach(function (el) {
      el.id += suffix;
    });
    ["for", "aria-describedby"].forEach(function (attr) {
      $$("[" + attr + "]", entry).forEach(function (el) {
        el.setAttribute(attr, el.getAttribute(attr) + suffix);
      });
    });
    section.insertBefore(entry, $("[data-journal-more]", section));
    N.add($("[data-leda-note]", entry));
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
    waiting = [];
    D.names("note:")
      .concat(D.names("conflict:"))
      .forEach(function (name) {
        var id = name.slice(name.indexOf(":") + 1);
        if (Object.prototype.hasOwnProperty.call(found, id)) return;
        found[id] = orphanCount < limit ? addOrphan(id) : null;
        if (!found[id]) waiting.push(id);
      });
    var more = $("[data-journal-more]", journal);
    more.hidden = !waiting.length;
    $("button", more).textContent = t("journal.more", { n: Math.min(STEP, waiting.length), left: waiting.length.toLocaleString(t("locale")) });
    editors.forEach(function (ed) {
      var entry = ed.root.closest("[data-journal-entry]");
      if (entry && (ed.field.value.trim() || !ed.copy.hidden || (ed.locked && D.state !== "readonly"))) entry.hidden = false;
    });
    var any = false;
    $$("[data-journal-module], [data-journal-other]", journal).forEach(function (section) {
      section.hidden = !$$("[data-journal-entry]", section).some(function (entry) {
        return !entry.hidden;
      });
      any = any || !section.hidden;
    });
    any = renderCommitments() || any;
    $("[data-journal-empty]", journal).hidden = any;
    var stored = any || D.names("").length > 0; // marks, answers, backups: worth exporting
    $("[data-journal-buttons]", journal).hidden = !stored;
    if (!stored) $("[data-journal-confirm]", journal).hidden = true;
    renderBackups();
  }

  // ---- Commitments and their follow-up -----------------------------------------

  function moduleTitle(id) {
    var h = $('[data-journal-module="' + id + '"] h3', journal);
    return h ? h.textContent.trim() : id;
  }
  function dayText(x) {
    var p = String(x).split("-");
    var d = x.length === 10 ? new Date(+p[0], p[1] - 1, +p[2]) : new Date(x);
    return d.toLocaleDateString(t("locale"), { day: "numeric", month: "long", year: "numeric" });
  }
  /* Every stored commitment: [{module, title, text, due, answer}], newest day first. */
  function commitments() {
    return D.names("commitment:")
      .map(function (n) {
        var e = D.read(n);
        var id = n.slice(n.indexOf(":") + 1);
        return e.state === "ok" || e.state === "newer" ? { module: id, title: moduleTitle(id), value: e.value } : null;
      })
      .filter(function (c) {
        return c && typeof c.value.text === "string";
      })
      .sort(function (a, b) {
        return a.value.due < b.value.due ? 1 : -1;
      });
  }
  function result(a) {
    return t("journey.result." + String(a.result).replace("-", "_"));
  }
  function renderCommitments() {
    var section = $("[data-journal-commitments]", journal);
    var template = $("[data-journal-commitment-template]", section);
    $$(".leda-journal__commitment", section).forEach(function (el) {
      el.remove();
    });
    var list = commitments();
    list.forEach(function (c) {
      var el = template.content.firstElementChild.cloneNode(true);
      var a = c.value.answer;
      $("[data-commitment-module]", el).textContent = c.title;
      $("[data-commitment-text]", el).textContent = c.value.text;
      $("[data-commitment-due]", el).textContent = t("journey.journal_due", { date: dayText(c.value.due) });
      $("[data-commitment-answer]", el).textContent = a ? t("journey.journal_answer", { date: dayText(a.at), result: result(a) }) : t("journey.journal_open");
      var note = $("[data-commitment-note]", el);
      note.textContent = a && a.note ? a.note : "";
      note.hidden = !note.textContent;
      section.appendChild(el);
    });
    section.hidden = !list.length;
    return list.length > 0;
  }

  function renderBackups() {
    var section = $("[data-journal-backups]", journal);
    var template = $("[data-journal-backup-template]", section);
    $$(".leda-journal__backup", section).forEach(function (el) {
      el.remove();
    });
    var list = D.backups();
    list.forEach(function (b) {
      var el = template.content.firstElementChild.cloneNode(true);
      $("[data-backup-name]", el).textContent = b.name + (b.at ? " · " + when(b.at, true) : "");
      $("[data-backup-raw]", el).textContent = b.raw;
      section.appendChild(el);
    });
    section.hidden = list.length === 0;
  }

  function importFile(file) {
    var mb = function (n) {
      return (n / 1024 / 1024).toLocaleString(t("locale"), { maximumFractionDigits: 1 }) + " MB";
    };
    if (file.size > D.MAX_IMPORT) {
      return message(t("journal.import_too_large", { size: mb(file.size), max: mb(D.MAX_IMPORT) }), true);
    }
    var reader = new FileReader();
    reader.onload = function () {
      var parsed = D.parse(String(reader.result));
      if (parsed.error) return message(t(parsed.error[0], parsed.error[1]), true);
      N.flush();
      var p = D.merge(parsed.data, D.snapshot(), Date.now());
      var result = D.apply(p.writes);
      if (result !== "ok") return message(t("journal.import_" + result), true);
      N.reload();
      showEntries();
      var n = {};
      Object.keys(p.counts).forEach(function (k) {
        n[k] = p.counts[k].toLocaleString(t("locale"));
      });
      var text = t("journal.imported", n);
      if (p.counts.copies) text += " " + t("journal.imported_copies", { n: n.copies });
      if (p.counts.replaced) text += " " + t("journal.imported_replaced", { n: n.replaced });
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

  /* The learner's text as Markdown that shows it as typed: HTML and Markdown's own
   * escapes stay text, and every line break stays a line break. */
  function text(value) {
    return value
      .trim()
      .replace(/[\\<>&]/g, "\\$&")
      .replace(/([^\n])\n(?=[^\n])/g, "$1\\\n");
  }
  function quote(value) {
    return value
      .trim()
      .split("\n")
      .map(function (line) {
        return (">" + (line ? " " + line : ""));
      })
      .join("\n");
  }

  /* The readable export: progress, commitments, then every note by module and exercise. */
  function markdown() {
    var out = ["# " + t("journal.title"), "", t("journal.exported_at", { date: when(new Date().toISOString(), true) }), ""];
    var bar = $("[data-leda-progress]", journal);
    out.push("## " + t("progress.label"), "", $("[data-leda-progress-text]", bar).textContent, "");
    $$("[data-journal-module]", journal).forEach(function (section) {
      out.push("- " + $("h3", section).textContent.trim() + ": " + $("[data-leda-state]", section).textContent);
    });
    out.push("");
    var list = commitments();
    if (list.length) out.push("## " + t("journey.journal_commitments"), "");
    list.forEach(function (c) {
      var a = c.value.answer;
      out.push("### " + c.title, "", text(c.value.text), "", "*" + t("journey.journal_due", { date: dayText(c.value.due) }) + "*", "");
      out.push(a ? t("journey.journal_answer", { date: dayText(a.at), result: result(a) }) : t("journey.journal_open"), "");
      if (a && a.note) out.push(text(a.note), "");
    });
    function note(title, date, body, copy, prompt) {
      out.push("### " + title, "");
      if (prompt) out.push(quote(prompt), "");
      if (date) out.push("*" + date + "*", "");
      out.push(text(body), "");
      if (copy) out.push("#### " + t("note.copy_label"), "", text(copy), "");
    }
    $$("[data-journal-module], [data-journal-other]", journal).forEach(function (section) {
      var written = $$("[data-journal-entry]", section).filter(function (entry) {
        return !entry.hidden;
      });
      var other = section.hasAttribute("data-journal-other");
      if (!written.length && !(other && waiting.length)) return;
      out.push("## " + $("h3", section).textContent.trim(), "");
      written.forEach(function (entry) {
        var ed = editors.filter(function (e) {
          return entry.contains(e.root);
        })[0];
        var prompt = $("[data-journal-prompt]", entry);
        note($("h4", entry).textContent.trim(), $("[data-note-date]", entry).textContent, ed.field.value, ed.copyText.value, prompt && prompt.content.textContent);
      });
      // The notes not shown yet, from what is stored.
      (other ? waiting : []).forEach(function (id) {
        var n = D.read("note:" + id);
        var c = D.read("conflict:" + id);
        var value = n.state === "ok" || n.state === "newer" ? n.value : {};
        note(id, value.updated ? t("note.updated", { date: when(value.updated, true) }) : "", String(value.text || ""), c.state === "ok" ? c.value.text : "");
      });
    });
    return out.join("\n");
  }

  function deleteAll() {
    if (!D.clear()) return message(t("journal.delete_failed"), true);
    N.reset();
    $$("[data-journal-entry]", journal).forEach(function (entry) {
      entry.hidden = true;
    });
    showEntries();
    message(t("journal.deleted"));
  }

  function initJournal() {
    var confirm = $("[data-journal-confirm]", journal);
    $("[data-journal-tools]", journal).hidden = false;
    $("[data-journal-entries]", journal).hidden = false;
    var storage = $("[data-journal-storage]", journal);
    if (D.state === "readonly") storage.textContent = t("journal.storage_readonly");
    storage.hidden = D.state !== "readonly" && D.state !== "unavailable";
    journal.addEventListener("click", function (event) {
      var button = event.target.closest("[data-journal-action]");
      if (!button) return;
      var action = button.getAttribute("data-journal-action");
      if (action === "export-md") {
        N.flush();
        download("md", "text/markdown;charset=utf-8", markdown());
      } else if (action === "export-json") {
        N.flush();
        download("json", "application/json", JSON.stringify(D.exported(D.snapshot(), Date.now()), null, 2));
      } else if (action === "print") {
        window.print();
      } else if (action === "more") {
        var shown = $$("[data-journal-other] [data-journal-entry]", journal).length;
        limit += STEP;
        showEntries();
        $("[data-note-field]", $$("[data-journal-other] [data-journal-entry]", journal)[shown]).focus();
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
    N.onChange(showEntries);
  }
})();
