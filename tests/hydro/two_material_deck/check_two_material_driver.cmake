# cmake -DMPIEXEC=... -DEXE=... -DDECK=... -DWORK=... -P check_two_material_driver.cmake
# hydro_mini runs the shipped single-void deck, shrunk by command-line
# overrides, on 2 ranks: snapshots, XDMF, series and history are written and
# each snapshot's hotspot metrics are printed. --restart is refused.
file(REMOVE_RECURSE ${WORK})
set(ENV{OMPI_ALLOW_RUN_AS_ROOT} 1)
set(ENV{OMPI_ALLOW_RUN_AS_ROOT_CONFIRM} 1)
execute_process(COMMAND ${MPIEXEC} -n 2 --oversubscribe ${EXE} ${DECK}
                        mesh.nx=32 mesh.ny=24 microstructure.void.0.x=1e-6
                        microstructure.void.0.y=0.75e-6 microstructure.void.0.diameter=0.7e-6
                        time.t_end=1.2e-10 output.snapshot_interval=6e-11 output.dir=${WORK}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "hydro_mini failed (${rc})")
endif()
set(stem ${WORK}/void_collapse_hmx)
foreach(f .00000.h5 .00000.xdmf .00002.h5 .00002.xdmf .xdmf .hst)
  if(NOT EXISTS ${stem}${f})
    message(FATAL_ERROR "missing output void_collapse_hmx${f}")
  endif()
endforeach()
file(STRINGS ${stem}.hst history)
list(LENGTH history lines)
if(NOT lines EQUAL 4)
  message(FATAL_ERROR "the history has ${lines} lines, not a header and 3 snapshots")
endif()
if(NOT out MATCHES "snapshot +2 +t 1.2000e-10 .*A_hs .*T_hs .*reacted" OR NOT out MATCHES "done")
  message(FATAL_ERROR "no hotspot metrics per snapshot, or no final report")
endif()

execute_process(COMMAND ${EXE} ${DECK} --restart ${stem}.00000.h5 output.dir=${WORK}/restart
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "cannot --restart")
  message(FATAL_ERROR "--restart of a two-material deck was not refused:\n${out}${err}")
endif()
file(REMOVE_RECURSE ${WORK})
