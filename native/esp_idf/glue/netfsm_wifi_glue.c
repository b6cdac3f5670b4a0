/*
 * netfsm: the line of C a binding needs at ESP-IDF's call site. WIFI_INIT_CONFIG_DEFAULT() is
 * a macro over link-time globals and Kconfig values, so a foreign-function binding cannot
 * build the struct itself: compile this file into the firmware (against the real ESP-IDF
 * headers, unchanged) or into the stand-in library, and call netfsm_wifi_init_default()
 * instead of esp_wifi_init().
 */
#include "esp_err.h"
#include "esp_wifi.h"

esp_err_t netfsm_wifi_init_default(void);

esp_err_t netfsm_wifi_init_default(void) {
    wifi_init_config_t cfg = WIFI_INIT_CONFIG_DEFAULT();
    return esp_wifi_init(&cfg);
}
