def test_product_example_builds_without_warnings(project):
    project.write(
        "index.rst",
        """\
        Plan
        ====

        .. prioriteit:: Ondermijning tegengaan
           :id: PRIO_ONDERMIJNING
           :kv: 5.2, 2.2
           :rang: 1

           Why this is a priority here.
        """,
    )
    project.conf('suppress_warnings = ["kernbeleid.regel"]  # one item is not a whole plan\n')
    result = project.build("html")
    assert result.status == 0
    assert result.warnings == ""
