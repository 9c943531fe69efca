/* The follow-up of a commitment whose day has come, on any page (journey.js loads this
 * file only then): a region at the top of the content, under the page's heading, with
 * the markup of partials/leda/followup.html – calm and dismissible, never a modal.
 * "För 8 dagar sedan bestämde du dig för att göra det här: … Hur gick det?" with
 * done / partly / not yet and a note; the answer is saved in the commitment
 * (commitment:<module>, its `answer`), "Fråga mig i morgon" sets `later` a day ahead. */
(function () {
  "use strict";
  var Leda = window.Leda;
  var J = Leda && Leda.journey;
  if (!J) return;
  var D = Leda.data;
  var t = Leda.t;
  var DAY = 864e5;
  function $(sel, root) {
    return (root || document).querySelector(sel);
  }
  function $$(sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  }
  function now() {
    return new Date().toISOString();
  }

  function title(id) {
    var link = $$(".md-nav__link[href]").filter(function (a) {
      return J.linked(a) === id;
    })[0];
    return link ? { text: link.textContent.replace(t("journey.nav_done"), "").replace("✓", "").trim(), href: link.href } : null;
  }

  function followUp() {
    var day = J.today();
    var due = J.due();
    var template = document.getElementById("leda-followup-template");
    var article = $(".md-content__inner");
    if (!due || !template || !article) return;
    var c = due[1];
    var id = due[0].slice("commitment:".length);
    var el = template.content.firstElementChild.cloneNode(true);
    var md = new Date(c.made);
    var n = Math.round((J.local(day) - new Date(md.getFullYear(), md.getMonth(), md.getDate())) / DAY);
    $("[data-followup-ago]", el).textContent = t(n <= 0 ? "journey.followup_today" : n === 1 ? "journey.followup_yesterday" : n === 7 ? "journey.followup_week" : "journey.followup_days", { n: n });
    $("[data-followup-text]", el).textContent = c.text;
    var m = title(id);
    if (m) {
      $("[data-followup-module]", el).textContent = m.text;
      $("[data-followup-module]", el).href = m.href;
    } else {
      $("[data-followup-from]", el).hidden = true;
    }
    var status = $("[data-followup-status]", el);
    var form = $("[data-followup-form]", el);
    function save(change, key) {
      var result = D.put(due[0], Object.assign({}, c, change, { updated: now() }));
      if (result !== "ok") return J.say(status, "journey.store." + result, null, true);
      form.hidden = true;
      J.say(status, key);
      status.setAttribute("tabindex", "-1");
      status.focus();
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = $("input[type=radio]:checked", form);
      if (!chosen) {
        J.say(status, "journey.followup_choose", null, true);
        return $("input[type=radio]", form).focus();
      }
      save({ answer: { result: chosen.value, note: $("[data-followup-note]", form).value, at: now() } }, "journey.followup_saved");
    });
    $("[data-followup-later]", el).addEventListener("click", function () {
      save({ later: new Date(Date.now() + DAY).toISOString() }, "journey.followup_later_saved");
    });
    var h1 = $("h1", article);
    if (h1) h1.parentNode.insertBefore(el, h1.nextSibling);
    else article.insertBefore(el, article.firstChild);
  }


  followUp();
})();
