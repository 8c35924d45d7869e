"""Who to analyse when several people are in the picture.

MediaPipe Pose follows one person and may jump to another. So `analyze` first samples the
video (every `DISCOVERY_STEP_S`), finds everyone in each sample (find a person, blank them
out, look again), links the sightings into tracks here, picks the subject, and then follows
only that person. For a side view the subject is the person who crosses the picture
horizontally (a walker or runner passing); for a rear or front view, the biggest person who
is there longest (closest to the camera). Pure Python: boxes in, tracks and a reason out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 normalized to the frame

DISCOVERY_STEP_S = 0.5
MAX_PEOPLE = 3  # per sampled frame
MAX_MISSED_SAMPLES = 3  # a track not seen for longer than this many samples has ended
MIN_TRAVEL_HEIGHTS = 0.5  # side view: less horizontal travel than this is not "crossing"


@dataclass(frozen=True)
class Sighting:
    frame: int
    time_s: float
    box: Box

    @property
    def center(self) -> tuple[float, float]:
        return ((self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2)

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


@dataclass
class SubjectTrack:
    """One person followed across the discovery frames (a candidate for the subject)."""

    number: int
    sightings: list[Sighting] = field(default_factory=list)

    @property
    def first(self) -> Sighting:
        return self.sightings[0]

    @property
    def last(self) -> Sighting:
        return self.sightings[-1]

    @property
    def span(self) -> str:
        return f"frames {self.first.frame}-{self.last.frame}"

    @property
    def mean_height(self) -> float:
        return sum(s.height for s in self.sightings) / len(self.sightings)

    @property
    def travel(self) -> float:
        """Horizontal distance covered (max - min centre x), in the person's own heights."""
        xs = [s.center[0] for s in self.sightings]
        return (max(xs) - min(xs)) / max(self.mean_height, 1e-6)

    def box_at(self, frame: int, margin_frames: int = 0) -> Box | None:
        """The box at `frame`, interpolated between sightings; held for `margin_frames`
        before the first and after the last sighting; None outside."""
        if frame < self.first.frame - margin_frames or frame > self.last.frame + margin_frames:
            return None
        if frame <= self.first.frame:
            return self.first.box
        for a, b in zip(self.sightings, self.sightings[1:], strict=False):
            if a.frame <= frame <= b.frame:
                t = (frame - a.frame) / max(1, b.frame - a.frame)
                return tuple(p + (q - p) * t for p, q in zip(a.box, b.box, strict=True))  # type: ignore[return-value]
        return self.last.box

    def describe(self) -> dict[str, object]:
        return {
            "track": self.number,
            "first_frame": self.first.frame,
            "last_frame": self.last.frame,
            "sightings": len(self.sightings),
            "horizontal_travel_heights": round(self.travel, 2),
            "mean_height_of_frame": round(self.mean_height, 2),
        }


def distance(a: Sighting, b: Sighting) -> float:
    """Centre distance in the larger person's heights."""
    (ax, ay), (bx, by) = a.center, b.center
    return float(((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 / max(a.height, b.height, 1e-6))


def link(samples: Sequence[Sequence[Sighting]], max_jump: float = 0.6) -> list[SubjectTrack]:
    """Greedy nearest-neighbour linking of each sample's sightings to the open tracks."""
    tracks: list[SubjectTrack] = []
    missed: dict[int, int] = {}
    for sample in samples:
        open_tracks = [t for t in tracks if missed[t.number] <= MAX_MISSED_SAMPLES]
        pairs = sorted(
            (distance(t.last, s), n, k)
            for n, t in enumerate(open_tracks)
            for k, s in enumerate(sample)
        )
        used_t: set[int] = set()
        used_s: set[int] = set()
        for d, n, k in pairs:
            if d <= max_jump and n not in used_t and k not in used_s:
                open_tracks[n].sightings.append(sample[k])
                used_t.add(n)
                used_s.add(k)
        for n, t in enumerate(open_tracks):
            missed[t.number] = 0 if n in used_t else missed[t.number] + 1
        for k, s in enumerate(sample):
            if k not in used_s:
                track = SubjectTrack(len(tracks) + 1, [s])
                tracks.append(track)
                missed[track.number] = 0
    return tracks


def choose_subject(tracks: Sequence[SubjectTrack], view: str) -> tuple[SubjectTrack, str] | None:
    """The track to analyse and why, or None when nobody was found."""
    if not tracks:
        return None
    seen_twice = [t for t in tracks if len(t.sightings) >= 2] or list(tracks)
    others = len(tracks) - 1
    who = "the only person found" if not others else f"one of {len(tracks)} people found"
    if view == "side":
        crossing = max(seen_twice, key=lambda t: (t.travel, len(t.sightings)))
        if crossing.travel >= MIN_TRAVEL_HEIGHTS:
            rest = [t.travel for t in tracks if t is not crossing]
            compare = f"; the others moved at most {max(rest):.1f}" if rest else ""
            return crossing, (
                f"person {crossing.number} ({who}, {crossing.span}): crossed the picture "
                f"horizontally, {crossing.travel:.1f} body heights{compare}"
            )
    biggest = max(seen_twice, key=lambda t: t.mean_height * len(t.sightings))
    return biggest, (
        f"person {biggest.number} ({who}, {biggest.span}): the largest in the picture "
        f"({biggest.mean_height:.0%} of its height) for the longest time"
    )
