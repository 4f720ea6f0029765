"""The package's one version number, importable without Sphinx (the CLI never loads setup())."""

__version__ = "0.1.0"
