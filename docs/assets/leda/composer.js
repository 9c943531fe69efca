/* Leda's workshop composer: pick exercises, order them, get a timed agenda.
 * The plan lives in the address (?start=09:00&length=90&items=id,break-10,id), so a
 * bookmark or a link restores it. The catalogue is the page's own list, built at
 * build time. Plain JavaScript; the page can be read without it. */
(function () {
  "use strict";
  var Leda = window.Leda;
  var root = document.querySelector("[data-leda-composer]");
  if (!Leda || !root) return;
  var t = Leda.t;
  var BREAK = /^break-(\d{1,3})$/;

  var session = root.querySelector("[data-session]");
  var itemsEl = root.querySelector("[data-plan-items]");
  var emptyEl = root.querySelector("[data-plan-empty]");
  var agendaBody = root.querySelector("[data-agenda] tbody");
  var totalEl = root.querySelector("[data-total]");
  var fitEl = root.querySelector("[data-fit]");
  var shareEl = root.querySelector("[data-share]");
  var handout = root.querySelector("[data-handout-items]");
  var filters = document.querySelector("[data-filters]");
  var catalogue = {};
  document.querySelectorAll("[data-exercise]").forEach(function (li) {
    catalogue[li.getAttribute("data-exercise")] = li;
  });

  var plan = []; // exercise ids and "break-10" tokens

  function minutesOf(item) {
    var pause = BREAK.exec(item);
    return pause ? Number(pause[1]) : Number(catalogue[item].getAttribute("data-minutes"));
  }

  function titleOf(item) {
    var pause = BREAK.exec(item);
    return pause ? t("plan.kind.break") : catalogue[item].querySelector("[data-title]").textContent.trim();
  }

  function clock(minutes) {
    minutes = ((minutes % 1440) + 1440) % 1440;
    var h = Math.floor(minutes / 60);
    var m = minutes % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  function startMinutes() {
    var parts = /^(\d{1,2}):(\d{2})$/.exec(session.start.value || "");
    return parts ? Number(parts[1]) * 60 + Number(parts[2]) : 9 * 60;
  }

  function button(text, label, action, index) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button leda-composer__move";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.setAttribute("data-action", action);
    b.setAttribute("data-index", String(index));
    return b;
  }

  function render(focus) {
    // The plan list, with move and remove controls.
    itemsEl.textContent = "";
    plan.forEach(function (item, i) {
      var li = document.createElement("li");
      var name = document.createElement("span");
      name.textContent = titleOf(item) + " (" + t("exercise.minutes", { n: minutesOf(item) }) + ")";
      li.appendChild(name);
      var title = titleOf(item);
      li.appendChild(button("↑", t("composer.up", { title: title }), "up", i));
      li.appendChild(button("↓", t("composer.down", { title: title }), "down", i));
      li.appendChild(button("✕", t("composer.remove", { title: title }), "remove", i));
      itemsEl.appendChild(li);
    });
    emptyEl.hidden = plan.length > 0;

    // The agenda: start and end of each block, from the start time.
    agendaBody.textContent = "";
    var now = startMinutes();
    var total = 0;
    plan.forEach(function (item) {
      var minutes = minutesOf(item);
      var row = document.createElement("tr");
      [clock(now) + "–" + clock(now + minutes), titleOf(item), String(minutes)].forEach(function (text) {
        var cell = document.createElement("td");
        cell.textContent = text;
        row.appendChild(cell);
      });
      agendaBody.appendChild(row);
      now += minutes;
      total += minutes;
    });
    totalEl.textContent = String(total);
    var length = Number(session.length.value) || 0;
    var fit = total > length ? "over" : total < length ? "left" : "fits";
    fitEl.textContent = t("composer." + fit, { n: Math.abs(length - total) });
    fitEl.setAttribute("data-state", fit);

    // The participant handout: each chosen exercise's prompt, for printing.
    handout.textContent = "";
    plan.forEach(function (item) {
      if (BREAK.test(item)) return;
      var source = catalogue[item];
      var section = document.createElement("section");
      var h = document.createElement("h3");
      h.textContent = titleOf(item);
      section.appendChild(h);
      section.appendChild(source.querySelector("[data-meta]").cloneNode(true));
      section.appendChild(source.querySelector("[data-prompt]").cloneNode(true));
      handout.appendChild(section);
    });

    // The address holds the whole plan.
    var url = new URL(location.href);
    url.searchParams.set("start", session.start.value);
    url.searchParams.set("length", session.length.value);
    if (plan.length) url.searchParams.set("items", plan.join(","));
    else url.searchParams.delete("items");
    history.replaceState(null, "", url.href);
    shareEl.value = url.href;

    if (focus) focus();
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    if (/^\d{1,2}:\d{2}$/.test(params.get("start") || "")) session.start.value = params.get("start");
    if (/^\d{1,3}$/.test(params.get("length") || "")) session.length.value = params.get("length");
    var unknown = [];
    (params.get("items") || "").split(",").forEach(function (item) {
      if (!item) return;
      if (BREAK.test(item) || Object.prototype.hasOwnProperty.call(catalogue, item)) plan.push(item);
      else unknown.push(item);
    });
    if (unknown.length) {
      var note = root.querySelector("[data-plan-unknown]");
      note.textContent = t("composer.unknown", { ids: unknown.join(", ") });
      note.hidden = false;
    }
  }

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

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.hasAttribute("data-add")) {
      plan.push(target.closest("[data-exercise]").getAttribute("data-exercise"));
      render();
    } else if (target.hasAttribute("data-add-break")) {
      plan.push("break-10");
      render();
    } else if (target.hasAttribute("data-action") && root.contains(target)) {
      var i = Number(target.getAttribute("data-index"));
      var action = target.getAttribute("data-action");
      var to = action === "up" ? i - 1 : action === "down" ? i + 1 : -1;
      if (action === "remove") plan.splice(i, 1);
      else if (to >= 0 && to < plan.length) plan.splice(to, 0, plan.splice(i, 1)[0]);
      else return;
      render(function () {
        // Keep the keyboard where it was: on the moved item's same control, or the list.
        var again = itemsEl.querySelector('[data-action="' + action + '"][data-index="' + (action === "remove" ? Math.min(i, plan.length - 1) : to) + '"]');
        (again || root.querySelector("[data-add-break]")).focus();
      });
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

  session.addEventListener("input", function () {
    render();
  });
  filters.addEventListener("input", applyFilters);
  filters.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  session.addEventListener("submit", function (event) {
    event.preventDefault();
  });

  root.hidden = false;
  filters.hidden = false;
  root.querySelector("[data-handout]").hidden = false;
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
