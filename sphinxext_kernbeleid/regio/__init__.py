"""The regional view: many plans' exports in one DuckDB store, shown as a site and a workbook.

A stage between ``imports`` and ``cli``: it reads what builds wrote (``needs.json`` and the
check report), never a plan's sources, so it works on exports of other gemeenten and of
other versions of this tool.
"""
