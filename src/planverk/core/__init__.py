"""planverk.core."""
