"""One router per resource: chat, search, services, feedback, health, the OpenAI-compatible endpoint, pages."""
