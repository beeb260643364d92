# Installs the ABI headers, the loader, the checker, the plugins and their
# model files, and exports a package so another code can
#   find_package(ember) ; target_link_libraries(app ember::plugin_loader)
include(CMakePackageConfigHelpers)

set(EMBER_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/ember)
set(EMBER_INSTALL_PLUGINDIR ${CMAKE_INSTALL_LIBDIR}/ember/plugins)
set(EMBER_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/ember)

install(DIRECTORY plugin_api/include/ember DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS ember_closure_abi ember_plugin_loader EXPORT emberTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
set_target_properties(ember_closure_abi PROPERTIES EXPORT_NAME closure_abi)
install(TARGETS ember-plugin-check RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET hydro_mini)
  # The plugins are found beside the programs: <bindir>/../<libdir>/ember/plugins.
  install(TARGETS hydro_mini hydro_mini_pop_plot RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(TARGETS ember_ignition_growth LIBRARY DESTINATION ${EMBER_INSTALL_PLUGINDIR})
install(DIRECTORY inputs/ DESTINATION ${EMBER_INSTALL_DATADIR}/inputs)
# Fortran modules are compiler-specific, so the binding ships as source.
install(FILES plugin_api/fortran/ember_closure.f90 DESTINATION ${EMBER_INSTALL_DATADIR}/fortran)
install(FILES plugin_api/abi/closure_abi_1.0.layout DESTINATION ${EMBER_INSTALL_DATADIR}/abi)

install(EXPORT emberTargets NAMESPACE ember:: DESTINATION ${EMBER_INSTALL_CMAKEDIR})
configure_package_config_file(cmake/emberConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/emberConfig.cmake
  INSTALL_DESTINATION ${EMBER_INSTALL_CMAKEDIR}
  PATH_VARS EMBER_INSTALL_PLUGINDIR EMBER_INSTALL_DATADIR)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/emberConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/emberConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/emberConfigVersion.cmake
  DESTINATION ${EMBER_INSTALL_CMAKEDIR})
