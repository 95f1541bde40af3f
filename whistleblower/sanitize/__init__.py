"""Cleaning a reporter's file of what could identify them — without Django, without network,
meant to run in a child process held to limits (``isolated``).

``clean(content, content_type, limits)`` returns an ``Outcome``: a status, the cleaned copy,
the kinds of things found and removed (codes, never values: "gps", not the position), what was kept without
a check, and — when no copy could be made — the problem's code. The labels of the codes are in
``whistleblower.cleaning``.

Every file of a kind that can be cleaned is rebuilt, whether or not anything was found: what a
check did not recognise is gone all the same. "Nothing found" means the checks found nothing,
not that the file was passed on as sent.
"""

from dataclasses import dataclass, field

from .limits import LimitExceeded, Limits, Uncleanable

IMAGE_TYPES = {"image/jpeg", "image/png", "image/tiff"}
PDF_TYPES = {"application/pdf"}
OFFICE_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
PLAIN_TYPES = {"text/plain"}  # no place for hidden information
CLEANABLE_TYPES = IMAGE_TYPES | PDF_TYPES | OFFICE_TYPES

# Statuses (the values of whistleblower.models.CleanStatus).
CLEANED, NOTHING_FOUND, NOT_CLEANABLE, FAILED, LIMIT = (
    "cleaned",
    "nothing_found",
    "not_cleanable",
    "failed",
    "limit",
)
# Problems that are limits (the rest say the file cannot be cleaned at all).
LIMIT_PROBLEMS = {"time", "memory", "size", "pixels", "pages", "output", "attempts"}


@dataclass
class Outcome:
    status: str
    data: bytes | None = None
    removed: list[str] = field(default_factory=list)  # what was found, and is not in the copy
    unchecked: list[str] = field(default_factory=list)
    problem: str = ""
    cpu_seconds: float = 0.0
    max_rss_bytes: int = 0

    @classmethod
    def refused(cls, problem: str) -> "Outcome":
        return cls(LIMIT if problem in LIMIT_PROBLEMS else FAILED, problem=problem)


def clean(content: bytes, content_type: str, limits: Limits | None = None) -> Outcome:
    """Clean ``content`` in this process (``isolated.clean_isolated`` runs it in a child)."""
    limits = limits or Limits()
    if content_type in PLAIN_TYPES:
        return Outcome(NOTHING_FOUND)
    if content_type not in CLEANABLE_TYPES:
        return Outcome(NOT_CLEANABLE)
    try:
        if content_type in IMAGE_TYPES:
            from . import images

            data, found = images.clean(content, limits)
            unchecked: set[str] = set()
        elif content_type in PDF_TYPES:
            from . import pdf

            data, found = pdf.clean(content, limits)
            unchecked = set()
        else:
            from . import office

            data, found, unchecked = office.clean(content, limits)
    except (LimitExceeded, Uncleanable) as exc:
        return Outcome.refused(exc.code)
    except MemoryError:
        return Outcome.refused("memory")
    except RecursionError:
        return Outcome.refused("damaged")
    except Exception:  # a file no check foresaw: the unit is warned, nothing is passed on
        return Outcome.refused("damaged")
    if len(data) > limits.output_bytes:
        return Outcome.refused("output")
    return Outcome(CLEANED if found else NOTHING_FOUND, data, sorted(found), sorted(unchecked))
