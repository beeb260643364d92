/*
 * Host-side loader for ember closure plugins.
 *
 * Opens a plugin with dlopen(RTLD_NOW | RTLD_LOCAL), so that a plugin's own
 * dependencies (LibTorch, say) never leak into the host's symbol space, finds
 * its one entry point, and refuses it with a message naming the file when the
 * ABI major version differs, the table is too small or an entry is missing.
 */
#ifndef EMBER_PLUGIN_LOADER_H
#define EMBER_PLUGIN_LOADER_H

#include "ember/closure_abi.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ember_plugin ember_plugin;

/* Opens the plugin at path. On success returns the handle. On failure returns
   NULL and, when err is non-NULL, writes a NUL-terminated message of at most
   err_size bytes. */
ember_plugin *ember_plugin_open(const char *path, char *err, size_t err_size);

/* The plugin's function table; valid until ember_plugin_close. */
const ember_closure_api *ember_plugin_api(const ember_plugin *plugin);

/* The path the plugin was opened from. */
const char *ember_plugin_path(const ember_plugin *plugin);

/* Closes the plugin. Every model and workspace made from it must have been
   destroyed first. NULL is a no-op. */
void ember_plugin_close(ember_plugin *plugin);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* EMBER_PLUGIN_LOADER_H */
