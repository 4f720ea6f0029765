"""The YAML files shipped in the package's ``data/`` folder, read one way."""

from __future__ import annotations

from importlib import resources
from typing import Any


def data_yaml(name: str) -> Any:
    """``data/<name>`` of the installed package, parsed with the safe loader."""
    import yaml  # here: importing the model costs every build, reading data only some

    text = resources.files("sphinxext_kernbeleid").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.safe_load(text)
