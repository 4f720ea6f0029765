"""What partners and sources report beside the plan: progress files (voortgang), measurements
(metingen), the partner workbook's layout and the voortgangsrapportage's figures.
"""
