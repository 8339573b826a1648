// a wire file that reaches up to the workers
#include "worker.hpp"
#include "frames.hpp"
