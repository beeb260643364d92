# ember_add_plugin(<name> SOURCES ... [LIBRARIES ...])
#
# Builds a closure plugin as a loadable module that exports exactly one
# symbol, the ABI entry point: everything else is hidden by -fvisibility and,
# for code pulled in from static libraries, by a linker version script.
set(EMBER_PLUGIN_VERSION_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/ember_plugin.map)

function(ember_add_plugin name)
  cmake_parse_arguments(P "" "" "SOURCES;LIBRARIES" ${ARGN})
  add_library(${name} MODULE ${P_SOURCES})
  target_link_libraries(${name} PRIVATE ember_plugin_kit ${P_LIBRARIES})
  target_compile_definitions(${name} PRIVATE EMBER_PLUGIN_VERSION="${PROJECT_VERSION}")
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${EMBER_PLUGIN_DIR}
    LINK_DEPENDS ${EMBER_PLUGIN_VERSION_SCRIPT})
  target_link_options(${name} PRIVATE
    -Wl,--version-script=${EMBER_PLUGIN_VERSION_SCRIPT} -Wl,--no-undefined)
  ember_warnings(${name})
endfunction()
