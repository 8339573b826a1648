// A runtime header from before call sites had a version.
#pragma once
namespace pybridge::detail {}
