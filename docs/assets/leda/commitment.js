/* The learner's commitment for next week on a module page (partials/leda/commitment.html),
 * loaded by leda-module.html after journey.js: choose one of the module's suggestions or
 * write one's own, with a follow-up day (a week ahead by default), kept through Leda.data
 * as commitment:<module>; a commitment that was followed up is kept as a backup before a
 * new one takes its place. The calendar file (one event on the day at 09:00 with a
 * reminder) is made in the browser by LedaIcs.calendar (ics.js, loaded when asked for). */
(function () {
  "use strict";
  var Leda = window.Leda;
  var J = Leda && Leda.journey;
  if (!J) return;
  var D = Leda.data;
  var t = Leda.t;
  var lang = document.documentElement.lang;
  function $(sel, root) {
    return (root || document).querySelector(sel);
  }
  function $$(sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  }
  function now() {
    return new Date().toISOString();
  }

  var box = $("[data-leda-commitment]");
  if (box) {
    var id = box.getAttribute("data-leda-commitment");
    var name = "commitment:" + id;
    var form = $("[data-commitment-form]", box);
    var own = $("[data-commitment-own]", box);
    var due = $("[data-commitment-due]", box);
    var made = $("[data-commitment-made]", box);
    var status = $("[data-commitment-status]", box);
    var current = null; // what is stored, or kept on the page when it could not be
    var radios = $$("input[type=radio]", form);
    var showForm = function (on) {
      form.hidden = !on;
      made.hidden = on || !current;
    };
    var show = function () {
      var c = current;
      if (c) {
        $("[data-commitment-text]", box).textContent = c.text;
        $("[data-commitment-when]", box).textContent = c.answer
          ? t("journey.commitment_answered", { date: J.dayText(c.answer.at), result: t("journey.result." + c.answer.result.replace("-", "_")).toLowerCase() })
          : t("journey.commitment_when", { date: J.dayText(c.due) });
      }
      showForm(!c);
    };
    var list = $("[data-commitment-list]", box);
    if (list) list.hidden = true;
    var stored = D.read(name);
    current = stored.state === "ok" || stored.state === "newer" ? stored.value : null;
    if (stored.state === "newer") J.say(status, "journey.store.newer", null, true);
    due.value = J.today(7);
    due.min = J.today();
    own.addEventListener("input", function () {
      $("#commitment-own", box).checked = true;
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = radios.filter(function (r) {
        return r.checked;
      })[0];
      var text = chosen && (chosen.value ? $('label[for="' + chosen.id + '"]', box).textContent : own.value).trim();
      if (!text) {
        J.say(status, "journey.commitment_pick", null, true);
        return (chosen && !chosen.value ? own : radios[0]).focus();
      }
      if (!/^\d{4}-\d\d-\d\d$/.test(due.value)) {
        J.say(status, "journey.commitment_date", null, true);
        return due.focus();
      }
      var before = D.read(name);
      if (before.state === "ok" && before.value.answer) D.keep(name, before.raw); // followed up: kept
      var entry = { v: 1, text: text, option: chosen.value || null, due: due.value, made: now(), updated: now(), later: null, answer: null };
      var result = D.put(name, entry);
      if (result !== "newer") current = entry;
      J.say(status, result === "ok" ? "journey.commitment_saved" : "journey.store." + result, null, result !== "ok");
      show();
      status.focus();
    });
    box.addEventListener("click", function (event) {
      var button = event.target.closest("[data-commitment-action]");
      if (!button || !current) return;
      if (button.getAttribute("data-commitment-action") === "change") {
        radios.forEach(function (r) {
          r.checked = r.value === (current.option || "");
        });
        if (!current.option) own.value = current.text;
        due.value = current.answer || current.due < J.today() ? J.today(7) : current.due; // a new week
        J.say(status, "");
        showForm(true);
        return (
          radios.filter(function (r) {
            return r.checked;
          })[0] || radios[0]
        ).focus();
      }
      var c = current;
      var make = function () {
        var file = t("journey.commitment_file") + "-" + c.due + ".ics";
        var text = window.LedaIcs.calendar({
          events: [{ date: c.due, time: "09:00", minutes: 15, summary: c.text, description: t("journey.ics_description", { title: box.getAttribute("data-title") }), url: location.href.split("#")[0], key: ["leda-commitment", id, c.made] }],
          lang: lang,
        });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
        link.download = file;
        document.body.appendChild(link);
        link.click();
        setTimeout(function () {
          URL.revokeObjectURL(link.href);
          link.remove();
        }, 1000);
        J.say(status, "journey.commitment_ics_made", { file: file });
      };
      if (window.LedaIcs) return make();
      var script = document.createElement("script");
      script.src = new URL("assets/leda/ics.js", Leda.root).href;
      script.onload = make;
      document.head.appendChild(script);
    });
    show();
    // Another tab saved or followed it up: show that, unless the form is open here.
    D.watch(function (changed) {
      if ((changed !== null && changed !== name) || (!form.hidden && current)) return;
      var e = D.read(name);
      current = e.state === "ok" || e.state === "newer" ? e.value : null;
      show();
    });
  }
})();
