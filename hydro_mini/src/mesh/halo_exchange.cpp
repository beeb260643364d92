#include "mesh/halo_exchange.hpp"

#include "core/par_for.hpp"

namespace ember::hydro {
namespace {

// Elements in one side's buffer along an axis.
size_t buffer_size(const BlockGeometry& g, int nvar, Axis axis) {
  if (axis == Axis::X) return static_cast<size_t>(nvar) * g.ny * g.ng;
  return g.two_d ? static_cast<size_t>(nvar) * g.ng * g.nx_tot : 0;
}

// Packs (unpack = false) or unpacks the ghost-width slab starting at column
// i0 (X) or row j0 (Y) to or from buf.
void copy_slab(const BlockGeometry& g, int nvar, Axis axis, int first, const Array3& u,
               const Array1& buf, bool unpack) {
  const int ng = g.ng;
  if (axis == Axis::X) {
    const int js = g.js, rows = g.ny;
    par_for("halo::slab_x", g.js, g.je, first, first + ng - 1, KOKKOS_LAMBDA(int j, int i) {
      for (int n = 0; n < nvar; ++n) {
        const size_t k = (static_cast<size_t>(n) * rows + (j - js)) * ng + (i - first);
        if (unpack) u(n, j, i) = buf(k);
        else buf(k) = u(n, j, i);
      }
    });
  } else {
    const int nxt = g.nx_tot;
    par_for("halo::slab_y", first, first + ng - 1, 0, nxt - 1, KOKKOS_LAMBDA(int j, int i) {
      for (int n = 0; n < nvar; ++n) {
        const size_t k = (static_cast<size_t>(n) * ng + (j - first)) * nxt + i;
        if (unpack) u(n, j, i) = buf(k);
        else buf(k) = u(n, j, i);
      }
    });
  }
}

}  // namespace

HaloExchange::HaloExchange(const Decomposition& decomp, int nvar) : decomp_(decomp), nvar_(nvar) {
  const BlockGeometry& g = decomp.geometry();
  for (int a = 0; a < 2; ++a)
    for (int s = 0; s < 2; ++s) {
      const size_t n = buffer_size(g, nvar, static_cast<Axis>(a));
      send_[a][s] = Array1("halo_send", n);
      recv_[a][s] = Array1("halo_recv", n);
      send_h_[a][s] = Kokkos::create_mirror_view(send_[a][s]);
      recv_h_[a][s] = Kokkos::create_mirror_view(recv_[a][s]);
    }
}

void HaloExchange::exchange(const Array3& u, Axis axis) {
  const BlockGeometry& g = decomp_.geometry();
  const int a = static_cast<int>(axis);
  if (axis == Axis::Y && !g.two_d) return;
  const Side lo = axis == Axis::X ? kXlo : kYlo;
  const Side hi = axis == Axis::X ? kXhi : kYhi;
  const int nbr[2] = {decomp_.neighbour(lo), decomp_.neighbour(hi)};
  // First interior layer sent to each side, first ghost layer received.
  const int s0 = axis == Axis::X ? g.is : g.js;
  const int e0 = axis == Axis::X ? g.ie : g.je;
  const int send_first[2] = {s0, e0 - g.ng + 1};
  const int recv_first[2] = {s0 - g.ng, e0 + 1};
  const int count = static_cast<int>(send_[a][0].extent(0));

  MPI_Request req[4];
  for (int s = 0; s < 2; ++s) {
    // Tag by the side the data travels toward, so that with a single rank in
    // a periodic direction (both neighbours = self) the two messages match.
    MPI_Irecv(recv_h_[a][s].data(), count, MPI_DOUBLE, nbr[s], 1 - s, decomp_.comm(), &req[s]);
  }
  for (int s = 0; s < 2; ++s) {
    if (nbr[s] == MPI_PROC_NULL) {
      req[2 + s] = MPI_REQUEST_NULL;
      continue;
    }
    copy_slab(g, nvar_, axis, send_first[s], u, send_[a][s], false);
  }
  Kokkos::fence();
  for (int s = 0; s < 2; ++s) {
    if (nbr[s] == MPI_PROC_NULL) continue;
    Kokkos::deep_copy(send_h_[a][s], send_[a][s]);
    MPI_Isend(send_h_[a][s].data(), count, MPI_DOUBLE, nbr[s], s, decomp_.comm(), &req[2 + s]);
  }
  MPI_Waitall(4, req, MPI_STATUSES_IGNORE);
  for (int s = 0; s < 2; ++s) {
    if (nbr[s] == MPI_PROC_NULL) continue;
    Kokkos::deep_copy(recv_[a][s], recv_h_[a][s]);
    copy_slab(g, nvar_, axis, recv_first[s], u, recv_[a][s], true);
  }
}

}  // namespace ember::hydro
