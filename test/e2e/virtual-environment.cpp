// Workers run in a project's own virtual environment (python3 -m venv, no system site
// packages) holding only the user's library: chosen by PYBRIDGE_PYTHON, or by an active
// VIRTUAL_ENV. The environment has neither grpcio nor protobuf: local workers never import
// grpc, and the agent falls back on the protobuf the install tree carries.
// virtual-environment.py is the same program, run by the environment's interpreter.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %pybridge_python -m venv --without-pip %t/venv
// RUN: %t/venv/bin/python -c "import shutil, sysconfig; shutil.copy('%S/Inputs/venv/userlib.py', sysconfig.get_paths()['purelib'])"
// RUN: not %t/venv/bin/python -c "import google.protobuf"
// RUN: env PYBRIDGE_PYTHON=%t/venv/bin/python %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache %s -o %t/program %pybridge_ldflags
// RUN: %t/venv/bin/python %S/virtual-environment.py > %t/expected
// RUN: env PYBRIDGE_PYTHON=%t/venv/bin/python %t/program | %diff %t/expected -
// RUN: env VIRTUAL_ENV=%t/venv %t/program | %diff %t/expected -
// PYBRIDGE_PYTHON wins over VIRTUAL_ENV:
// RUN: env VIRTUAL_ENV=%t/nowhere PYBRIDGE_PYTHON=%t/venv/bin/python %t/program | %diff %t/expected -
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <string>
#include <vector>

[[pybridge::bind("userlib.scale")]] std::vector<double> scale(std::vector<double> values,
                                                              double factor);
[[pybridge::bind("userlib.interpreter_prefix")]] std::string interpreter_prefix();
[[pybridge::bind("userlib.imported")]] bool imported(std::string name);

int main() {
  for (double v : scale({1.5, 2, 4}, 2))
    std::cout << v << " ";
  std::cout << "\n";
  std::string prefix = interpreter_prefix();
  std::cout << "runs in the environment: " << prefix.ends_with("/venv") << "\n";
  std::cout << "grpc imported: " << imported("grpc") << "\n";
  return 0;
}
