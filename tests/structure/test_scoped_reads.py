"""Structure: members' records are read only through the access layer's scoped reader.

A module outside `tandem/access/` that builds a SELECT of an `AuthoredRecord` model (whole rows,
its columns, `select_from` it, an alias of it, or `session.get` it) could forget the visibility
rule; this test fails on any such query, the way Polar lints against unscoped queries. A JOIN of
such a model onto a scoped query only filters it and is allowed; writes (update, delete) are
guarded by `reader.get_own` or `reader.own_rows` before they happen.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import tandem
from tandem.access.policy import AuthoredRecord
from tandem.models import Base

PACKAGE_ROOT = Path(tandem.__file__).parent
ALLOWED = {PACKAGE_ROOT / "access"}


def authored_model_names() -> set[str]:
    for module in pkgutil.walk_packages(tandem.__path__, "tandem."):
        if module.name.endswith(".models"):
            importlib.import_module(module.name)
    return {mapper.class_.__name__ for mapper in Base.registry.mappers if issubclass(mapper.class_, AuthoredRecord)}


def _is_scoped(node: ast.AST) -> bool:
    """A scoped reader call or a method chain on one (`reader.own(...).where(...).exists()`)."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if isinstance(node.func.value, ast.Name) and node.func.value.id == "reader":
            return True
        node = node.func.value
    return False


def _names_in(node: ast.AST) -> set[str]:
    """Model names a select argument refers to: `Model`, `Model.column`, `func.x(Model.column)`."""
    if _is_scoped(node):
        return set()
    if isinstance(node, ast.Name):
        return {node.id}
    return set().union(*(_names_in(child) for child in ast.iter_child_nodes(node)))


def unscoped_selects(source: str, models: set[str]) -> list[tuple[int, str]]:
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name not in {"select", "select_from", "exists", "get", "aliased"}:
            continue
        hits = set().union(*(_names_in(arg) for arg in node.args)) & models if node.args else set()
        for model in sorted(hits):
            problems.append((node.lineno, f"{name}({model}…)"))
    return problems


def test_no_module_outside_access_selects_an_authored_record_directly() -> None:
    models = authored_model_names()
    assert len(models) >= 15, models  # the check itself must see the models it guards
    problems = []
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        if any(path.is_relative_to(allowed) for allowed in ALLOWED) or "migrations" in path.parts:
            continue
        for line, what in unscoped_selects(path.read_text(), models):
            problems.append(f"{path.relative_to(PACKAGE_ROOT.parent)}:{line}: {what}")
    assert not problems, "Read authored records through tandem.access.reader:\n" + "\n".join(problems)


def test_the_check_catches_the_forms_it_claims_to() -> None:
    models = {"Goal"}
    source = (
        "select(Goal)\n"
        "select(Goal.id)\n"
        "select(func.count()).select_from(Goal)\n"
        "select(func.max(Goal.position))\n"
        "db.get(Goal, goal_id)\n"
        "aliased(Goal)\n"
        "select(Other).join(Goal, Goal.id == Other.goal_id)\n"
        "select(Other)\n"
        "select(reader.own(member, Goal).where(Goal.id == 1).exists())\n"
    )
    assert [line for line, _ in unscoped_selects(source, models)] == [1, 2, 3, 4, 5, 6]
