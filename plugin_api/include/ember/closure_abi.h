/*
 * ember closure plugin ABI, version 1 — the contract between a hydrocode (the
 * host) and a hotspot closure model (the plugin).
 *
 * Plain C99, usable from C++ and from Fortran through ISO_C_BINDING.
 *
 * Rules of the contract
 *  - A plugin is a shared library that exports exactly one symbol,
 *    EMBER_CLOSURE_ENTRY_POINT, returning a const function table. The table
 *    starts with struct_size and the plugin's ABI major/minor version. A host
 *    refuses a table whose abi_major differs from EMBER_CLOSURE_ABI_MAJOR.
 *  - Minor versions only append fields to the end of structs and entries to the
 *    end of the table. Every struct that crosses the boundary starts with
 *    struct_size, set by whoever fills it, so each side can tell which fields
 *    the other knows. Nothing is ever removed or reordered within a major.
 *  - A model handle is immutable after creation and may be shared by threads.
 *    A workspace belongs to one thread at a time and owns all scratch memory.
 *  - Per-cell state is owned by the host: state_old is read, state_new is
 *    written, both laid out [n_state][ld] (value j of cell i at j*ld + i).
 *  - Every call returns an ember_status. Messages: calls on a workspace leave
 *    theirs in workspace_error(ws); other calls leave theirs in last_error(),
 *    which is per calling thread. No call exits, aborts or throws.
 *  - All quantities are SI (kg, m, s, K, Pa, J); each field descriptor names
 *    its unit.
 */
#ifndef EMBER_CLOSURE_ABI_H
#define EMBER_CLOSURE_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EMBER_CLOSURE_ABI_MAJOR 1u
#define EMBER_CLOSURE_ABI_MINOR 0u

/* Name of the one symbol a plugin exports. */
#define EMBER_CLOSURE_ENTRY_POINT "ember_closure_get_api"

/* ------------------------------------------------------------------------ */
/* Status codes returned by every call.                                     */
/* ------------------------------------------------------------------------ */
typedef int32_t ember_status;
enum {
  EMBER_OK = 0,
  /* evaluate completed, but at least one cell had invalid input; those cells
     carry EMBER_CELL_INVALID_INPUT, all others were computed normally */
  EMBER_INVALID_CELLS = 1,
  EMBER_ERR_NULL_ARGUMENT = 2,    /* a required pointer was NULL */
  EMBER_ERR_BAD_ARGUMENT = 3,     /* a value or struct_size is out of range */
  EMBER_ERR_MODEL_FILE = 4,       /* the model file is missing or malformed */
  EMBER_ERR_UNSUPPORTED = 5,      /* e.g. a memory space the plugin lacks */
  EMBER_ERR_OUT_OF_MEMORY = 6,
  EMBER_ERR_INTERNAL = 7          /* a bug in the plugin; the message says */
};

/* Per-cell status written by evaluate. */
enum {
  EMBER_CELL_OK = 0,
  /* an input lay outside the model's valid range and was clamped into it
     before evaluation; outputs are finite and usable */
  EMBER_CELL_CLAMPED = 1,
  /* NaN/Inf or an unphysical input (e.g. density <= 0): outputs of the cell
     are zero and state_new is a copy of state_old */
  EMBER_CELL_INVALID_INPUT = 2
};

/* Whether the host must supply a field. */
enum {
  EMBER_FIELD_REQUIRED = 0, /* inputs: pointer must be non-NULL; outputs: likewise */
  EMBER_FIELD_OPTIONAL = 1  /* the host may pass NULL */
};

/* Where the batch arrays live. Only host memory exists in ABI 1.0; the field
   is reserved so device pointers can be added without a major bump. */
enum { EMBER_MEMORY_HOST = 0, EMBER_MEMORY_DEVICE = 1 };

/* ------------------------------------------------------------------------ */
/* Opaque handles.                                                          */
/* ------------------------------------------------------------------------ */
typedef struct ember_model ember_model;         /* immutable, thread-shareable */
typedef struct ember_workspace ember_workspace; /* one thread at a time */

/* ------------------------------------------------------------------------ */
/* Argument and result structs. The filler sets struct_size = sizeof(...).  */
/* ------------------------------------------------------------------------ */

/* Arguments to model_create (filled by the host). */
typedef struct ember_model_args {
  uint32_t struct_size;
  int32_t num_threads;     /* threads a workspace may use; <= 0 means 1 */
  const char *model_path;  /* the model file; required */
  const char *options;     /* plugin-specific "key=value;..." or NULL */
} ember_model_args;

/* Description of a model (filled by the plugin; strings live as long as the
   model). */
typedef struct ember_model_info {
  uint32_t struct_size;
  int32_t n_inputs;
  int32_t n_outputs;
  int32_t n_state;           /* per-cell state values, may be 0 */
  const char *model_name;
  const char *model_version;
  const char *provenance;    /* sources, calibration or training record */
  const char *data_sha256;   /* hex SHA-256 of the model file (or data) */
  const char *code_version;  /* version of the plugin code that loaded it */
} ember_model_info;

/* One input, output or state value (filled by the plugin). */
typedef struct ember_field_desc {
  uint32_t struct_size;
  int32_t support;           /* EMBER_FIELD_REQUIRED or _OPTIONAL */
  const char *name;          /* snake_case standard name, e.g. "density" */
  const char *unit;          /* SI unit, e.g. "kg m-3", "1" if dimensionless */
  const char *description;
  double valid_min;          /* range the model is defined/calibrated on */
  double valid_max;
} ember_field_desc;

/* One batched evaluation. Host fills everything above the results; arrays
   are structure-of-arrays with unit stride over cells. */
typedef struct ember_batch {
  uint32_t struct_size;
  int32_t memory_space;          /* EMBER_MEMORY_HOST */
  void *stream;                  /* reserved, must be NULL */
  int64_t n;                     /* number of cells, >= 0 */
  double dt;                     /* macro time step (s), > 0 */
  const double *const *inputs;   /* n_inputs pointers in model order */
  double *const *outputs;        /* n_outputs pointers in model order */
  const double *state_old;       /* [n_state][ld_state], never written */
  double *state_new;             /* [n_state][ld_state], may not alias old */
  int64_t ld_state;              /* >= n */
  int32_t *cell_status;          /* n values, EMBER_CELL_* */
  /* results (written by the plugin) */
  double dt_scale;               /* the next dt should not exceed dt_scale*dt */
  int64_t n_clamped;
  int64_t n_invalid;
  int64_t first_invalid;         /* index of the first invalid cell, or -1 */
} ember_batch;

/* ------------------------------------------------------------------------ */
/* The function table.                                                      */
/* ------------------------------------------------------------------------ */
typedef struct ember_closure_api {
  uint32_t struct_size;
  uint32_t abi_major;
  uint32_t abi_minor;
  uint32_t reserved0;
  const char *plugin_name;
  const char *plugin_version;

  /* Message of the calling thread's last failed call that took no
     workspace. Never NULL; "" when there is none. */
  const char *(*last_error)(void);

  ember_status (*model_create)(const ember_model_args *args, ember_model **model);
  void (*model_destroy)(ember_model *model); /* NULL is a no-op */
  ember_status (*model_info)(const ember_model *model, ember_model_info *info);
  ember_status (*input_desc)(const ember_model *model, int32_t index,
                             ember_field_desc *desc);
  ember_status (*output_desc)(const ember_model *model, int32_t index,
                              ember_field_desc *desc);
  ember_status (*state_desc)(const ember_model *model, int32_t index,
                             ember_field_desc *desc);

  ember_status (*workspace_create)(const ember_model *model, ember_workspace **ws);
  void (*workspace_destroy)(ember_workspace *ws); /* NULL is a no-op */
  /* Message of the last failed call on ws. Never NULL. */
  const char *(*workspace_error)(const ember_workspace *ws);

  /* Fill the state of n fresh (unshocked) cells, layout [n_state][ld]. */
  ember_status (*state_init)(ember_workspace *ws, int64_t n, double *state,
                             int64_t ld);
  ember_status (*evaluate)(ember_workspace *ws, ember_batch *batch);
} ember_closure_api;

/* The entry point's type. A plugin defines it as
     EMBER_CLOSURE_EXPORT const ember_closure_api *
     ember_closure_get_api(uint32_t host_abi_major);
   and returns its table whatever host_abi_major is; the host decides. */
typedef const ember_closure_api *(*ember_closure_get_api_fn)(uint32_t host_abi_major);

#if defined(_WIN32)
#define EMBER_CLOSURE_EXPORT __declspec(dllexport)
#else
#define EMBER_CLOSURE_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* EMBER_CLOSURE_ABI_H */
