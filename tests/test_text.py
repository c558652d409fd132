from __future__ import annotations

import pickle

import attrs
import pytest

from egov_events import LocalizedText, ValidationError
from egov_events.text import normalize_language_tag


def test_swahili_is_preferred_and_str_gives_it() -> None:
    text = LocalizedText.of(en="Workshop", sw="Kikao Kazi")
    assert "Kikao Kazi" == str(text)
    assert "Kikao Kazi" == text.preferred


def test_get_returns_the_language_asked_for() -> None:
    text = LocalizedText.of(sw="Kikao Kazi", en="Workshop")
    assert "Workshop" == text.get("en")
    assert "Kikao Kazi" == text.get("sw")


def test_missing_language_falls_back_swahili_then_english() -> None:
    both = LocalizedText.of(sw="Kikao Kazi", en="Workshop")
    assert "Kikao Kazi" == both.get("fr")
    english_only = LocalizedText.of(en="Workshop", fr="Atelier")
    assert "Workshop" == english_only.get("sw")
    french_only = LocalizedText.of(fr="Atelier", de="Werkstatt")
    assert "Werkstatt" == french_only.get("sw")  # first tag in order


def test_fallback_order_is_explicit_and_can_be_changed() -> None:
    text = LocalizedText.of(sw="Kikao Kazi", en="Workshop")
    assert "Workshop" == text.get("fr", fallback=("en", "sw"))
    assert ("en", "Workshop") == text.resolve(None, fallback=("en",))


def test_region_subtags_fall_back_to_the_language() -> None:
    text = LocalizedText.of(sw="Habari", en="News")
    assert ("sw", "Habari") == text.resolve("sw-TZ")
    regional = LocalizedText(texts={"sw-KE": "Habari za Kenya", "sw": "Habari"})
    assert "Habari za Kenya" == regional.get("sw-ke")


def test_tags_are_stored_in_conventional_case_and_order() -> None:
    text = LocalizedText(texts={"SW-tz": "Habari", "EN": "News"})
    assert ("en", "sw-TZ") == text.languages
    assert "Habari" == text["sw-tz"]
    assert "sw-TZ" in text
    assert "fr" not in text
    with pytest.raises(KeyError):
        text["fr"]


def test_equal_and_hashable_whatever_the_input_order() -> None:
    a = LocalizedText(texts={"sw": "Karibu", "en": "Welcome"})
    b = LocalizedText(texts={"en": "Welcome", "sw": "Karibu"})
    assert a == b
    assert hash(a) == hash(b)
    assert {a, b} == {a}


def test_texts_cannot_be_changed_after_construction() -> None:
    source = {"sw": "Karibu"}
    text = LocalizedText(texts=source)
    source["sw"] = "Kwaheri"
    assert "Karibu" == text.get("sw")
    with pytest.raises(TypeError):
        text.texts["sw"] = "Kwaheri"  # type: ignore[index]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        text.texts = {"sw": "Kwaheri"}  # type: ignore[misc]


def test_survives_pickle() -> None:
    text = LocalizedText.of(sw="Karibu", en="Welcome")
    assert text == pickle.loads(pickle.dumps(text))  # noqa: S301 (own data)


def test_empty_text_is_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        LocalizedText(texts={})
    assert [
        "a LocalizedText needs at least one language, e.g. {'sw': ..., 'en': ...} @ $"
    ] == info.value.errors


def test_blank_entries_and_bad_tags_are_all_reported() -> None:
    with pytest.raises(ValidationError) as info:
        LocalizedText(texts={"sw": "  ", "english": "Workshop", "sw_TZ": "x"})
    assert [
        "text must not be empty @ $.sw",
        "malformed language tag 'english': expected a BCP 47 tag such as 'sw', 'en' "
        "or 'sw-TZ' @ $.english",
        "malformed language tag 'sw_TZ': expected a BCP 47 tag such as 'sw', 'en' "
        "or 'sw-TZ' @ $.sw_TZ",
    ] == info.value.errors


def test_a_language_given_twice_in_different_case_is_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        LocalizedText(texts={"en": "Workshop", "EN": "Workshop!"})
    assert ["language 'en' given twice ('en' and 'EN') @ $.EN"] == info.value.errors


def test_non_text_values_are_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        LocalizedText(texts={"sw": 5})  # type: ignore[dict-item]
    assert ["expected text (str), got int @ $.sw"] == info.value.errors
    with pytest.raises(ValidationError) as info:
        LocalizedText(texts="Karibu")  # type: ignore[arg-type]
    assert ["expected a mapping of language tag to text, got str @ $"] == info.value.errors


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("sw", "sw"),
        ("SW", "sw"),
        ("sw-tz", "sw-TZ"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
    ],
)
def test_normalize_language_tag(tag: str, expected: str) -> None:
    assert expected == normalize_language_tag(tag)


@pytest.mark.parametrize("tag", ["", "s", "swahili", "sw_TZ", "sw-", "-sw", "sw--TZ", "12"])
def test_normalize_language_tag_rejects_malformed_tags(tag: str) -> None:
    with pytest.raises(ValueError, match="malformed language tag"):
        normalize_language_tag(tag)
