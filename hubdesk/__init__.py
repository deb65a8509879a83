"""hubdesk: office software for an extended-school hub."""

__version__ = "0.1.0"
