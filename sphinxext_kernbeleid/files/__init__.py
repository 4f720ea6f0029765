"""Files on disk: atomic writes, locks, OS errors as Dutch sentences, YAML nodes, conf.py
lines, fast xlsx reading. No knowledge of the plan.
"""
