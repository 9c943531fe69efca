/* Leda's workshop composer: a whole workshop from the course's exercises and blocks of
 * every kind (intro, discussion, break, close), ordered, timed, shared and printed.
 *
 * The plan lives in the address, so a bookmark or a link restores it:
 *   ?title=…&date=2026-03-12&start=09:00&length=90&items=intro-10:Welcome,id,id@20,break-10
 * `items` lists the blocks: an exercise by its id (`id@20` when its minutes are not
 * its own), any other block as `kind-minutes` (`break-10`, the first format, still
 * opens) with `:title` when it has one (`%` and `,` in a title written as %25 and
 * %2C). hooks/leda/plans.py (composer_query) writes the same format for the
 * module's runs and the ready plans ("Open in the composer").
 * The catalogue is the page's own list, built at build time. Plain JavaScript;
 * the page can be read without it. */
(function () {
  "use strict";
  var Leda = window.Leda;
  var root = document.querySelector("[data-leda-composer]");
  if (!Leda || !root) return;
  var t = Leda.t;
  var KINDS = ["intro", "discussion", "break", "close"];
  var BLOCK = /^(intro|discussion|break|close)-(\d{1,3})(?::([\s\S]*))?$/;
  var EXERCISE = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?:@(\d{1,3}))?$/;
  var lang = document.documentElement.lang || "sv";

  var session = root.querySelector("[data-session]");
  var inputs = {};
  ["title", "date", "start", "length"].forEach(function (name) {
    inputs[name] = session.querySelector('[name="' + name + '"]');
  });
  var itemsEl = root.querySelector("[data-plan-items]");
  var emptyEl = root.querySelector("[data-plan-empty]");
  var agendaBody = root.querySelector("[data-agenda] tbody");
  var totalEl = root.querySelector("[data-total]");
  var fitEl = root.querySelector("[data-fit]");
  var shareEl = root.querySelector("[data-share]");
  var handout = root.querySelector("[data-handout-items]");
  var kindAdded = root.querySelector("[data-kind-added]");
  var planStatus = root.querySelector("[data-plan-status]");
  var filters = document.querySelector("[data-filters]");
  var catalogue = {};
  document.querySelectorAll("[data-exercise]").forEach(function (li) {
    catalogue[li.getAttribute("data-exercise")] = li;
  });

  // The plan: blocks {kind, minutes, title} and exercises {kind: "exercise", id, minutes}.
  var plan = [];

  function exerciseTitle(id) {
    return catalogue[id].querySelector("[data-title]").textContent.trim();
  }

  function ownMinutes(id) {
    return Number(catalogue[id].getAttribute("data-minutes"));
  }

  function kindName(kind) {
    return t("plan.kind." + kind);
  }

  // The block's name in the plan and the agenda: the exercise's or the block's title.
  function nameOf(block) {
    if (block.kind === "exercise") return exerciseTitle(block.id);
    return block.title || kindName(block.kind);
  }

  // "Övning: Kartlägg kontrollen", "Paus", "Inledning: Välkommen": as on a plan's page.
  function labelOf(block) {
    if (block.kind === "exercise") return kindName("exercise") + ": " + exerciseTitle(block.id);
    return block.title ? kindName(block.kind) + ": " + block.title : kindName(block.kind);
  }

  function clock(minutes) {
    minutes = ((minutes % 1440) + 1440) % 1440;
    var h = Math.floor(minutes / 60);
    var m = minutes % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  function startMinutes() {
    var parts = /^(\d{1,2}):(\d{2})$/.exec(inputs.start.value || "");
    return parts ? Number(parts[1]) * 60 + Number(parts[2]) : 9 * 60;
  }

  function minutesValue(text, fallback) {
    var n = Math.round(Number(text));
    return n >= 1 && n <= 480 ? n : fallback;
  }

  // --- The address ---------------------------------------------------------------

  function token(block) {
    if (block.kind === "exercise") {
      return block.id + (block.minutes !== ownMinutes(block.id) ? "@" + block.minutes : "");
    }
    var text = block.kind + "-" + block.minutes;
    if (block.title) text += ":" + block.title.replace(/%/g, "%25").replace(/,/g, "%2C");
    return text;
  }

  function parse(item) {
    var found = BLOCK.exec(item);
    if (found) {
      var title = found[3] || "";
      try {
        title = decodeURIComponent(title);
      } catch (e) {
        /* a stray % stays as it was written */
      }
      return { kind: found[1], minutes: minutesValue(found[2], 10), title: title };
    }
    found = EXERCISE.exec(item);
    if (found && Object.prototype.hasOwnProperty.call(catalogue, found[1])) {
      return { kind: "exercise", id: found[1], minutes: found[2] ? minutesValue(found[2], ownMinutes(found[1])) : ownMinutes(found[1]) };
    }
    return null;
  }

  function writeAddress() {
    var url = new URL(location.href);
    var title = inputs.title.value.trim();
    if (title) url.searchParams.set("title", title);
    else url.searchParams.delete("title");
    if (inputs.date.value) url.searchParams.set("date", inputs.date.value);
    else url.searchParams.delete("date");
    url.searchParams.set("start", inputs.start.value);
    url.searchParams.set("length", inputs.length.value);
    if (plan.length) url.searchParams.set("items", plan.map(token).join(","));
    else url.searchParams.delete("items");
    history.replaceState(null, "", url.href);
    shareEl.value = url.href;
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    if (params.get("title")) inputs.title.value = params.get("title").slice(0, 120);
    if (/^\d{4}-\d\d-\d\d$/.test(params.get("date") || "")) inputs.date.value = params.get("date");
    if (/^\d{1,2}:\d{2}$/.test(params.get("start") || "")) inputs.start.value = params.get("start");
    if (/^\d{1,3}$/.test(params.get("length") || "")) inputs.length.value = params.get("length");
    var unknown = [];
    (params.get("items") || "").split(",").forEach(function (item) {
      if (!item) return;
      var block = parse(item);
      if (block) plan.push(block);
      else unknown.push(item.split(/[:@]/)[0]);
    });
    if (unknown.length) {
      var note = root.querySelector("[data-plan-unknown]");
      note.textContent = t("composer.unknown", { ids: unknown.join(", ") });
      note.hidden = false;
    }
  }

  // --- The plan's list: one item per block, with its fields and buttons -----------

  // Where an exercise first appears in the plan (1-based), for the duplicate's mark.
  function firstPlace(index) {
    var block = plan[index];
    if (block.kind !== "exercise") return 0;
    for (var i = 0; i < index; i += 1) {
      if (plan[i].kind === "exercise" && plan[i].id === block.id) return i + 1;
    }
    return 0;
  }

  function field(labelText, input, number) {
    var label = document.createElement("label");
    label.className = "leda-composer__field";
    label.appendChild(document.createTextNode(labelText + " "));
    input.setAttribute("aria-label", t("composer.block_named", { field: labelText, n: number }));
    label.appendChild(input);
    return label;
  }

  function button(text, label, action, index, disabled) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button leda-composer__move";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.setAttribute("data-action", action);
    b.setAttribute("data-index", String(index));
    if (disabled) b.disabled = true;
    return b;
  }

  function renderList() {
    itemsEl.textContent = "";
    plan.forEach(function (block, i) {
      var li = document.createElement("li");
      li.className = "leda-composer__item leda-composer__item--" + block.kind;
      li.setAttribute("data-index", String(i));
      var head = document.createElement("p");
      head.className = "leda-composer__name";
      var strong = document.createElement("strong");
      strong.textContent = block.kind === "exercise" ? labelOf(block) : kindName(block.kind);
      head.appendChild(strong);
      li.appendChild(head);
      var fields = document.createElement("p");
      fields.className = "leda-composer__fields";
      if (block.kind !== "exercise") {
        var title = document.createElement("input");
        title.type = "text";
        title.maxLength = 120;
        title.value = block.title;
        title.setAttribute("data-field", "title");
        title.setAttribute("data-index", String(i));
        fields.appendChild(field(t("composer.block_title"), title, i + 1));
      }
      var minutes = document.createElement("input");
      minutes.type = "number";
      minutes.min = "1";
      minutes.max = "480";
      minutes.value = String(block.minutes);
      minutes.setAttribute("data-field", "minutes");
      minutes.setAttribute("data-index", String(i));
      fields.appendChild(field(t("composer.block_minutes"), minutes, i + 1));
      li.appendChild(fields);
      var first = firstPlace(i);
      if (first) {
        var dup = document.createElement("p");
        dup.className = "leda-composer__duplicate";
        dup.textContent = t("composer.duplicate", { n: first });
        li.appendChild(dup);
      }
      var name = nameOf(block);
      var controls = document.createElement("p");
      controls.className = "leda-composer__controls";
      controls.appendChild(button("↑", t("composer.up", { title: name }), "up", i, i === 0));
      controls.appendChild(button("↓", t("composer.down", { title: name }), "down", i, i === plan.length - 1));
      controls.appendChild(button("✕", t("composer.remove", { title: name }), "remove", i, false));
      li.appendChild(controls);
      itemsEl.appendChild(li);
    });
    emptyEl.hidden = plan.length > 0;
  }

  // --- The agenda, the printed head and the handout --------------------------------

  function formatDate(value) {
    var parts = /^(\d{4})-(\d\d)-(\d\d)$/.exec(value || "");
    if (!parts) return "";
    var date = new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
    try {
      return date.toLocaleDateString(lang, { weekday: "long", year: "numeric", month: "long", day: "numeric" });
    } catch (e) {
      return value;
    }
  }

  function renderAgenda() {
    agendaBody.textContent = "";
    var start = startMinutes();
    var now = start;
    var total = 0;
    plan.forEach(function (block) {
      var row = document.createElement("tr");
      row.className = "leda-agenda__" + block.kind;
      [clock(now) + "–" + clock(now + block.minutes), labelOf(block), String(block.minutes)].forEach(function (text) {
        var cell = document.createElement("td");
        cell.textContent = text;
        row.appendChild(cell);
      });
      agendaBody.appendChild(row);
      now += block.minutes;
      total += block.minutes;
    });
    totalEl.textContent = String(total);
    var length = Number(inputs.length.value) || 0;
    var fit = total > length ? "over" : total < length ? "left" : "fits";
    fitEl.textContent = t("composer." + fit, { n: Math.abs(length - total) });
    fitEl.setAttribute("data-state", fit);

    // The head of the printed agenda: title, date and time, length.
    root.querySelector("[data-print-title]").textContent = inputs.title.value.trim() || t("composer.untitled");
    var date = formatDate(inputs.date.value);
    var times = { date: date, start: clock(start), end: clock(start + Math.max(length, total)) };
    root.querySelector("[data-print-when]").textContent = t(date ? "composer.when" : "composer.when_nodate", times);
    var different = {};
    plan.forEach(function (b) {
      if (b.kind === "exercise") different[b.id] = true;
    });
    root.querySelector("[data-print-length]").textContent =
      t("plan.length") + ": " + t("module.minutes", { n: length }) + " · " + t("plan.exercises") + ": " +
      Object.keys(different).length;

    // The participants' handout: each chosen exercise's prompt once, in the plan's order.
    handout.textContent = "";
    var seen = {};
    plan.forEach(function (block) {
      if (block.kind !== "exercise" || seen[block.id]) return;
      seen[block.id] = true;
      var source = catalogue[block.id];
      var section = document.createElement("section");
      var h = document.createElement("h3");
      h.textContent = exerciseTitle(block.id);
      section.appendChild(h);
      var meta = document.createElement("p");
      meta.className = "leda-exercise__meta";
      meta.appendChild(source.querySelector("[data-meta]").cloneNode(true));
      section.appendChild(meta);
      section.appendChild(source.querySelector("[data-prompt]").cloneNode(true));
      handout.appendChild(section);
    });
    root.querySelector("[data-handout]").hidden = !handout.children.length;
    writeAddress();
  }

  function render() {
    renderList();
    renderAgenda();
  }

  function control(action, index) {
    return itemsEl.querySelector('[data-action="' + action + '"][data-index="' + index + '"]');
  }

  // --- Adding, moving, removing -------------------------------------------------------

  function addExercise(button) {
    var id = button.closest("[data-exercise]").getAttribute("data-exercise");
    var block = { kind: "exercise", id: id, minutes: ownMinutes(id) };
    plan.push(block);
    render();
    var count = plan.filter(function (b) { return b.kind === "exercise" && b.id === id; }).length;
    var vars = { title: exerciseTitle(id), n: block.minutes, count: count };
    catalogue[id].querySelector("[data-added]").textContent = t(count > 1 ? "composer.added_again" : "composer.added", vars);
  }

  function addKind(button) {
    var kind = button.getAttribute("data-add-kind");
    if (KINDS.indexOf(kind) < 0) return;
    var block = { kind: kind, minutes: Number(button.getAttribute("data-minutes")) || 10, title: "" };
    plan.push(block);
    render();
    kindAdded.textContent = t("composer.added", { title: kindName(kind), n: block.minutes });
  }

  function move(action, i) {
    var name = nameOf(plan[i]);
    if (action === "remove") {
      plan.splice(i, 1);
      render();
      planStatus.textContent = t("composer.removed", { title: name });
      var next = control("remove", Math.min(i, plan.length - 1));
      (next || root.querySelector("#composer-plan")).focus();
      return;
    }
    var to = action === "up" ? i - 1 : i + 1;
    if (to < 0 || to >= plan.length) return;
    plan.splice(to, 0, plan.splice(i, 1)[0]);
    render();
    planStatus.textContent = t("composer.moved", { title: name, n: to + 1, total: plan.length });
    // Focus follows the moved block: its same button, or the other one at an end.
    var same = control(action, to);
    (same && !same.disabled ? same : control(action === "up" ? "down" : "up", to)).focus();
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.hasAttribute("data-add")) {
      addExercise(target);
    } else if (target.hasAttribute("data-add-kind")) {
      addKind(target);
    } else if (target.hasAttribute("data-action") && root.contains(target)) {
      move(target.getAttribute("data-action"), Number(target.getAttribute("data-index")));
    } else if (target.hasAttribute("data-copy")) {
      var done = function () {
        root.querySelector("[data-copied]").textContent = t("composer.copied");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(shareEl.value).then(done, function () {
          shareEl.select();
        });
      } else {
        shareEl.select();
      }
    } else if (target.hasAttribute("data-print")) {
      window.print();
    }
  });

  // Typing in a block's fields changes the plan without rebuilding the list (the
  // cursor stays where it is); the agenda, the handout and the address follow.
  itemsEl.addEventListener("input", function (event) {
    var input = event.target;
    var block = plan[Number(input.getAttribute("data-index"))];
    if (!block) return;
    if (input.getAttribute("data-field") === "title") block.title = input.value.slice(0, 120);
    else if (input.getAttribute("data-field") === "minutes") block.minutes = minutesValue(input.value, block.minutes);
    renderAgenda();
  });
  itemsEl.addEventListener("change", function (event) {
    // A minutes field left empty or out of range shows the minutes the plan kept.
    var input = event.target;
    var block = plan[Number(input.getAttribute("data-index"))];
    if (block && input.getAttribute("data-field") === "minutes") input.value = String(block.minutes);
  });

  session.addEventListener("input", renderAgenda);
  filters.addEventListener("input", applyFilters);
  filters.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  session.addEventListener("submit", function (event) {
    event.preventDefault();
  });

  function applyFilters() {
    var track = filters.track.value;
    var topic = filters.topic.value;
    var mode = filters.mode.value;
    var most = Number(filters.minutes.value) || Infinity;
    var shown = 0;
    Object.keys(catalogue).forEach(function (id) {
      var li = catalogue[id];
      var visible =
        (!track || li.getAttribute("data-track") === track) &&
        (!topic || (li.getAttribute("data-topics") || "").split(" ").indexOf(topic) >= 0) &&
        (!mode || li.getAttribute("data-mode") === mode) &&
        Number(li.getAttribute("data-minutes")) <= most;
      li.hidden = !visible;
      if (visible) shown += 1;
    });
    filters.querySelector("[data-shown]").textContent = t("composer.shown", { n: shown });
  }

  root.hidden = false;
  filters.hidden = false;
  document.querySelectorAll("[data-add]").forEach(function (b) {
    b.hidden = false;
  });
  restore();
  // A topic's page links here with ?topic=<id>: start with that topic's exercises.
  var asked = new URLSearchParams(location.search).get("topic");
  if (asked && filters.topic.querySelector('option[value="' + CSS.escape(asked) + '"]')) {
    filters.topic.value = asked;
  }
  applyFilters();
  render();
})();
