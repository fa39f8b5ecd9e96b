"""Rules for Amazon EFS: file systems encrypted at rest."""
