# ember_warnings(<target>): the warning set every ember target builds with.
function(ember_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:C,CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion
      -Wno-sign-conversion>
    $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor -Wold-style-cast>
    $<$<COMPILE_LANGUAGE:Fortran>:-Wall -std=f2008>)
endfunction()
