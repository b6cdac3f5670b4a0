/*
 * netfsm ESP-IDF stand-in: compiles the headers and their layout assertions, nothing else.
 * test/run.sh builds it with `gcc -m32 -ffreestanding -fsyntax-only` for every release, which
 * checks the 32-bit (ESP32-like ILP32) offsets without a 32-bit C library.
 */
#include "netfsm_layout_asserts.h"

int netfsm_layout_check_unit;
