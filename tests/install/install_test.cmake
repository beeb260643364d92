# cmake -DBUILD_DIR=... -DWORK_DIR=... -DSOURCE_DIR=... -P install_test.cmake
# Installs the build into a scratch prefix, runs the installed conformance
# checker on the installed plugin (its libraries found through its RPATH),
# then configures, builds and runs a separate project that finds the install
# with find_package(ember).
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
foreach(step
    "${CMAKE_COMMAND};--install;${BUILD_DIR};--prefix;${prefix}"
    "${prefix}/bin/ember-plugin-check;${prefix}/lib/ember/plugins/libember_ignition_growth.so;${prefix}/share/ember/inputs/closure/pbx9501_ignition_growth.toml"
    "${CMAKE_COMMAND};-S;${SOURCE_DIR};-B;${WORK_DIR}/build;-DCMAKE_PREFIX_PATH=${prefix}"
    "${CMAKE_COMMAND};--build;${WORK_DIR}/build"
    "${WORK_DIR}/build/consumer")
  execute_process(COMMAND ${step} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "step failed (${rc}): ${step}\n${out}\n${err}")
  endif()
endforeach()
message(STATUS "${out}")
