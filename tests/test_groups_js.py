"""docs/assets/leda/groups.js in Chromium: reading participants, forming groups, regrouping."""

from __future__ import annotations

import random
import shutil
from itertools import combinations, permutations

import pytest
from conftest import ROOT, serve

pytestmark = pytest.mark.browser

SCRIPT = ROOT / "docs" / "assets" / "leda" / "groups.js"


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    """A page served from a temporary folder that loads only groups.js."""
    folder = tmp_path_factory.mktemp("groups")
    shutil.copy(SCRIPT, folder / "groups.js")
    (folder / "index.html").write_text(
        '<!doctype html><html lang="en"><title>groups</title><script src="groups.js"></script>',
        encoding="utf-8",
    )
    httpd, server = serve(folder)
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url)
    yield page
    context.close()
    httpd.shutdown()
    assert errors == []


def parse(page, text: str) -> dict:
    return page.evaluate("(text) => LedaGroups.parse(text)", text)


def form(page, people: list[dict], **options) -> dict:
    return page.evaluate("([p, o]) => LedaGroups.form(p, o)", [people, options])


def regroup(page, people: list[dict], history: list, **options) -> dict:
    return page.evaluate("([p, h, o]) => LedaGroups.regroup(p, h, o)", [people, history, options])


def organisation(n: int, seed: int) -> list[dict]:
    """n people in units of one to n // 3 people (at most one per group), each unit led by
    its first person, to whom the others report. From ten people on, the
    unit heads report to the first person and about one in seven reports to a manager in
    another unit instead (a matrix organisation). Up to five people (one group) have no
    manager among them."""
    rng = random.Random(seed)
    people: list[dict] = []
    while len(people) < n:
        head = f"Person {len(people)}"
        unit = f"Unit {len(people)}"
        for k in range(min(rng.randint(1, max(1, n // 3)), n - len(people))):
            manager = head if k and n > 5 else ""
            people.append({"name": f"Person {len(people)}", "unit": unit, "manager": manager})
    if n >= 10:
        for p in people[1:]:
            if not p["manager"]:
                p["manager"] = "Person 0"
            if rng.random() < 0.15:
                p["manager"] = rng.choice([q["name"] for q in people if q is not p])
    return people


def tangle(n: int, seed: int) -> list[dict]:
    """n people in three units of any size, four in ten with a manager among the others."""
    rng = random.Random(seed)
    people = [{"name": f"P{i}", "unit": f"U{rng.randrange(3)}", "manager": ""} for i in range(n)]
    for i, p in enumerate(people[1:], start=1):
        if rng.random() < 0.4:
            p["manager"] = people[rng.randrange(i)]["name"]
    return people


def manager_pairs(people: list[dict], groups: list[list[int]]) -> list[tuple[str, str]]:
    return [
        (people[a]["name"], people[b]["name"])
        for g in groups
        for a, b in combinations(g, 2)
        if people[a].get("manager") == people[b]["name"]
        or people[b].get("manager") == people[a]["name"]
    ]


def unit_pairs(people: list[dict], groups: list[list[int]]) -> int:
    return sum(
        people[a]["unit"] == people[b]["unit"] for g in groups for a, b in combinations(g, 2)
    )


def earlier_pairs(groups: list[list[str]], history: list[list[list[str]]]) -> int:
    """How often the pairs in ``groups`` (names) met in the earlier groupings."""
    met = [frozenset(pair) for grouping in history for g in grouping for pair in combinations(g, 2)]
    return sum(met.count(frozenset(pair)) for g in groups for pair in combinations(g, 2))


def names(people: list[dict], groups: list[list[int]]) -> list[list[str]]:
    return [[people[i]["name"] for i in g] for g in groups]


# --- parse ---------------------------------------------------------------------------------

PARSE_CASES = [
    pytest.param(
        "Namn;Enhet;Chef\nAnna Berg;HR;Maja Ek\nBo Ek;IT;\nCai Lund;IT;Anna Berg\n",
        [
            ("Anna Berg", "HR", "Maja Ek", 2),
            ("Bo Ek", "IT", "", 3),
            ("Cai Lund", "IT", "Anna Berg", 4),
        ],
        [],
        id="swedish-header-semicolons",
    ),
    pytest.param(
        "Name\tUnit\tManager\r\nAnna\tHR\t\r\n\r\nBo\tIT\tAnna\r\nCai\tIT\r\n",
        [("Anna", "HR", "", 2), ("Bo", "IT", "Anna", 4), ("Cai", "IT", "", 5)],
        [],
        id="english-header-tabs-blank-line",
    ),
    pytest.param(
        '\ufeffAnna;HR\n  Bo  Ek ; IT ;  Anna \n\n\n"Cai  Lund";Sales',
        [("Anna", "HR", "", 1), ("Bo Ek", "IT", "Anna", 2), ("Cai Lund", "Sales", "", 5)],
        [],
        id="no-header-spaces-quotes",
    ),
    pytest.param(
        "Anna;HR\nBo\nCai;IT;Anna;Extra\nDan;;Anna\n;IT;Anna\nEva;IT;eva\nanna ;Sales\nFia;IT\nGun;IT",
        [("Anna", "HR", "", 1), ("Fia", "IT", "", 8), ("Gun", "IT", "", 9)],
        [
            {"key": "groups.problem.unreadable", "line": 2},
            {"key": "groups.problem.unreadable", "line": 3},
            {"key": "groups.problem.no_unit", "line": 4},
            {"key": "groups.problem.no_name", "line": 5},
            {"key": "groups.problem.own_manager", "line": 6, "name": "Eva"},
            {"key": "groups.problem.duplicate", "line": 7, "name": "anna", "first": 1},
        ],
        id="every-problem-with-its-line",
    ),
    pytest.param(
        "Namn;Enhet;Chef\nAnna;HR\n\nBo;IT\n",
        [("Anna", "HR", "", 2), ("Bo", "IT", "", 4)],
        [{"key": "groups.problem.too_few", "n": 2, "min": 3}],
        id="too-few",
    ),
    pytest.param(
        "", [], [{"key": "groups.problem.too_few", "n": 0, "min": 3}], id="nothing-pasted"
    ),
    pytest.param(
        "Anna\tHR\t\t\t\nBo\tIT\tAnna\t\t\nCai;IT;;;",
        [("Anna", "HR", "", 1), ("Bo", "IT", "Anna", 2), ("Cai", "IT", "", 3)],
        [],
        id="empty-columns-after-the-last",
    ),
    pytest.param(
        "Namn;Enhet\nNamn;Enhet\nAnna;HR\nBo;HR",
        [("Namn", "Enhet", "", 2), ("Anna", "HR", "", 3), ("Bo", "HR", "", 4)],
        [],
        id="only-the-first-line-is-a-header",
    ),
]


@pytest.mark.parametrize(("text", "people", "problems"), PARSE_CASES)
def test_parse_reads_people_and_names_every_problem_with_its_line(page, text, people, problems):
    result = parse(page, text)
    assert [
        (p["name"], p["unit"], p["manager"], p["line"]) for p in result["participants"]
    ] == people
    assert result["problems"] == problems


# --- sizes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(3, 41))
def test_sizes_are_three_or_four_and_hold_everyone(page, n):
    sizes = page.evaluate("(n) => LedaGroups.sizes(n)", n)
    assert sum(sizes) == n
    if n == 5:  # 5 cannot be split into groups of 3–4
        assert sizes == [5]
    else:
        assert set(sizes) <= {3, 4}
        assert sizes.count(4) == [0, 1, 2][n % 3], "as many groups of three as fit"


@pytest.mark.parametrize("n", [0, 1, 2])
def test_fewer_than_three_make_no_sizes(page, n):
    assert page.evaluate("(n) => LedaGroups.sizes(n)", n) == []


# --- form ----------------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(3, 41))
def test_groups_of_three_or_four_never_with_ones_own_manager(page, n):
    people = organisation(n, seed=n)
    result = form(page, people, seed=n)
    assert result["problems"] == []
    groups = result["groups"]
    assert sorted(i for g in groups for i in g) == list(range(n)), "each person exactly once"
    assert groups == sorted(sorted(g) for g in groups), "in the list's order"
    if n == 5:
        assert [len(g) for g in groups] == [5]
        assert result["notes"] == [{"key": "groups.note.five", "n": 5}]
    else:
        assert {len(g) for g in groups} <= {3, 4}, groups
        assert result["notes"] == []
        assert sum(len(g) == 4 for g in groups) == [0, 1, 2][n % 3], "as many groups of 3 as fit"
    assert manager_pairs(people, groups) == []
    # Every unit has at most one person per group: with managers too, no two share one.
    assert unit_pairs(people, groups) == 0, names(people, groups)
    assert result["score"] == {
        "manager": 0,
        "unit": unit_pairs(people, groups),
        "repeat": 0,
    }


@pytest.mark.parametrize("n", range(6, 41))  # up to five people are one group
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_group_has_two_from_one_unit_when_every_unit_fits_once_in_each_group(page, n, seed):
    """Units mixed whenever the counts allow: when no unit has more people than there are
    groups, no group has two people from one unit."""
    people = [{**p, "manager": ""} for p in organisation(n, seed=n * 100 + seed)]
    assert max(sum(p["unit"] == q["unit"] for q in people) for p in people) <= n // 3
    result = form(page, people, seed=seed)
    assert result["problems"] == []
    assert unit_pairs(people, result["groups"]) == 0, names(people, result["groups"])


def partitions(items: list[int], sizes: list[int]):
    if not sizes:
        yield []
        return
    first, rest = items[0], items[1:]
    for others in combinations(rest, sizes[0] - 1):
        left = [i for i in rest if i not in others]
        for tail in partitions(left, sizes[1:]):
            yield [[first, *others], *tail]


def best_possible(people: list[dict], sizes: list[int], history=()) -> tuple[int, int, int]:
    """The fewest (manager pairs, earlier pairs, unit pairs) of every grouping into ``sizes``."""
    return min(
        (
            len(manager_pairs(people, groups)),
            earlier_pairs(names(people, groups), list(history)),
            unit_pairs(people, groups),
        )
        for order in set(permutations(sizes))
        for groups in partitions(list(range(len(people))), list(order))
    )


@pytest.mark.parametrize("n", range(3, 12))
@pytest.mark.parametrize("seed", range(6))
def test_small_groupings_are_the_best_possible(page, n, seed):
    """Up to 11 people every grouping can be tried: Leda's mixes units as well as the
    best one, and refuses exactly when every grouping puts someone with their manager."""
    people = tangle(n, seed=n * 10 + seed)
    managers, _, units = best_possible(people, page.evaluate("(n) => LedaGroups.sizes(n)", n))
    result = form(page, people, seed=seed)
    if managers:
        assert result["groups"] is None
        assert result["problems"], "an impossible grouping is reported"
        for problem in result["problems"]:
            assert problem["key"] in {
                "groups.problem.manager_together",
                "groups.problem.too_many_reports",
            }
    else:
        assert result["problems"] == []
        assert manager_pairs(people, result["groups"]) == []
        assert unit_pairs(people, result["groups"]) == units


def fewest_unit_pairs(people: list[dict], count: int) -> int:
    """Pairs from one unit when each unit is spread as evenly as ``count`` groups allow."""
    total = 0
    for unit in {p["unit"] for p in people}:
        q, r = divmod(sum(p["unit"] == unit for p in people), count)
        total += r * (q + 1) * q // 2 + (count - r) * q * (q - 1) // 2
    return total


@pytest.mark.parametrize("n", [6, 7, 9, 12, 13, 17, 20, 28, 40])
@pytest.mark.parametrize("units", [2, 3, 5])
def test_large_units_are_spread_as_evenly_as_the_groups_allow(page, n, units):
    """Without managers, a unit larger than the number of groups is dealt out evenly: the
    pairs from one unit are the fewest possible."""
    people = [{"name": f"P{i}", "unit": f"U{i % units}"} for i in range(n)]
    result = form(page, people, seed=n)
    assert unit_pairs(people, result["groups"]) == fewest_unit_pairs(people, n // 3)


def test_the_same_seed_gives_the_same_groups_and_another_seed_others(page):
    people = organisation(24, seed=7)
    first = form(page, people, seed="share-link")
    assert form(page, people, seed="share-link")["groups"] == first["groups"]
    others = {str(form(page, people, seed=s)["groups"]) for s in range(1, 6)}
    assert len(others) > 1


IMPOSSIBLE = [
    pytest.param(
        [("Maja", "Board", ""), ("Anna", "HR", "Maja"), ("Bo", "IT", "Maja")],
        [{"key": "groups.problem.too_many_reports", "name": "Maja", "reports": 2, "n": 3}],
        id="three-with-their-manager",
    ),
    pytest.param(
        [("Maja", "Board", "")] + [(f"R{i}", "HR", "Maja") for i in range(4)] + [("Bo", "IT", "")],
        [{"key": "groups.problem.too_many_reports", "name": "Maja", "reports": 4, "n": 6}],
        id="manager-of-four-in-six",
    ),
    pytest.param(
        [("Anna", "HR", "Bo"), ("Bo", "IT", ""), ("Cai", "Sales", ""), ("Dan", "HR", "")],
        [{"key": "groups.problem.too_many_reports", "name": "Bo", "reports": 1, "n": 4}],
        id="one-group-of-four",
    ),
    pytest.param(
        # Maja's only possible group is with Dan and Eva, but Eva reports to Dan.
        [
            ("Maja", "Board", ""),
            ("A", "HR", "Maja"),
            ("B", "IT", "Maja"),
            ("C", "Sales", "Maja"),
            ("Dan", "HR", ""),
            ("Eva", "IT", "Dan"),
        ],
        "manager_together",
        id="no-grouping-separates-everyone",
    ),
]


@pytest.mark.parametrize(("rows", "problems"), IMPOSSIBLE)
def test_impossible_constraints_are_reported_and_no_groups_given(page, rows, problems):
    people = [{"name": n, "unit": u, "manager": m} for n, u, m in rows]
    result = form(page, people, seed=1)
    assert result["groups"] is None
    if problems == "manager_together":  # which pair is left together depends on the search
        assert result["problems"]
        for problem in result["problems"]:
            assert problem["key"] == "groups.problem.manager_together"
            assert (problem["name"], problem["manager"]) in {(n, m) for n, _, m in rows}
    else:
        assert result["problems"] == problems


def test_too_few_people_form_no_groups(page):
    result = form(page, [{"name": "A", "unit": "X"}, {"name": "B", "unit": "Y"}])
    assert result["groups"] is None
    assert result["problems"] == [{"key": "groups.problem.too_few", "n": 2, "min": 3}]


# --- regroup -------------------------------------------------------------------------------


def random_grouping(n: int, sizes: list[int], rng: random.Random) -> list[list[int]]:
    order = list(range(n))
    rng.shuffle(order)
    groups, at = [], 0
    for size in sizes:
        groups.append(order[at : at + size])
        at += size
    return groups


@pytest.mark.parametrize("n", [6, 9, 12, 13, 16, 20, 27, 40])
@pytest.mark.parametrize("rounds", [1, 2, 3])
def test_regrouping_keeps_fewer_earlier_pairs_than_random_groupings(page, n, rounds):
    people = organisation(n, seed=n + rounds)
    history: list[list[list[str]]] = []
    for r in range(rounds):
        earlier = regroup(page, people, history, seed=r)
        history.append(names(people, earlier["groups"]))
    result = regroup(page, people, history, seed=99)
    assert result["problems"] == []
    assert manager_pairs(people, result["groups"]) == []
    kept = earlier_pairs(names(people, result["groups"]), history)
    assert result["score"]["repeat"] == kept

    sizes = page.evaluate("(n) => LedaGroups.sizes(n)", n)
    rng = random.Random(n * 10 + rounds)
    draws = []
    while len(draws) < 300:  # random groupings that keep managers apart, as Leda's do
        drawn = random_grouping(n, sizes, rng)
        if not manager_pairs(people, drawn):
            draws.append(earlier_pairs(names(people, drawn), history))
    assert kept <= min(draws), (kept, min(draws))
    assert kept < sum(draws) / len(draws)


@pytest.mark.parametrize("n", [6, 7, 8, 9, 10, 11])
@pytest.mark.parametrize("rounds", [1, 2, 3])
def test_small_regroupings_keep_the_fewest_earlier_pairs_possible(page, n, rounds):
    """Up to 11 people: after one to three earlier groupings, Leda's regrouping keeps as
    few earlier pairs as the best grouping does, and mixes units as well as the best of those."""
    people = tangle(n, seed=n + 50 * rounds)
    history = [[[p["name"] for p in people[i::3]] for i in range(3)]]
    for r in range(1, rounds):
        history.append(names(people, regroup(page, people, history, seed=r)["groups"]))
    best = best_possible(people, page.evaluate("(n) => LedaGroups.sizes(n)", n), history)
    assert best[0] == 0, "the test's people can be grouped"
    result = regroup(page, people, history, seed=7)
    assert result["score"] == {"manager": 0, "repeat": best[1], "unit": best[2]}


def test_regrouping_matches_names_without_case_and_ignores_people_who_left(page):
    people = [{"name": f"P{i}", "unit": f"U{i}"} for i in range(6)]
    history = [[["p0", "P1 ", "P2", "Gone"], ["P3", "P4", "P5"]]]
    result = regroup(page, people, history, seed=3)
    # Two groups of three from two earlier groups of three: each new group keeps one pair.
    assert result["score"]["repeat"] == 2
    assert (
        earlier_pairs(names(people, result["groups"]), [[["P0", "P1", "P2"], ["P3", "P4", "P5"]]])
        == 2
    )


def test_it_runs_in_a_worker_too(page):
    sizes = page.evaluate(
        """async () => {
          const source = await (await fetch("groups.js")).text();
          const blob = new Blob([source + "\\npostMessage(LedaGroups.sizes(13));"]);
          const worker = new Worker(URL.createObjectURL(blob));
          return await new Promise((done) => {
            worker.onmessage = (e) => done(e.data);
            worker.onerror = (e) => done(e.message);
          });
        }"""
    )
    assert sizes == [4, 3, 3, 3]
