"""docs/assets/leda/ics.js in Chromium, its output read back with the icalendar package."""

from __future__ import annotations

import datetime as dt
import shutil
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT, serve
from dateutil.rrule import rrulestr
from icalendar import Calendar

pytestmark = pytest.mark.browser

SCRIPT = ROOT / "docs" / "assets" / "leda" / "ics.js"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = "2026-02-20T08:30:00Z"


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    """A page served from a temporary folder that loads only ics.js."""
    folder = tmp_path_factory.mktemp("ics")
    shutil.copy(SCRIPT, folder / "ics.js")
    (folder / "index.html").write_text(
        '<!doctype html><html lang="en"><title>ics</title><script src="ics.js"></script>',
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


def meeting(**changes) -> dict:
    event = {
        "date": "2026-03-05",
        "time": "17:00",
        "minutes": 45,
        "every": 2,
        "count": 6,
        "summary": "Learning group 1",
        "description": "Rounds: tell, explore, advice last.",
        "location": "Room 3",
    }
    event.update(changes)
    return event


def ics(page, *events: dict, **options) -> str:
    options = {"now": NOW, **options, "events": list(events)}
    return page.evaluate("(o) => LedaIcs.calendar(o)", options)


def occurrences(page, event: dict) -> list[str]:
    return page.evaluate("(e) => LedaIcs.occurrences(e)", event)


def parse(text: str) -> Calendar:
    calendar = Calendar.from_ical(text)
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    return calendar


def the_event(text: str):
    (event,) = parse(text).walk("VEVENT")
    return event


def expand(event) -> list[dt.datetime]:
    """Every start of the event, from its DTSTART and RRULE (dateutil's expansion)."""
    start = event["DTSTART"].dt
    if "RRULE" not in event:
        return [start]
    return list(rrulestr(event["RRULE"].to_ical().decode(), dtstart=start))


# --- the file's shape -------------------------------------------------------------------


def test_the_calendar_has_its_header_time_zone_and_one_event(page):
    text = ics(page, meeting(), lang="sv", name="Learning group 1")
    calendar = parse(text)
    assert str(calendar["PRODID"]) == "-//Leda//Leda//SV"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Learning group 1"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    event = the_event(text)
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event["DTEND"].params["TZID"] == "Europe/Stockholm"
    assert event["DTSTAMP"].dt == dt.datetime(2026, 2, 20, 8, 30, tzinfo=dt.UTC)
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=6;INTERVAL=2"
    assert "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6\r\n" in text
    assert "URL" not in event
    without = parse(ics(page, meeting()))
    assert "X-WR-CALNAME" not in without
    assert str(without["PRODID"]) == "-//Leda//Leda"


def test_lines_end_in_crlf(page):
    text = ics(page, meeting(description="one\ntwo\r\nthree\rfour"))
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")


LONG_TEXTS = [
    pytest.param("a" * 300, id="ascii"),
    pytest.param("Ärligt återberättat, öppet förhållningssätt; " * 8, id="swedish"),
    pytest.param("😀" * 90, id="four-byte-emoji"),
    pytest.param("学习小组" * 40, id="three-byte"),
    pytest.param("x" + "é😀€" * 40, id="mixed-offset-1"),
    pytest.param("xy" + "é😀€" * 40, id="mixed-offset-2"),
    pytest.param("xyz" + "€é😀" * 40, id="mixed-offset-3"),
    pytest.param("a\nb," * 60, id="escapes-at-the-fold"),
]


@pytest.mark.parametrize("long", LONG_TEXTS)
def test_lines_fold_at_75_octets_without_splitting_a_character(page, long):
    text = ics(page, meeting(summary=long, description=long, location=long))
    raw = text.encode("utf-8")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # raises if a fold split a character
    for line, following in pairwise(lines):
        if following.startswith(b" "):  # folded: the next character would not have fitted
            next_character = following.decode("utf-8")[1].encode("utf-8")
            assert len(line) + len(next_character) > 75, (line, following)
    event = the_event(text)
    assert str(event["SUMMARY"]) == long
    assert str(event["DESCRIPTION"]) == long
    assert str(event["LOCATION"]) == long


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        pytest.param("A" * 75, ["A" * 75], id="75-fits"),
        pytest.param("A" * 76, ["A" * 75, " A"], id="76-folds"),
        pytest.param("A" * 74 + "é", ["A" * 74, " é"], id="two-bytes-at-74"),
        pytest.param("A" * 73 + "é", ["A" * 73 + "é"], id="two-bytes-at-73"),
        pytest.param("A" * 72 + "😀", ["A" * 72, " 😀"], id="four-bytes-at-72"),
        pytest.param("A" * 75 + "B" * 74 + "C", ["A" * 75, " " + "B" * 74, " C"], id="twice"),
    ],
)
def test_fold_splits_exactly_at_the_limit(page, line, parts):
    assert page.evaluate("(l) => LedaIcs.fold(l)", line) == "\r\n".join(parts)


ESCAPES = [
    pytest.param("Anna, Bo; Cai", "Anna\\, Bo\\; Cai", id="comma-semicolon"),
    pytest.param("C:\\path\\to", "C:\\\\path\\\\to", id="backslash"),
    pytest.param("one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour", id="line-breaks"),
    pytest.param("\\n is not a line break", "\\\\n is not a line break", id="backslash-n"),
    pytest.param("tab\tstays, bell\x07 goes", "tab\tstays\\, bell goes", id="control-characters"),
]


@pytest.mark.parametrize(("value", "escaped"), ESCAPES)
def test_text_is_escaped_and_reads_back_the_same(page, value, escaped):
    assert page.evaluate("(v) => LedaIcs.escape(v)", value) == escaped
    text = ics(page, meeting(summary=value, description=value, location=value))
    for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
        assert f"\r\n{name}:{escaped}\r\n" in text
    event = the_event(text)
    expected = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x07", "")
    assert str(event["SUMMARY"]) == expected
    assert str(event["DESCRIPTION"]) == expected
    assert str(event["LOCATION"]) == expected
    (alarm,) = event.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == expected


def test_a_link_is_an_unescaped_url(page):
    link = "https://video.example/j/123?pwd=a,b;c"
    text = ics(page, meeting(url=link))
    assert f"\r\nURL:{link}\r\n" in text
    assert str(the_event(text)["URL"]) == link


@pytest.mark.parametrize(
    ("every", "count", "rule"),
    [
        (1, 10, "RRULE:FREQ=WEEKLY;COUNT=10"),
        (2, 6, "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6"),
        (4, 12, "RRULE:FREQ=WEEKLY;INTERVAL=4;COUNT=12"),
        (None, None, None),
        (2, 1, None),
    ],
)
def test_the_repeat_rule(page, every, count, rule):
    event = {k: v for k, v in meeting(every=every, count=count).items() if v is not None}
    rules = [
        line for line in ics(page, event).split("\r\n") if line.startswith("RRULE:FREQ=WEEKLY")
    ]
    assert rules == ([rule] if rule else [])


# --- the time zone and the dates -------------------------------------------------------


def test_the_time_zone_has_the_eu_summer_time_rule(page):
    """The VTIMEZONE gives Stockholm's offset at every hour of every day from 2024 to 2040
    (the tz database's, zoneinfo), leaving out the hour the clock jumps or repeats."""
    timezone = parse(ics(page, meeting())).walk("VTIMEZONE")[0]
    assert [c.name for c in timezone.subcomponents] == ["DAYLIGHT", "STANDARD"]
    own = timezone.to_tz(lookup_tzid=False)  # built from the file, not looked up
    day = dt.datetime(2024, 1, 1)
    wrong = []
    while day.year < 2041:
        for hour in (0, 1, 3, 4, 12, 17, 23):
            local = day.replace(hour=hour)
            if local.replace(tzinfo=own).utcoffset() != local.replace(tzinfo=STOCKHOLM).utcoffset():
                wrong.append(local)
        day += dt.timedelta(days=1)
    assert wrong == []


SERIES = [
    # March to May: summer time begins on 29 March 2026, the meetings stay at 17:00.
    pytest.param(meeting(), 6, id="fortnightly-across-spring-change"),
    pytest.param(meeting(date="2026-09-10", every=4, count=5), 5, id="every-4-weeks-across-autumn"),
    pytest.param(meeting(date="2026-03-02", every=1, count=10), 10, id="weekly"),
    pytest.param(meeting(date="2026-12-15", every=2, count=4), 4, id="over-new-year"),
    pytest.param(meeting(date="2028-02-15", every=2, count=3), 3, id="over-a-leap-day"),
    pytest.param(meeting(time="23:30", minutes=45, every=1, count=3), 3, id="ends-after-midnight"),
    pytest.param(meeting(every=None, count=None), 1, id="a-single-meeting"),
    pytest.param(meeting(count=1), 1, id="a-series-of-one"),
    # A learning group's year: thirteen meetings every four weeks, across both changes.
    pytest.param(meeting(date="2026-01-08", every=4, count=13), 13, id="a-year-every-4-weeks"),
    # A gym programme: ten weekly 30-minute sessions at 08:00 across the spring change.
    pytest.param(
        meeting(date="2026-03-03", time="08:00", minutes=30, every=1, count=10), 10, id="gym"
    ),
]


@pytest.mark.parametrize(("event", "count"), SERIES)
def test_every_occurrence_is_the_listed_date_at_the_same_local_time(page, event, count):
    event = {k: v for k, v in event.items() if v is not None}
    parsed = the_event(ics(page, event))
    starts = expand(parsed)
    listed = occurrences(page, event)
    assert len(listed) == count
    assert [s.date().isoformat() for s in starts] == listed
    hour, minute = map(int, event["time"].split(":"))
    for start in starts:
        assert start.tzinfo.key == "Europe/Stockholm"
        assert (start.hour, start.minute) == (hour, minute), start
        # The UTC time follows the local clock: one hour earlier in summer.
        assert start.utcoffset() == start.replace(tzinfo=STOCKHOLM).utcoffset()
    end = parsed["DTEND"].dt
    assert end - parsed["DTSTART"].dt == dt.timedelta(minutes=event["minutes"])
    assert ("RRULE" in parsed) == (count > 1)


def test_the_spring_series_keeps_17_00_when_the_utc_time_changes(page):
    starts = expand(the_event(ics(page, meeting())))
    utc = [s.astimezone(dt.UTC).strftime("%m-%d %H:%M") for s in starts]
    assert utc == [
        "03-05 16:00",
        "03-19 16:00",
        "04-02 15:00",
        "04-16 15:00",
        "04-30 15:00",
        "05-14 15:00",
    ]


# --- UID, stamp, reminder ----------------------------------------------------------------


def test_the_uid_is_stable_and_follows_the_content(page):
    def uid(event, **options):
        return str(the_event(ics(page, event, **options))["UID"])

    first = uid(meeting())
    assert first == uid(meeting(), now="2027-01-01T00:00:00Z"), "the same at another time"
    assert first == uid(meeting(description="changed", count=8)), "date, time and summary"
    assert first != uid(meeting(date="2026-03-12"))
    assert first != uid(meeting(summary="Learning group 2"))
    assert first.endswith("@leda")
    assert uid(meeting(key=["plan", 1])) == uid(meeting(key=["plan", 1], summary="new"))
    assert uid(meeting(key=["plan", 1])) != uid(meeting(key=["plan", 2]))
    assert uid(meeting(uid="group-1@example.org")) == "group-1@example.org"
    uids = {uid(meeting(key=i)) for i in range(200)}
    assert len(uids) == 200


def test_the_stamp_is_now_in_utc(page):
    event = the_event(ics(page, meeting(), now=0))
    assert event["DTSTAMP"].dt == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    current = page.evaluate("(e) => LedaIcs.calendar({events: [e]})", meeting())
    stamp = the_event(current)["DTSTAMP"].dt
    assert abs(stamp - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


@pytest.mark.parametrize(
    ("alarm", "before"),
    [
        (None, dt.timedelta(minutes=15)),
        (30, dt.timedelta(minutes=30)),
        (0, dt.timedelta(0)),
        ("-PT1H", dt.timedelta(hours=1)),
        ("-P1D", dt.timedelta(days=1)),
        (False, None),
    ],
)
def test_the_reminder(page, alarm, before):
    event = meeting() if alarm is None else meeting(alarm=alarm)
    alarms = the_event(ics(page, event)).walk("VALARM")
    if before is None:
        assert alarms == []
        return
    (reminder,) = alarms
    assert str(reminder["ACTION"]) == "DISPLAY"
    assert str(reminder["DESCRIPTION"]) == "Learning group 1"
    assert reminder["TRIGGER"].dt == -before


def test_several_events_in_one_calendar(page):
    text = ics(page, meeting(), meeting(summary="Learning group 2", time="09:00"))
    events = parse(text).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Learning group 1", "Learning group 2"]
    assert len({str(e["UID"]) for e in events}) == 2
    assert len(parse(text).walk("VTIMEZONE")) == 1


# --- bad input -------------------------------------------------------------------------

BAD = [
    pytest.param({"date": "2026-02-30"}, ["ics.problem.date"], id="no-such-day"),
    pytest.param({"date": "5/3/2026"}, ["ics.problem.date"], id="not-iso"),
    pytest.param({"time": "24:00"}, ["ics.problem.time"], id="hour-24"),
    pytest.param({"time": "9:00"}, ["ics.problem.time"], id="one-digit-hour"),
    pytest.param({"minutes": 0}, ["ics.problem.minutes"], id="no-minutes"),
    pytest.param({"minutes": 12.5}, ["ics.problem.minutes"], id="part-minutes"),
    pytest.param({"every": 0}, ["ics.problem.every"], id="every-0-weeks"),
    pytest.param({"count": None}, ["ics.problem.count"], id="every-without-count"),
    pytest.param({"count": 0}, ["ics.problem.count"], id="count-0"),
    pytest.param({"summary": "  "}, ["ics.problem.summary"], id="no-summary"),
    pytest.param({"alarm": "15 minutes"}, ["ics.problem.alarm"], id="alarm-words"),
    pytest.param({"alarm": "P"}, ["ics.problem.alarm"], id="alarm-empty-duration"),
    pytest.param({"alarm": "-P1DT"}, ["ics.problem.alarm"], id="alarm-empty-time"),
    pytest.param({"alarm": -5}, ["ics.problem.alarm"], id="alarm-after-the-start"),
    pytest.param(
        {"date": "", "time": "", "minutes": None},
        ["ics.problem.date", "ics.problem.time", "ics.problem.minutes"],
        id="every-problem-at-once",
    ),
]


@pytest.mark.parametrize(("changes", "keys"), BAD)
def test_bad_input_is_named_and_makes_no_file(page, changes, keys):
    event = {k: v for k, v in meeting(**changes).items() if v is not None}
    assert [p["key"] for p in page.evaluate("(e) => LedaIcs.problems(e)", event)] == keys
    thrown = page.evaluate(
        """(e) => { try { LedaIcs.calendar({events: [e]}); return null; }
                    catch (error) { return error.problems.map((p) => p.key); } }""",
        event,
    )
    assert thrown == keys


def test_a_good_event_has_no_problems(page):
    assert page.evaluate("(e) => LedaIcs.problems(e)", meeting()) == []


def test_the_calendar_name_is_escaped_and_folded(page):
    name = "Lärgrupp 1, HR; IT – " + "ö" * 60
    text = ics(page, meeting(), name=name)
    assert max(len(line) for line in text.encode("utf-8").split(b"\r\n")) <= 75
    assert "X-WR-CALNAME:Lärgrupp 1\\, HR\\; IT" in text
    # An X- property is TEXT by default (RFC 5545, 3.8.8.2); icalendar unfolds it but
    # leaves it escaped.
    escaped = name.replace(",", "\\,").replace(";", "\\;")
    assert str(parse(text)["X-WR-CALNAME"]) == escaped
