"""hsso-plan: plan a shared-services migration from TOML plan files and prove the timeline."""

__version__ = "0.1.0"
