"""The house rules checked on the source (../shared/STYLE.md, "Shape of the house"): modules of
at most 500 lines, and one-way imports — every import statement of every app module, at the top
or inside a function, is read with ``ast`` and compared with what its app may import.

    ops  ←  core  ←  consultations  ←  complaints  ←  supervision        core  ←  whistleblower
    (ops, the platform, imports no app of ours; every app may import it)
    (complaints takes consultations' models and services for the demo's history only)
    stats reads the case apps only through their ``selectors`` (whistleblower: ``published``)
    annual_report reads stats (and the example/result records: the case apps' models, the
    whistleblower unit's released annual account)
    retention sits on top of the case apps; nothing imports stats, annual_report or retention

Imports that break the rules and are not fixed yet are listed in ``KNOWN`` — a ratchet: a new
one fails the test, and one that is fixed must leave the list (so it cannot come back)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = (
    "ops",
    "core",
    "consultations",
    "complaints",
    "supervision",
    "whistleblower",
    "stats",
    "annual_report",
    "retention",
)

MAY_IMPORT = {
    "ops": (),
    "core": ("ops",),
    "consultations": ("ops", "core"),
    # The demo's history of the office seeds consultations with the complaints, in one plan.
    "complaints": ("ops", "core", "consultations.models", "consultations.services"),
    "supervision": ("ops", "core", "complaints"),
    "whistleblower": ("ops", "core"),
    "stats": (
        "ops",
        "core",
        "complaints.selectors",
        "consultations.selectors",
        "supervision.selectors",
        "whistleblower.published",
    ),
    # The example and result records: the cases an edition cites, the supervisions' results,
    # and the whistleblower unit's released annual account (whistleblower.published: its counts
    # and anonymised one-line summaries, written to be published; the yearly report and the
    # committee's whistleblower report print them). The unit's own reads
    # (whistleblower.selectors) are for the unit's views only.
    "annual_report": (
        "ops",
        "core",
        "stats",
        "complaints.models",
        "consultations.models",
        "supervision.models",
        "supervision.selectors",
        "whistleblower.published",
    ),
    "retention": ("ops", "core", "consultations", "complaints", "supervision"),
}

# Exceptions not fixed yet: (importing file, imported module). Empty since issue 27; a new
# exception is added here only with a reason, and the test below makes it leave once fixed.
KNOWN: set[tuple[str, str]] = set()


def is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imported_modules(source: str) -> set[str]:
    """Every absolute module an app module imports; ``from a import b`` is ``a.b`` when ``b``
    is a module of ours (a submodule imported by name), otherwise ``a``."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if is_module(submodule) else node.module)
    return found


def breaks(app: str, module: str) -> bool:
    top = module.split(".")[0]
    if top not in APPS or top == app:
        return False
    return not any(module == rule or module.startswith(rule + ".") for rule in MAY_IMPORT[app])


def violations_in(app: str, source: str) -> set[str]:
    return {module for module in imported_modules(source) if breaks(app, module)}


def all_violations() -> set[tuple[str, str]]:
    found = set()
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for module in violations_in(app, path.read_text()):
                found.add((str(path.relative_to(ROOT)), module))
    return found


def test_no_app_imports_against_the_house_rules():
    new = all_violations() - KNOWN
    assert new == set(), "imports against STYLE.md's one-way rules: " + ", ".join(sorted(map(str, new)))


def test_every_known_exception_still_exists_so_a_fixed_one_leaves_the_list():
    assert KNOWN - all_violations() == set()


def test_the_check_sees_an_upward_import_at_the_top_or_inside_a_function():
    assert violations_in("core", "from complaints.models import Complaint\n") == {"complaints.models"}
    inside = "def f():\n    from whistleblower import services\n"
    assert violations_in("core", inside) == {"whistleblower.services"}
    assert violations_in("stats", "from complaints import selectors\n") == set()
    assert violations_in("stats", "from complaints.models import Track\n") == {"complaints.models"}
    assert violations_in("complaints", "import stats.selectors\n") == {"stats.selectors"}
    assert violations_in("supervision", "from complaints.services import x\n") == set()


def unexplained_imports_in_functions(source: str) -> list[int]:
    """Lines of imports inside a function with no comment saying why (on the line or the line
    above: a circle, or a heavy library only some processes need)."""
    lines = source.splitlines()
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom):
                above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
                if "#" not in lines[node.end_lineno - 1] and not above.startswith("#"):
                    found.append(node.lineno)
    return found


# Where imports inside functions are the rule: an app's AppConfig (its methods run once the apps
# are ready; apps.py may not import models at the top), and the file cleaner's child process,
# which imports only the parser its file needs (whistleblower/sanitize).
LAZY_BY_DESIGN = ("whistleblower/sanitize/",)


def lazy_by_design(name: str) -> bool:
    return name.startswith(LAZY_BY_DESIGN) or name.endswith("/apps.py")


def test_imports_are_at_the_top_unless_a_comment_says_why():
    unexplained = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            name = str(path.relative_to(ROOT))
            if "migrations" in path.parts or lazy_by_design(name):
                continue
            unexplained += [f"{name}:{line}" for line in unexplained_imports_in_functions(path.read_text())]
    assert unexplained == []


def test_the_check_sees_an_import_in_a_function_without_a_reason():
    assert unexplained_imports_in_functions("def f():\n    import json\n") == [2]
    assert unexplained_imports_in_functions("def f():\n    import json  # lazy: why\n") == []
    assert unexplained_imports_in_functions("def f():\n    # a circle\n    import json\n") == []


def test_no_python_file_outside_the_migrations_is_over_500_lines():
    """A newcomer reads a module in one sitting (issue 27): split one that grows by concern."""
    long = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in (".venv", "staticfiles", "var") or "migrations" in parts:
            continue
        lines = len(path.read_text().splitlines())
        if lines > 500:
            long.append(f"{path.relative_to(ROOT)}: {lines}")
    assert long == []
