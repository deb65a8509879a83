"""PDF documents (reportlab) built from service DTOs. No Qt here."""
