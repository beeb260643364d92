# cmake -DCHECK=... -DPLUGIN=... -DMODEL=... -DEXPECT=<regex> -P expect_check_failure.cmake
# ember-plugin-check must reject PLUGIN: exit 1, say "NOT conforming", and
# print a FAIL line matching EXPECT.
execute_process(COMMAND ${CHECK} ${PLUGIN} ${MODEL}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message(STATUS "ember-plugin-check output:\n${out}${err}")
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "expected exit code 1, got ${rc}")
endif()
if(NOT out MATCHES "NOT conforming")
  message(FATAL_ERROR "no 'NOT conforming' verdict")
endif()
if(NOT out MATCHES "${EXPECT}")
  message(FATAL_ERROR "no line matching: ${EXPECT}")
endif()
