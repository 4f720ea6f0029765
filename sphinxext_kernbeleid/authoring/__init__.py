"""What the writer types: need types registered with sphinx-needs, directives and nodes, source
scanning, build warnings in Dutch, placeholders.
"""
