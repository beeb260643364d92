// LibTorch's thread pools, set once and explicitly (docs/learning.md): the
// intra-op pool runs the kernels, the inter-op pool runs independent ops.
#pragma once

namespace ember::learn {

// Sets both pools to n threads. LibTorch fixes the inter-op pool at its
// first use, so later calls in the same process change only the intra-op
// pool.
void set_threads(int n);

}  // namespace ember::learn
