"""The builder of the 2nd e-Government Workshop 2019 (Kikao Kazi cha 2 cha Serikali Mtandao).

:func:`build` is pure: one seeded :class:`random.Random` drives every
synthetic choice, in a fixed order, so every run and every process gives an
equal event. Sets are only tested for membership, never iterated, so the
hash seed cannot reach the output. What is fact and what is illustrative is
listed in :mod:`egov_events.examples`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs

from egov_events.model import (
    Document,
    DocumentKind,
    Event,
    EventStatus,
    Organization,
    OrganizationKind,
    Participant,
    ParticipantGroup,
    Person,
    RegistrationStatus,
    Role,
    Room,
    Session,
    SessionKind,
    Venue,
)
from egov_events.rules import Any, HasRole, InGroup, OrganizationKindIn
from egov_events.submissions import (
    CallForSubmissions,
    Criterion,
    Review,
    Submission,
    SubmissionKind,
    SubmissionState,
    add_review,
    apply,
    assign_booths,
    select,
    transition,
)
from egov_events.text import LocalizedText

__all__ = [
    "CALL_ID",
    "EXHIBITION_SESSION_ID",
    "ILLUSTRATIVE_EN",
    "ILLUSTRATIVE_SW",
    "SEED",
    "build",
]

SEED = 2019
"""The seed of the one random generator behind every synthetic choice."""

TZ = ZoneInfo("Africa/Dar_es_Salaam")

DAY_1 = date(2019, 1, 30)
DAY_2 = date(2019, 1, 31)
DAY_3 = date(2019, 2, 1)
DAY_4 = date(2019, 2, 2)

ILLUSTRATIVE_SW = "(Mfano: ratiba halisi haikuchapishwa kwenye ukurasa wa tukio.)"
"""Ends the description of every session: the page publishes no programme."""
ILLUSTRATIVE_EN = "(Illustrative: the actual programme is not on the event page.)"

EXHIBITION_SESSION_ID = "s-2019-02-02-exhibition"
CALL_ID = "call-research-innovation-2019"

GOV_DOMAIN = "example.go.tz"
"""E-mail domain of public servants (synthetic)."""
ACADEMIC_DOMAIN = "example.ac.tz"
"""E-mail domain of universities and technical colleges (synthetic)."""

# -- sizes (illustrative; only the total, 786, is a fact) ----------------------

G1_ICT_OFFICERS = 330
G1_SYSTEM_USERS = 190
G2_PERMANENT_SECRETARIES = 28
G2_HEADS_OF_INSTITUTIONS = 58
G2_LGA_DIRECTORS = 84
G3_ONLY = 96
G1_MISSED_DAY_1 = 18
G1_MISSED_DAY_2 = 34
G1_MISSED_DAY_4 = 150
G2_MISSED_DAY_3 = 6
G2_MISSED_DAY_4 = 40
ACCEPTED = 10
"""Places at the exhibition: 10 of the 24 submissions were selected (fact)."""


def _t(sw: str, en: str) -> LocalizedText:
    return LocalizedText.of(sw=sw, en=en)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


# -- organizations -------------------------------------------------------------

ORGANIZER = Organization(
    id="ega",
    name=_t("Wakala ya Serikali Mtandao", "e-Government Agency"),
    kind=OrganizationKind.EXECUTIVE_AGENCY,
    acronym="eGA",
    country="TZ",
    email=f"kikaokazi@{GOV_DOMAIN}",  # illustrative: the organizer of invitations
)

# Organization tables, one per line: id | Swahili name | English name | acronym
# [| region of the seat]. Real public institutions; their presence is synthetic.


def _table(text: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("|")] for line in text.strip().splitlines()]


_MINISTRIES = """
vpo | Ofisi ya Makamu wa Rais | Vice President's Office | VPO
pmo | Ofisi ya Waziri Mkuu | Prime Minister's Office | PMO
po-psmgg | Ofisi ya Rais, Menejimenti ya Utumishi wa Umma na Utawala Bora | President's Office, Public Service Management and Good Governance | PO-PSMGG
po-ralg | Ofisi ya Rais, Tawala za Mikoa na Serikali za Mitaa | President's Office, Regional Administration and Local Government | PO-RALG
mofp | Wizara ya Fedha na Mipango | Ministry of Finance and Planning | MoFP
mohcdgec | Wizara ya Afya, Maendeleo ya Jamii, Jinsia, Wazee na Watoto | Ministry of Health, Community Development, Gender, Elderly and Children | MoHCDGEC
moest | Wizara ya Elimu, Sayansi na Teknolojia | Ministry of Education, Science and Technology | MoEST
mowtc | Wizara ya Ujenzi, Uchukuzi na Mawasiliano | Ministry of Works, Transport and Communication | MoWTC
moa | Wizara ya Kilimo | Ministry of Agriculture | MoA
mlf | Wizara ya Mifugo na Uvuvi | Ministry of Livestock and Fisheries | MLF
mlhhsd | Wizara ya Ardhi, Nyumba na Maendeleo ya Makazi | Ministry of Lands, Housing and Human Settlements Development | MLHHSD
moha | Wizara ya Mambo ya Ndani ya Nchi | Ministry of Home Affairs | MoHA
mocla | Wizara ya Katiba na Sheria | Ministry of Constitutional and Legal Affairs | MoCLA
mit | Wizara ya Viwanda na Biashara | Ministry of Industry and Trade | MIT
mow | Wizara ya Maji | Ministry of Water | MoW
moe | Wizara ya Nishati | Ministry of Energy | MoE
mnrt | Wizara ya Maliasili na Utalii | Ministry of Natural Resources and Tourism | MNRT
mofaeac | Wizara ya Mambo ya Nje na Ushirikiano wa Afrika Mashariki | Ministry of Foreign Affairs and East African Cooperation | MoFAEAC
micas | Wizara ya Habari, Utamaduni, Sanaa na Michezo | Ministry of Information, Culture, Arts and Sports | MICAS
mom | Wizara ya Madini | Ministry of Minerals | MoM
modns | Wizara ya Ulinzi na Jeshi la Kujenga Taifa | Ministry of Defence and National Service | MoDNS
"""  # noqa: E501 (one row a line reads best)

_EXTRA_PERMANENT_SECRETARIES = ("mowtc", "mowtc", "pmo", "pmo", "moest", "mlf", "mohcdgec")
"""Ministries with more than one permanent secretary (one more per entry)."""

_INDEPENDENT_DEPARTMENTS = """
naot | Ofisi ya Taifa ya Ukaguzi | National Audit Office | NAOT
psc | Tume ya Utumishi wa Umma | Public Service Commission | PSC
otr | Ofisi ya Msajili wa Hazina | Office of the Treasury Registrar | OTR
"""

_AGENCIES = """
temesa | Wakala wa Ufundi na Umeme Tanzania | Tanzania Electrical, Mechanical and Electronics Services Agency | TEMESA
tba | Wakala wa Majengo Tanzania | Tanzania Buildings Agency | TBA
tanroads | Wakala wa Barabara Tanzania | Tanzania National Roads Agency | TANROADS
tarura | Wakala wa Barabara za Vijijini na Mijini Tanzania | Tanzania Rural and Urban Roads Agency | TARURA
rita | Wakala wa Usajili, Ufilisi na Udhamini | Registration, Insolvency and Trusteeship Agency | RITA
brela | Wakala wa Usajili wa Biashara na Leseni | Business Registrations and Licensing Agency | BRELA
nbs | Ofisi ya Taifa ya Takwimu | National Bureau of Statistics | NBS
gpsa | Wakala wa Huduma ya Ununuzi Serikalini | Government Procurement Services Agency | GPSA
tfs | Wakala wa Huduma za Misitu Tanzania | Tanzania Forest Services Agency | TFS
wma | Wakala wa Vipimo | Weights and Measures Agency | WMA
"""  # noqa: E501 (one row a line reads best)

_CORPORATIONS = """
tra | Mamlaka ya Mapato Tanzania | Tanzania Revenue Authority | TRA
tanesco | Shirika la Umeme Tanzania | Tanzania Electric Supply Company | TANESCO
ttcl | Shirika la Mawasiliano Tanzania | Tanzania Telecommunications Corporation | TTCL
tcra | Mamlaka ya Mawasiliano Tanzania | Tanzania Communications Regulatory Authority | TCRA
nhif | Mfuko wa Taifa wa Bima ya Afya | National Health Insurance Fund | NHIF
tpa | Mamlaka ya Usimamizi wa Bandari Tanzania | Tanzania Ports Authority | TPA
ppra | Mamlaka ya Udhibiti wa Ununuzi wa Umma | Public Procurement Regulatory Authority | PPRA
nida | Mamlaka ya Vitambulisho vya Taifa | National Identification Authority | NIDA
tcaa | Mamlaka ya Usafiri wa Anga Tanzania | Tanzania Civil Aviation Authority | TCAA
sumatra | Mamlaka ya Udhibiti wa Usafiri wa Nchi Kavu na Majini | Surface and Marine Transport Regulatory Authority | SUMATRA
nssf | Mfuko wa Taifa wa Hifadhi ya Jamii | National Social Security Fund | NSSF
psssf | Mfuko wa Hifadhi ya Jamii kwa Watumishi wa Umma | Public Service Social Security Fund | PSSSF
trc | Shirika la Reli Tanzania | Tanzania Railways Corporation | TRC
dawasa | Mamlaka ya Majisafi na Usafi wa Mazingira Dar es Salaam | Dar es Salaam Water Supply and Sanitation Authority | DAWASA
"""  # noqa: E501 (one row a line reads best)

_UNIVERSITIES = """
udom | Chuo Kikuu cha Dodoma | University of Dodoma | UDOM | Dodoma
udsm | Chuo Kikuu cha Dar es Salaam | University of Dar es Salaam | UDSM | Dar es Salaam
sua | Chuo Kikuu cha Kilimo cha Sokoine | Sokoine University of Agriculture | SUA | Morogoro
aru | Chuo Kikuu Ardhi | Ardhi University | ARU | Dar es Salaam
mu | Chuo Kikuu Mzumbe | Mzumbe University | MU | Morogoro
must | Chuo Kikuu cha Sayansi na Teknolojia Mbeya | Mbeya University of Science and Technology | MUST | Mbeya
nm-aist | Taasisi ya Sayansi na Teknolojia ya Nelson Mandela | Nelson Mandela African Institution of Science and Technology | NM-AIST | Arusha
out | Chuo Kikuu Huria cha Tanzania | Open University of Tanzania | OUT | Dar es Salaam
muhas | Chuo Kikuu cha Afya na Sayansi Shirikishi Muhimbili | Muhimbili University of Health and Allied Sciences | MUHAS | Dar es Salaam
"""  # noqa: E501 (one row a line reads best)

_TECHNICAL_COLLEGES = """
dit | Taasisi ya Teknolojia Dar es Salaam | Dar es Salaam Institute of Technology | DIT | Dar es Salaam
atc | Chuo cha Ufundi Arusha | Arusha Technical College | ATC | Arusha
nit | Chuo cha Taifa cha Usafirishaji | National Institute of Transport | NIT | Dar es Salaam
cbe | Chuo cha Elimu ya Biashara | College of Business Education | CBE | Dar es Salaam
"""  # noqa: E501 (one row a line reads best)

_RESEARCH_INSTITUTES = """
costech | Tume ya Taifa ya Sayansi na Teknolojia | Tanzania Commission for Science and Technology | COSTECH
tirdo | Shirika la Utafiti na Maendeleo ya Viwanda Tanzania | Tanzania Industrial Research and Development Organization | TIRDO
nimr | Taasisi ya Taifa ya Utafiti wa Magonjwa ya Binadamu | National Institute for Medical Research | NIMR
tari | Taasisi ya Utafiti wa Kilimo Tanzania | Tanzania Agricultural Research Institute | TARI
tafiri | Taasisi ya Utafiti wa Uvuvi Tanzania | Tanzania Fisheries Research Institute | TAFIRI
"""  # noqa: E501 (one row a line reads best)

# Local government authorities, one region a line: region | place kind, ...
# where kind is c(ity), m(unicipal), t(own) or d(istrict) council.
_LGAS = """
Dodoma | Dodoma c, Bahi d, Chamwino d, Chemba d, Kondoa d, Kondoa t, Kongwa d, Mpwapwa d
Dar es Salaam | Dar es Salaam c, Ilala m, Kinondoni m, Temeke m, Ubungo m, Kigamboni m
Arusha | Arusha c, Arusha d, Meru d, Karatu d, Monduli d, Longido d
Mwanza | Mwanza c, Ilemela m, Magu d, Kwimba d, Sengerema d
Mbeya | Mbeya c, Mbeya d, Chunya d, Kyela d, Rungwe d
Morogoro | Morogoro m, Morogoro d, Kilosa d, Mvomero d, Ifakara t
Tanga | Tanga c, Handeni d, Korogwe t, Lushoto d
Kilimanjaro | Moshi m, Moshi d, Hai d, Rombo d, Same d
Iringa | Iringa m, Iringa d, Mafinga t
Tabora | Tabora m, Nzega d, Urambo d
Kigoma | Kigoma-Ujiji m, Kasulu t, Kibondo d
Mtwara | Mtwara-Mikindani m, Masasi t, Newala d
Lindi | Lindi m, Kilwa d
Ruvuma | Songea m, Mbinga t, Tunduru d
Singida | Singida m, Manyoni d
Shinyanga | Shinyanga m, Kahama t, Kishapu d
Kagera | Bukoba m, Karagwe d, Muleba d
Mara | Musoma m, Tarime d, Bunda t
Pwani | Kibaha t, Bagamoyo d, Mkuranga d
Rukwa | Sumbawanga m, Nkasi d
Katavi | Mpanda m, Mlele d
Njombe | Njombe t, Makambako t
Simiyu | Bariadi t, Maswa d
Geita | Geita t, Chato d
Songwe | Tunduma t, Mbozi d
Manyara | Babati t, Hanang d
"""

REGIONS = tuple(sorted(row[0] for row in _table(_LGAS)))
"""The 26 regions (mikoa) of mainland Tanzania in 2019."""

_HEADQUARTERS_REGIONS = ("Dodoma", "Dodoma", "Dodoma", "Dar es Salaam", "Dar es Salaam")
"""Where staff of national institutions come from, weighted toward the capital."""

_COUNCIL_KINDS = {
    "c": ("Halmashauri ya Jiji la {}", "{} City Council", "CC"),
    "m": ("Halmashauri ya Manispaa ya {}", "{} Municipal Council", "MC"),
    "t": ("Halmashauri ya Mji wa {}", "{} Town Council", "TC"),
    "d": ("Halmashauri ya Wilaya ya {}", "{} District Council", "DC"),
}


def _slug(text: str) -> str:
    return text.lower().replace(" ", "-")


def _rows(text: str, kind: OrganizationKind) -> list[Organization]:
    return [
        Organization(
            id=oid,
            name=_t(sw, en),
            kind=kind,
            acronym=acronym,
            region=region[0] if region else None,
            country="TZ",
        )
        for oid, sw, en, acronym, *region in _table(text)
    ]


def _regional_secretariats() -> list[Organization]:
    return [
        Organization(
            id=f"rs-{_slug(region)}",
            name=_t(f"Sekretarieti ya Mkoa wa {region}", f"{region} Regional Secretariat"),
            kind=OrganizationKind.REGIONAL_SECRETARIAT,
            acronym=f"RS {region}",
            region=region,
            country="TZ",
        )
        for region in REGIONS
    ]


def _local_government_authorities() -> list[Organization]:
    out = []
    for region, councils in _table(_LGAS):
        for council in councils.split(","):
            place, kind = council.strip().rsplit(" ", 1)
            sw, en, suffix = _COUNCIL_KINDS[kind]
            out.append(
                Organization(
                    id=f"{_slug(place)}-{suffix.lower()}",
                    name=_t(sw.format(place), en.format(place)),
                    kind=OrganizationKind.LOCAL_GOVERNMENT_AUTHORITY,
                    acronym=f"{place} {suffix}",
                    region=region,
                    country="TZ",
                )
            )
    return out


@attrs.frozen
class _Orgs:
    """The organizations by kind, each list in a fixed order."""

    ministries: list[Organization]
    departments: list[Organization]
    agencies: list[Organization]
    secretariats: list[Organization]
    lgas: list[Organization]
    corporations: list[Organization]
    universities: list[Organization]
    colleges: list[Organization]
    institutes: list[Organization]

    @property
    def all(self) -> list[Organization]:
        return [
            ORGANIZER,
            *self.ministries,
            *self.departments,
            *self.agencies,
            *self.secretariats,
            *self.lgas,
            *self.corporations,
            *self.universities,
            *self.colleges,
            *self.institutes,
        ]

    @property
    def national(self) -> list[Organization]:
        """Institutions whose head is a head of institution (not a ministry or LGA)."""
        return [
            ORGANIZER,
            *self.departments,
            *self.agencies,
            *self.corporations,
            *self.institutes,
        ]


def _organizations() -> _Orgs:
    return _Orgs(
        ministries=_rows(_MINISTRIES, OrganizationKind.MINISTRY),
        departments=_rows(_INDEPENDENT_DEPARTMENTS, OrganizationKind.INDEPENDENT_DEPARTMENT),
        agencies=_rows(_AGENCIES, OrganizationKind.EXECUTIVE_AGENCY),
        secretariats=_regional_secretariats(),
        lgas=_local_government_authorities(),
        corporations=_rows(_CORPORATIONS, OrganizationKind.PUBLIC_CORPORATION),
        universities=_rows(_UNIVERSITIES, OrganizationKind.UNIVERSITY),
        colleges=_rows(_TECHNICAL_COLLEGES, OrganizationKind.TECHNICAL_COLLEGE),
        institutes=_rows(_RESEARCH_INSTITUTES, OrganizationKind.RESEARCH_INSTITUTE),
    )


# -- roles and groups (facts of the page) --------------------------------------

ICT_ROLES = ("ict_officer", "ict_system_user")
LEADER_ROLES = ("permanent_secretary", "head_of_institution", "lga_director")
ACADEMIC_ROLES = ("innovator", "researcher")

ROLES = (
    Role(id="ict_officer", name=_t("Afisa TEHAMA", "ICT officer")),
    Role(
        id="ict_system_user",
        name=_t("Afisa anayetumia mifumo ya TEHAMA", "Officer who uses ICT systems"),
    ),
    Role(id="permanent_secretary", name=_t("Katibu Mkuu", "Permanent Secretary")),
    Role(id="head_of_institution", name=_t("Mkuu wa Taasisi", "Head of institution")),
    Role(
        id="lga_director",
        name=_t(
            "Mkurugenzi wa Mamlaka ya Serikali za Mitaa",
            "Director of a local government authority",
        ),
    ),
    Role(id="innovator", name=_t("Mbunifu", "Innovator")),
    Role(id="researcher", name=_t("Mtafiti", "Researcher")),
)

_RULE_BASIS = _t(
    "Tangazo la Kikao Kazi kwenye ukurasa wa eGA (mfano: waraka wa mwaliko haukuchapishwa).",
    "The workshop's announcement on eGA's page (illustrative: the letter of invitation "
    "was not published).",
)
"""The basis of the groups' rules: who is in each group is fact, the wording illustrative."""

_ACADEMIC_KINDS_OF_GROUP_3 = (OrganizationKind.UNIVERSITY, OrganizationKind.TECHNICAL_COLLEGE)

GROUP_RULES = {
    "group-1": Any(
        rules=tuple(HasRole(role=role) for role in ICT_ROLES),
        label=_t(
            "Maofisa TEHAMA na Maofisa wanaotumia mifumo ya TEHAMA",
            "ICT officers and officers who use ICT systems",
        ),
        basis=_RULE_BASIS,
    ),
    "group-2": Any(
        rules=tuple(HasRole(role=role) for role in LEADER_ROLES),
        label=_t(
            "Makatibu Wakuu, Wakuu wa Taasisi na Wakurugenzi wa Mamlaka za Serikali za Mitaa",
            "Permanent secretaries, heads of institutions and directors of local government "
            "authorities",
        ),
        basis=_RULE_BASIS,
    ),
    "group-3": Any(
        rules=(
            InGroup(group="group-1"),
            InGroup(group="group-2"),
            Any(rules=tuple(HasRole(role=role) for role in ACADEMIC_ROLES))
            & OrganizationKindIn(kinds=frozenset(_ACADEMIC_KINDS_OF_GROUP_3)),
        ),
        label=_t(
            "Washiriki wa makundi yote pamoja na Wabunifu na Watafiti kutoka Vyuo Vikuu na "
            "Vyuo vinavyotoa mafunzo ya Teknolojia",
            "Everyone of groups 1 and 2, plus innovators and researchers from universities "
            "and technology colleges",
        ),
        basis=_RULE_BASIS,
    ),
}
"""Who belongs to each group, as rules; the example's participants follow them."""

PUBLISHED = 1
"""The record's revision, 1: every session and group was published at SEQUENCE 1."""

GROUPS = (
    ParticipantGroup(
        id="group-1",
        rule=GROUP_RULES["group-1"],
        name=_t("Kundi la Kwanza", "Group 1"),
        days=(DAY_1, DAY_2),
        sequence=PUBLISHED,
        description=_t(
            "Maofisa TEHAMA na Maofisa wanaotumia mifumo ya TEHAMA; kikao tarehe "
            "30 - 31 Januari 2019.",
            "ICT officers and officers who use ICT systems; met on 30-31 January 2019.",
        ),
    ),
    ParticipantGroup(
        id="group-2",
        rule=GROUP_RULES["group-2"],
        name=_t("Kundi la Pili", "Group 2"),
        days=(DAY_3,),
        sequence=PUBLISHED,
        description=_t(
            "Makatibu Wakuu, Wakuu wa Taasisi na Wakurugenzi wa Mamlaka za Serikali za "
            "Mitaa; kikao tarehe 01 Februari 2019.",
            "Permanent secretaries, heads of institutions and directors of local "
            "government authorities; met on 1 February 2019.",
        ),
    ),
    ParticipantGroup(
        id="group-3",
        rule=GROUP_RULES["group-3"],
        name=_t("Kundi la Tatu", "Group 3"),
        days=(DAY_4,),
        sequence=PUBLISHED,
        description=_t(
            "Washiriki wa makundi yote (Kundi la kwanza na la pili) pamoja na Wabunifu "
            "na Watafiti kutoka Vyuo Vikuu na Vyuo vinavyotoa mafunzo ya Teknolojia; "
            "siku maalumu ya Utafiti na Ubunifu katika eneo la utekelezaji wa Serikali "
            "Mtandao, tarehe 2 Februari 2019.",
            "All participants of groups 1 and 2, plus innovators and researchers from "
            "universities and technology colleges; the special Research and Innovation "
            "day on implementing e-Government, 2 February 2019.",
        ),
    ),
)

# -- people (synthetic) --------------------------------------------------------

_WOMEN = (
    "Agnes", "Anna", "Asha", "Consolata", "Devota", "Editha", "Elizabeth", "Esther",
    "Fatuma", "Glory", "Grace", "Halima", "Happiness", "Imani", "Jamila", "Joyce",
    "Khadija", "Lilian", "Lucy", "Mariam", "Mercy", "Mwajuma", "Mwanaisha", "Neema",
    "Pendo", "Rehema", "Rose", "Rukia", "Saida", "Salma", "Upendo", "Winfrida",
    "Witness", "Zainabu", "Zawadi",
)  # fmt: skip
_MEN = (
    "Abdallah", "Ally", "Athumani", "Baraka", "Charles", "Daudi", "Deogratias", "Elia",
    "Elisha", "Emmanuel", "Erasto", "Faustine", "Frank", "Gerald", "Godfrey", "Godlisten",
    "Hamisi", "Hassani", "Ibrahimu", "Innocent", "Issa", "John", "Joseph", "Juma",
    "Kassim", "Lameck", "Michael", "Musa", "Nassoro", "Omari", "Paulo", "Peter",
    "Rashidi", "Said", "Salum", "Selemani", "Shabani", "Wilson", "Yusufu",
)  # fmt: skip
_SURNAMES = (
    "Bakari", "Chacha", "Chaula", "Haule", "Kagaruki", "Kapinga", "Kessy", "Kimaro",
    "Kisanga", "Komba", "Kombo", "Kweka", "Laizer", "Lema", "Lyimo", "Magesa", "Mahenge",
    "Makundi", "Mallya", "Mapunda", "Marwa", "Massawe", "Mbwana", "Mfinanga", "Mgaya",
    "Mhagama", "Minja", "Mollel", "Mosha", "Mrema", "Mrisho", "Msuya", "Mtui", "Mushi",
    "Mwaipopo", "Mwakalinga", "Mwakasege", "Mwakyusa", "Mwamba", "Mwansasu", "Mwinyi",
    "Mwita", "Ngonyani", "Ngowi", "Njau", "Nkya", "Nyirenda", "Rwegasira", "Sanga",
    "Shirima", "Sumari", "Swai", "Tarimo", "Temba", "Urassa",
)  # fmt: skip

_COURTESY = "*"
"""Stands for Bw. (Bwana) or Bi. (Bibi), by the person's name."""

# Honorific profiles: (cumulative probability, honorific), tried in order.
_OFFICER = ((0.05, "Mhandisi"), (0.08, "Dkt."), (0.45, _COURTESY))
_LEADER = ((0.30, "Dkt."), (0.38, "Prof."), (0.46, "Mhandisi"), (0.80, _COURTESY))
_ACADEMIC = ((0.25, "Dkt."), (0.33, "Prof."), (0.50, _COURTESY))
_INNOVATOR = ((0.05, "Dkt."), (0.10, "Mhandisi"), (0.30, _COURTESY))
_Profile = tuple[tuple[float, str], ...]

_ACADEMIC_KINDS = (OrganizationKind.UNIVERSITY, OrganizationKind.TECHNICAL_COLLEGE)


class _Names:
    """Synthetic people: names, honorifics and unique e-mail addresses."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.emails: dict[str, int] = {}

    def person(
        self,
        pid: str,
        org: Organization,
        profile: _Profile,
        position: LocalizedText | None = None,
    ) -> Person:
        rng = self.rng
        woman = rng.random() < 0.5
        first = rng.choice(_WOMEN if woman else _MEN)
        last = rng.choice(_SURNAMES)
        draw = rng.random()
        honorific = next((h for p, h in profile if draw < p), None)
        if honorific == _COURTESY:
            honorific = "Bi." if woman else "Bw."
        domain = ACADEMIC_DOMAIN if org.kind in _ACADEMIC_KINDS else GOV_DOMAIN
        local = f"{first}.{last}".lower()
        n = self.emails.get(f"{local}@{domain}", 0) + 1
        self.emails[f"{local}@{domain}"] = n
        email = f"{local}@{domain}" if n == 1 else f"{local}{n}@{domain}"
        return Person(
            id=pid,
            name=f"{first} {last}",
            honorific=honorific,
            email=email,
            organization=org.id,
            position=position,
        )


@attrs.frozen
class _Plan:
    """One participant before ids and attendance are given."""

    org: Organization
    roles: frozenset[str]
    groups: frozenset[str]
    profile: _Profile


def _group_1_plans(rng: random.Random, orgs: _Orgs) -> list[_Plan]:
    roles = [ICT_ROLES[0]] * G1_ICT_OFFICERS + [ICT_ROLES[1]] * G1_SYSTEM_USERS
    rng.shuffle(roles)
    national = orgs.national + orgs.ministries
    plans = []
    for role in roles:
        draw = rng.random()
        if draw < 0.40:
            pool = orgs.lgas
        elif draw < 0.52:
            pool = orgs.secretariats
        else:
            pool = national
        org = rng.choice(pool)
        plans.append(_Plan(org, frozenset({role}), frozenset({"group-1", "group-3"}), _OFFICER))
    return plans


def _group_2_plans(rng: random.Random, orgs: _Orgs) -> list[_Plan]:
    ministries = {o.id: o for o in orgs.ministries}
    ps_orgs = [*orgs.ministries, *(ministries[m] for m in _EXTRA_PERMANENT_SECRETARIES)]
    heads = rng.sample(orgs.national + orgs.secretariats, G2_HEADS_OF_INSTITUTIONS)
    directors = rng.sample(orgs.lgas, G2_LGA_DIRECTORS)
    assert len(ps_orgs) == G2_PERMANENT_SECRETARIES  # noqa: S101 (a table invariant)
    groups = frozenset({"group-2", "group-3"})
    plans = [
        *(_Plan(o, frozenset({"permanent_secretary"}), groups, _LEADER) for o in ps_orgs),
        *(_Plan(o, frozenset({"head_of_institution"}), groups, _LEADER) for o in heads),
        *(_Plan(o, frozenset({"lga_director"}), groups, _LEADER) for o in directors),
    ]
    rng.shuffle(plans)
    return plans


def _group_3_plans(rng: random.Random, orgs: _Orgs) -> list[_Plan]:
    academic = orgs.universities + orgs.colleges
    # Three from every university and college, the rest leaning toward the host.
    weighted = [*academic, orgs.universities[0], orgs.universities[0]]
    chosen = [o for o in academic for _ in range(3)]
    chosen += [rng.choice(weighted) for _ in range(G3_ONLY - len(chosen))]
    rng.shuffle(chosen)
    plans = []
    for org in chosen:
        draw = rng.random()
        if draw < 0.45:
            roles, profile = frozenset({"innovator"}), _INNOVATOR
        elif draw < 0.85:
            roles, profile = frozenset({"researcher"}), _ACADEMIC
        else:
            roles, profile = frozenset(ACADEMIC_ROLES), _ACADEMIC
        plans.append(_Plan(org, roles, frozenset({"group-3"}), profile))
    return plans


def _attendance(rng: random.Random, n1: int, n2: int, n3: int) -> list[frozenset[date]]:
    """The days each participant was present, in participant order."""
    missed_1 = set(rng.sample(range(n1), G1_MISSED_DAY_1))
    missed_2 = set(rng.sample([i for i in range(n1) if i not in missed_1], G1_MISSED_DAY_2))
    missed_4 = set(rng.sample(range(n1), G1_MISSED_DAY_4))
    days: list[frozenset[date]] = []
    for i in range(n1):
        present = {DAY_1, DAY_2, DAY_4}
        for missed, day in ((missed_1, DAY_1), (missed_2, DAY_2), (missed_4, DAY_4)):
            if i in missed:
                present.discard(day)
        days.append(frozenset(present))
    missed_3 = set(rng.sample(range(n2), G2_MISSED_DAY_3))
    missed_4 = set(rng.sample([i for i in range(n2) if i not in missed_3], G2_MISSED_DAY_4))
    for i in range(n2):
        present = {DAY_3, DAY_4}
        for missed, day in ((missed_3, DAY_3), (missed_4, DAY_4)):
            if i in missed:
                present.discard(day)
        days.append(frozenset(present))
    days.extend(frozenset({DAY_4}) for _ in range(n3))
    return days


def _participants(
    rng: random.Random, orgs: _Orgs, names: _Names
) -> tuple[list[Participant], list[Person]]:
    g1 = _group_1_plans(rng, orgs)
    g2 = _group_2_plans(rng, orgs)
    g3 = _group_3_plans(rng, orgs)
    days = _attendance(rng, len(g1), len(g2), len(g3))
    participants, people = [], []
    for n, (plan, present) in enumerate(zip([*g1, *g2, *g3], days, strict=True), start=1):
        person = names.person(f"person-{n:04d}", plan.org, plan.profile)
        region = plan.org.region or rng.choice(_HEADQUARTERS_REGIONS)
        people.append(person)
        participants.append(
            Participant(
                id=f"p-{n:04d}",
                person=person.id,
                organization=plan.org.id,
                roles=plan.roles,
                groups=plan.groups,
                status=RegistrationStatus.CONFIRMED,
                days_attended=present,
                region=region,
            )
        )
    return participants, people


def _staff(names: _Names, orgs: _Orgs) -> list[Person]:
    """Illustrative reviewers of the call, who also chair sessions: 3 eGA, 3 COSTECH."""
    costech = next(o for o in orgs.institutes if o.id == "costech")
    ega_position = _t(
        "Mtaalamu wa Serikali Mtandao, eGA (mfano)", "e-Government specialist, eGA (illustrative)"
    )
    costech_position = _t("Mtafiti, COSTECH (mfano)", "Researcher, COSTECH (illustrative)")
    return [
        *(names.person(f"person-ega-{i}", ORGANIZER, _LEADER, ega_position) for i in (1, 2, 3)),
        *(
            names.person(f"person-costech-{i}", costech, _ACADEMIC, costech_position)
            for i in (1, 2, 3)
        ),
    ]


# -- the call for research and innovations ---------------------------------------

CRITERIA = (
    Criterion(
        id="relevance",
        name=_t("Umuhimu kwa Serikali Mtandao", "Relevance to e-Government"),
        weight=0.4,
        description=_t(
            "Mchango kwa huduma za Serikali Mtandao. (Mfano: vigezo halisi havikuchapishwa.)",
            "Contribution to e-Government services. (Illustrative: the actual criteria "
            "were not published.)",
        ),
    ),
    Criterion(
        id="innovation",
        name=_t("Ubunifu na upekee", "Innovation and originality"),
        weight=0.3,
        description=_t(
            "Upya wa wazo au mbinu. (Mfano: vigezo halisi havikuchapishwa.)",
            "Novelty of the idea or method. (Illustrative: the actual criteria were not "
            "published.)",
        ),
    ),
    Criterion(
        id="feasibility",
        name=_t("Utekelezekaji na matokeo", "Feasibility and impact"),
        weight=0.3,
        description=_t(
            "Uwezekano wa kutekelezwa na manufaa kwa umma. (Mfano: vigezo halisi havikuchapishwa.)",
            "Whether it can be put to work, and its public benefit. (Illustrative: the "
            "actual criteria were not published.)",
        ),
    ),
)

# Submissions, one a line: kind | organization id | Swahili title | English title.
# All synthetic: the page names none of the 24.
_SUBMISSIONS = """
innovation | udom | Ukusanyaji wa mapato ya Halmashauri kwa simu za mkononi | Mobile revenue collection for local government authorities
innovation | muhas | Kumbukumbu za kielektroniki za wagonjwa kwa zahanati | Electronic patient records for dispensaries
innovation | udsm | Chatbot ya Kiswahili kwa huduma kwa wananchi | A Swahili chatbot for citizen services
research | aru | Daftari la ardhi kwa teknolojia ya blockchain | A land registry on blockchain
innovation | aru | Mifumo ya taarifa za kijiografia (GIS) kwa mipango ya Halmashauri | Geographic information systems (GIS) for local government planning
research | mu | Uchambuzi wa takwimu za ununuzi wa umma kwa njia ya mtandao | Analytics of e-procurement data
innovation | dit | Huduma za Serikali kupitia USSD kwa simu za kawaida | Government services over USSD for basic phones
innovation | udom | Ufuatiliaji wa usalama wa mitandao ya taasisi za umma | Cybersecurity monitoring of public institutions' networks
innovation | sua | Taarifa za hali ya hewa na masoko kwa wakulima kwa SMS | Weather and market information for farmers by SMS
research | nm-aist | Utambuzi wa magonjwa ya mimea kwa picha za simu | Detecting plant diseases from phone photos
innovation | nit | Tiketi za kielektroniki kwa mabasi ya mikoani | Electronic ticketing for long-distance buses
research | atc | Nishati ya jua kwa vituo vya TEHAMA vijijini | Solar power for rural ICT centres
innovation | must | Ufuatiliaji wa mifugo kwa vifaa vya IoT | Livestock tracking with IoT devices
innovation | nm-aist | Sensa za gharama nafuu za kupima ubora wa maji | Low-cost sensors for water quality monitoring
research | mu | Utayari wa Serikali Mtandao katika Mamlaka za Serikali za Mitaa | e-Government readiness of local government authorities
research | out | Mafunzo kwa njia ya mtandao kwa watumishi wa umma | Online learning for public servants
innovation | cbe | Hifadhi ya kidijitali ya nyaraka za Serikali | A digital archive of government records
research | udsm | Uchambuzi wa maoni ya wananchi kwa Kiswahili kwenye mitandao ya kijamii | Analysing citizens' Swahili feedback on social media
research | cbe | Malipo ya Serikali kwa simu na ulinganisho wa hesabu | Mobile government payments and their reconciliation
innovation | dit | Ufuatiliaji wa mbali wa vifaa vya TEHAMA kwa matengenezo | Remote monitoring of ICT equipment for maintenance
innovation | tirdo | Mfumo wa taarifa kwa viwanda vidogo | An information system for small industries
research | nimr | Takwimu za magonjwa kwa wakati halisi | Real-time disease surveillance data
innovation | tari | Taarifa za utafiti wa kilimo kwa simu za mkononi | Agricultural research information by mobile phone
research | udom | Uwianishaji wa mifumo ya TEHAMA ya taasisi za umma | Interoperability of public institutions' ICT systems
"""  # noqa: E501 (one row a line reads best)


CALL_OPENS = _at(date(2018, 12, 1), 8)
CALL_CLOSES = _at(date(2019, 1, 15), 16)
REVIEW_STARTS = _at(date(2019, 1, 16), 9)
DECISION_AT = _at(date(2019, 1, 22), 15)
COMMITTEE = "kamati-ya-tathmini"
"""Who moves submissions to review and announces the decisions (illustrative)."""

_ABSTRACT_SW = (
    "(Mfano: wasilisho hili ni la kubuni; ukurasa wa tukio hautaji tafiti na bunifu "
    "zilizowasilishwa.)"
)
_ABSTRACT_EN = (
    "(Illustrative: this submission is synthetic; the event page does not name the "
    "research and innovations submitted.)"
)


class _Submitters:
    """Picks submitters: group-3-only participants, or new people for research institutes."""

    def __init__(
        self,
        rng: random.Random,
        names: _Names,
        participants: Sequence[Participant],
        orgs: Mapping[str, Organization],
    ) -> None:
        self.rng = rng
        self.names = names
        self.orgs = orgs
        self.members: dict[str, list[Participant]] = {}
        for p in participants:
            if p.groups == frozenset({"group-3"}):
                self.members.setdefault(p.organization, []).append(p)
        self.presenting: set[str] = set()
        self.extra: list[Person] = []

    def pick(self, org_id: str, kind: SubmissionKind) -> tuple[str, ...]:
        count = self.rng.choice((1, 2, 2, 3))
        org = self.orgs[org_id]
        if org.kind not in _ACADEMIC_KINDS:
            position = _t("Mtafiti (mfano)", "Researcher (illustrative)")
            start = sum(1 for p in self.extra if p.organization == org_id) + 1
            made = [
                self.names.person(f"person-{org_id}-{start + i}", org, _ACADEMIC, position)
                for i in range(count)
            ]
            self.extra.extend(made)
            return tuple(p.id for p in made)
        members = self.members[org_id]
        role = "innovator" if kind is SubmissionKind.INNOVATION else "researcher"
        fitting = [p for p in members if role in p.roles and p.id not in self.presenting]
        first = self.rng.choice(fitting or [p for p in members if p.id not in self.presenting])
        self.presenting.add(first.id)
        others = [p for p in members if p.id != first.id]
        co = self.rng.sample(others, min(count - 1, len(others)))
        return tuple(p.person for p in [first, *co])


def _reviews(rng: random.Random, org_id: str, reviewers: Sequence[Person]) -> tuple[Review, ...]:
    quality = rng.uniform(2.0, 4.7)
    eligible = [r for r in reviewers if r.organization != org_id]
    chosen = sorted(rng.sample(eligible, 3), key=lambda r: r.id)
    reviews = []
    for reviewer in chosen:
        scores = {c.id: min(5, max(1, round(quality + rng.gauss(0, 0.6)))) for c in CRITERIA}
        at = _at(date(2019, 1, 16) + timedelta(days=rng.randrange(5)), rng.randrange(10, 17))
        reviews.append(Review(reviewer=reviewer.id, scores=scores, at=at))
    return tuple(reviews)


def _submitted_at(rng: random.Random) -> datetime:
    first = _at(date(2018, 12, 3), 8)
    minutes = int((CALL_CLOSES - timedelta(hours=1) - first).total_seconds() // 60)
    return first + timedelta(minutes=rng.randrange(minutes))


def _submissions(
    rng: random.Random, picker: _Submitters, reviewers: Sequence[Person]
) -> list[tuple[Submission, tuple[Review, ...]]]:
    """The 24 submissions, submitted and under review, each with the reviews drawn for it."""
    call = _call(())
    drawn = []
    for n, (kind_name, org_id, sw, en) in enumerate(_table(_SUBMISSIONS), start=1):
        kind = SubmissionKind(kind_name)
        submitters = picker.pick(org_id, kind)
        draft = Submission(
            id=f"sub-{n:02d}",
            title=_t(sw, en),
            kind=kind,
            submitters=submitters,
            organization=org_id,
            abstract=_t(f"{sw}. {_ABSTRACT_SW}", f"{en}. {_ABSTRACT_EN}"),
        )
        submitted = transition(
            draft, SubmissionState.SUBMITTED, at=_submitted_at(rng), by=submitters[0], call=call
        )
        under_review = transition(
            submitted, SubmissionState.UNDER_REVIEW, at=REVIEW_STARTS, by=COMMITTEE
        )
        drawn.append((under_review, _reviews(rng, org_id, reviewers)))
    return drawn


def _research_and_innovation_call(
    rng: random.Random,
    picker: _Submitters,
    reviewers: Sequence[Person],
    people: Sequence[Person],
    orgs: _Orgs,
) -> CallForSubmissions:
    """The call from opening to the announced selection, run through egov_events.submissions.

    The submissions are reviewed (conflicts of interest refused), ranked,
    the top ``ACCEPTED`` accepted and the rest rejected in one announcement
    (the committee kept no waiting list), and booths given in rank order.
    """
    drawn = _submissions(rng, picker, reviewers)
    # The committee's view of the people and institutions, for the review checks.
    desk = Event(
        id="kikao-kazi-2019",
        title=_t("Kamati ya tathmini", "Review committee"),
        organizer=ORGANIZER.id,
        timezone=TZ,
        first_day=DAY_1,
        last_day=DAY_4,
        updated=UPDATED,
        people=(*people, *picker.extra),
        organizations=tuple(orgs.all),
    )
    call = _call(())
    reviewed = []
    for under_review, reviews in drawn:
        submission = under_review
        for review in reviews:
            submission = add_review(submission, review, call=call, event=desk)
        reviewed.append(submission)
    call = _call(tuple(reviewed))
    selection = select(call, call.submissions, waiting=0)
    decided = apply(selection, call.submissions, at=DECISION_AT, by=COMMITTEE)
    return _call(assign_booths(call, decided))


def _call(submissions: tuple[Submission, ...]) -> CallForSubmissions:
    return CallForSubmissions(
        id=CALL_ID,
        title=_t(
            "Wito wa Tafiti na Bunifu katika Serikali Mtandao",
            "Call for research and innovations in e-Government",
        ),
        opens=CALL_OPENS,
        closes=CALL_CLOSES,
        description=_t(
            "Vyuo Vikuu, Vyuo vinavyotoa mafunzo ya Teknolojia na Taasisi za Utafiti "
            "nchini vilialikwa kuwasilisha bunifu na tafiti katika Serikali Mtandao; "
            "tafiti/bunifu 24 ziliwasilishwa na 10 zilichaguliwa kushiriki maonesho. "
            "(Mfano: tarehe za wito, vigezo, watathmini, alama na mawasilisho yenyewe "
            "ni ya kubuni.)",
            "Universities, technology colleges and research institutes in the country "
            "were invited to submit innovations and research in e-Government; 24 were "
            "submitted and 10 were selected for the exhibition. (Illustrative: the "
            "call's dates, criteria, reviewers, scores and the submissions themselves "
            "are synthetic.)",
        ),
        kinds=frozenset(SubmissionKind),
        criteria=CRITERIA,
        score_min=1,
        score_max=5,
        places=ACCEPTED,
        session=EXHIBITION_SESSION_ID,
        submissions=submissions,
    )


# -- venue and programme (illustrative times) ------------------------------------

MAIN_HALL = "ukumbi-mkuu"

VENUE = Venue(
    name=_t(
        "Ukumbi wa Chuo cha Sayansi ya Kompyuta, Habari na Mawasiliano, Chuo Kikuu cha "
        "Dodoma (UDOM)",
        "Hall of the College of Computer Science, Information and Communication, "
        "University of Dodoma (UDOM)",
    ),
    city="Dodoma",
    region="Dodoma",
    country="TZ",
    latitude=-6.21,
    longitude=35.81,
    rooms=(
        Room(id=MAIN_HALL, name=_t("Ukumbi mkuu", "Main hall")),
        *(
            Room(
                id=f"chumba-{x}",
                name=_t(f"Chumba cha majadiliano {x.upper()}", f"Discussion room {x.upper()}"),
            )
            for x in "abcd"
        ),
    ),
)


# The illustrative programme, one session a line:
# slug | kind | start-end | room | Swahili title | English title | Swahili note | English note
# Every description ends with ILLUSTRATIVE_SW / ILLUSTRATIVE_EN. Chairs are
# added to openings, plenaries and panels; speakers as _programme is told.
_DAY_1_PROGRAMME = """
registration | other | 08:00-09:00 | ukumbi-mkuu | Usajili wa washiriki | Registration of participants | Washiriki wanajisajili na kupokea nyaraka. | Participants sign in and receive documents.
opening | opening | 09:00-10:00 | ukumbi-mkuu | Ufunguzi wa Kikao Kazi (Kundi la Kwanza) | Opening of the workshop (Group 1) | Ufunguzi rasmi wa Kikao Kazi. | The official opening of the workshop.
tea | break | 10:00-10:30 | ukumbi-mkuu | Mapumziko ya chai | Tea break | Mapumziko mafupi. | A short break.
keynote | keynote | 10:30-11:30 | ukumbi-mkuu | Hotuba kuu: Uwianishaji wa Rasilimali za TEHAMA kwa Maendeleo ya Viwanda | Keynote: Harmonising ICT resources for industrial development | Hotuba kuu kuhusu kaulimbiu; ukurasa wa tukio hautaji mzungumzaji. | A keynote on the theme; the event page names no speaker.
efforts | plenary | 11:30-13:00 | ukumbi-mkuu | Jitihada za Serikali Mtandao: zilizofanyika, zinazoendelea na zilizopangwa | e-Government efforts: done, ongoing and planned | Mawasilisho kuhusu jitihada za Serikali Mtandao ndani ya Serikali. | Presentations of the e-Government efforts within the Government.
lunch | break | 13:00-14:00 | ukumbi-mkuu | Chakula cha mchana | Lunch | Mapumziko ya mchana. | The midday break.
breakout-a | breakout | 14:00-16:00 | chumba-a | Majadiliano: Miundombinu na usalama wa TEHAMA | Discussion: ICT infrastructure and security | Washiriki wanajadili changamoto kwa kina katika makundi. | Participants discuss the challenges in depth in groups.
breakout-b | breakout | 14:00-16:00 | chumba-b | Majadiliano: Mifumo na uwianishaji wa taarifa | Discussion: systems and data integration | Washiriki wanajadili changamoto kwa kina katika makundi. | Participants discuss the challenges in depth in groups.
breakout-c | breakout | 14:00-16:00 | chumba-c | Majadiliano: Huduma kwa umma kwa njia ya mtandao | Discussion: online public services | Washiriki wanajadili changamoto kwa kina katika makundi. | Participants discuss the challenges in depth in groups.
breakout-d | breakout | 14:00-16:00 | chumba-d | Majadiliano: Rasilimali watu na ujuzi wa TEHAMA | Discussion: ICT human resources and skills | Washiriki wanajadili changamoto kwa kina katika makundi. | Participants discuss the challenges in depth in groups.
reports | plenary | 16:00-17:00 | ukumbi-mkuu | Taarifa za makundi ya majadiliano | Reports of the discussion groups | Kila kundi linawasilisha changamoto lilizojadili. | Each group presents the challenges it discussed.
"""  # noqa: E501 (one row a line reads best)

_DAY_2_PROGRAMME = """
breakout-a | breakout | 08:30-10:30 | chumba-a | Majadiliano: Miundombinu na usalama wa TEHAMA, mbinu na fursa | Discussion: ICT infrastructure and security, solutions and opportunities | Makundi yanaainisha mbinu na fursa za kutatua changamoto. | The groups identify ways and opportunities to solve the challenges.
breakout-b | breakout | 08:30-10:30 | chumba-b | Majadiliano: Mifumo na uwianishaji wa taarifa, mbinu na fursa | Discussion: systems and data integration, solutions and opportunities | Makundi yanaainisha mbinu na fursa za kutatua changamoto. | The groups identify ways and opportunities to solve the challenges.
breakout-c | breakout | 08:30-10:30 | chumba-c | Majadiliano: Huduma kwa umma kwa njia ya mtandao, mbinu na fursa | Discussion: online public services, solutions and opportunities | Makundi yanaainisha mbinu na fursa za kutatua changamoto. | The groups identify ways and opportunities to solve the challenges.
breakout-d | breakout | 08:30-10:30 | chumba-d | Majadiliano: Rasilimali watu na ujuzi wa TEHAMA, mbinu na fursa | Discussion: ICT human resources and skills, solutions and opportunities | Makundi yanaainisha mbinu na fursa za kutatua changamoto. | The groups identify ways and opportunities to solve the challenges.
tea | break | 10:30-11:00 | ukumbi-mkuu | Mapumziko ya chai | Tea break | Mapumziko mafupi. | A short break.
action-plan | plenary | 11:00-13:00 | ukumbi-mkuu | Kuandaa mpango kazi | Drafting the action plan | Kuandaa mpango kazi utakaoongeza ufanisi na tija katika utekelezaji wa jitihada za Serikali Mtandao. | Drafting an action plan to make e-Government efforts more efficient and productive.
lunch | break | 13:00-14:00 | ukumbi-mkuu | Chakula cha mchana | Lunch | Mapumziko ya mchana. | The midday break.
action-plan-adoption | plenary | 14:00-15:30 | ukumbi-mkuu | Kupitisha mpango kazi | Adopting the action plan | Mpango kazi unawasilishwa na kupitishwa. | The action plan is presented and adopted.
closing | closing | 15:30-16:30 | ukumbi-mkuu | Kufunga kikao cha Kundi la Kwanza | Closing of Group 1's sessions | Hitimisho la siku mbili za Kundi la Kwanza. | The end of Group 1's two days.
"""  # noqa: E501 (one row a line reads best)

_DAY_3_PROGRAMME = """
registration | other | 08:00-09:00 | ukumbi-mkuu | Usajili wa washiriki | Registration of participants | Washiriki wanajisajili na kupokea nyaraka. | Participants sign in and receive documents.
opening | opening | 09:00-10:00 | ukumbi-mkuu | Ufunguzi wa kikao cha viongozi (Kundi la Pili) | Opening of the leaders' day (Group 2) | Ufunguzi rasmi wa kikao cha Kundi la Pili. | The official opening of Group 2's day.
tea | break | 10:00-10:30 | ukumbi-mkuu | Mapumziko ya chai | Tea break | Mapumziko mafupi. | A short break.
keynote | keynote | 10:30-11:30 | ukumbi-mkuu | Hotuba kuu: Uongozi na Serikali Mtandao | Keynote: Leadership and e-Government | Hotuba kuu kwa viongozi; ukurasa wa tukio hautaji mzungumzaji. | A keynote for leaders; the event page names no speaker.
state-of-egov | plenary | 11:30-12:30 | ukumbi-mkuu | Hali ya Serikali Mtandao na mapendekezo ya Kundi la Kwanza | The state of e-Government and Group 1's recommendations | Muhtasari wa changamoto na mpango kazi wa Kundi la Kwanza. | A summary of Group 1's challenges and action plan.
panel | panel | 12:30-13:30 | ukumbi-mkuu | Mjadala: Uwianishaji wa rasilimali za TEHAMA katika taasisi za umma | Panel: harmonising ICT resources across public institutions | Viongozi wanajadili uwianishaji wa rasilimali za TEHAMA. | Leaders discuss harmonising ICT resources.
lunch | break | 13:30-14:30 | ukumbi-mkuu | Chakula cha mchana | Lunch | Mapumziko ya mchana. | The midday break.
breakout-a | breakout | 14:30-15:45 | chumba-a | Majadiliano ya viongozi: Wizara | Leaders' discussion: ministries | Viongozi wanajadili changamoto na fursa katika taasisi zao. | Leaders discuss the challenges and opportunities in their institutions.
breakout-b | breakout | 14:30-15:45 | chumba-b | Majadiliano ya viongozi: Taasisi, wakala na mashirika ya umma | Leaders' discussion: institutions, agencies and public corporations | Viongozi wanajadili changamoto na fursa katika taasisi zao. | Leaders discuss the challenges and opportunities in their institutions.
breakout-c | breakout | 14:30-15:45 | chumba-c | Majadiliano ya viongozi: Mamlaka za Serikali za Mitaa | Leaders' discussion: local government authorities | Viongozi wanajadili changamoto na fursa katika taasisi zao. | Leaders discuss the challenges and opportunities in their institutions.
action-plan | plenary | 15:45-16:30 | ukumbi-mkuu | Mpango kazi wa viongozi | The leaders' action plan | Viongozi wanakubaliana juu ya mpango kazi. | The leaders agree on the action plan.
closing | closing | 16:30-17:00 | ukumbi-mkuu | Kufunga kikao cha Kundi la Pili | Closing of Group 2's day | Hitimisho la kikao cha viongozi. | The end of the leaders' day.
"""  # noqa: E501 (one row a line reads best)

_DAY_4_PROGRAMME = """
opening | opening | 08:30-09:30 | ukumbi-mkuu | Ufunguzi wa siku maalumu ya Utafiti na Ubunifu | Opening of the Research and Innovation day | Ufunguzi wa siku maalumu ya Utafiti na Ubunifu katika eneo la utekelezaji wa Serikali Mtandao. | The opening of the special day of research and innovation in implementing e-Government.
keynote | keynote | 09:30-10:30 | ukumbi-mkuu | Hotuba kuu: Utafiti na ubunifu katika Serikali Mtandao | Keynote: Research and innovation in e-Government | Hotuba kuu ya siku ya Utafiti na Ubunifu; ukurasa wa tukio hautaji mzungumzaji. | The keynote of the Research and Innovation day; the event page names no speaker.
exhibition | exhibition | 10:30-13:00 | ukumbi-mkuu | Maonesho ya tafiti na bunifu | Exhibition of research and innovations | Tafiti/bunifu 10 zilizochaguliwa kati ya 24 zilizowasilishwa zinaoneshwa. | The 10 pieces of research and innovations selected from the 24 submitted are exhibited.
lunch | break | 13:00-14:00 | ukumbi-mkuu | Chakula cha mchana | Lunch | Mapumziko ya mchana. | The midday break.
presentations | plenary | 14:00-15:30 | ukumbi-mkuu | Mawasilisho ya tafiti na bunifu zilizochaguliwa | Presentations of the selected research and innovations | Wawasilishaji wa tafiti na bunifu zilizochaguliwa, kwa mpangilio wa mabanda. | The presenters of the selected research and innovations, in booth order.
closing | closing | 15:30-16:30 | ukumbi-mkuu | Kufunga Kikao Kazi | Closing of the workshop | Hitimisho la Kikao Kazi cha 2 cha Serikali Mtandao. | The end of the 2nd e-Government Workshop.
"""  # noqa: E501 (one row a line reads best)

_CHAIRED = (SessionKind.OPENING, SessionKind.PLENARY, SessionKind.PANEL)


def _clock(day: date, text: str) -> datetime:
    hour, minute = text.split(":")
    return _at(day, int(hour), int(minute))


def _programme(
    day: date,
    group: str,
    table: str,
    chair: str,
    speakers: Mapping[str, tuple[str, ...]],
) -> list[Session]:
    """The sessions of one day from its table."""
    sessions = []
    for slug, kind_name, hours, room, title_sw, title_en, sw, en in _table(table):
        kind = SessionKind(kind_name)
        start, end = hours.split("-")
        sessions.append(
            Session(
                id=f"s-{day.isoformat()}-{slug}",
                kind=kind,
                title=_t(title_sw, title_en),
                start=_clock(day, start),
                end=_clock(day, end),
                description=_t(f"{sw} {ILLUSTRATIVE_SW}", f"{en} {ILLUSTRATIVE_EN}"),
                room=room,
                groups=frozenset({group}),
                speakers=speakers.get(slug, ()),
                chairs=(chair,) if kind in _CHAIRED else (),
                sequence=PUBLISHED,
            )
        )
    return sessions


# -- the event -------------------------------------------------------------------

DESCRIPTION = _t(
    "Wakala ya Serikali Mtandao (eGA) iliandaa Kikao Kazi cha pili cha Serikali Mtandao "
    "kilichofanyika Januari 30 hadi Februari 2, 2019 katika ukumbi wa Chuo cha Sayansi ya "
    "Kompyuta, Habari na Mawasiliano uliopo Chuo Kikuu cha Dodoma (UDOM) kwa lengo la "
    "kuonesha jitihada mbalimbali za Serikali Mtandao zilizofanyika, zinazoendelea na "
    "zilizopangwa kufanyika ndani ya Serikali, changamoto na fursa zilizopo na kuzitatua. "
    "Katika kikao hicho wadau wa serikali mtandao walibadilishana uzoefu, kujadili njia "
    "mbalimbali na kutatua changamoto na kuwa na uelewa wa pamoja kuhusu serikali mtandao.",
    "The e-Government Agency (eGA) organised the second e-Government Workshop, held from "
    "30 January to 2 February 2019 in the hall of the College of Computer Science, "
    "Information and Communication at the University of Dodoma (UDOM), to show the "
    "e-Government efforts done, ongoing and planned within the Government, and the "
    "challenges and opportunities and how to solve them. At the workshop e-Government "
    "stakeholders shared experience, discussed ways of solving the challenges and came to "
    "a common understanding of e-Government.",
)

OBJECTIVES = (
    _t(
        "Kuonesha jitihada mbalimbali za Serikali Mtandao zilizofanyika, zinazoendelea na "
        "zilizopangwa kufanyika ndani ya Serikali.",
        "Show the e-Government efforts done, ongoing and planned within the Government.",
    ),
    _t(
        "Kuainisha changamoto na fursa zilizopo na kuzitatua.",
        "Identify the challenges and opportunities, and solve the challenges.",
    ),
    _t(
        "Wadau wa Serikali Mtandao kubadilishana uzoefu na kujadili njia mbalimbali za "
        "kutatua changamoto.",
        "Let e-Government stakeholders share experience and discuss ways of solving the "
        "challenges.",
    ),
    _t(
        "Kuwa na uelewa wa pamoja kuhusu Serikali Mtandao.",
        "Reach a common understanding of e-Government.",
    ),
)

DOCUMENTS = (
    Document(
        id="nyaraka",
        title=_t("Nyaraka", "Documents"),
        url="https://example.go.tz/kikao-kazi-2019/nyaraka",
        kind=DocumentKind.OTHER,
    ),
    Document(
        id="programu",
        title=_t("Programu", "Programme"),
        url="https://example.go.tz/kikao-kazi-2019/programu",
        kind=DocumentKind.PROGRAMME,
    ),
)

UPDATED = _at(date(2019, 2, 4), 10)
"""When this record was last changed (illustrative: after the event)."""


def build() -> Event:
    """Build the 2nd e-Government Workshop 2019, the same on every call.

    >>> build() == build()
    True
    """
    rng = random.Random(SEED)  # noqa: S311 (synthetic data, not security)
    orgs = _organizations()
    names = _Names(rng)
    participants, people = _participants(rng, orgs, names)
    staff = _staff(names, orgs)
    picker = _Submitters(rng, names, participants, {o.id: o for o in orgs.all})
    call = _research_and_innovation_call(rng, picker, staff, [*people, *staff], orgs)
    presenters = tuple(
        s.submitters[0]
        for s in sorted(call.submissions, key=lambda s: s.booth or "")
        if s.booth is not None
    )
    panel = tuple(next(p.person for p in participants if role in p.roles) for role in LEADER_ROLES)
    chair = staff[0].id
    sessions = [
        *_programme(DAY_1, "group-1", _DAY_1_PROGRAMME, chair, {}),
        *_programme(DAY_2, "group-1", _DAY_2_PROGRAMME, chair, {}),
        *_programme(DAY_3, "group-2", _DAY_3_PROGRAMME, staff[1].id, {"panel": panel}),
        *_programme(DAY_4, "group-3", _DAY_4_PROGRAMME, staff[2].id, {"presentations": presenters}),
    ]
    return Event(
        id="kikao-kazi-2019",
        title=_t("Kikao Kazi cha 2 cha Serikali Mtandao 2019", "2nd e-Government Workshop 2019"),
        organizer=ORGANIZER.id,
        timezone=TZ,
        first_day=DAY_1,
        last_day=DAY_4,
        updated=UPDATED,
        series="egov-workshop",
        edition=2,
        theme=_t(
            "Uwianishaji wa Rasilimali za TEHAMA kwa Maendeleo ya Viwanda",
            "Harmonising ICT resources for industrial development",
        ),
        motto=_t(
            "Uadilifu na Ubunifu kwa Utoaji Huduma Bora kwa Umma",
            "Integrity and innovation for better public service delivery",
        ),
        description=DESCRIPTION,
        objectives=OBJECTIVES,
        venue=VENUE,
        status=EventStatus.CONFIRMED,
        sessions=tuple(sessions),
        groups=GROUPS,
        participants=tuple(participants),
        people=(*people, *staff, *picker.extra),
        organizations=tuple(orgs.all),
        roles=ROLES,
        documents=DOCUMENTS,
        calls=(call,),
        reported_attendance=786,
        revision=PUBLISHED,
    )
