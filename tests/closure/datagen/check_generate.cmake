# ember-datagen end to end on the tiny preset (ctest runs this with cmake -P):
#  1. generate on 2 ranks into WORK; every run computed;
#  2. CHECK reads every run back;
#  3. generate again: every run skipped, no run file rewritten (same SHA-256:
#     a recomputed run would differ at least in its wall_seconds);
#  4. summary of a merged file.
# Inputs: MPIEXEC, EXE (ember-datagen), CHECK (check_tiny_dataset), WORK.
file(REMOVE_RECURSE ${WORK})

function(generate expect)
  execute_process(
    COMMAND ${MPIEXEC} -n 2 --oversubscribe ${EXE} generate --preset tiny --set all --out ${WORK}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message(STATUS "ember-datagen generate:\n${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "generate exited with ${rc}")
  endif()
  if(NOT out MATCHES "${expect}")
    message(FATAL_ERROR "generate did not print '${expect}'")
  endif()
endfunction()

generate("6 computed, 0 skipped, 0 failed")

execute_process(COMMAND ${CHECK} ${WORK} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "check_tiny_dataset:\n${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_tiny_dataset failed")
endif()

file(GLOB run_files ${WORK}/runs/*.h5)
list(LENGTH run_files n)
if(NOT n EQUAL 6)
  message(FATAL_ERROR "${n} run files in ${WORK}/runs, expected 6")
endif()
function(hashes out)
  set(list "")
  foreach(f IN LISTS run_files)
    file(SHA256 ${f} h)
    list(APPEND list "${f}:${h}")
  endforeach()
  set(${out} "${list}" PARENT_SCOPE)
endfunction()
hashes(before)

generate("0 computed, 6 skipped, 0 failed")
hashes(after)
if(NOT before STREQUAL after)
  message(FATAL_ERROR "the second generate rewrote run files:\n${before}\n${after}")
endif()

execute_process(COMMAND ${EXE} summary ${WORK}/micro.h5
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "ember-datagen summary:\n${out}${err}")
if(NOT rc EQUAL 0 OR NOT out MATCHES "schema_version 1" OR NOT out MATCHES "micro_0003")
  message(FATAL_ERROR "summary failed")
endif()
