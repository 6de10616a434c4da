"""Framework templates: loading the shipped and user templates, editing a framework."""
