/* dlopen-based loader for ember closure plugins. */
#define _POSIX_C_SOURCE 200809L
#include "ember/plugin_loader.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ember_plugin {
  void *dl;
  const ember_closure_api *api;
  char *path;
};

static void set_error(char *err, size_t err_size, const char *fmt, ...) {
  if (err == NULL || err_size == 0) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, err_size, fmt, ap);
  va_end(ap);
}

/* Names the first NULL entry of a v1.0 table, or returns NULL if none. */
static const char *missing_entry(const ember_closure_api *a) {
  if (a->plugin_name == NULL) return "plugin_name";
  if (a->plugin_version == NULL) return "plugin_version";
  if (a->last_error == NULL) return "last_error";
  if (a->model_create == NULL) return "model_create";
  if (a->model_destroy == NULL) return "model_destroy";
  if (a->model_info == NULL) return "model_info";
  if (a->input_desc == NULL) return "input_desc";
  if (a->output_desc == NULL) return "output_desc";
  if (a->state_desc == NULL) return "state_desc";
  if (a->workspace_create == NULL) return "workspace_create";
  if (a->workspace_destroy == NULL) return "workspace_destroy";
  if (a->workspace_error == NULL) return "workspace_error";
  if (a->state_init == NULL) return "state_init";
  if (a->evaluate == NULL) return "evaluate";
  return NULL;
}

ember_plugin *ember_plugin_open(const char *path, char *err, size_t err_size) {
  if (path == NULL || path[0] == '\0') {
    set_error(err, err_size, "plugin path is empty");
    return NULL;
  }
  void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (dl == NULL) {
    const char *why = dlerror();
    set_error(err, err_size, "cannot load closure plugin '%s': %s", path,
              why ? why : "unknown dlopen error");
    return NULL;
  }
  ember_closure_get_api_fn get_api = NULL;
  /* POSIX guarantees that a data pointer from dlsym converts to a function
     pointer; the memcpy keeps ISO C compilers quiet about it. */
  void *sym = dlsym(dl, EMBER_CLOSURE_ENTRY_POINT);
  memcpy(&get_api, &sym, sizeof get_api);
  const char *fail = NULL;
  const ember_closure_api *api = NULL;
  if (get_api == NULL) {
    fail = "missing";
    set_error(err, err_size,
              "'%s' is not an ember closure plugin: it does not export the symbol '%s'", path,
              EMBER_CLOSURE_ENTRY_POINT);
  } else if ((api = get_api(EMBER_CLOSURE_ABI_MAJOR)) == NULL) {
    fail = "null";
    set_error(err, err_size, "closure plugin '%s' returned no function table", path);
  } else if (api->abi_major != EMBER_CLOSURE_ABI_MAJOR) {
    fail = "major";
    set_error(err, err_size,
              "closure plugin '%s' implements ABI %u.%u but this host speaks ABI %u.%u; "
              "rebuild the plugin against a matching ember or use a matching host",
              path, api->abi_major, api->abi_minor, EMBER_CLOSURE_ABI_MAJOR,
              EMBER_CLOSURE_ABI_MINOR);
  } else if (api->struct_size < sizeof(ember_closure_api)) {
    fail = "size";
    set_error(err, err_size,
              "closure plugin '%s' has a function table of %u bytes, smaller than the %zu "
              "bytes of ABI %u.0",
              path, api->struct_size, sizeof(ember_closure_api), EMBER_CLOSURE_ABI_MAJOR);
  } else if ((fail = missing_entry(api)) != NULL) {
    set_error(err, err_size, "closure plugin '%s' leaves the table entry '%s' NULL", path, fail);
  }
  if (fail != NULL) {
    dlclose(dl);
    return NULL;
  }
  ember_plugin *p = (ember_plugin *)calloc(1, sizeof *p);
  char *copy = strdup(path);
  if (p == NULL || copy == NULL) {
    free(p);
    free(copy);
    dlclose(dl);
    set_error(err, err_size, "out of memory loading closure plugin '%s'", path);
    return NULL;
  }
  p->dl = dl;
  p->api = api;
  p->path = copy;
  return p;
}

const ember_closure_api *ember_plugin_api(const ember_plugin *plugin) {
  return plugin ? plugin->api : NULL;
}

const char *ember_plugin_path(const ember_plugin *plugin) { return plugin ? plugin->path : NULL; }

void ember_plugin_close(ember_plugin *plugin) {
  if (plugin == NULL) return;
  dlclose(plugin->dl);
  free(plugin->path);
  free(plugin);
}
