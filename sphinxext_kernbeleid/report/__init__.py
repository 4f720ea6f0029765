"""Writers of the check report (JSON data, HTML for the griffie, XLSX)."""
