# cmake -DNM=... -DPLUGIN=... -P check_exports.cmake
# A plugin must export exactly one symbol: the ABI entry point.
execute_process(COMMAND ${NM} -D --defined-only ${PLUGIN}
  OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} failed on ${PLUGIN}")
endif()
string(REGEX MATCHALL "[0-9a-f]+ [A-Za-z] [^\n]+" symbols "${out}")
list(LENGTH symbols n)
if(NOT n EQUAL 1 OR NOT symbols MATCHES " T ember_closure_get_api$")
  message(FATAL_ERROR "${PLUGIN} exports ${n} symbols, expected only ember_closure_get_api:\n${out}")
endif()
message(STATUS "${PLUGIN}: ${symbols}")
