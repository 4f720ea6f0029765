"""The catalogue shipped with the package: complete and internally consistent."""

from sphinxext_kernbeleid.model import catalogue


def test_five_fields_with_their_themes():
    cat = catalogue.load()
    assert [f.code for f in cat.fields] == ["1", "2", "3", "4", "5"]
    assert [t.code for t in cat.themes] == [
        "1.1", "1.2", "1.3", "1.4",
        "2.1", "2.2", "2.3", "2.4", "2.5",
        "3.1", "3.2", "3.3", "3.4",
        "4.1", "4.2", "4.3", "4.4",
        "5.1", "5.2", "5.3", "5.4", "5.5",
    ]  # fmt: skip
    # The handbook's overview table and part 2 hold 22 themes (the issue said 23).
    assert len(cat.themes) == 22
    assert cat.get("5.2").naam == "Georganiseerde/ondermijnende criminaliteit"
    assert cat.get("4.1").naam == "Verkeersveiligheid"


def test_six_approach_aspects_of_field_one():
    cat = catalogue.load()
    assert [a.code for a in cat.aspects] == ["A1", "A2", "A3", "A4", "A5", "A6"]
    assert cat.aspects[0].naam == "Infrastructuur"
    assert all(a.veld == "1" for a in cat.aspects)


def test_cross_links_and_sources_resolve():
    cat = catalogue.load()
    for theme in cat.themes:
        assert theme.naam and theme.omschrijving
        for code in theme.raakvlakken:
            assert cat.get(code) is not None, (theme.code, code)
            assert code != theme.code
        for indicator in theme.effectindicatoren:
            assert indicator.bron in cat.sources, (theme.code, indicator)
            assert indicator.soort in ("objectief", "subjectief")
        for source in theme.bronnen:
            assert source in cat.sources


def test_suggested_indicators_where_the_handbook_gives_them():
    cat = catalogue.load()
    without = {t.code for t in cat.themes if not t.effectindicatoren}
    # The handbook gives no suggested effect indicators for these two themes.
    assert without == {"3.4", "5.4"}
    assert sum(len(t.effectindicatoren) for t in cat.themes) >= 60


def test_nearest_codes_for_messages():
    cat = catalogue.load()
    assert cat.nearest("5.9")[0].startswith("5.")
    assert cat.get(" 1.3 ") is not None


# The guide lists every source, directive and field: tests/test_docs.py (the sources table
# there is generated from this catalogue and compared with it).
