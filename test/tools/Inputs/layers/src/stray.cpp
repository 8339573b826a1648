// in no layer
#include "worker.hpp"
