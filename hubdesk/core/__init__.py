"""The domain and its storage: models, database, calendar and rules. No Qt, no printing."""
