/* The round timer (overrides/leda-timer.html): names in turn, each with three phases
 * (tell, explore with questions, advice last), whose turn and the time left in large
 * type. Pause, +1 and +5 minutes, next; it never moves on by itself unless the visible
 * checkbox says so. Turn changes, the end of a phase's time and the end of the round are
 * announced in a polite live region, never every second. The time is counted from
 * Date.now() between ticks, so a slow tab loses nothing. The screen is kept awake with
 * the Screen Wake Lock API where the browser allows; where not, a note says so.
 * Names can come in the address: #names=Anna%0ABo&minutes=15 (from a learning group's
 * card; the part after # never reaches a server). Nothing is stored. */
(function () {
  "use strict";
  var root = document.querySelector("[data-leda-timer]");
  if (!root) return;
  var strings = {};
  try {
    strings = JSON.parse(document.getElementById("leda-strings").textContent);
  } catch (e) {
    strings = {};
  }
  function t(key, vars) {
    var text = strings[key] || key;
    Object.keys(vars || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(vars[name]));
    });
    return text;
  }
  function $(selector) {
    return root.querySelector(selector);
  }
  var PHASES = ["tell", "explore", "advice"];
  var el = {
    name: $("[data-name]"), phase: $("[data-phase]"), clock: $("[data-clock]"),
    left: $("[data-left]"), over: $("[data-over]"), hint: $("[data-hint]"), turn: $("[data-turn]"),
    toggle: $("[data-toggle]"), next: $("[data-next]"), restart: $("[data-restart]"),
    auto: $("[data-auto]"), announce: $("[data-announce]"), wake: $("[data-wake]"),
    setup: $("[data-setup]"), error: $("[data-error]"), names: $("[data-names]"),
    minutes: $("[data-minutes]"),
  };
  var adds = root.querySelectorAll("[data-add]");
  var phaseInputs = {};
  PHASES.forEach(function (p) { phaseInputs[p] = $("[data-phase-minutes=" + p + "]"); });

  var steps = [];
  var people = [];
  var at = 0;
  var left = 0; // milliseconds; below zero: over time
  var running = false;
  var started = false;
  var done = false;
  var upSaid = false;
  var last = 0;
  var lock = null;

  function split(minutes) {
    var tell = Math.round(minutes / 3);
    var advice = Math.round(minutes / 3);
    return { tell: tell, explore: minutes - tell - advice, advice: advice };
  }

  function format(ms) {
    var s = Math.ceil(Math.abs(ms) / 1000);
    var m = Math.floor(s / 60);
    return m + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
  }

  function announce(text) {
    // A new node each time, so that the same words said twice are announced twice.
    el.announce.textContent = "";
    var span = document.createElement("span");
    span.textContent = text;
    el.announce.appendChild(span);
  }

  function sayStep() {
    var s = steps[at];
    announce(t("timer.say_turn", { name: s.name, phase: t("timer.phase." + s.phase), n: s.minutes }));
  }

  function draw() {
    var s = steps[at];
    var none = !s;
    [el.toggle, el.next].concat(Array.prototype.slice.call(adds)).forEach(function (b) {
      b.disabled = none || done;
    });
    el.restart.disabled = none;
    if (none) {
      el.name.textContent = t("timer.no_names");
      el.phase.textContent = el.hint.textContent = el.turn.textContent = el.over.textContent = "";
      el.clock.textContent = "0:00";
      return;
    }
    if (done) {
      el.name.textContent = t("timer.done");
      el.phase.textContent = el.hint.textContent = el.turn.textContent = el.over.textContent = "";
      el.clock.textContent = "0:00";
      el.toggle.textContent = t("timer.start");
      root.classList.remove("is-over", "is-running");
      return;
    }
    el.name.textContent = s.name;
    el.phase.textContent = t("timer.phase." + s.phase);
    el.hint.textContent = t("timer.phase_hint." + s.phase, { name: s.name });
    el.clock.textContent = format(Math.max(left, 0));
    el.over.textContent = left < 0 ? t("timer.over", { time: format(left) }) : started && !running ? t("timer.paused") : "";
    var person = people.indexOf(s.name);
    var nextName = null;
    for (var i = at + 1; i < steps.length; i++) {
      if (steps[i].person !== s.person) { nextName = steps[i].name; break; }
    }
    el.turn.textContent = t("timer.turn", { n: s.person + 1, total: people.length }) + " · " +
      (nextName ? t("timer.next_up", { name: nextName }) : at === steps.length - 1 ? t("timer.last") : "");
    el.turn.textContent = el.turn.textContent.replace(/ · $/, "");
    el.toggle.textContent = t(running ? "timer.pause" : started ? "timer.resume" : "timer.start");
    root.classList.toggle("is-over", left < 0);
    root.classList.toggle("is-running", running);
    return person;
  }

  function tick() {
    var now = Date.now();
    if (running) {
      left -= now - last;
      if (left <= 0 && !upSaid) {
        upSaid = true;
        if (el.auto.checked) {
          next();
          return;
        }
        var s = steps[at];
        announce(t("timer.say_up", { name: s.name, phase: t("timer.phase." + s.phase) }));
      }
    }
    last = now;
    draw();
  }

  function wake(on) {
    if (!on) {
      if (lock) lock.release().catch(function () {});
      lock = null;
      return;
    }
    if (lock) return;
    var note = function () { el.wake.textContent = t("timer.wake_off"); };
    try {
      if (!navigator.wakeLock || !navigator.wakeLock.request) return note();
      navigator.wakeLock.request("screen").then(function (l) {
        lock = l;
        el.wake.textContent = t("timer.wake_on");
        l.addEventListener("release", function () { if (lock === l) lock = null; });
      }, note);
    } catch (e) {
      note();
    }
  }

  function toggle() {
    if (!steps.length || done) return;
    last = Date.now();
    if (!started) {
      started = running = true;
      sayStep();
    } else {
      running = !running;
      announce(t(running ? "timer.say_resumed" : "timer.say_paused"));
    }
    wake(running);
    draw();
  }

  function next() {
    if (!steps.length || done) return;
    if (at < steps.length - 1) {
      at++;
      left = steps[at].minutes * 60000;
      upSaid = false;
      last = Date.now();
      if (!started) started = true;
      sayStep();
    } else {
      done = true;
      running = false;
      wake(false);
      announce(t("timer.done"));
    }
    draw();
  }

  function add(minutes) {
    if (!steps.length || done) return;
    left = Math.max(left, 0) + minutes * 60000;
    upSaid = false;
    announce(minutes === 1 ? t("timer.say_added_1") : t("timer.say_added_n", { n: minutes }));
    draw();
  }

  function invalid(field, bad) {
    if (bad) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
  }

  function whole(input, low, high) {
    var v = input.value.trim();
    return /^\d+$/.test(v) && +v >= low && +v <= high ? +v : NaN;
  }

  // The round from the form: the steps, or a message when it cannot be read.
  function setUp() {
    var names = el.names.value.split(/\r\n|\r|\n/).map(function (n) { return n.trim(); })
      .filter(Boolean);
    var minutes = {};
    var bad = false;
    PHASES.forEach(function (p) {
      minutes[p] = whole(phaseInputs[p], 0, 120);
      if (isNaN(minutes[p])) bad = true;
      invalid(phaseInputs[p], isNaN(minutes[p]));
    });
    if (!bad && !(minutes.tell + minutes.explore + minutes.advice)) bad = true;
    var error = !names.length ? t("timer.no_names") : bad ? t("timer.bad_minutes") : "";
    el.error.textContent = error;
    el.error.hidden = !error;
    invalid(el.names, !names.length);
    if (error) return error;
    people = names;
    steps = [];
    names.forEach(function (name, person) {
      PHASES.forEach(function (p) {
        if (minutes[p]) steps.push({ name: name, person: person, phase: p, minutes: minutes[p] });
      });
    });
    at = 0;
    left = steps[0].minutes * 60000;
    running = started = done = upSaid = false;
    wake(false);
    draw();
    return "";
  }

  el.toggle.addEventListener("click", toggle);
  el.next.addEventListener("click", next);
  el.restart.addEventListener("click", function () { setUp(); announce(t("timer.ready")); });
  Array.prototype.forEach.call(adds, function (b) {
    b.addEventListener("click", function () { add(+b.getAttribute("data-add")); });
  });
  el.minutes.addEventListener("input", function () {
    var m = whole(el.minutes, 1, 360);
    if (isNaN(m)) return;
    var s = split(m);
    PHASES.forEach(function (p) { phaseInputs[p].value = String(s[p]); });
  });
  PHASES.forEach(function (p) {
    phaseInputs[p].addEventListener("input", function () {
      var sum = PHASES.reduce(function (n, q) { return n + (whole(phaseInputs[q], 0, 120) || 0); }, 0);
      if (sum) el.minutes.value = String(sum);
    });
  });
  el.setup.addEventListener("submit", function (e) {
    e.preventDefault();
    var error = setUp();
    if (error) {
      el.error.focus();
    } else {
      var m = PHASES.reduce(function (n, p) { return n + +phaseInputs[p].value; }, 0);
      announce(t("timer.applied", { n: people.length, minutes: m }));
    }
  });

  // On the window, capturing: before Material's own shortcuts (its N goes to the next page).
  window.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    var target = e.target;
    var tag = target && target.tagName;
    var choice = tag === "INPUT" && /^(checkbox|radio|button|submit|reset)$/.test(target.type);
    if ((tag === "INPUT" && !choice) || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
    // Space and Enter on a button, link or checkbox do what they always do.
    if ((choice || tag === "BUTTON" || tag === "A" || tag === "SUMMARY") && (e.key === " " || e.key === "Enter")) return;
    var action = { " ": toggle, n: next, N: next, 1: function () { add(1); }, 5: function () { add(5); } }[e.key];
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    action();
  }, true);

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && running) wake(true);
  });

  // The names and minutes from the address (a learning group's card).
  if (location.hash.length > 1) {
    var params = new URLSearchParams(location.hash.slice(1));
    if (params.get("names")) el.names.value = params.get("names").slice(0, 20000);
    var m = /^\d+$/.test(params.get("minutes") || "") ? +params.get("minutes") : NaN;
    if (m >= 1 && m <= 360) {
      el.minutes.value = String(m);
      var s = split(m);
      PHASES.forEach(function (p) { phaseInputs[p].value = String(s[p]); });
    }
  }
  root.hidden = false;
  if (el.names.value.trim()) {
    setUp();
  } else {
    el.error.hidden = true;
    draw();
  }
  setInterval(tick, 250);
})();
