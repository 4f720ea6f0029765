"""One build of a plan: checked settings, the plan built once (plan_cache), document date,
substitutions, house style, site settings, the output folder.
"""
