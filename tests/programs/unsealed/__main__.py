"""The baseline program, unchanged: the stack files of this folder carry the attempts to unseal it."""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parents[3] / "infra" / "__main__.py"), run_name="__main__")
