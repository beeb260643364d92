# EMBER_CODE_VERSION: the project version plus the git commit it was built
# from, recorded in every plugin so a result names the code that made it.
set(EMBER_CODE_VERSION "${PROJECT_VERSION}")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
  execute_process(
    COMMAND ${GIT_EXECUTABLE} describe --always --dirty --abbrev=12
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    OUTPUT_VARIABLE _ember_git OUTPUT_STRIP_TRAILING_WHITESPACE
    ERROR_QUIET RESULT_VARIABLE _ember_git_rc)
  if(_ember_git_rc EQUAL 0 AND _ember_git)
    set(EMBER_CODE_VERSION "${PROJECT_VERSION}+g${_ember_git}")
  endif()
endif()
message(STATUS "ember code version: ${EMBER_CODE_VERSION}")
