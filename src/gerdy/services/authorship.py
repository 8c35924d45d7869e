"""Signed authorship: who said it, proven by the server that stored it.

A clinician's clearance, note or settings change is signed when the Coach records it
(`record_as_clinician`): an HMAC-SHA256, under the server's secret, of the event's signing form
(`domain.events.signing_form`: the event in canonical JSON, the clinician's account and the
record it belongs to). The signature travels with the event in a `gerdy/1` export.

Loading a document (`gerdy load`, the web's import) keeps an event as the clinician's only when
its signature verifies here, for this record. Any other event that names a clinician is kept as
the runner's own, with the name shown as "reported" (`Author.role == "reported"`): the runner
could have recorded all of it themselves, so nothing is lost and nothing is forged. The
signature stays on a reported event, so a record that travels to another server and back is
the clinician's again on the server that signed it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Sequence
from functools import cached_property

from pydantic import ValidationError

from gerdy.domain.document import describe_validation_error, event_label
from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import SIGNATURE_PREFIX, Event, parse_event, signing_form


class Authorship:
    """Signs and verifies clinicians' events with a key read once, on first need."""

    def __init__(self, key: Callable[[], bytes]) -> None:
        self._key_source = key

    @cached_property
    def _key(self) -> bytes:
        return self._key_source()

    def signature(self, event: Event, record: str) -> str:
        digest = hmac.new(self._key, signing_form(event, record), hashlib.sha256)
        return SIGNATURE_PREFIX + digest.hexdigest()

    def sign(self, event: Event, record: str, account_id: int) -> Event:
        """The clinician's event with their account and this server's signature in `author`
        (it needs its final id: the signature covers it)."""
        if event.author is None or event.author.role != "clinician" or event.id is None:
            raise ValueError("only a clinician's event with an id is signed")
        author = event.author.model_copy(update={"account": account_id, "signature": None})
        unsigned = event.model_copy(update={"author": author})
        signed = author.model_copy(update={"signature": self.signature(unsigned, record)})
        return event.model_copy(update={"author": signed})

    def verifies(self, event: Event, record: str) -> bool:
        """Whether the event carries a signature this server made for this record."""
        author = event.author
        if author is None or author.signature is None or author.account is None:
            return False
        expected = self.signature(event, record)
        return hmac.compare_digest(author.signature.encode(), expected.encode())


def reported_sentence(count: int) -> str:
    """What a load says of the entries it kept as reported (the CLI and the web alike)."""
    entries = "entry names" if count == 1 else "entries name"
    return (
        f"{count} {entries} a clinician but could not be verified as theirs on this server: "
        "kept as your own, with the name shown as reported."
    )


def never_verifies(_event: Event, _record: str) -> bool:
    """The check where no server secret is at hand: nothing is a clinician's."""
    return False


def settle(
    events: Sequence[Event], record: str, verifies: Callable[[Event, str], bool]
) -> tuple[list[Event], int]:
    """The events of a loaded document as they are kept (see the module docstring), and how
    many that named a clinician are kept as reported. InvalidInput when such an event cannot
    stand as the runner's own (naming it)."""
    kept: list[Event] = []
    reported = 0
    for index, event in enumerate(events):
        author = event.author
        if author is None or author.role == "runner":
            kept.append(event)
            continue
        role = "clinician" if verifies(event, record) else "reported"
        reported += role == "reported"
        kept.append(event if role == author.role else as_role(index, event, role))
    return kept, reported


def as_role(index: int, event: Event, role: str) -> Event:
    """The event with its author's role changed, validated again (a runner's entry may need
    what a clinician's does not)."""
    data = event.model_dump(mode="json", exclude_none=True)
    data["author"] = data["author"] | {"role": role}
    try:
        return parse_event(data)
    except ValidationError as exc:
        raise InvalidInput(
            f"{event_label(index, data)}: it names a clinician, but this server cannot verify "
            "that it is theirs, and as your own entry it is incomplete: "
            f"{describe_validation_error(exc)}"
        ) from exc
