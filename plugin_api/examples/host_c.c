/* A minimal C host: load a closure plugin by path, evaluate one batch of
   cells for two steps, print the results.

     ember_host_c PLUGIN.so MODEL_FILE

   Output, one line per cell: "cell I STATUS" then the inputs, the outputs
   and the new state, in model order, each with 17 significant digits. */
#include "ember/plugin_loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_CELLS 8
#define MAX_FIELDS 16

/* The batch every host example evaluates (SI units). */
static const double density[N_CELLS] = {1844.0, 2400.0, 2600.0, 2700.0,
                                        2800.0, 2900.0, 3000.0, 2500.0};
static const double pressure[N_CELLS] = {1e5, 5e9, 10e9, 15e9, 20e9, 25e9, 30e9, 8e9};
static const double progress[N_CELLS] = {0.0, 0.0, 0.01, 0.05, 0.3, 0.85, 0.99, 1.0};
static const double dt = 1e-9;

static const double *host_field(const char *name) {
  if (strcmp(name, "density") == 0) return density;
  if (strcmp(name, "pressure") == 0) return pressure;
  if (strcmp(name, "reaction_progress") == 0) return progress;
  return NULL;
}

static int fail(const char *what, const char *msg) {
  fprintf(stderr, "ember_host_c: %s: %s\n", what, msg);
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 3) return fail("usage", "ember_host_c PLUGIN.so MODEL_FILE");
  char err[1024];
  ember_plugin *plugin = ember_plugin_open(argv[1], err, sizeof err);
  if (plugin == NULL) return fail("loading the plugin", err);
  const ember_closure_api *api = ember_plugin_api(plugin);

  ember_model_args args = {0};
  args.struct_size = sizeof args;
  args.num_threads = 1;
  args.model_path = argv[2];
  ember_model *model = NULL;
  if (api->model_create(&args, &model) != EMBER_OK) return fail("model_create", api->last_error());
  ember_model_info info = {0};
  info.struct_size = sizeof info;
  if (api->model_info(model, &info) != EMBER_OK) return fail("model_info", api->last_error());
  if (info.n_inputs > MAX_FIELDS || info.n_outputs > MAX_FIELDS || info.n_state > MAX_FIELDS)
    return fail("model_info", "more fields than this example handles");

  const double *inputs[MAX_FIELDS];
  for (int k = 0; k < info.n_inputs; ++k) {
    ember_field_desc d = {0};
    d.struct_size = sizeof d;
    if (api->input_desc(model, k, &d) != EMBER_OK) return fail("input_desc", api->last_error());
    inputs[k] = host_field(d.name);
    if (inputs[k] == NULL && d.support == EMBER_FIELD_REQUIRED)
      return fail("the model requires an input this host does not have", d.name);
  }
  static double outputs_data[MAX_FIELDS][N_CELLS];
  double *outputs[MAX_FIELDS];
  for (int k = 0; k < info.n_outputs; ++k) outputs[k] = outputs_data[k];
  static double state[2][MAX_FIELDS * N_CELLS];
  int32_t cell_status[N_CELLS];

  ember_workspace *ws = NULL;
  if (api->workspace_create(model, &ws) != EMBER_OK) return fail("workspace_create", api->last_error());
  if (api->state_init(ws, N_CELLS, state[0], N_CELLS) != EMBER_OK)
    return fail("state_init", api->workspace_error(ws));

  ember_batch b = {0};
  b.struct_size = sizeof b;
  b.memory_space = EMBER_MEMORY_HOST;
  b.n = N_CELLS;
  b.dt = dt;
  b.inputs = inputs;
  b.outputs = outputs;
  b.ld_state = N_CELLS;
  b.cell_status = cell_status;
  for (int step = 0; step < 2; ++step) {
    b.state_old = state[step % 2];
    b.state_new = state[(step + 1) % 2];
    const ember_status st = api->evaluate(ws, &b);
    if (st != EMBER_OK && st != EMBER_INVALID_CELLS) return fail("evaluate", api->workspace_error(ws));
  }
  const double *state_new = b.state_new;

  printf("# ember_host_c: plugin %s %s, model %s, dt_scale %.17g\n", api->plugin_name,
         api->plugin_version, info.model_name, b.dt_scale);
  for (int i = 0; i < N_CELLS; ++i) {
    printf("cell %d %d", i, (int)cell_status[i]);
    for (int k = 0; k < info.n_inputs; ++k) printf(" %.17g", inputs[k] ? inputs[k][i] : 0.0);
    for (int k = 0; k < info.n_outputs; ++k) printf(" %.17g", outputs[k][i]);
    for (int j = 0; j < info.n_state; ++j) printf(" %.17g", state_new[j * N_CELLS + i]);
    printf("\n");
  }
  api->workspace_destroy(ws);
  api->model_destroy(model);
  ember_plugin_close(plugin);
  return 0;
}
