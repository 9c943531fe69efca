/* Leda's quizzes: check one question or all, show the score, keep the latest result.
 * Plain JavaScript on top of partials/leda/quiz.html, which works without it.
 * Results are stored through Leda.data (data.js) as quiz:<module>, by question id (not
 * the URL), so the Swedish and English pages share them. Answers to questions or
 * options the quiz no longer has stay stored as they are; the page ignores them.
 * A finished quiz offers to mark the module done; only the learner's click marks it. */
(function () {
  "use strict";
  var Leda = window.Leda;
  var quiz = document.querySelector("[data-leda-quiz]");
  if (!Leda || !Leda.data || !quiz) return;

  var t = Leda.t;
  var D = Leda.data;
  var NAME = "quiz:" + quiz.getAttribute("data-leda-quiz");
  var questions = Array.prototype.slice.call(quiz.querySelectorAll("[data-question]"));
  var scoreEl = quiz.querySelector("[data-score]");
  var noteEl = quiz.querySelector("[data-leda-storage-note]");
  var changes = {}; // answers given (or taken back, null) on this page, by question id
  var warning = ""; // why the latest result was not stored, in words, after the score

  function warn(result) {
    var text = result === "ok" ? "" : t(result === "unavailable" ? "quiz.storage_off" : "quiz." + result);
    noteEl.textContent = text;
    noteEl.hidden = !text;
    return text;
  }

  /* The stored answers with this page's changes; nothing else is touched. */
  function save() {
    var cur = D.read(NAME);
    var answers = {};
    if (cur.state === "ok") Object.keys(cur.value.questions).forEach(function (q) {
      answers[q] = cur.value.questions[q];
    });
    Object.keys(changes).forEach(function (q) {
      if (changes[q]) answers[q] = changes[q];
      else delete answers[q];
    });
    var result = D.put(NAME, { v: 1, questions: answers });
    if (result === "ok") changes = {};
    warning = warn(result);
  }

  function options(q) {
    return Array.prototype.slice.call(q.querySelectorAll("[data-option]"));
  }

  function input(option) {
    return option.querySelector("input");
  }

  function labelText(option) {
    var label = option.querySelector("label").cloneNode(true);
    label.querySelectorAll(".leda-option__verdict").forEach(function (mark) {
      mark.remove();
    });
    return label.textContent.trim();
  }

  function setFeedbackVisible(q, visible) {
    q.querySelectorAll("[data-feedback]").forEach(function (d) {
      d.hidden = !visible;
      if (!visible) d.open = false;
    });
  }

  function clearMarks(q) {
    options(q).forEach(function (o) {
      o.classList.remove("is-right", "is-wrong", "is-chosen");
      var mark = o.querySelector(".leda-option__verdict");
      if (mark) mark.remove();
    });
  }

  function mark(option, text, cls) {
    var span = document.createElement("span");
    span.className = "leda-option__verdict";
    span.textContent = text;
    option.classList.add(cls);
    option.querySelector("label").appendChild(span);
  }

  /* Check question q; returns the verdict or null when nothing was chosen.
   * quiet: restoring the stored answer (not recorded again) or checking all. */
  function check(q, quiet, restoring) {
    var type = q.getAttribute("data-type");
    var opts = options(q);
    var chosen = opts.filter(function (o) {
      return input(o).checked;
    });
    var result = q.querySelector("[data-result]");
    if (!chosen.length) {
      result.textContent = t("quiz.choose_first");
      return null;
    }
    clearMarks(q);
    setFeedbackVisible(q, true);
    var verdict;
    var message;
    if (type === "scenario") {
      verdict = "answered";
      message = t("quiz.scenario_done") + " " + labelText(chosen[0]) + " – " +
        chosen[0].querySelector("[data-feedback] p").textContent.trim();
      chosen.forEach(function (o) {
        o.classList.add("is-chosen");
        mark(o, t("quiz.your_choice"), "is-chosen");
      });
    } else {
      var right = opts.filter(function (o) {
        return o.getAttribute("data-correct") === "true";
      });
      var hits = chosen.filter(function (o) {
        return right.indexOf(o) >= 0;
      });
      if (hits.length === right.length && chosen.length === right.length) verdict = "correct";
      else if (type === "multiple" && hits.length) verdict = "partly";
      else verdict = "incorrect";
      opts.forEach(function (o) {
        var isRight = right.indexOf(o) >= 0;
        var isChosen = chosen.indexOf(o) >= 0;
        if (isRight) mark(o, t("quiz.option_right") + (isChosen ? " · " + t("quiz.your_choice") : ""), "is-right");
        else if (isChosen) mark(o, t("quiz.option_wrong") + " · " + t("quiz.your_choice"), "is-wrong");
      });
      message = t(verdict === "correct" ? "quiz.correct" : verdict === "partly" ? "quiz.partly" : "quiz.incorrect");
      if (verdict !== "correct") {
        var names = right.map(labelText).join("; ");
        message += " " + t(right.length > 1 ? "quiz.right_answers" : "quiz.right_answer", { answer: names });
      }
    }
    chosen.forEach(function (o) {
      var details = o.querySelector("[data-feedback]");
      if (details) details.open = true;
    });
    result.textContent = message;
    result.setAttribute("data-verdict", verdict);
    q.setAttribute("data-verdict", verdict);
    q.querySelector('[data-action="check"]').hidden = true;
    var retry = q.querySelector('[data-action="retry"]');
    retry.hidden = false;
    if (!quiet) retry.focus();
    if (!restoring) {
      changes[q.getAttribute("data-question")] = {
        chosen: chosen.map(function (o) {
          return o.getAttribute("data-option");
        }),
        verdict: verdict,
        at: new Date().toISOString(),
      };
    }
    return verdict;
  }

  function reset(q) {
    options(q).forEach(function (o) {
      input(o).checked = false;
    });
    clearMarks(q);
    setFeedbackVisible(q, false);
    var result = q.querySelector("[data-result]");
    result.textContent = "";
    result.removeAttribute("data-verdict");
    q.removeAttribute("data-verdict");
    q.querySelector('[data-action="check"]').hidden = false;
    q.querySelector('[data-action="retry"]').hidden = true;
    changes[q.getAttribute("data-question")] = null;
  }

  function updateScore() {
    var total = Number(scoreEl.getAttribute("data-scored"));
    var checked = 0;
    var score = 0;
    questions.forEach(function (q) {
      var v = q.getAttribute("data-verdict");
      if (!v || v === "answered") return;
      checked += 1;
      if (v === "correct") score += 1;
    });
    scoreEl.textContent = ((checked ? t("quiz.score", { score: score, total: total }) : "") + " " + warning).trim();
    // Every question checked: offer to mark the module done (journey.js), never mark it.
    var offer = document.querySelector("[data-leda-quiz-done]");
    if (offer) offer.hidden = !questions.every(function (q) {
      return q.getAttribute("data-verdict");
    });
  }

  // With JavaScript: feedback waits until a question is checked.
  quiz.querySelectorAll("[data-leda-js]").forEach(function (el) {
    el.hidden = false;
  });
  questions.forEach(function (q) {
    setFeedbackVisible(q, false);
  });
  // Restore the latest result; say why a new one could not be kept.
  var stored = D.read(NAME);
  var answers = stored.value && stored.value.questions;
  answers = stored.state === "ok" || (stored.state === "newer" && answers && typeof answers === "object") ? answers : {};
  if (stored.state === "corrupt") warn(D.keep(NAME, stored.raw) ? "corrupt" : "stuck");
  else if (stored.state === "newer") warn("newer");
  else if (D.state === "readonly" || D.state === "unavailable") warn("unavailable");
  var restored = 0;
  questions.forEach(function (q) {
    var saved = answers[q.getAttribute("data-question")];
    var chosen = options(q).filter(function (o) {
      return saved && Array.isArray(saved.chosen) && saved.chosen.indexOf(o.getAttribute("data-option")) >= 0;
    });
    if (!chosen.length) return; // not answered, or only with options that are gone
    chosen.forEach(function (o) {
      input(o).checked = true;
    });
    if (check(q, true, true)) restored += 1;
  });
  updateScore();
  if (restored) scoreEl.textContent = (scoreEl.textContent + " " + t("quiz.stored")).trim();

  quiz.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    var action = button.getAttribute("data-action");
    var q = button.closest("[data-question]");
    if (action === "check") {
      check(q);
    } else if (action === "retry") {
      reset(q);
      input(options(q)[0]).focus();
    } else if (action === "check-all") {
      questions.forEach(function (each) {
        if (!each.getAttribute("data-verdict")) check(each, true);
      });
      save();
      updateScore();
      scoreEl.focus();
      return;
    } else if (action === "retry-all") {
      questions.forEach(reset);
      input(options(questions[0])[0]).focus();
    }
    save();
    updateScore();
  });
})();
