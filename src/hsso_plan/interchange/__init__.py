"""Interchange with other tools: MS Project XML (MSPDI)."""
