"""The words of the programme site, in Swahili and English."""

from __future__ import annotations

from typing import Final

__all__ = ["LABELS", "LANGUAGE_NAMES"]

LANGUAGE_NAMES: Final[dict[str, str]] = {"sw": "Kiswahili", "en": "English"}
"""Each language's name in that language, for the language switch."""

LABELS: Final[dict[str, dict[str, str]]] = {
    "sw": {
        "skip": "Ruka hadi maudhui",
        "programme": "Programu",
        "days": "Siku",
        "groups": "Makundi ya washiriki",
        "group": "Kundi",
        "downloads": "Pakua",
        "language": "Lugha",
        "calendar": "Kalenda (iCalendar)",
        "group_calendar": "Kalenda ya kundi hili (iCalendar)",
        "schedule_xml": "Ratiba kwa programu za simu (schedule.xml)",
        "schedule_json": "Ratiba kwa JSON (schedule.json)",
        "time": "Saa",
        "room": "Chumba",
        "no_room": "Mahali pasipotajwa",
        "when": "Lini",
        "where": "Wapi",
        "kind": "Aina",
        "audience": "Wahusika",
        "everyone": "Washiriki wote wa siku hiyo",
        "speakers": "Wazungumzaji",
        "chairs": "Wenyeviti",
        "documents": "Nyaraka",
        "online": "Jiunge mtandaoni",
        "status": "Hali",
        "back": "Rudi kwenye programu",
        "day_of": "Siku hii katika programu",
        "table_caption": "Programu ya {day}: vyumba ni safu, saa ni mistari",
        "sessions_of_day": "Vikao vya {day}",
        "meets": "Siku za kundi",
        "sessions": "vikao {n}",
        "all_languages": "Chagua lugha",
        "generated": "Ukurasa huu umetengenezwa na egov_events kutoka data ya tukio.",
    },
    "en": {
        "skip": "Skip to content",
        "programme": "Programme",
        "days": "Days",
        "groups": "Participant groups",
        "group": "Group",
        "downloads": "Downloads",
        "language": "Language",
        "calendar": "Calendar (iCalendar)",
        "group_calendar": "This group's calendar (iCalendar)",
        "schedule_xml": "Schedule for conference apps (schedule.xml)",
        "schedule_json": "Schedule as JSON (schedule.json)",
        "time": "Time",
        "room": "Room",
        "no_room": "Place not given",
        "when": "When",
        "where": "Where",
        "kind": "Kind",
        "audience": "Audience",
        "everyone": "Everyone present that day",
        "speakers": "Speakers",
        "chairs": "Chairs",
        "documents": "Documents",
        "online": "Join online",
        "status": "Status",
        "back": "Back to the programme",
        "day_of": "This day in the programme",
        "table_caption": "Programme of {day}: rooms are columns, times are rows",
        "sessions_of_day": "Sessions of {day}",
        "meets": "The group's days",
        "sessions": "{n} sessions",
        "all_languages": "Choose a language",
        "generated": "This page was made by egov_events from the event's data.",
    },
}
"""Every text of the site's frame, by language; the event's own texts come from the event."""
