"""Loading plan files: YAML with source positions, then the plan model."""
