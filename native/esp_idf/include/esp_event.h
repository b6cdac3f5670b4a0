/* netfsm ESP-IDF stand-in: the default event loop (one dispatch thread, as ESP-IDF's task). */
#ifndef NETFSM_ESP_EVENT_H
#define NETFSM_ESP_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "esp_err.h"
#include "esp_event_base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ESP_OK; ESP_ERR_INVALID_STATE when the default loop already exists. */
esp_err_t esp_event_loop_create_default(void);
/*
 * ESP_OK; ESP_ERR_INVALID_STATE when there is no default loop. Drops every handler and every
 * queued event, then waits until no handler is running (see unregister).
 */
esp_err_t esp_event_loop_delete_default(void);

/*
 * Registers `event_handler` for (event_base, event_id). event_base ESP_EVENT_ANY_BASE (NULL)
 * needs event_id ESP_EVENT_ANY_ID. `instance` may be NULL (the handler then cannot be removed).
 * ESP_ERR_INVALID_STATE without a default loop; ESP_ERR_INVALID_ARG for a NULL handler or
 * ANY_BASE with a specific id.
 */
esp_err_t esp_event_handler_instance_register(esp_event_base_t event_base, int32_t event_id,
                                              esp_event_handler_t event_handler,
                                              void *event_handler_arg,
                                              esp_event_handler_instance_t *instance);
/*
 * ESP_ERR_INVALID_ARG for a NULL instance; ESP_ERR_NOT_FOUND when base/id/instance do not match.
 * As in ESP-IDF, it returns only once that handler is not running, so the handler's memory (a
 * host callback) may be freed afterwards. Called on the event thread (a handler removing itself
 * or another) it does not wait. A host whose handlers run on its own thread (a JavaScript
 * callback) must therefore not call it synchronously from that thread while the handler may be
 * running: call it from another thread (Deno: a `nonblocking` symbol).
 */
esp_err_t esp_event_handler_instance_unregister(esp_event_base_t event_base, int32_t event_id,
                                                esp_event_handler_instance_t instance);

#ifdef __cplusplus
}
#endif

#endif
