/* netfsm ESP-IDF stand-in: the release these headers describe, as ESP-IDF's macros name it. */
#ifndef NETFSM_ESP_IDF_VERSION_H
#define NETFSM_ESP_IDF_VERSION_H

#include "netfsm_idf_version.h"

#define ESP_IDF_VERSION_MAJOR (NETFSM_IDF_VERSION / 100)
#define ESP_IDF_VERSION_MINOR (NETFSM_IDF_VERSION % 100)
#define ESP_IDF_VERSION_PATCH 0
#define ESP_IDF_VERSION_VAL(major, minor, patch) (((major) << 16) | ((minor) << 8) | (patch))
#define ESP_IDF_VERSION \
    ESP_IDF_VERSION_VAL(ESP_IDF_VERSION_MAJOR, ESP_IDF_VERSION_MINOR, ESP_IDF_VERSION_PATCH)

#endif
