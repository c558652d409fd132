"""Bundled example events: the 2nd e-Government Workshop 2019.

:func:`kikao_kazi_2019` returns *Kikao Kazi cha 2 cha Serikali Mtandao 2019*
(2nd e-Government Workshop 2019), organized by the e-Government Agency (eGA)
of Tanzania at the University of Dodoma, as one :class:`~egov_events.Event`.
It is the library's first user story: four days, three participant groups on
different days, 786 participants, and a call for research and innovations
that received 24 submissions and selected 10 for an exhibition.

>>> from egov_events.examples import kikao_kazi_2019
>>> event = kikao_kazi_2019()
>>> print(event.title["sw"], "/", event.title["en"])
Kikao Kazi cha 2 cha Serikali Mtandao 2019 / 2nd e-Government Workshop 2019
>>> [(g.id, [d.isoformat() for d in g.days]) for g in event.groups]
[('group-1', ['2019-01-30', '2019-01-31']), ('group-2', ['2019-02-01']),
 ('group-3', ['2019-02-02'])]
>>> len(event.participants), event.reported_attendance
(786, 786)
>>> {day.isoformat(): n for day, n in event.attendance().items()}
{'2019-01-30': 502, '2019-01-31': 486, '2019-02-01': 164, '2019-02-02': 596}
>>> call = event.calls[0]
>>> len(call.submissions), call.places, sum(s.booth is not None for s in call.submissions)
(24, 10, 10)
>>> event.session(call.session).kind.value
'exhibition'

The event ships as a JSON document (:data:`KIKAO_KAZI_2019_JSON`), the same
file other tools can read. It was generated in code, deterministically: one
seeded random generator, no clock, no random ids, so regenerating it gives
the same bytes.

What is fact
------------

Only what the organizer's public page (in Swahili) says, restated in
``seeds/README.md``, is fact:

- the title in Swahili and English, edition 2 of the annual e-Government
  Workshop series, the organizer (Wakala ya Serikali Mtandao, eGA, an
  executive agency) and its motto, the theme (kaulimbiu);
- the dates, 30 January to 2 February 2019, and the venue: the hall of the
  College of Computer Science, Information and Communication (a literal
  translation of the page's Swahili name), University of Dodoma (UDOM), Dodoma;
- the description (the page's first paragraph; the English is a restatement)
  and the four objectives (malengo), split out of the page's one paragraph;
- 786 participants from public institutions (``reported_attendance``);
- the three groups, who is in each and their days: group 1, ICT officers and
  officers who use ICT systems, 30-31 January; group 2, permanent
  secretaries, heads of institutions and directors of local government
  authorities, 1 February; group 3, everyone of groups 1 and 2 plus
  innovators and researchers from universities and technology colleges, the
  special Research and Innovation day, 2 February;
- that participants discussed the challenges in groups and drafted an
  action plan;
- the call to universities, technology colleges and research institutes:
  24 research and innovation submissions, 10 selected for the exhibition;
- that the page links its documents and its programme, and has sections
  for keynote speakers and sponsors, without naming any.

What is illustrative (synthetic)
--------------------------------

Everything else was made up to exercise the library, and is marked so in
every description field that the model offers:

- every participant and person: names, honorifics, e-mail addresses under
  ``example.go.tz`` (public servants) and ``example.ac.tz`` (universities and
  technical colleges), organizations, regions and days attended. The group
  sizes are invented: group 1 has 520 members (330 ICT officers, 190 officers
  who use ICT systems; ``p-0001`` to ``p-0520``), group 2 has 170 (28
  permanent secretaries, 58 heads of institutions, 84 directors of local
  government authorities; ``p-0521`` to ``p-0690``), and 96 innovators and
  researchers from universities and technical colleges are in group 3 only
  (``p-0691`` to ``p-0786``); group 3 holds all 786;
- the attendance per day: every participant attended at least one day of
  their groups, so 786 attended in all, but 18 of group 1 missed 30 January,
  34 missed 31 January, 150 of group 1 and 40 of group 2 skipped 2 February
  and 6 of group 2 came only on 2 February. Hence 502, 486, 164 and 596
  present on the four days;
- the organizations other than eGA: real public institutions (ministries,
  agencies, regional secretariats, councils, corporations, universities,
  colleges, research institutes) named as they were in early 2019 to the
  best of our knowledge, but nothing about their attendance is real;
- the whole programme: every session, its times, rooms, titles, chairs and
  speakers (the page publishes no programme; every session description says
  so in both languages); the breakout rooms; the venue's coordinates
  (approximate, about 8 km east of Dodoma's centre);
- keynote speakers and sponsors are left empty, as the page names none;
  keynote sessions have no speaker;
- the call's dates, its review criteria and their weights, the score scale,
  the 24 submissions (titles, submitters, kinds), the six reviewers (three of
  eGA, three of COSTECH), every score, and the decision dates. The 10
  accepted submissions are the 10 with the highest weighted mean score,
  booths ``B01`` to ``B10`` in rank order. Submitters from universities and
  colleges are participants of group 3; those from research institutes are
  people who are not participants, since the page's group 3 counts only
  universities and technology colleges;
- the document URLs (``https://example.go.tz/...``): the page links its
  documents and programme, but their addresses are not known; likewise eGA's
  address for invitations, ``kikaokazi@example.go.tz``;
- ``updated`` (4 February 2019, 10:00 in Dar es Salaam) and ``revision`` 1.
"""

from __future__ import annotations

import functools
from pathlib import Path

from egov_events.model import Event

__all__ = ["KIKAO_KAZI_2019_JSON", "clear_caches", "kikao_kazi_2019"]

KIKAO_KAZI_2019_JSON = Path(__file__).with_name("kikao_kazi_2019.json")
"""The bundled event as a JSON document (package data), for tools that read files.

It is written from :func:`egov_events.examples._kikao_kazi_2019.build` by
``python -m egov_events.examples --write``; a test checks the two agree.
"""


def clear_caches() -> None:
    """Forget the bundled event read so far (:func:`egov_events.clear_caches`)."""
    kikao_kazi_2019.cache_clear()


@functools.cache
def kikao_kazi_2019() -> Event:
    """The 2nd e-Government Workshop 2019 (Kikao Kazi cha 2 cha Serikali Mtandao 2019).

    Read from :data:`KIKAO_KAZI_2019_JSON` once per process and shared; the
    event is immutable, so sharing it is safe.
    """
    from egov_events.serialization import load  # noqa: PLC0415 (lazy: cattrs loads on first use)

    return load(KIKAO_KAZI_2019_JSON)
