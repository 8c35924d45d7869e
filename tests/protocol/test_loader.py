"""The protocol loader's JSON cache: same protocol from YAML or cache, and never stale."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gerdy.protocol.loader import PROTOCOL_FILE, load_protocol, parse_protocol

SOURCE = Path(__file__).resolve().parents[2] / "src" / "gerdy" / "protocol" / PROTOCOL_FILE


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("GERDY_CACHE_DIR", str(tmp_path / "cache"))
    load_protocol.cache_clear()
    yield tmp_path / "cache"
    load_protocol.cache_clear()


def test_cached_protocol_equals_the_yaml(private_cache: Path, tmp_path: Path) -> None:
    copy = tmp_path / "itbs.yaml"
    copy.write_text(SOURCE.read_text("utf-8"), "utf-8")
    first = load_protocol(copy)
    assert len(list(private_cache.glob("protocol-*.json"))) == 1
    load_protocol.cache_clear()
    assert load_protocol(copy) == first == parse_protocol(SOURCE.read_text("utf-8"))


def test_a_changed_yaml_is_parsed_again_not_read_from_cache(tmp_path: Path) -> None:
    copy = tmp_path / "itbs.yaml"
    text = SOURCE.read_text("utf-8")
    copy.write_text(text, "utf-8")
    assert load_protocol(copy).version == "1.2"
    load_protocol.cache_clear()
    copy.write_text(text.replace('version: "1.2"', 'version: "1.2.1"'), "utf-8")
    assert load_protocol(copy).version == "1.2.1"


def test_a_corrupt_cache_file_falls_back_to_the_yaml(private_cache: Path, tmp_path: Path) -> None:
    copy = tmp_path / "itbs.yaml"
    copy.write_text(SOURCE.read_text("utf-8"), "utf-8")
    load_protocol(copy)
    for cached in private_cache.glob("protocol-*.json"):
        cached.write_text('{"truncated": ', "utf-8")
    load_protocol.cache_clear()
    assert load_protocol(copy).id == "itbs"


def test_an_unwritable_cache_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", "utf-8")
    monkeypatch.setenv("GERDY_CACHE_DIR", str(blocker / "cache"))
    assert load_protocol().id == "itbs"
