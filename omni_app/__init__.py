"""Omni: the omnichannel inbox and mini-CRM for clinics."""
