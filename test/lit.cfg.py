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
    ("%agent_path", config.pybridge_agent_path),
    ("%source_root", config.pybridge_source_root),
    ("%build_root", config.pybridge_obj_root),
    ("%runtime_unittests", config.runtime_unittests),
    ("%diff", system_diff),
]

config.available_features.add("python-numpy")
# pandas (Debian's python3-pandas, scripts/install-deps.sh) for the DataFrame programs.
if subprocess.run([config.python, "-c", "import pandas"], capture_output=True).returncode == 0:
    config.available_features.add("python-pandas")
