"""Omni: the omnichannel inbox and mini-CRM for clinics."""

__version__ = "0.1.0"
