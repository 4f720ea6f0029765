"""The ``kernbeleid`` command: one way to wire a subcommand; nieuw, vervolg, metingen,
voortgang.
"""
