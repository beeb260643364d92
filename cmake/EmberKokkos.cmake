# Finds Kokkos 3.4+ (or 4.x) and repairs the Debian/Trilinos package.
#
# Debian 12's libtrilinos-kokkos-dev (Kokkos 3.4.1 from Trilinos 13.2) exports
# Kokkos::kokkos with INTERFACE_INCLUDE_DIRECTORIES "/usr/lib/include", which
# does not exist (its headers are in /usr/include/trilinos), and CMake refuses
# to generate any target that links it. A user's own Kokkos, found through
# -DKokkos_ROOT=..., is used as it is.
find_package(Kokkos 3.4 REQUIRED)

if(TARGET Kokkos::kokkos)
  get_target_property(_ember_kk_inc Kokkos::kokkos INTERFACE_INCLUDE_DIRECTORIES)
  set(_ember_kk_fixed "")
  set(_ember_kk_repaired FALSE)
  foreach(_dir IN LISTS _ember_kk_inc)
    if(_dir MATCHES "^\\$<" OR EXISTS "${_dir}")
      list(APPEND _ember_kk_fixed "${_dir}")
    else()
      set(_ember_kk_repaired TRUE)
    endif()
  endforeach()
  if(_ember_kk_repaired)
    # Kokkos_INCLUDE_DIRS is right in the Trilinos-generated config.
    foreach(_dir IN LISTS Kokkos_INCLUDE_DIRS)
      get_filename_component(_dir "${_dir}" REALPATH)
      if(EXISTS "${_dir}/Kokkos_Core.hpp")
        list(APPEND _ember_kk_fixed "${_dir}")
      endif()
    endforeach()
    if(NOT _ember_kk_fixed)
      message(FATAL_ERROR
        "Kokkos::kokkos names include directories that do not exist (${_ember_kk_inc}) and "
        "Kokkos_INCLUDE_DIRS (${Kokkos_INCLUDE_DIRS}) holds no Kokkos_Core.hpp; "
        "point -DKokkos_ROOT at a working Kokkos install")
    endif()
    set_target_properties(Kokkos::kokkos PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_ember_kk_fixed}")
    message(STATUS "Kokkos: repaired include directories ${_ember_kk_inc} -> ${_ember_kk_fixed}")
  endif()
  # The Trilinos config also puts a bare -D flag among the link libraries.
  get_target_property(_ember_kk_libs Kokkos::kokkos INTERFACE_LINK_LIBRARIES)
  if(_ember_kk_libs MATCHES "-DKOKKOS_DEPENDENCE")
    list(REMOVE_ITEM _ember_kk_libs "-DKOKKOS_DEPENDENCE")
    set_target_properties(Kokkos::kokkos PROPERTIES INTERFACE_LINK_LIBRARIES "${_ember_kk_libs}")
  endif()
endif()
message(STATUS "Kokkos ${Kokkos_VERSION}, devices: ${Kokkos_DEVICES}")
