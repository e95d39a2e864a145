"""A static blog generator for long Chinese machine-learning articles."""

__version__ = "0.1.0.dev0"
