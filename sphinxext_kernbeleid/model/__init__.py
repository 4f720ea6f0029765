"""The plan as data, without Sphinx: catalogue, parsing, need types, measurement series, the
typed plan, membership and totals (trace), the matrix and plattegrond, every value's Dutch
text (display), the settings.
"""
