/* netfsm ESP-IDF stand-in: error type and the generic codes (values as ESP-IDF defines them). */
#ifndef NETFSM_ESP_ERR_H
#define NETFSM_ESP_ERR_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int esp_err_t;

#define ESP_OK 0
#define ESP_FAIL (-1)
#define ESP_ERR_NO_MEM 0x101
#define ESP_ERR_INVALID_ARG 0x102
#define ESP_ERR_INVALID_STATE 0x103
#define ESP_ERR_INVALID_SIZE 0x104
#define ESP_ERR_NOT_FOUND 0x105
#define ESP_ERR_NOT_SUPPORTED 0x106
#define ESP_ERR_TIMEOUT 0x107

#define ESP_ERR_WIFI_BASE 0x3000

/* The code's name ("ESP_ERR_WIFI_NOT_INIT"), or "UNKNOWN ERROR" for a code the stand-in lacks. */
const char *esp_err_to_name(esp_err_t code);

#ifdef __cplusplus
}
#endif

#endif
