"""The PySide6 front end. Widgets call services, get DTOs, and refresh on AppEvents."""
