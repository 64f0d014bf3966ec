"""De use cases van de hub: wat elk ingang (opdrachtregel, broker, demo) aanroept."""
