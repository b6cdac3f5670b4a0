/*
 * netfsm ESP-IDF stand-in: which ESP-IDF release the headers lay their types out for.
 *
 * Build with -DNETFSM_IDF_VERSION=501|502|503|504|505|600 (5.1 ... 6.0). Without it the
 * headers default to 505 (v5.5). Every other value is refused, because the struct layouts
 * differ between minor releases and a wrong guess would silently misplace fields.
 */
#ifndef NETFSM_IDF_VERSION_H
#define NETFSM_IDF_VERSION_H

#ifndef NETFSM_IDF_VERSION
#define NETFSM_IDF_VERSION 505
#endif

#if NETFSM_IDF_VERSION != 501 && NETFSM_IDF_VERSION != 502 && NETFSM_IDF_VERSION != 503 && \
    NETFSM_IDF_VERSION != 504 && NETFSM_IDF_VERSION != 505 && NETFSM_IDF_VERSION != 600
#error "NETFSM_IDF_VERSION must be one of 501, 502, 503, 504, 505, 600"
#endif

/* True when the headers describe release `v` (as 503 for 5.3) or a later one. */
#define NETFSM_IDF_AT_LEAST(v) (NETFSM_IDF_VERSION >= (v))

#endif
