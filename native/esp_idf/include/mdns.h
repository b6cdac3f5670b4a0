/*
 * netfsm ESP-IDF stand-in: the host-name part of the mdns component (espressif/mdns from
 * esp-protocols, a managed component since ESP-IDF 5.0; names, signatures and codes as its
 * include/mdns.h and mdns_service.c / mdns_responder.c have them). Only what netfsm calls:
 * no services, queries, browsing or delegated hosts.
 */
#ifndef NETFSM_MDNS_H
#define NETFSM_MDNS_H

#include "esp_err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The longest host name mdns_hostname_set takes (64; 68 only with IPv6 reverse queries on). */
#define MDNS_NAME_MAX_LEN 64
#define MDNS_NAME_BUF_LEN (MDNS_NAME_MAX_LEN + 1)

/*
 * Starts the responder: registers its handlers for WIFI_EVENT and IP_EVENT on the default loop
 * (ESP_ERR_INVALID_STATE without one) and enables every default interface that has an IPv4
 * address already. ESP_OK, doing nothing, when it runs already. Like any registration it waits
 * while the event loop is calling a handler.
 */
esp_err_t mdns_init(void);

/* Stops the responder and forgets its host name; nothing when it does not run. Waits, as
 * unregistering does, while the event loop is calling a handler. */
void mdns_free(void);

/* ESP_ERR_INVALID_ARG before mdns_init, for NULL or "", or over MDNS_NAME_MAX_LEN bytes. */
esp_err_t mdns_hostname_set(const char *hostname);

/* Copies the host name into `hostname` (MDNS_NAME_BUF_LEN bytes). ESP_ERR_INVALID_ARG for
 * NULL; ESP_ERR_INVALID_STATE before mdns_init or before a name was set. */
esp_err_t mdns_hostname_get(char *hostname);

#ifdef __cplusplus
}
#endif

#endif
