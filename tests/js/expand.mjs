// Expand calendars with Mozilla's ical.js (Thunderbird's parser), as a client shows them.
// Usage: node expand.mjs FILE.ics...   Prints JSON: {file: [[uid, start, end, tzid], ...]}
// with start and end in UTC (ISO 8601) and the TZID ical.js read for the start.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const LIMIT = 1000; // no calendar the tests write has more instances

function expand(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const vevents = calendar.getAllSubcomponents("vevent");
  const exceptions = vevents.filter((v) => v.hasProperty("recurrence-id"));
  const out = [];
  const row = (uid, start, end) => [
    uid,
    start.toJSDate().toISOString(),
    end.toJSDate().toISOString(),
    start.zone ? start.zone.tzid : null,
  ];
  for (const master of vevents.filter((v) => !v.hasProperty("recurrence-id"))) {
    const event = new ICAL.Event(master, { exceptions: exceptions.filter((e) =>
      e.getFirstPropertyValue("uid") === master.getFirstPropertyValue("uid")) });
    if (!event.isRecurring()) {
      out.push(row(event.uid, event.startDate, event.endDate));
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(), n = 0; next && n < LIMIT; next = iterator.next(), n++) {
      const details = event.getOccurrenceDetails(next);
      out.push(row(event.uid, details.startDate, details.endDate));
    }
  }
  return out;
}

const result = {};
for (const file of process.argv.slice(2)) {
  result[file] = expand(readFileSync(file, "utf8"));
}
process.stdout.write(JSON.stringify(result));
