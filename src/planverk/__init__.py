"""planverk: a Swedish healthcare region's plans as version-controlled YAML."""

__version__ = "0.1.0"
