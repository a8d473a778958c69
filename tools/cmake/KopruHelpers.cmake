# Warnings and sanitizer flags shared by every Kopru target.
add_library(kopru_flags INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(kopru_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                               -Wnon-virtual-dtor -Wimplicit-fallthrough
                                               # Aggregates with default member initialisers
                                               # are meant to be partly initialised.
                                               -Wno-missing-field-initializers)
  if(KOPRU_WERROR)
    target_compile_options(kopru_flags INTERFACE -Werror)
  endif()
endif()
if(KOPRU_SANITIZE)
  set(_kopru_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_compile_options(${_kopru_san})
  add_link_options(${_kopru_san})
endif()
if(KOPRU_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "KOPRU_FUZZ needs clang (libFuzzer)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# kopru_library(name SOURCES ... LIBS ...): a static library with Kopru's flags.
function(kopru_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}")
  target_link_libraries(${name} PUBLIC ${ARG_LIBS} PRIVATE kopru_flags)
endfunction()

# kopru_add_test(name SOURCES ... LIBS ... LABELS ...): one GoogleTest binary, its cases
# discovered into CTest with the given labels.
function(kopru_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} kopru_test_support GTest::gtest_main kopru_flags)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name} WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
                       PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
endfunction()
