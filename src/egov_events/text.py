"""Text that people read, in Swahili first and English second.

A :class:`LocalizedText` maps language tags (BCP 47, RFC 5646: ``sw``,
``en``, ``sw-TZ``) to text. It holds at least one entry. When a language is
asked for and missing, an explicit fallback order decides what is shown:
by default Swahili, then English, then the remaining languages in tag order.

>>> title = LocalizedText.of(sw="Kikao Kazi", en="Workshop")
>>> str(title)
'Kikao Kazi'
>>> title.get("en")
'Workshop'
>>> title.get("fr")
'Kikao Kazi'
>>> LocalizedText.of(en="Workshop").get("sw")
'Workshop'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NoReturn

import attrs

from egov_events._checks import is_text, text_problems
from egov_events._spec import Spec, meta, validate
from egov_events.errors import PathPart, Problems

__all__ = [
    "DEFAULT_FALLBACK",
    "TAG_PATTERN",
    "LocalizedText",
    "check_language",
    "clear_caches",
    "normalize_language_tag",
]

DEFAULT_FALLBACK: tuple[str, ...] = ("sw", "en")
"""The order in which languages are tried when the wanted one is missing."""

# RFC 5646 section 2.1, without grandfathered and private-use-only tags:
# language (2-3 letters), optional script (4), region (2 letters or 3 digits),
# then variants and extensions of 1-8 alphanumerics.
TAG_PATTERN = re.compile(
    r"^[A-Za-z]{2,3}"
    r"(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-[A-Za-z0-9]{1,8})*$"
)


def normalize_language_tag(tag: str) -> str:
    """Return *tag* in its conventional case (RFC 5646 section 2.1.1).

    Tags are case-insensitive; the conventional form has a lower-case
    language, a title-case script and an upper-case region.

    >>> normalize_language_tag("SW-tz")
    'sw-TZ'
    >>> normalize_language_tag("sr-latn-rs")
    'sr-Latn-RS'

    Raises:
        ValueError: *tag* is not a well-formed language tag.

    """
    if type(tag) is str:
        return _normalize(tag)
    if not isinstance(tag, str):
        _malformed(tag)
    return _normalize(str(tag))


def check_language(problems: Problems, path: tuple[PathPart, ...], value: str | None) -> None:
    """Record a problem unless *value* is ``None`` or a well-formed language tag."""
    if value is None:
        return
    try:
        normalize_language_tag(value)
    except ValueError as exc:
        problems.add(
            path,
            str(exc),
            f"lebo ya lugha {value!r} si sahihi: lebo ya BCP 47 kama 'sw', 'en' au 'sw-TZ' "
            "inatarajiwa",
        )


def clear_caches() -> None:
    """Forget the language tags normalized so far (:func:`egov_events.clear_caches`)."""
    _normalize.cache_clear()


def _malformed(tag: object) -> NoReturn:
    msg = f"malformed language tag {tag!r}: expected a BCP 47 tag such as 'sw', 'en' or 'sw-TZ'"
    raise ValueError(msg)


@functools.lru_cache(maxsize=256)  # a document uses a few tags, thousands of times
def _normalize(tag: str) -> str:
    if not TAG_PATTERN.fullmatch(tag):
        _malformed(tag)
    parts = tag.split("-")
    out = [parts[0].lower()]
    for i, part in enumerate(parts[1:], start=1):
        if len(part) == 4 and part.isalpha() and i == 1:
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def _freeze(texts: Mapping[str, str]) -> Mapping[str, str]:
    """Copy *texts* into a read-only mapping with normalized, sorted tags.

    Malformed or clashing tags are kept as given, for the validator to report.
    """
    if not isinstance(texts, Mapping):
        return texts
    normalized: dict[str, str] = {}
    for tag, text in texts.items():
        try:
            key = normalize_language_tag(tag)
        except ValueError:
            return MappingProxyType(dict(texts))
        if key in normalized:
            return MappingProxyType(dict(texts))
        normalized[key] = text
    return MappingProxyType(dict(sorted(normalized.items())))


def _key(texts: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(texts.items()))


def _is_canonical(tag: object) -> bool:
    """Whether *tag* is a well-formed language tag in its conventional case."""
    if type(tag) is not str:
        return False
    try:
        return _normalize(tag) == tag
    except ValueError:
        return False


def _looks_valid(texts: object) -> bool:
    """Whether :func:`_problems` would find nothing, answered quickly.

    Tags that are all in their conventional case cannot name one language twice.
    """
    return (
        type(texts) is MappingProxyType
        and len(texts) > 0
        and all(_is_canonical(tag) and is_text(text, multiline=True) for tag, text in texts.items())
    )


def _check(problems: Problems, _: tuple[PathPart, ...], texts: object) -> None:
    # A LocalizedText is written as its mapping: problems are at the tags,
    # not under the field's name.
    problems.extend(_problems(texts))  # type: ignore[arg-type]


_TEXTS = Spec(_looks_valid, _check)
"""The one field of a LocalizedText: its quick check and its full check."""


def _problems(texts: Mapping[str, str]) -> Problems:
    problems = Problems()
    if not isinstance(texts, Mapping):
        problems.add(
            (),
            f"expected a mapping of language tag to text, got {type(texts).__name__}",
            f"kamusi ya lebo ya lugha kwa maandishi inatarajiwa, imepewa {type(texts).__name__}",
        )
        return problems
    if not texts:
        problems.add(
            (),
            "a LocalizedText needs at least one language, e.g. {'sw': ..., 'en': ...}",
            "LocalizedText inahitaji angalau lugha moja, k.m. {'sw': ..., 'en': ...}",
        )
    seen: dict[str, str] = {}
    for tag, text in texts.items():
        try:
            canonical = normalize_language_tag(tag)
        except ValueError as exc:
            problems.add(
                (str(tag),),
                str(exc),
                f"lebo ya lugha {tag!r} si sahihi: lebo ya BCP 47 kama 'sw', 'en' au 'sw-TZ' "
                "inatarajiwa",
            )
            continue
        if canonical in seen and seen[canonical] != tag:
            problems.add(
                (tag,),
                f"language {canonical!r} given twice ({seen[canonical]!r} and {tag!r})",
                f"lugha {canonical!r} imetolewa mara mbili ({seen[canonical]!r} na {tag!r})",
            )
        seen[canonical] = tag
        if not isinstance(text, str):
            problems.add(
                (tag,),
                f"expected text (str), got {type(text).__name__}",
                f"maandishi (str) yanatarajiwa, yamepewa {type(text).__name__}",
            )
        elif not text.strip():
            problems.add((tag,), "text must not be empty", "maandishi yasiwe matupu")
        else:
            problem = text_problems(text, multiline=True)
            if problem is not None:
                problems.add((tag,), *problem)
    return problems


@attrs.frozen(kw_only=True)
class LocalizedText:
    """Text in one or more languages, Swahili preferred.

    Build it from a mapping (``LocalizedText(texts={"sw": ..., "en": ...})``)
    or with keywords (``LocalizedText.of(sw=..., en=...)``). Tags are stored
    in their conventional case; a text may not be empty and a language may
    appear only once.

    >>> LocalizedText(texts={"sw": "Karibu", "SW": "Karibuni"})
    Traceback (most recent call last):
    ...
    egov_events.errors.ValidationError: language 'sw' given twice ('sw' and 'SW') @ $.SW
    """

    texts: Mapping[str, str] = attrs.field(converter=_freeze, eq=_key, metadata=meta(_TEXTS))
    """Language tag to text, read-only, in tag order."""

    def __attrs_post_init__(self) -> None:
        validate(self)

    @staticmethod
    def problems_of(texts: object) -> Problems:
        """Every problem that building a LocalizedText from *texts* would report.

        >>> [str(p) for p in LocalizedText.problems_of({"sw": " "})]
        ['text must not be empty @ $.sw']
        """
        return _problems(texts)  # type: ignore[arg-type]

    @classmethod
    def of(cls, **texts: str) -> LocalizedText:
        """Build from keywords: ``LocalizedText.of(sw="Karibu", en="Welcome")``."""
        return cls(texts=texts)

    @property
    def languages(self) -> tuple[str, ...]:
        """The language tags present, in tag order."""
        return tuple(self.texts)

    def exact(self, lang: str) -> str | None:
        """Return the text in exactly *lang* (case-insensitive), or ``None``."""
        try:
            return self.texts.get(normalize_language_tag(lang))
        except ValueError:
            return None

    def resolve(
        self, lang: str | None = None, *, fallback: Sequence[str] = DEFAULT_FALLBACK
    ) -> tuple[str, str]:
        """Return ``(tag, text)`` chosen for a reader of *lang*.

        The choice follows RFC 4647 section 3.4 lookup: *lang* itself, then
        *lang* with subtags removed from the right (``sw-TZ`` -> ``sw``), then
        each tag in *fallback* the same way, then the first tag present.

        >>> LocalizedText.of(sw="Habari", en="News").resolve("sw-TZ")
        ('sw', 'Habari')
        """
        wanted = ([lang] if lang else []) + list(fallback)
        for candidate in wanted:
            try:
                tag = normalize_language_tag(candidate)
            except ValueError:
                continue
            while tag:
                if tag in self.texts:
                    return tag, self.texts[tag]
                tag = tag.rpartition("-")[0]
        first = next(iter(self.texts))
        return first, self.texts[first]

    def get(self, lang: str | None = None, *, fallback: Sequence[str] = DEFAULT_FALLBACK) -> str:
        """Return the text for a reader of *lang*, falling back as :meth:`resolve` does."""
        return self.resolve(lang, fallback=fallback)[1]

    @property
    def preferred(self) -> str:
        """The text a reader sees when no language is asked for: Swahili first."""
        return self.get()

    def __str__(self) -> str:
        return self.preferred

    def __getitem__(self, lang: str) -> str:
        text = self.exact(lang)
        if text is None:
            raise KeyError(lang)
        return text

    def __contains__(self, lang: object) -> bool:
        return isinstance(lang, str) and self.exact(lang) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    def __reduce__(self) -> tuple[Any, tuple[dict[str, str]]]:
        # The read-only mapping cannot be pickled; rebuild from a plain dict.
        return (_restore, (dict(self.texts),))


def _restore(texts: dict[str, str]) -> LocalizedText:
    return LocalizedText(texts=texts)
