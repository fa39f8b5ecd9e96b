"""One ComponentResource per file; each fixes the settings HIPAA needs and lets arguments only tighten them."""
