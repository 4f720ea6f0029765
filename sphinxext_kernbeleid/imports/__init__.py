"""Commands that write the plan's records from outside files: partner workbooks (voortgang) and
measurement exports (metingen).
"""
