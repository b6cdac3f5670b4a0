/* netfsm ESP-IDF stand-in: 5.1/5.2 keep the WiFi types here, 5.3 on in _generic.h. */
#ifndef NETFSM_ESP_WIFI_TYPES_H
#define NETFSM_ESP_WIFI_TYPES_H
#include "esp_wifi_types_generic.h"
#endif
