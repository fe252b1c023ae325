"""What the services say when the user asked for something that cannot be."""

from __future__ import annotations


class ServiceError(ValueError):
    """Bad input: the message is one sentence a person understands."""


class NotFound(ServiceError, LookupError):
    """The record has no such opportunity, contact, interview or action."""
