// The plugin writes call sites in the format of its own runtime header
// (pybridge/detail/site_format.hpp); a translation unit including the header of another PyBridge,
// which would read them differently, gets one error and no bodies.
// RUN: %clangxx -std=c++20 -I%S/Inputs/other-runtime -fplugin=%pybridge_plugin -fsyntax-only -Xclang -verify=other %s
// RUN: %clangxx -std=c++20 -I%S/Inputs/unversioned-runtime -fplugin=%pybridge_plugin -fsyntax-only -Xclang -verify=unversioned %s
#include <pybridge/pybridge.hpp>

[[pybridge::bind("math.sqrt")]] double root(double); // other-error {{the PyBridge runtime header reads call sites of format 99, but this plugin writes format 1; use the header and the plugin of one PyBridge installation}} unversioned-error {{the PyBridge runtime header reads call sites of format <unknown>, but this plugin writes format 1}}
[[pybridge::bind("math.cbrt")]] double cube_root(double);
