/* The record of completion (leda-record.html), loaded only there: the modules the
 * learner has marked done (done:<module>) with the day and the quiz score from their
 * latest answers (quiz:<module>: right answers among the quiz's scored questions), in
 * the course's order; the name typed on the page, kept (name:record) only while
 * "remember" is ticked. Everything through Leda.data; printing is the browser's. */
(function () {
  "use strict";
  var Leda = window.Leda;
  var root = document.querySelector("[data-leda-record]");
  if (!Leda || !Leda.data || !Leda.journey || !root) return;
  var D = Leda.data;
  var J = Leda.journey;
  var t = Leda.t;
  function $(sel) {
    return root.querySelector(sel);
  }
  var modules = [];
  try {
    modules = JSON.parse($("[data-record-modules]").textContent);
  } catch (e) {
    modules = [];
  }

  function score(m) {
    var quiz = J.value("quiz:" + m.id);
    var answers = (quiz && quiz.questions) || {};
    var answered = m.scored.filter(function (q) {
      return answers[q];
    });
    if (!m.scored.length || !answered.length) return t("journey.record_score_none");
    var right = answered.filter(function (q) {
      return answers[q].verdict === "correct";
    }).length;
    return t("journey.record_score_value", { score: right, total: m.scored.length });
  }

  function render() {
    var rows = $("[data-record-rows]");
    rows.textContent = "";
    var shown = 0;
    modules.forEach(function (m) {
      if (!J.done(m.id)) return;
      var mark = J.value("done:" + m.id);
      var tr = $("[data-record-row]").content.firstElementChild.cloneNode(true);
      tr.querySelector("[data-record-title]").textContent = m.title;
      tr.querySelector("[data-record-track]").textContent = m.track;
      tr.querySelector("[data-record-done]").textContent = mark && mark.updated ? J.dayText(mark.updated) : "–";
      tr.querySelector("[data-record-score]").textContent = score(m);
      rows.appendChild(tr);
      shown++;
    });
    $("[data-record-none]").hidden = shown > 0;
    $(".leda-record__modules").hidden = shown === 0;
    $("[data-record-count]").textContent = t("progress.count", { done: shown, total: modules.length });
    $("[data-record-date]").textContent = J.dayText(new Date().toISOString());
    var name = $("[data-record-name]").value.trim();
    $("[data-record-who]").hidden = !name;
    $("[data-record-who-name]").textContent = name;
  }

  var nameField = $("[data-record-name]");
  var remember = $("[data-record-remember]");
  var status = $("[data-record-status]");
  var kept = J.value("name:record");
  if (kept) {
    nameField.value = kept.name;
    remember.checked = true;
  }
  remember.disabled = D.state !== "ok";
  function keep() {
    var name = nameField.value.trim();
    if (!remember.checked) {
      if (D.read("name:record").state !== "none") D.remove("name:record");
      return;
    }
    var result = D.put("name:record", { v: 1, name: name, updated: new Date().toISOString() });
    if (result !== "ok") J.say(status, "journey.store." + result, null, true);
  }
  nameField.addEventListener("input", function () {
    render();
    keep();
  });
  remember.addEventListener("change", function () {
    keep();
    J.say(status, remember.checked ? "journey.record_remembered" : "journey.record_forgotten");
  });
  $("[data-record-print]").addEventListener("click", function () {
    window.print();
  });
  $("[data-record-tools]").hidden = false;
  $("[data-record-sheet]").hidden = false;
  render();
  D.watch(render);
})();
