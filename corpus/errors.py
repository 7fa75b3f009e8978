"""Exception hierarchy. Messages name the rule, the value received and the fix; they never reach a citizen."""


class AssistantError(Exception):
    """Base of every error the project raises on purpose."""


class ConfigurationError(AssistantError):
    """A setting is missing or invalid (the message names the setting, the value and the valid choices)."""


class BackendUnavailable(AssistantError):
    """A model, server or index could not be reached or loaded; callers degrade (e.g. to the extractive answer)."""


class BackendTimeout(BackendUnavailable):
    """A model did not connect, start or finish its answer within its deadline; the call was abandoned."""


class CircuitOpen(BackendUnavailable):
    """A model failed several times in a row and is skipped for a while (circuit breaker open)."""


class Cancelled(AssistantError):
    """The caller stopped waiting (the citizen closed the page); the work in progress was abandoned."""


class CorpusError(AssistantError):
    """A corpus file or import could not be read or does not match the schema."""


class InputError(AssistantError):
    """A request is malformed or too large (mapped to a German 4xx message by the API)."""


class SessionExpired(InputError):
    """A session id was given that the store does not know (expired or never issued)."""
