#include "threads.hpp"

#include <ATen/Parallel.h>

namespace ember::learn {

void set_threads(int n) {
  static bool interop_set = false;
  if (!interop_set) {
    at::set_num_interop_threads(n);
    interop_set = true;
  }
  at::set_num_threads(n);
}

}  // namespace ember::learn
