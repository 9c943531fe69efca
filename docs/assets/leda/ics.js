/* Leda's calendar files: an RFC 5545 (iCalendar) text for a series of meetings, and the
 * series' dates for a printed card, so both show the same days.
 * Pure functions without the DOM, as self.LedaIcs (window.LedaIcs on a page).
 *
 * An event (a meeting or a series):
 *   {date: "2026-03-05", time: "17:00", minutes: 45,   local time in Europe/Stockholm
 *    every: 2, count: 6,       every 1, 2 or 4 weeks (any 1–52), count meetings in all;
 *                              no every, or count 1, is a single meeting
 *    summary, description, location, url,               text in the page's language
 *    alarm: 15,                minutes before (the default), an RFC 5545 duration such as
 *                              "-PT1H", or false for no reminder
 *    uid or key}               the UID as given, or made from key (any JSON value), or
 *                              else from date, time and summary: never random, so
 *                              importing the file again updates the same event
 *
 * calendar({events: [event], now, lang, name}) -> the file's text: VCALENDAR (PRODID,
 *   VERSION:2.0, CALSCALE:GREGORIAN, METHOD:PUBLISH, X-WR-CALNAME when name is given),
 *   the VTIMEZONE of Europe/Stockholm (the EU rule: summer time from the last Sunday of
 *   March 02:00 to the last Sunday of October 03:00, as yearly RRULEs), and per event a
 *   VEVENT with UID, DTSTAMP (now, default the current time, in UTC), DTSTART and DTEND
 *   with TZID, RRULE:FREQ=WEEKLY[;INTERVAL=n];COUNT=n, SUMMARY, DESCRIPTION, LOCATION,
 *   URL and a VALARM (ACTION:DISPLAY). Text values escape backslash, semicolon, comma and
 *   line breaks and drop other control characters; lines end in CRLF and fold at 75
 *   octets of UTF-8, never inside a character. DTEND is the start plus minutes on the
 *   local clock. It throws an Error whose `problems` are those of problems(event).
 * occurrences(event) -> the meetings' dates, ["2026-03-05", "2026-03-19", ...]: weekly
 *   steps in local time, so the clock time stays the same across a change to or from
 *   summer time, as in the calendar.
 * problems(event) -> [{key, ...}]: ics.problem.date, .time, .minutes, .every, .count,
 *   .summary, .alarm for a value that is missing or out of range (count is needed
 *   with every).
 * escape(text), fold(line), uid(content): the parts, for tests. */
(function () {
  "use strict";
  var TZID = "Europe/Stockholm";
  var VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:" + TZID,
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
  ];
  var DURATION = /^[+-]?P(\d+W|(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?)$/;
  var DAY = 86400000;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // "2026-03-05" as milliseconds at 00:00 UTC, or NaN when it is no real date.
  function day(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!m) return NaN;
    var ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    return new Date(ms).toISOString().slice(0, 10) === text ? ms : NaN;
  }

  function minutesOf(time) {
    var m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time || "");
    return m ? +m[1] * 60 + +m[2] : NaN;
  }

  function whole(n, low, high) {
    return typeof n === "number" && n % 1 === 0 && n >= low && n <= high;
  }

  function problems(event) {
    var out = [];
    var e = event || {};
    if (isNaN(day(e.date))) out.push({ key: "ics.problem.date" });
    if (isNaN(minutesOf(e.time))) out.push({ key: "ics.problem.time" });
    if (!whole(e.minutes, 1, 1440)) out.push({ key: "ics.problem.minutes" });
    if (e.every != null && !whole(e.every, 1, 52)) out.push({ key: "ics.problem.every" });
    if ((e.every != null || e.count != null) && !whole(e.count, 1, 520)) {
      out.push({ key: "ics.problem.count" });
    }
    if (!String(e.summary || "").trim()) out.push({ key: "ics.problem.summary" });
    var a = e.alarm;
    if (a != null && a !== false && !whole(a, 0, 40320) && !DURATION.test(a)) {
      out.push({ key: "ics.problem.alarm" });
    }
    return out;
  }

  function repeats(e) {
    return e.every != null && e.count > 1;
  }

  function occurrences(event) {
    var start = day(event.date);
    var out = [];
    var count = repeats(event) ? event.count : 1;
    for (var k = 0; k < count; k++) {
      out.push(new Date(start + k * 7 * (event.every || 0) * DAY).toISOString().slice(0, 10));
    }
    return out;
  }

  // Local date and time `minutes` after the event's start, as 20260305T170000.
  function local(e, minutes) {
    var d = new Date(day(e.date) + (minutesOf(e.time) + minutes) * 60000);
    return d.toISOString().slice(0, 19).replace(/[-:]/g, "");
  }

  function utc(now) {
    var d = now == null ? new Date() : new Date(now);
    return d.toISOString().slice(0, 19).replace(/[-:]/g, "") + "Z";
  }

  function escape(text) {
    return String(text == null ? "" : text)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n")
      .replace(/[\x00-\x08\x0A-\x1F\x7F]/g, "");
  }

  function octets(ch) {
    var c = ch.codePointAt(0);
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }

  // A content line folded into lines of at most 75 octets (a continuation starts with a space).
  function fold(line) {
    var out = [];
    var current = "";
    var size = 0;
    (line.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g) || []).forEach(function (ch) {
      if (size + octets(ch) > 75) {
        out.push(current);
        current = " ";
        size = 1;
      }
      current += ch;
      size += octets(ch);
    });
    out.push(current);
    return out.join("\r\n");
  }

  // Two 32-bit FNV-1a hashes of the content's JSON: 16 hex digits, the same every time.
  function uid(content) {
    var text = JSON.stringify(content) || "";
    var a = 0x811c9dc5;
    var b = 0x01000193 ^ 0x5bd1e995;
    for (var i = 0; i < text.length; i++) {
      a = Math.imul(a ^ text.charCodeAt(i), 16777619) >>> 0;
      b = Math.imul(b ^ text.charCodeAt(i), 2246822519) >>> 0;
    }
    return ("0000000" + a.toString(16)).slice(-8) + ("0000000" + b.toString(16)).slice(-8) + "@leda";
  }

  function vevent(e, stamp) {
    var lines = [
      "BEGIN:VEVENT",
      "UID:" + (e.uid ? String(e.uid).replace(/[\x00-\x1F\x7F]/g, "")
        : uid(e.key !== undefined ? e.key : [e.date, e.time, e.summary])),
      "DTSTAMP:" + stamp,
      "DTSTART;TZID=" + TZID + ":" + local(e, 0),
      "DTEND;TZID=" + TZID + ":" + local(e, e.minutes),
    ];
    if (repeats(e)) {
      lines.push("RRULE:FREQ=WEEKLY" + (e.every > 1 ? ";INTERVAL=" + e.every : "") + ";COUNT=" + e.count);
    }
    lines.push("SUMMARY:" + escape(e.summary));
    if (e.description) lines.push("DESCRIPTION:" + escape(e.description));
    if (e.location) lines.push("LOCATION:" + escape(e.location));
    if (e.url) lines.push("URL:" + String(e.url).replace(/[\x00-\x20\x7F]/g, ""));
    if (e.alarm !== false && e.alarm !== null) {
      var a = e.alarm === undefined ? 15 : e.alarm;
      lines.push(
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:" + escape(e.summary),
        "TRIGGER:" + (typeof a === "number" ? (a ? "-PT" + a + "M" : "PT0S") : a),
        "END:VALARM"
      );
    }
    lines.push("END:VEVENT");
    return lines;
  }

  function calendar(options) {
    var o = options || {};
    var events = o.events || [];
    var found = [];
    events.forEach(function (e) { found = found.concat(problems(e)); });
    if (found.length) {
      var error = new Error("ics: " + found.map(function (p) { return p.key; }).join(", "));
      error.problems = found;
      throw error;
    }
    var stamp = utc(o.now);
    var lines = [
      "BEGIN:VCALENDAR",
      "PRODID:-//Leda//Leda" + (o.lang ? "//" + String(o.lang).toUpperCase() : ""),
      "VERSION:2.0",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
    ];
    if (o.name) lines.push("X-WR-CALNAME:" + escape(o.name));
    lines = lines.concat(VTIMEZONE);
    events.forEach(function (e) { lines = lines.concat(vevent(e, stamp)); });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  self.LedaIcs = {
    calendar: calendar, occurrences: occurrences, problems: problems,
    escape: escape, fold: fold, uid: uid,
  };
})();
