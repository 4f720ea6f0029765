"""The pre-decision check: rule names and severities (ruleset), the rules, and the report as
one dict (rapport).
"""
