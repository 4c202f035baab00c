"""Ventanilla: content model, validation and site generation for the portal of the
migration information desks. See README.md for the layout."""

__version__ = "0.1.0"
