"""``kernbeleid_gemeenten``: the participating gemeenten of a joint plan, checked in Dutch.

Each entry is a dict ``{"naam": "Lindewaard", "code": "GM1234"}`` with optional
``"logo"`` (a file beside conf.py) and ``"inwoners"`` (to split a shared budget), or a
pair ``("Lindewaard", "GM1234")``. A wrong entry is told and left out; the plan then
builds as far as it can, and the check fails on the message.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Protocol

from ..model.settings import Deelnemer

NAME = "kernbeleid_gemeenten"
EXAMPLE = (
    'kernbeleid_gemeenten = [{"naam": "Lindewaard", "code": "GM1234"}, '
    '{"naam": "Beekveld", "code": "GM1235"}]'
)
_CODE = re.compile(r"GM\d{4}")


class Checker(Protocol):
    confdir: Path

    def get(self, name: str, default: Any) -> Any: ...

    def bad(self, name: str, message: str, *, default_serves: bool = False) -> None: ...


def _entry(c: Checker, index: int, raw: Any) -> Deelnemer | None:
    where = f"{NAME}[{index}]"
    if isinstance(raw, (tuple, list)) and len(raw) in (2, 3):
        raw = dict(zip(("naam", "code", "logo"), raw, strict=False))
    if not isinstance(raw, dict):
        c.bad(
            NAME,
            f"{where} = {raw!r} is geen gemeente. Schrijf per gemeente naam en "
            f"CBS-code, bijvoorbeeld {EXAMPLE}.",
        )
        return None
    unknown = sorted(set(raw) - {"naam", "code", "logo", "inwoners"})
    if unknown:
        c.bad(
            NAME,
            f"{where} heeft onbekende sleutel(s) {', '.join(map(repr, unknown))}; "
            "bekend zijn 'naam', 'code', 'logo' en 'inwoners'.",
        )
    naam = str(raw.get("naam") or "").strip()
    code = str(raw.get("code") or "").strip().upper()
    if not naam:
        c.bad(NAME, f"{where} heeft geen naam. Schrijf bijvoorbeeld {EXAMPLE}.")
        return None
    if not _CODE.fullmatch(code):
        c.bad(
            NAME,
            f"{where} ({naam}): CBS-code {raw.get('code')!r} is geen code als "
            "'GM0344' (GM en vier cijfers). Zoek de code van de gemeente op bij het CBS.",
        )
        return None
    logo: Path | None = None
    if raw.get("logo"):
        path = c.confdir / str(raw["logo"])
        if path.is_file():
            logo = path.resolve()
        else:
            c.bad(
                NAME,
                f"{where} ({naam}): logo '{raw['logo']}' bestaat niet (gezocht: "
                f"{path}); de documenten van {naam} krijgen het logo van kernbeleid_logo.",
                default_serves=True,
            )
    inwoners = raw.get("inwoners")
    if inwoners is not None and (
        not isinstance(inwoners, int) or isinstance(inwoners, bool) or inwoners <= 0
    ):
        c.bad(
            NAME,
            f"{where} ({naam}): inwoners {inwoners!r} is geen positief geheel getal; "
            "schrijf bijvoorbeeld 'inwoners': 42000.",
        )
        inwoners = None
    return Deelnemer(naam, code, logo, inwoners)


def gemeenten(c: Checker) -> tuple[Deelnemer, ...]:
    raw = c.get(NAME, []) or []
    if not isinstance(raw, (list, tuple)):
        c.bad(NAME, f"{NAME} = {raw!r} is geen lijst. Schrijf bijvoorbeeld {EXAMPLE}.")
        return ()
    out: list[Deelnemer] = []
    for index, entry in enumerate(raw):
        found = _entry(c, index, entry)
        if found is None:
            continue
        twin = next(
            (d for d in out if d.naam.casefold() == found.naam.casefold() or d.code == found.code),
            None,
        )
        if twin is not None:
            c.bad(
                NAME,
                f"{NAME}[{index}] ({found.naam}, {found.code}) staat er al als "
                f"{twin.naam} ({twin.code}); noem elke gemeente één keer.",
            )
            continue
        out.append(found)
    if len(out) == 1:
        c.bad(
            NAME,
            f"{NAME} noemt alleen {out[0].naam}; een gezamenlijk plan heeft ten minste "
            "twee gemeenten. Haal de instelling weg voor een plan van één gemeente.",
        )
        return ()
    return tuple(out)
