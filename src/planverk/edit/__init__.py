"""planverk.edit."""
