# lit configuration for PyBridge: plugin diagnostics (-verify, FileCheck), end-to-end runs
# (compile a stub with the plugin, link the runtime, run it against real Python), runtime
# unit tests (GoogleTest) and agent unit tests (pytest).
import os
import shutil
import subprocess

import lit.formats
from lit.llvm import llvm_config

config.name = "PyBridge"
# A test that hangs fails after this long instead of holding the suite forever (lit needs
# psutil for it). Each test is far quicker; the runtime's whole GoogleTest suite is one.
lit_config.maxIndividualTestTime = 1800
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["fixtures", "Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.pybridge_obj_root, "test")

llvm_config.use_default_substitutions()  # FileCheck, not, count from LLVM's tools dir
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", "")])

fixtures = os.path.join(config.test_source_root, "fixtures", "python")
# typeshed's stubs of the standard-library modules whose declarations plugin tests quote,
# vendored at one version, so that a typeshed update cannot change what those tests expect.
# They compile with `env PYBRIDGE_STUB_PATH=%vendored_typeshed %clangxx %vendored_cxxflags`
# (the stub path wins over the machine's typeshed), into a cache of their own: descriptors
# made with another stub path would replace the shared cache's entries back and forth.
vendored_typeshed = os.path.join(config.test_source_root, "fixtures", "typeshed", "stdlib")
# Workers and the describing agent import the fixture packages (dspy) from here.
config.environment["PYTHONPATH"] = fixtures
# Programs run as users run them: one worker per core unless a test asks otherwise. The
# end-to-end tests run each program again with PYBRIDGE_WORKERS=4 (a second RUN line).
for name in ("PYBRIDGE_WORKERS", "PYBRIDGE_PYTHON", "PYBRIDGE_ALLOW", "PYBRIDGE_TIMEOUT_MS",
             "PYBRIDGE_DRIFT", "PYBRIDGE_ADDRESS", "VIRTUAL_ENV"):
    config.environment.pop(name, None)

# An end-to-end program's output is compared with its Python twin's by the system's diff:
# lit 19's built-in diff sets PYTHONPATH to lit's own directory in the test's environment, so
# every later RUN line would lose the fixtures.
system_diff = shutil.which("diff")
if system_diff is None:
    lit_config.fatal("the tests need diff (diffutils)")

cxxflags = f"-std=c++20 -Wall -Wextra -I{config.pybridge_include_dir} -fplugin={config.pybridge_plugin}"
cache = os.path.join(config.pybridge_obj_root, "test", "pybridge_cache")
config.substitutions += [
    ("%clangxx", config.clangxx),
    ("%pybridge_plugin", config.pybridge_plugin),
    ("%pybridge_shared_cache", cache),
    ("%pybridge_cxxflags", f"{cxxflags} -fplugin-arg-pybridge-cache-dir={cache}"),
    ("%pybridge_ldflags", config.pybridge_ldflags),
    ("%pybridge_python", config.python),
    ("%fixtures", fixtures),
    ("%vendored_typeshed", vendored_typeshed),
    ("%vendored_cxxflags", f"{cxxflags} -fplugin-arg-pybridge-cache-dir={cache}-typeshed"),
    ("%agent_path", config.pybridge_agent_path),
    ("%source_root", config.pybridge_source_root),
    ("%build_root", config.pybridge_obj_root),
    ("%runtime_unittests", config.runtime_unittests),
    ("%diff", system_diff),
]

# Libraries some tests need (`REQUIRES: python-numpy`, ...): asked of the configured
# interpreter, so a machine without one skips those tests instead of failing them.
_probe = subprocess.run(
    [config.python, "-c",
     "import importlib.util, sys\n"
     "print(*(m for m in sys.argv[1:] if importlib.util.find_spec(m)))",
     "numpy", "sympy", "networkx", "pandas"],
    capture_output=True, text=True)
if _probe.returncode != 0:
    lit_config.fatal(f"cannot run {config.python}: {_probe.stderr.strip()}")
for _library in _probe.stdout.split():
    config.available_features.add(f"python-{_library}")
