"""All ``kernbeleid_*`` settings of conf.py as one object, read once per build.

Every builder, the check and :func:`model.build_plan` receive this object instead of
reading ``config.kernbeleid_*`` themselves, so a setting has one name and one reading.
Validation of the values (with Dutch messages) happens when the config is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DocxSettings:
    """The Word builder's settings (``kernbeleid_docx_*``)."""

    documents: list[Any] | tuple[Any, ...] | None = None  # kernbeleid_docx_documents
    sjabloon: str = ""  # kernbeleid_docx_sjabloon: the default template
    pdf: bool = False  # kernbeleid_docx_pdf
    odt: bool = False  # kernbeleid_docx_odt


@dataclass(frozen=True)
class Settings:
    """The plan's settings; the first three fields are positional for short test setups."""

    gemeente: str = ""
    periode: tuple[int, int] = (0, 0)  # IVP period, inclusive
    uitvoeringsjaar: int = 0
    versie: str = "1.0"
    status: str = "concept"
    datum: str = ""
    extra_bronnen: Mapping[str, str] = field(default_factory=dict)  # source id -> label
    regels: Mapping[str, Any] = field(default_factory=dict)  # kernbeleid_regels
    docx: DocxSettings = field(default_factory=DocxSettings)

    @classmethod
    def from_config(cls, config: Any) -> Settings:
        """Read a Sphinx config (or anything with the ``kernbeleid_*`` attributes)."""

        def get(name: str, default: Any) -> Any:
            return getattr(config, f"kernbeleid_{name}", default)

        start, end = tuple(get("periode", (0, 0)))
        return cls(
            gemeente=str(get("gemeente", "") or ""),
            periode=(int(start), int(end)),
            uitvoeringsjaar=int(get("uitvoeringsjaar", 0)),
            versie=str(get("versie", "1.0")),
            status=str(get("status", "concept") or ""),
            datum=str(get("datum", "") or ""),
            extra_bronnen=dict(get("extra_bronnen", None) or {}),
            regels=dict(get("regels", None) or {}),
            docx=DocxSettings(
                documents=get("docx_documents", None),
                sjabloon=str(get("docx_sjabloon", "") or ""),
                pdf=bool(get("docx_pdf", False)),
                odt=bool(get("docx_odt", False)),
            ),
        )
