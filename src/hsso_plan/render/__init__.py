"""Renderers: turn diagnostics and schedules into text. Nothing here prints or writes files."""
