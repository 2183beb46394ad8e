// Shim for GLPK 5.0: Debian's libglpk-dev puts glpk.h in the system include folder
// and ships no pkg-config file, so the module map links `glpk` by name.
#ifndef TOBAN_CGLPK_SHIM_H
#define TOBAN_CGLPK_SHIM_H
#include <glpk.h>
#endif
