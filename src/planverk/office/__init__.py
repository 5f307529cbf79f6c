"""planverk.office."""
