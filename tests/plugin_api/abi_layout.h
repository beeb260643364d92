/* Every field of every struct of closure ABI 1, as X-macros, so that the C
   and C++ compilers print the same layout for comparison with the stored
   dump of the released ABI (plugin_api/abi/). */
#ifndef EMBER_TESTS_ABI_LAYOUT_H
#define EMBER_TESTS_ABI_LAYOUT_H

#include "ember/closure_abi.h"

#include <stddef.h>
#include <stdio.h>

#define EMBER_ABI_STRUCTS(X) \
  X(ember_model_args)        \
  X(ember_model_info)        \
  X(ember_field_desc)        \
  X(ember_batch)             \
  X(ember_closure_api)

#define EMBER_ABI_FIELDS(X)                \
  X(ember_model_args, struct_size)         \
  X(ember_model_args, num_threads)         \
  X(ember_model_args, model_path)          \
  X(ember_model_args, options)             \
  X(ember_model_info, struct_size)         \
  X(ember_model_info, n_inputs)            \
  X(ember_model_info, n_outputs)           \
  X(ember_model_info, n_state)             \
  X(ember_model_info, model_name)          \
  X(ember_model_info, model_version)       \
  X(ember_model_info, provenance)          \
  X(ember_model_info, data_sha256)         \
  X(ember_model_info, code_version)        \
  X(ember_field_desc, struct_size)         \
  X(ember_field_desc, support)             \
  X(ember_field_desc, name)                \
  X(ember_field_desc, unit)                \
  X(ember_field_desc, description)         \
  X(ember_field_desc, valid_min)           \
  X(ember_field_desc, valid_max)           \
  X(ember_batch, struct_size)              \
  X(ember_batch, memory_space)             \
  X(ember_batch, stream)                   \
  X(ember_batch, n)                        \
  X(ember_batch, dt)                       \
  X(ember_batch, inputs)                   \
  X(ember_batch, outputs)                  \
  X(ember_batch, state_old)                \
  X(ember_batch, state_new)                \
  X(ember_batch, ld_state)                 \
  X(ember_batch, cell_status)              \
  X(ember_batch, dt_scale)                 \
  X(ember_batch, n_clamped)                \
  X(ember_batch, n_invalid)                \
  X(ember_batch, first_invalid)            \
  X(ember_closure_api, struct_size)        \
  X(ember_closure_api, abi_major)          \
  X(ember_closure_api, abi_minor)          \
  X(ember_closure_api, reserved0)          \
  X(ember_closure_api, plugin_name)        \
  X(ember_closure_api, plugin_version)     \
  X(ember_closure_api, last_error)         \
  X(ember_closure_api, model_create)       \
  X(ember_closure_api, model_destroy)      \
  X(ember_closure_api, model_info)         \
  X(ember_closure_api, input_desc)         \
  X(ember_closure_api, output_desc)        \
  X(ember_closure_api, state_desc)         \
  X(ember_closure_api, workspace_create)   \
  X(ember_closure_api, workspace_destroy)  \
  X(ember_closure_api, workspace_error)    \
  X(ember_closure_api, state_init)         \
  X(ember_closure_api, evaluate)

/* Lines "struct S size N" and "field S.F offset O size N". */
#define EMBER_PRINT_STRUCT(s) fprintf(out, "struct %s size %zu\n", #s, sizeof(s));
#define EMBER_PRINT_FIELD(s, f)                                                         \
  fprintf(out, "field %s.%s offset %zu size %zu\n", #s, #f, (size_t)offsetof(s, f), \
          sizeof(((s *)0)->f));

static inline void ember_print_abi_layout(FILE *out) {
  fprintf(out, "abi %u.%u\n", EMBER_CLOSURE_ABI_MAJOR, EMBER_CLOSURE_ABI_MINOR);
  EMBER_ABI_STRUCTS(EMBER_PRINT_STRUCT)
  EMBER_ABI_FIELDS(EMBER_PRINT_FIELD)
}

#endif
