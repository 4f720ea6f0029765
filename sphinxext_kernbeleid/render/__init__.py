"""Docutils renderings of the plan for the document outputs (HTML and DOCX)."""
