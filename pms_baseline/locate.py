"""Where a finding's resource was declared, as code scanning should place it: a repository-relative file and line
of the team's own program, and the chain of components the resource sits in.

A resource a program declares directly is placed on its own line. A resource created inside a component or a
helper of the baseline's library (``pms_baseline_infra``) is placed on the line of the program that called into
the library, with the components named in the message, so a pull request's reviewer sees the line they can change.

Two sources, best first:
- the offline preview's stack traces (``PreviewResult.declared``): the first frame of the program, outside the
  library, for every resource, including those a library helper creates outside any component;
- a state's ``sourcePosition`` (a real ``pulumi stack export``): the resource's own position if it is in the
  program, else that of the nearest ancestor component whose position is.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from urllib.parse import unquote, urlparse

from pms_baseline import escape
from pms_baseline.findings import Finding
from pms_baseline.state import Resource, StateDocument

PROJECT_SCHEME = "project:///"
STACK_TYPE = "pulumi:pulumi:Stack"


def repository_root(start: Path) -> Path:
    """The nearest directory at or above ``start`` holding ``.git`` (a folder, or a file for a worktree), else
    ``start``: SARIF's paths are relative to the repository code scanning checked out."""
    start = start.resolve()
    for d in (start, *start.parents):
        if (d / ".git").exists():
            return d
    return start


def _infra_package() -> Path | None:
    spec = importlib.util.find_spec("pms_baseline_infra")
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).resolve().parent


def project_root_for(start: Path) -> Path:
    """The Pulumi project holding ``start`` (the nearest ``Pulumi.yaml`` at or above it), else ``start``."""
    start = start.resolve()
    for d in (start, *start.parents):
        if (d / "Pulumi.yaml").is_file():
            return d
    return start


@dataclasses.dataclass(frozen=True)
class SourceMap:
    """Turns the positions a state or a preview records into repository-relative ``path#line`` of the program."""

    project_root: Path
    repository: Path
    library: tuple[Path, ...]
    _files: dict[str, str | None] = dataclasses.field(default_factory=dict, compare=False, repr=False)
    """Frame file URI -> its ``_program_file`` answer: a preview asks about the same few dozen files for every
    resource, and resolving a path is a system call per component."""

    @classmethod
    def for_project(cls, project_root: Path, program_dir: Path | None = None) -> SourceMap:
        """The library is the baseline's ``pms_baseline_infra`` package; when the project's program is that package
        (this repository's own program), only its ``components`` folder is library."""
        root = project_root.resolve()
        package = _infra_package()
        library: list[Path] = [Path(__file__).resolve().parent]  # this tool (the preview that runs the program)
        if package is not None:
            program = (program_dir or root).resolve()
            library.append(package / "components" if program == package else package)
        return cls(root, repository_root(root), tuple(library))

    def _program_file(self, path: Path) -> str | None:
        """``path`` relative to the repository when it is a file of the program (inside the repository, not in the
        library, not an installed package), else None."""
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):
            return None
        if "site-packages" in resolved.parts or "dist-packages" in resolved.parts:
            return None
        if any(resolved.is_relative_to(lib) for lib in self.library):
            return None
        if not resolved.is_relative_to(self.repository):
            return None
        return escape.source_path(resolved.relative_to(self.repository).as_posix(), self.repository)

    def from_frames(self, frames: Sequence[tuple[str, int]]) -> str:
        """The first frame (nearest the resource's creation first) that is a line of the program, as
        ``path#line``; "" when none is."""
        for uri, line in frames:
            if not uri or line < 1:
                continue
            if uri not in self._files:
                self._files[uri] = self._program_file(Path(unquote(urlparse(uri).path)))
            rel = self._files[uri]
            if rel is not None:
                return f"{rel}#{line}"
        return ""

    def from_position(self, position: str) -> str:
        """A state's ``project:///path#line[,col]`` as ``path#line`` of the program, or "" (library, outside the
        repository, or not a position this tool can open)."""
        if not position.startswith(PROJECT_SCHEME):
            return ""
        raw, _, fragment = position[len(PROJECT_SCHEME):].partition("#")
        if escape.source_path(unquote(raw)) is None:
            return ""
        rel = self._program_file(self.project_root / unquote(raw))
        if rel is None:
            return ""
        line = fragment.split(",")[0]
        return f"{rel}#{int(line)}" if line.isdigit() and int(line) > 0 else f"{rel}#1"

    def project_file(self) -> str:
        """The project's Pulumi.yaml, repository-relative: where a finding about the stack as a whole goes."""
        rel = escape.source_path((self.project_root / "Pulumi.yaml").relative_to(self.repository).as_posix()
                                 if self.project_root.is_relative_to(self.repository) else "Pulumi.yaml")
        return rel or "Pulumi.yaml"


def declaring_frame(project_root: Path, program_dir: Path, frames: Sequence[tuple[str, int]]) -> str:
    """For the preview: the program line among a registration's stack frames (see ``SourceMap.from_frames``)."""
    return _map_for(project_root, program_dir).from_frames(frames)


_MAPS: dict[tuple[Path, Path], SourceMap] = {}


def _map_for(project_root: Path, program_dir: Path) -> SourceMap:
    found = _MAPS.get((project_root, program_dir))
    if found is None:
        found = _MAPS[(project_root, program_dir)] = SourceMap.for_project(project_root, program_dir)
    return found


def component_chain(r: Resource, by_urn: Mapping[str, Resource]) -> list[Resource]:
    """The components ``r`` sits in, outermost first (not the stack itself)."""
    chain: list[Resource] = []
    seen = {r.urn}
    parent = by_urn.get(r.parent) if r.parent else None
    while parent is not None and parent.urn not in seen and parent.type != STACK_TYPE:
        seen.add(parent.urn)
        if not parent.custom:
            chain.append(parent)
        parent = by_urn.get(parent.parent) if parent.parent else None
    return list(reversed(chain))


def _component_label(r: Resource) -> str:
    return f"{r.type.rsplit(':', 1)[-1]} {r.name}"


def place(findings: Iterable[Finding], doc: StateDocument, sources: SourceMap,
          declared: Mapping[str, str] | None = None) -> list[Finding]:
    """``findings`` with ``declared_at`` (repository-relative ``path#line`` of the program line that declared the
    resource) and ``components`` (the chain it was created in) filled in where the state or preview says."""
    declared = declared or {}
    by_urn = {r.urn: r for r in doc.resources}
    cache: dict[str, tuple[str, tuple[str, ...]]] = {}

    def where(urn: str) -> tuple[str, tuple[str, ...]]:
        if urn in cache:
            return cache[urn]
        r = by_urn.get(urn)
        if r is None:
            cache[urn] = ("", ())
            return cache[urn]
        chain = component_chain(r, by_urn)
        at = declared.get(urn, "")
        if not at:
            # A real export: the resource's own position if it is the program's, else the nearest component's.
            for candidate in (r, *reversed(chain)):
                at = sources.from_position(candidate.source_position)
                if at:
                    break
        cache[urn] = (at, tuple(_component_label(c) for c in chain))
        return cache[urn]

    out = []
    for f in findings:
        if not f.resource.urn:
            out.append(f)
            continue
        at, chain = where(f.resource.urn)
        out.append(dataclasses.replace(f, declared_at=at, components=chain) if (at or chain) else f)
    return out


def sources_for(project_root: Path | None, program_dir: Path | None) -> SourceMap:
    """The source map of a gate run: the previewed project's, or for a state file the Pulumi project holding the
    current directory (its Pulumi.yaml ``main`` naming the program folder), as a CI job runs from its checkout."""
    if project_root is None:
        project_root = project_root_for(Path.cwd())
        program_dir = project_root
        try:
            import yaml

            meta = yaml.safe_load((project_root / "Pulumi.yaml").read_text(encoding="utf-8"))
            main = meta.get("main") if isinstance(meta, dict) else None
            if isinstance(main, str) and escape.source_path(main.rstrip("/")) is not None:
                program_dir = project_root / main
        except (OSError, ValueError, yaml.YAMLError):
            pass
    return SourceMap.for_project(project_root, program_dir)


def place_report(report, doc: StateDocument, sources: SourceMap, declared: Mapping[str, str] | None = None):
    """``report`` with its findings placed (``place``) and the project file for findings about the whole stack."""
    report.findings = place(report.findings, doc, sources, declared)
    report.target["project_file"] = sources.project_file()
    return report
