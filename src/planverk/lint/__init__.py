"""planverk.lint."""
