"""The HIPAA Security Rule policy pack: rules in ``rules/``, served by ``__main__.py``."""
