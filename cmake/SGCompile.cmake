# Compiling models with sgc at build time. Used by this project (with the
# sgc and runtime built here) and installed as part of the sgc CMake package
# (lib/cmake/sgc, where sgcConfig.cmake points SG_SGC and SG_MODEL_DEPENDS
# at the installed sgc).

# The sgc to run, and what every compiled model depends on besides its
# source (sgc and the runtime archive it links in).
if(NOT DEFINED SG_SGC)
  set(SG_SGC sgc)
endif()
if(NOT DEFINED SG_MODEL_DEPENDS)
  set(SG_MODEL_DEPENDS sgc sg_runtime)
endif()

# sg_compile_model(<output.so> MODEL <model.mlir> [HEADER <output.h>]
#                  [ARGS <sgc flags>...])
#
# Compiles a model with sgc at build time, whenever sgc, the runtime or the
# model change.
function(sg_compile_model output)
  cmake_parse_arguments(ARG "" "MODEL;HEADER" "ARGS" ${ARGN})
  set(outputs ${output})
  set(header_command)
  if(ARG_HEADER)
    list(APPEND outputs ${ARG_HEADER})
    set(header_command COMMAND ${SG_SGC} ${ARG_MODEL} ${ARG_ARGS}
                               --emit=header -o ${ARG_HEADER})
  endif()
  get_filename_component(name ${output} NAME)
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${SG_SGC} ${ARG_MODEL} ${ARG_ARGS} -o ${output}
    ${header_command}
    DEPENDS ${SG_MODEL_DEPENDS} ${ARG_MODEL}
    COMMENT "sgc ${name}")
endfunction()

# sg_compile_variants(<target> MODEL <model.mlir> PREFIX <lib name prefix>
#                     VARIANTS "<name> <sgc flag>..." ...)
#
# Compiles one model once per variant into
# ${CMAKE_CURRENT_BINARY_DIR}/<prefix>_<name>.so, and adds the custom target
# <target> that builds them all.
function(sg_compile_variants target)
  cmake_parse_arguments(ARG "" "MODEL;PREFIX" "VARIANTS" ${ARGN})
  set(libs)
  foreach(variant ${ARG_VARIANTS})
    separate_arguments(args UNIX_COMMAND "${variant}")
    list(POP_FRONT args name)
    set(lib ${CMAKE_CURRENT_BINARY_DIR}/${ARG_PREFIX}_${name}.so)
    sg_compile_model(${lib} MODEL ${ARG_MODEL} ARGS ${args})
    list(APPEND libs ${lib})
  endforeach()
  add_custom_target(${target} DEPENDS ${libs})
endfunction()

# sgc_add_model(<target> <model.mlir> [<sgc flags>...])
#
# Compiles the model at build time into lib<target>.so and <target>.h (in
# ${CMAKE_CURRENT_BINARY_DIR}/<target>) and adds the library target
# <target>: linking it gives a program the compiled functions and puts the
# generated header on its include path (#include "<target>.h"). The flags
# are sgc's, e.g. --batch-size=16 --checked.
function(sgc_add_model target model)
  get_filename_component(model ${model} ABSOLUTE)
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/${target})
  set(lib ${dir}/lib${target}.so)
  set(header ${dir}/${target}.h)
  file(MAKE_DIRECTORY ${dir})
  sg_compile_model(${lib} MODEL ${model} HEADER ${header}
                   ARGS ${ARGN})
  add_custom_target(${target}_sgc DEPENDS ${lib} ${header})
  # sgc links no soname into the library: CMake then links it as
  # -L<dir> -l<target> and puts <dir> on the program's build rpath.
  add_library(${target} SHARED IMPORTED GLOBAL)
  set_target_properties(${target} PROPERTIES
    IMPORTED_LOCATION ${lib}
    IMPORTED_NO_SONAME ON
    INTERFACE_INCLUDE_DIRECTORIES ${dir})
  add_dependencies(${target} ${target}_sgc)
endfunction()
