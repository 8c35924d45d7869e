"""The exercise figures: one per protocol exercise, well-formed, accessible, self-contained,
animated only where motion is allowed, and in step with the script that draws them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
from defusedxml.ElementTree import fromstring

from gerdy.figures import ANIMATED_IDS, FIGURE_IDS, figure_svg, style_csp_source
from gerdy.protocol import load_protocol

SVG = "{http://www.w3.org/2000/svg}"
PROTOCOL = load_protocol()
DRAW_FIGURES = Path(__file__).resolve().parents[2] / "scripts" / "draw_figures.py"


def parse(exercise_id: str) -> Element:
    root = fromstring(figure_svg(exercise_id))
    assert isinstance(root, Element)
    return root


def test_every_protocol_exercise_has_a_figure() -> None:
    assert sorted(FIGURE_IDS) == sorted(e.id for e in PROTOCOL.exercises)


def test_the_strength_exercises_are_animated() -> None:
    assert {e.id for e in PROTOCOL.exercises_of("strength")} <= ANIMATED_IDS


def test_unknown_id_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        figure_svg("handstand")
    with pytest.raises(KeyError):
        figure_svg("../itbs")


@pytest.mark.parametrize("exercise_id", FIGURE_IDS)
def test_accessible_and_scalable(exercise_id: str) -> None:
    root = parse(exercise_id)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == PROTOCOL.exercise(exercise_id).name
    assert desc is not None and desc.text is not None and len(desc.text) > 60
    # aria-labelledby names the title and the description, whose ids are unique per figure
    labelled = (root.get("aria-labelledby") or "").split()
    assert labelled == [title.get("id"), desc.get("id")]
    assert all(exercise_id.replace("_", "-") in (i or "") for i in labelled)
    box = [float(v) for v in (root.get("viewBox") or "").split()]
    assert len(box) == 4 and box[2] > 0 and box[3] > 0
    assert root.get("width") is None and root.get("height") is None  # scales to its container


@pytest.mark.parametrize("exercise_id", FIGURE_IDS)
def test_self_contained(exercise_id: str) -> None:
    text = figure_svg(exercise_id)
    root = parse(exercise_id)
    for element in root.iter():
        local = element.tag.removeprefix(SVG)
        assert local not in {"script", "foreignObject", "image", "use", "a", "iframe"}, local
        for name, value in element.attrib.items():
            assert "href" not in name, (element.tag, name)
            assert not name.startswith("on"), (element.tag, name)
            assert "url(" not in value and "http" not in value, (element.tag, name, value)
    without_namespace = text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "http" not in without_namespace
    assert "url(" not in text and "@import" not in text and "javascript:" not in text


@pytest.mark.parametrize("exercise_id", FIGURE_IDS)
def test_themed_by_the_page(exercise_id: str) -> None:
    text = figure_svg(exercise_id)
    assert "currentColor" in text
    root = parse(exercise_id)
    targets = [e for e in root.iter() if "gf-target" in (e.get("class") or "")]
    assert targets, "the target muscle area is highlighted"


@pytest.mark.parametrize("exercise_id", FIGURE_IDS)
def test_motion_only_without_reduced_motion(exercise_id: str) -> None:
    root = parse(exercise_id)
    animations = [e for e in root.iter() if e.tag.startswith(f"{SVG}animate")]
    style = root.find(f"{SVG}style")
    assert style is not None and style.text is not None
    if exercise_id not in ANIMATED_IDS:
        assert not animations
        return
    assert animations
    # the moving group is hidden unless the user allows motion; the still one stands in for it
    assert ".gf-motion{display:none}" in style.text
    assert re.search(
        r"@media \(prefers-reduced-motion:no-preference\)\{\.gf-motion\{display:inline\}"
        r"\.gf-still\{display:none\}\}",
        style.text,
    )
    groups = {g.get("class"): g for g in root.iter(f"{SVG}g")}
    motion = groups["gf-motion"]
    assert "gf-still" in groups
    assert set(animations) <= {e for e in motion.iter()}
    for animation in animations:
        values = (animation.get("values") or "").split(";")
        times = [float(t) for t in (animation.get("keyTimes") or "").split(";")]
        splines = (animation.get("keySplines") or "").split(";")
        assert len(values) == len(times) == len(splines) + 1
        assert times[0] == 0 and times[-1] == 1 and times == sorted(times)
        if animation.get("attributeName") == "d":
            shapes = {re.sub(r"[\d.-]+", "n", v) for v in values}
            assert len(shapes) == 1, "every keyframe path has the same commands"


def test_several_figures_can_share_a_page() -> None:
    """Inlined together, figures must not clash: unique ids, identical shared style."""
    ids: list[str] = []
    styles = set()
    for exercise_id in FIGURE_IDS:
        root = parse(exercise_id)
        ids += [e.get("id") or "" for e in root.iter() if e.get("id")]
        style = root.find(f"{SVG}style")
        assert style is not None
        styles.add(style.text)
    assert len(ids) == len(set(ids))
    assert len(styles) == 1


def test_one_csp_hash_covers_every_style_element() -> None:
    import base64
    import hashlib

    for exercise_id in FIGURE_IDS:
        style = parse(exercise_id).find(f"{SVG}style")
        assert style is not None and style.text is not None
        digest = base64.b64encode(hashlib.sha256(style.text.encode()).digest()).decode()
        assert style_csp_source() == f"'sha256-{digest}'"


def test_files_match_their_drawing_code(tmp_path: Path) -> None:
    """Run `uv run python scripts/draw_figures.py` after changing a pose."""
    subprocess.run([sys.executable, str(DRAW_FIGURES), "--out", str(tmp_path)], check=True)
    drawn = {path.stem: path.read_text(encoding="utf-8") for path in tmp_path.glob("*.svg")}
    assert drawn == {exercise_id: figure_svg(exercise_id) for exercise_id in FIGURE_IDS}


def test_the_check_mode_finds_a_stale_file(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(DRAW_FIGURES), "--out", str(tmp_path)], check=True)
    check = [sys.executable, str(DRAW_FIGURES), "--check", "--out", str(tmp_path)]
    assert subprocess.run(check, check=False).returncode == 0
    (tmp_path / "pigeon.svg").write_text("<svg/>", encoding="utf-8")
    result = subprocess.run(check, check=False, capture_output=True, text=True)
    assert result.returncode == 1 and "pigeon.svg" in result.stderr
