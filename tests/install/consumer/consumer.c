/* Loads the installed I&G plugin through the installed loader and evaluates
   one shocked cell; prints its reaction rate. */
#include <ember/plugin_loader.h>

#include <stdio.h>

int main(void) {
  char err[1024];
  ember_plugin *plugin = ember_plugin_open(PLUGIN, err, sizeof err);
  if (plugin == NULL) {
    fprintf(stderr, "consumer: %s\n", err);
    return 1;
  }
  const ember_closure_api *api = ember_plugin_api(plugin);
  ember_model_args args = {sizeof args, 1, MODEL, NULL};
  ember_model *model = NULL;
  ember_workspace *ws = NULL;
  if (api->model_create(&args, &model) != EMBER_OK || api->workspace_create(model, &ws) != EMBER_OK) {
    fprintf(stderr, "consumer: %s\n", api->last_error());
    return 1;
  }
  const double rho = 2600.0, p = 10e9, lambda = 0.3;
  const double *inputs[3] = {&rho, &p, &lambda};
  double rate = 0.0, state_old = 0.0, state_new = 0.0;
  double *outputs[3] = {&rate, NULL, NULL};
  int32_t status = -1;
  ember_batch b = {0};
  b.struct_size = sizeof b;
  b.n = 1;
  b.dt = 1e-9;
  b.inputs = inputs;
  b.outputs = outputs;
  b.state_old = &state_old;
  b.state_new = &state_new;
  b.ld_state = 1;
  b.cell_status = &status;
  if (api->evaluate(ws, &b) != EMBER_OK) {
    fprintf(stderr, "consumer: %s\n", api->workspace_error(ws));
    return 1;
  }
  printf("consumer: %s reaction_rate %.6e 1/s\n", api->plugin_name, rate);
  api->workspace_destroy(ws);
  api->model_destroy(model);
  ember_plugin_close(plugin);
  return rate > 0.0 ? 0 : 1;
}
