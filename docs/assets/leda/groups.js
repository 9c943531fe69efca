/* Leda's learning groups: read a list of participants, form groups of 3–4, regroup.
 * Pure functions without the DOM, as self.LedaGroups (window.LedaGroups on a page).
 * They return data and message keys with parameters; the page says them in its language.
 *
 * parse(text) -> {participants: [{name, unit, manager, line}], problems: [{key, ...}]}
 *   One person a line: name, unit and the manager's name (optional), separated by tabs
 *   (a copy from a spreadsheet) or semicolons. Blank lines and a first line that names
 *   the columns ("Namn;Enhet;Chef", "Name;Unit;Manager") are skipped. Problem keys:
 *   groups.problem.unreadable {line}   not two or three columns
 *   groups.problem.no_name {line}      groups.problem.no_unit {line}
 *   groups.problem.own_manager {line, name}
 *   groups.problem.duplicate {line, name, first}   the same name on an earlier line
 *   groups.problem.too_few {n, min}    fewer than three people
 *   Names are compared without case and extra spaces; a manager who is not on the list
 *   sets no rule.
 *
 * sizes(n) -> the group sizes: groups of 3 (15 minutes each in a 45-minute meeting),
 *   one or two of 4 when n is not a multiple of 3. Five people cannot make groups of
 *   3–4: they make one group of five, with the note groups.note.five.
 *
 * form(participants, {seed, history}) -> {groups: [[index, ...]], problems, notes, score}
 *   groups holds indexes into participants (null when there is a problem). history is
 *   the earlier groupings, each a list of groups of names; regroup(participants,
 *   history, options) is form with a history. The same input and seed give the same
 *   groups, so tests and shared links are stable.
 *
 * score(participants, groups, history) -> {manager, unit, repeat}: pairs with their own
 *   manager, pairs from one unit, and earlier meetings of the pairs (a pair that met in
 *   two earlier groupings counts 2).
 * random(seed) -> the seeded PRNG (mulberry32; a string seed is hashed with FNV-1a).
 * Members are listed in the participants' order, groups by their first member.
 *
 * The algorithm. Every pair of people has a cost, in this order of weight: a person
 * and their own manager (2^40: never allowed), each earlier grouping in which the two
 * met (more than all pairs from one unit together: regrouping puts new faces first),
 * two people from one unit (1). A grouping costs the sum over the pairs in its groups.
 * 1. Greedy construction: people in order of unit size (largest unit first, shuffled by
 *    the seed within a unit) join the group with room where they add the least cost,
 *    the emptiest on a tie, so each unit is dealt out across the groups.
 * 2. Local search: swap two people of different groups whenever that lowers the cost,
 *    until no swap does.
 * 3. Perturb and repeat: a few seeded random swaps of the best grouping, then 2. again,
 *    keeping the best; it stops early at the lower bound (no repeated pairs and each
 *    unit spread as evenly as the number of groups allows), else after a fixed number
 *    of rounds.
 * If a person still sits with their own manager, the grouping is refused with
 * groups.problem.manager_together {name, manager} (groups.problem.too_many_reports
 * {name, reports, n} when a manager has so many reports that no group of 3 is left
 * for them). What tests/test_groups_js.py checks: when no unit has more people than
 * there are groups, no group has two people from one unit (managers can make that
 * impossible; in the tests' organisations they do not); up to 11 people, where every
 * grouping can be tried, the result is the best one; a regrouping keeps no more earlier
 * pairs than the best of 300 random groupings. */
(function () {
  "use strict";
  var MIN = 3;
  var MANAGER = Math.pow(2, 40);
  var ROUNDS = 60;
  var HEADER = {
    name: ["namn", "name", "deltagare", "participant"],
    unit: ["enhet", "unit", "avdelning", "department", "team"],
  };

  function key(text) {
    return String(text || "").normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
  }

  function clean(field) {
    var text = field.replace(/\s+/g, " ").trim();
    var quoted = /^"(.*)"$/.exec(text);
    return quoted ? quoted[1].replace(/""/g, '"').trim() : text;
  }

  function parse(text) {
    var participants = [];
    var problems = [];
    var seen = {};
    var first = true;
    String(text || "")
      .replace(/^\uFEFF/, "")
      .split(/\r\n|\r|\n/)
      .forEach(function (raw, i) {
        var line = i + 1;
        if (!raw.trim()) return;
        var fields = raw.split(raw.indexOf("\t") >= 0 ? "\t" : ";").map(clean);
        while (fields.length > 2 && !fields[fields.length - 1]) fields.pop();
        var header = first && HEADER.name.indexOf(key(fields[0])) >= 0 &&
          HEADER.unit.indexOf(key(fields[1])) >= 0;
        first = false;
        if (header) return;
        if (fields.length < 2 || fields.length > 3) {
          problems.push({ key: "groups.problem.unreadable", line: line });
        } else if (!fields[0]) {
          problems.push({ key: "groups.problem.no_name", line: line });
        } else if (!fields[1]) {
          problems.push({ key: "groups.problem.no_unit", line: line });
        } else if (key(fields[2]) === key(fields[0])) {
          problems.push({ key: "groups.problem.own_manager", line: line, name: fields[0] });
        } else if (seen[key(fields[0])]) {
          problems.push({
            key: "groups.problem.duplicate", line: line, name: fields[0],
            first: seen[key(fields[0])],
          });
        } else {
          seen[key(fields[0])] = line;
          participants.push({ name: fields[0], unit: fields[1], manager: fields[2] || "", line: line });
        }
      });
    if (participants.length < MIN) {
      problems.push({ key: "groups.problem.too_few", n: participants.length, min: MIN });
    }
    return { participants: participants, problems: problems };
  }

  function sizes(n) {
    if (n < MIN) return [];
    if (n === 5) return [5];
    var fours = [0, 1, 2][n % 3];
    var out = [];
    for (var i = 0; i < (n - 4 * fours) / 3; i++) out.push(3);
    for (var j = 0; j < fours; j++) out.unshift(4);
    return out;
  }

  function random(seed) {
    var s = typeof seed === "number" ? seed >>> 0 : 2166136261;
    if (typeof seed !== "number") {
      for (var i = 0; i < String(seed || "").length; i++) {
        s = Math.imul(s ^ String(seed).charCodeAt(i), 16777619) >>> 0;
      }
    }
    return function () {
      s = (s + 0x6d2b79f5) >>> 0;
      var t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffle(list, rand) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(rand() * (i + 1));
      var x = list[i];
      list[i] = list[j];
      list[j] = x;
    }
    return list;
  }

  // The pairs' parts of the cost: manager, unit and repeat as n×n tables.
  function pairs(participants, history) {
    var n = participants.length;
    var at = {};
    var table = function () {
      return participants.map(function () { return new Array(n).fill(0); });
    };
    var t = { manager: table(), unit: table(), repeat: table() };
    participants.forEach(function (p, i) { at[key(p.name)] = i; });
    participants.forEach(function (p, i) {
      var m = at[key(p.manager)];
      if (m !== undefined && m !== i) t.manager[i][m] = t.manager[m][i] = 1;
      for (var j = 0; j < i; j++) {
        if (key(p.unit) === key(participants[j].unit)) t.unit[i][j] = t.unit[j][i] = 1;
      }
    });
    (history || []).forEach(function (grouping) {
      (grouping || []).forEach(function (group) {
        var ids = (group || []).map(function (name) { return at[key(name)]; });
        ids.forEach(function (a, x) {
          ids.slice(0, x).forEach(function (b) {
            if (a !== undefined && b !== undefined && a !== b) t.repeat[a][b] = ++t.repeat[b][a];
          });
        });
      });
    });
    return t;
  }

  function score(participants, groups, history) {
    var t = pairs(participants, history);
    var out = { manager: 0, unit: 0, repeat: 0 };
    groups.forEach(function (g) {
      g.forEach(function (a, x) {
        g.slice(0, x).forEach(function (b) {
          out.manager += t.manager[a][b];
          out.unit += t.unit[a][b];
          out.repeat += t.repeat[a][b];
        });
      });
    });
    return out;
  }

  // Unit pairs when each unit is spread as evenly as `count` groups allow.
  function unitBound(participants, count) {
    var units = {};
    participants.forEach(function (p) { units[key(p.unit)] = (units[key(p.unit)] || 0) + 1; });
    return Object.keys(units).reduce(function (sum, u) {
      var q = Math.floor(units[u] / count);
      var r = units[u] % count;
      return sum + (r * (q + 1) * q) / 2 + ((count - r) * q * (q - 1)) / 2;
    }, 0);
  }

  // The cost of person p in group g, leaving out the member at position `skip`.
  function costIn(cost, g, p, skip) {
    var sum = 0;
    for (var y = 0; y < g.length; y++) if (y !== skip) sum += cost[p][g[y]];
    return sum;
  }

  function total(cost, groups) {
    return groups.reduce(function (sum, g) {
      return sum + g.reduce(function (s, p, x) { return s + costIn(cost, g.slice(0, x), p, -1); }, 0);
    }, 0);
  }

  // 1. Greedy construction, largest unit first.
  function construct(participants, cost, rand) {
    var want = sizes(participants.length);
    var groups = want.map(function () { return []; });
    var byUnit = {};
    participants.forEach(function (p, i) {
      (byUnit[key(p.unit)] = byUnit[key(p.unit)] || []).push(i);
    });
    shuffle(Object.keys(byUnit), rand)
      .sort(function (a, b) { return byUnit[b].length - byUnit[a].length; })
      .forEach(function (u) {
        shuffle(byUnit[u], rand).forEach(function (p) {
          var best = -1;
          var bestCost = 0;
          groups.forEach(function (g, i) {
            if (g.length >= want[i]) return;
            var c = costIn(cost, g, p, -1);
            if (best < 0 || c < bestCost || (c === bestCost && g.length < groups[best].length)) {
              best = i;
              bestCost = c;
            }
          });
          groups[best].push(p);
        });
      });
    return groups;
  }

  // 2. Local search: swaps that lower the cost.
  function descend(cost, groups) {
    var better = true;
    while (better) {
      better = false;
      for (var A = 0; A < groups.length; A++) {
        for (var B = A + 1; B < groups.length; B++) {
          var ga = groups[A];
          var gb = groups[B];
          for (var x = 0; x < ga.length; x++) {
            for (var y = 0; y < gb.length; y++) {
              var a = ga[x];
              var b = gb[y];
              var before = costIn(cost, ga, a, x) + costIn(cost, gb, b, y);
              if (costIn(cost, ga, b, x) + costIn(cost, gb, a, y) < before) {
                ga[x] = b;
                gb[y] = a;
                better = true;
              }
            }
          }
        }
      }
    }
    return groups;
  }

  // 3. Perturb the best grouping with two random swaps, descend again, keep the best.
  function search(participants, cost, rand, bound) {
    var best = descend(cost, construct(participants, cost, rand));
    var bestCost = total(cost, best);
    for (var round = 0; round < ROUNDS && bestCost > bound && best.length > 1; round++) {
      var next = best.map(function (g) { return g.slice(); });
      for (var k = 0; k < 2; k++) {
        var A = Math.floor(rand() * next.length);
        var B = (A + 1 + Math.floor(rand() * (next.length - 1))) % next.length;
        var x = Math.floor(rand() * next[A].length);
        var y = Math.floor(rand() * next[B].length);
        var swap = next[A][x];
        next[A][x] = next[B][y];
        next[B][y] = swap;
      }
      next = descend(cost, next);
      var c = total(cost, next);
      if (c <= bestCost) {
        best = next;
        bestCost = c;
      }
    }
    return best;
  }

  function form(participants, options) {
    options = options || {};
    var n = participants.length;
    var result = { groups: null, problems: [], notes: [], score: null };
    if (n < MIN) {
      result.problems.push({ key: "groups.problem.too_few", n: n, min: MIN });
      return result;
    }
    var t = pairs(participants, options.history);
    participants.forEach(function (p, i) {
      var reports = t.manager[i].reduce(function (s, v, j) {
        return s + (v && key(participants[j].manager) === key(p.name) ? 1 : 0);
      }, 0);
      var free = n - 1 - t.manager[i].reduce(function (s, v) { return s + v; }, 0);
      if (reports && free < Math.min.apply(null, sizes(n)) - 1) {
        result.problems.push({
          key: "groups.problem.too_many_reports", name: p.name, reports: reports, n: n,
        });
      }
    });
    if (result.problems.length) return result;
    var repeat = (n * (n - 1)) / 2 + 1;
    var cost = participants.map(function (p, i) {
      return participants.map(function (q, j) {
        return MANAGER * t.manager[i][j] + repeat * t.repeat[i][j] + t.unit[i][j];
      });
    });
    var bound = unitBound(participants, sizes(n).length);
    var groups = search(participants, cost, random(options.seed || 0), bound);
    groups.forEach(function (g) { g.sort(function (a, b) { return a - b; }); });
    groups.sort(function (a, b) { return a[0] - b[0]; });
    groups.forEach(function (g) {
      g.forEach(function (a, x) {
        g.slice(0, x).forEach(function (b) {
          if (!t.manager[a][b]) return;
          var report = key(participants[a].manager) === key(participants[b].name) ? a : b;
          result.problems.push({
            key: "groups.problem.manager_together", name: participants[report].name,
            manager: participants[report].manager,
          });
        });
      });
    });
    if (result.problems.length) return result;
    if (n === 5) result.notes.push({ key: "groups.note.five", n: n });
    result.groups = groups;
    result.score = score(participants, groups, options.history);
    return result;
  }

  function regroup(participants, history, options) {
    var o = {};
    Object.keys(options || {}).forEach(function (k) { o[k] = options[k]; });
    o.history = history;
    return form(participants, o);
  }

  self.LedaGroups = {
    parse: parse, sizes: sizes, form: form, regroup: regroup, score: score, random: random,
  };
})();
