/*
 * netfsm ESP-IDF stand-in: the two library threads, the event queue, the timers, the default
 * event loop's API, and esp_err_to_name.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim_internal.h"

sim_t sim;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_t wifi_thread, event_thread;
static bool threads_started;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static struct timespec to_timespec(uint64_t ns) {
    struct timespec ts;
    ts.tv_sec = (time_t)(ns / 1000000000u);
    ts.tv_nsec = (long)(ns % 1000000000u);
    return ts;
}

void sim_lock(void) { pthread_mutex_lock(&sim.lock); }
void sim_unlock(void) { pthread_mutex_unlock(&sim.lock); }

/* ---------------------------------------------------------------- event delivery ---- */

static sim_handler_t *find_handler(uint64_t id) {
    for (size_t i = 0; i < sim.nhandlers; i++) {
        if (sim.handlers[i].id == id) return &sim.handlers[i];
    }
    return NULL;
}

/*
 * Calls every handler registered for (base, id), ESP-IDF's order: handlers for any base
 * first, then those for any id of `base`, then those for exactly (base, id); each group in
 * registration order. Called and returns with the lock held, but releases it around every
 * handler call. A handler unregistered meanwhile (or a reset) is skipped.
 */
static void deliver(uint64_t gen, esp_event_base_t base, int32_t id, void *data) {
    size_t n = 0, count = sim.nhandlers;
    if (count == 0) return;
    uint64_t *ids = malloc(count * sizeof *ids);
    if (ids == NULL) return;
    for (int level = 0; level < 3; level++) {
        for (size_t i = 0; i < count; i++) {
            const sim_handler_t *h = &sim.handlers[i];
            bool match = level == 0   ? h->base == NULL
                         : level == 1 ? h->base == base && h->event_id == ESP_EVENT_ANY_ID
                                      : h->base == base && h->event_id == id;
            if (match) ids[n++] = h->id;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (sim.gen != gen || sim.quit || !sim.loop_created) break;
        const sim_handler_t *h = find_handler(ids[i]);
        if (h == NULL) continue;
        esp_event_handler_t fn = h->fn;
        void *arg = h->arg;
        sim.calling = ids[i];
        sim_unlock();
        fn(arg, base, id, data);
        sim_lock();
        sim.calling = 0;
        pthread_cond_broadcast(&sim.call_cv);
    }
    free(ids);
}

void sim_wait_not_calling(uint64_t id) {
    if (threads_started && pthread_equal(pthread_self(), event_thread)) return;
    while (!sim.quit && sim.calling != 0 && (id == 0 || sim.calling == id)) {
        pthread_cond_wait(&sim.call_cv, &sim.lock);
    }
}

static void *event_task(void *unused) {
    (void)unused;
    sim_lock();
    for (;;) {
        while (!sim.quit && sim.qhead == NULL) pthread_cond_wait(&sim.event_cv, &sim.lock);
        if (sim.quit) break;
        sim_item_t *it = sim.qhead;
        sim.qhead = it->next;
        if (sim.qhead == NULL) sim.qtail = NULL;
        sim.qlen--;
        sim.dispatching = true;
        if (it->gen == sim.gen) {
            if (it->kind == ITEM_EVENT) {
                sim.n_delivered++;
                deliver(it->gen, it->base, it->id, it->len ? it->data : NULL);
            } else if (it->kind == ITEM_SNTP) {
                if (sim.sntp_inited && sim.sntp_cb == it->sntp_cb) {
                    struct timeval tv;
                    tv.tv_sec = (time_t)it->sntp_sec;
                    tv.tv_usec = 0;
                    esp_sntp_time_cb_t cb = it->sntp_cb;
                    sim.calling = SIM_CALLING_SNTP;
                    sim_unlock();
                    cb(&tv);
                    sim_lock();
                    sim.calling = 0;
                    pthread_cond_broadcast(&sim.call_cv);
                }
            } else if (it->kind == ITEM_STORM) {
                for (uint64_t i = 0; i < it->storm_count; i++) {
                    if (sim.gen != it->gen || sim.quit || !sim.loop_created) break;
                    wifi_event_ap_staconnected_t ev;
                    memset(&ev, 0, sizeof ev);
                    ev.mac[0] = 0x02;
                    ev.mac[1] = 0x00;
                    ev.mac[2] = (uint8_t)(i >> 24);
                    ev.mac[3] = (uint8_t)(i >> 16);
                    ev.mac[4] = (uint8_t)(i >> 8);
                    ev.mac[5] = (uint8_t)i;
                    ev.aid = (uint8_t)i;
                    ev.is_mesh_child = false;
                    sim.n_posted++;
                    sim.n_delivered++;
                    deliver(it->gen, WIFI_EVENT, WIFI_EVENT_AP_STACONNECTED, &ev);
                }
            }
        }
        free(it);
        sim.dispatching = false;
    }
    sim_unlock();
    return NULL;
}

static void enqueue(sim_item_t *it) {
    it->gen = sim.gen;
    it->next = NULL;
    if (sim.qtail) {
        sim.qtail->next = it;
    } else {
        sim.qhead = it;
    }
    sim.qtail = it;
    sim.qlen++;
    pthread_cond_signal(&sim.event_cv);
}

void sim_post(esp_event_base_t base, int32_t id, const void *data, size_t len) {
    if (!sim.loop_created || len > SIM_PAYLOAD_MAX) {
        sim.n_dropped++;
        return;
    }
    sim_item_t *it = calloc(1, sizeof *it);
    if (it == NULL) {
        sim.n_dropped++;
        return;
    }
    it->kind = ITEM_EVENT;
    it->base = base;
    it->id = id;
    it->len = len;
    if (len) memcpy(it->data, data, len);
    sim.n_posted++;
    enqueue(it);
}

void sim_post_sntp(esp_sntp_time_cb_t cb, int64_t sec) {
    sim_item_t *it = calloc(1, sizeof *it);
    if (it == NULL) return;
    it->kind = ITEM_SNTP;
    it->sntp_cb = cb;
    it->sntp_sec = sec;
    enqueue(it);
}

void sim_post_storm(uint64_t count) {
    if (!sim.loop_created) {
        sim.n_dropped += count;
        return;
    }
    sim_item_t *it = calloc(1, sizeof *it);
    if (it == NULL) return;
    it->kind = ITEM_STORM;
    it->storm_count = count;
    enqueue(it);
}

void sim_clear_queue(void) {
    while (sim.qhead) {
        sim_item_t *next = sim.qhead->next;
        free(sim.qhead);
        sim.qhead = next;
    }
    sim.qtail = NULL;
    sim.qlen = 0;
}

/* ---------------------------------------------------------------------- timers ---- */

void sim_timer_add(sim_timer_kind_t kind, int64_t delay_ms, const uint8_t *mac) {
    if (delay_ms < 0) return;
    sim_timer_t *t = calloc(1, sizeof *t);
    if (t == NULL) return;
    t->kind = kind;
    t->due_ns = now_ns() + (uint64_t)delay_ms * 1000000u;
    t->seq = ++sim.timer_seq;
    if (mac) memcpy(t->mac, mac, 6);
    sim_timer_t **at = &sim.timers;
    while (*at && (*at)->due_ns <= t->due_ns) at = &(*at)->next;
    t->next = *at;
    *at = t;
    pthread_cond_signal(&sim.timer_cv);
}

void sim_timer_cancel(sim_timer_kind_t kind, const uint8_t *mac) {
    sim_timer_t **at = &sim.timers;
    while (*at) {
        sim_timer_t *t = *at;
        if (t->kind == kind && (mac == NULL || memcmp(t->mac, mac, 6) == 0)) {
            *at = t->next;
            free(t);
        } else {
            at = &t->next;
        }
    }
}

bool sim_timer_pending(sim_timer_kind_t kind) {
    for (sim_timer_t *t = sim.timers; t; t = t->next) {
        if (t->kind == kind) return true;
    }
    return false;
}

size_t sim_timer_count(void) {
    size_t n = 0;
    for (sim_timer_t *t = sim.timers; t; t = t->next) n++;
    return n;
}

void sim_clear_timers(void) {
    while (sim.timers) {
        sim_timer_t *next = sim.timers->next;
        free(sim.timers);
        sim.timers = next;
    }
}

static void *wifi_task(void *unused) {
    (void)unused;
    sim_lock();
    while (!sim.quit) {
        if (sim.timers == NULL) {
            pthread_cond_wait(&sim.timer_cv, &sim.lock);
            continue;
        }
        if (sim.timers->due_ns <= now_ns()) {
            sim_timer_t *t = sim.timers;
            sim.timers = t->next;
            sim_wifi_timer(t->kind, t->mac);
            free(t);
            continue;
        }
        struct timespec ts = to_timespec(sim.timers->due_ns);
        pthread_cond_timedwait(&sim.timer_cv, &sim.lock, &ts);
    }
    sim_unlock();
    return NULL;
}

/* ------------------------------------------------------------ start and unload ---- */

static void start_once(void) {
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutex_init(&sim.lock, &ma);
    pthread_mutexattr_destroy(&ma);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&sim.timer_cv, &ca);
    pthread_cond_init(&sim.event_cv, &ca);
    pthread_cond_init(&sim.scan_cv, &ca);
    pthread_cond_init(&sim.call_cv, &ca);
    pthread_condattr_destroy(&ca);
    sim_settings_default(&sim.set);
    sim_wifi_reset_state();
    sim_netif_reset_state();
    if (pthread_create(&wifi_thread, NULL, wifi_task, NULL) != 0) abort();
    if (pthread_create(&event_thread, NULL, event_task, NULL) != 0) abort();
    threads_started = true;
}

void sim_ensure(void) { pthread_once(&once, start_once); }

/*
 * At unload (dlclose, or process exit): stop both threads, waiting up to a second each. A
 * handler still running then (a host callback that never returns) keeps its thread; close the
 * library only when netfsm_sim_pending() is 0 and no handler can run.
 */
__attribute__((destructor)) static void sim_unload(void) {
    if (!threads_started) return;
    sim_lock();
    sim.quit = true;
    pthread_cond_broadcast(&sim.timer_cv);
    pthread_cond_broadcast(&sim.event_cv);
    pthread_cond_broadcast(&sim.scan_cv);
    pthread_cond_broadcast(&sim.call_cv);
    sim_unlock();
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 1;
    bool joined_wifi = pthread_timedjoin_np(wifi_thread, NULL, &until) == 0;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 1;
    bool joined_event = pthread_timedjoin_np(event_thread, NULL, &until) == 0;
    if (!joined_wifi || !joined_event) return; /* leave everything in place for them */
    threads_started = false;
    sim_clear_queue();
    sim_clear_timers();
    free(sim.handlers);
    sim.handlers = NULL;
    sim.nhandlers = sim.caphandlers = 0;
    sim_free_reports();
    sim_free_layouts();
}

/* ------------------------------------------------------------- esp_event API ---- */

esp_err_t esp_event_loop_create_default(void) {
    sim_ensure();
    sim_lock();
    esp_err_t r = ESP_OK;
    if (sim.loop_created) {
        r = ESP_ERR_INVALID_STATE;
    } else {
        sim.loop_created = true;
    }
    sim_unlock();
    return r;
}

esp_err_t esp_event_loop_delete_default(void) {
    sim_ensure();
    sim_lock();
    esp_err_t r = ESP_OK;
    if (!sim.loop_created) {
        r = ESP_ERR_INVALID_STATE;
    } else {
        sim.loop_created = false;
        sim.nhandlers = 0;
        sim_clear_queue();
        sim_wait_not_calling(0);
    }
    sim_unlock();
    return r;
}

esp_err_t esp_event_handler_instance_register(esp_event_base_t event_base, int32_t event_id,
                                              esp_event_handler_t event_handler,
                                              void *event_handler_arg,
                                              esp_event_handler_instance_t *instance) {
    sim_ensure();
    sim_lock();
    esp_err_t r = ESP_OK;
    if (!sim.loop_created) {
        r = ESP_ERR_INVALID_STATE;
    } else if (event_handler == NULL || (event_base == NULL && event_id != ESP_EVENT_ANY_ID)) {
        r = ESP_ERR_INVALID_ARG;
    } else {
        if (sim.nhandlers == sim.caphandlers) {
            size_t cap = sim.caphandlers ? sim.caphandlers * 2 : 16;
            sim_handler_t *grown = realloc(sim.handlers, cap * sizeof *grown);
            if (grown == NULL) {
                sim_unlock();
                return ESP_ERR_NO_MEM;
            }
            sim.handlers = grown;
            sim.caphandlers = cap;
        }
        sim_handler_t *h = &sim.handlers[sim.nhandlers++];
        h->id = ++sim.next_handler_id;
        h->base = event_base;
        h->event_id = event_id;
        h->fn = event_handler;
        h->arg = event_handler_arg;
        if (instance) *instance = (esp_event_handler_instance_t)(uintptr_t)h->id;
    }
    sim_unlock();
    return r;
}

esp_err_t esp_event_handler_instance_unregister(esp_event_base_t event_base, int32_t event_id,
                                                esp_event_handler_instance_t instance) {
    sim_ensure();
    sim_lock();
    esp_err_t r = ESP_ERR_NOT_FOUND;
    if (!sim.loop_created) {
        r = ESP_ERR_INVALID_STATE;
    } else if (instance == NULL || (event_base == NULL && event_id != ESP_EVENT_ANY_ID)) {
        r = ESP_ERR_INVALID_ARG;
    } else {
        uint64_t id = (uint64_t)(uintptr_t)instance;
        for (size_t i = 0; i < sim.nhandlers; i++) {
            sim_handler_t *h = &sim.handlers[i];
            if (h->id == id && h->base == event_base && h->event_id == event_id) {
                memmove(h, h + 1, (sim.nhandlers - i - 1) * sizeof *h);
                sim.nhandlers--;
                r = ESP_OK;
                sim_wait_not_calling(id);
                break;
            }
        }
    }
    sim_unlock();
    return r;
}

/* --------------------------------------------------------------- esp_err names ---- */

const char *esp_err_to_name(esp_err_t code) {
    switch (code) {
#define NAME(c) \
    case c:     \
        return #c;
        NAME(ESP_OK)
        NAME(ESP_FAIL)
        NAME(ESP_ERR_NO_MEM)
        NAME(ESP_ERR_INVALID_ARG)
        NAME(ESP_ERR_INVALID_STATE)
        NAME(ESP_ERR_INVALID_SIZE)
        NAME(ESP_ERR_NOT_FOUND)
        NAME(ESP_ERR_NOT_SUPPORTED)
        NAME(ESP_ERR_TIMEOUT)
        NAME(ESP_ERR_WIFI_NOT_INIT)
        NAME(ESP_ERR_WIFI_NOT_STARTED)
        NAME(ESP_ERR_WIFI_NOT_STOPPED)
        NAME(ESP_ERR_WIFI_IF)
        NAME(ESP_ERR_WIFI_MODE)
        NAME(ESP_ERR_WIFI_STATE)
        NAME(ESP_ERR_WIFI_CONN)
        NAME(ESP_ERR_WIFI_NVS)
        NAME(ESP_ERR_WIFI_MAC)
        NAME(ESP_ERR_WIFI_SSID)
        NAME(ESP_ERR_WIFI_PASSWORD)
        NAME(ESP_ERR_WIFI_TIMEOUT)
        NAME(ESP_ERR_WIFI_WAKE_FAIL)
        NAME(ESP_ERR_WIFI_WOULD_BLOCK)
        NAME(ESP_ERR_WIFI_NOT_CONNECT)
        NAME(ESP_ERR_WIFI_POST)
        NAME(ESP_ERR_WIFI_INIT_STATE)
        NAME(ESP_ERR_WIFI_STOP_STATE)
        NAME(ESP_ERR_WIFI_NOT_ASSOC)
        NAME(ESP_ERR_ESP_NETIF_INVALID_PARAMS)
        NAME(ESP_ERR_ESP_NETIF_IF_NOT_READY)
#undef NAME
    default:
        return "UNKNOWN ERROR";
    }
}

/* ------------------------------------------------------------------ text buffer ---- */

void sim_buf_printf(sim_buf_t *b, const char *fmt, ...) {
    if (b->failed) return;
    for (;;) {
        size_t room = b->cap - b->len;
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? room : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->failed = true;
            return;
        }
        if (b->p && (size_t)n < room) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + (size_t)n + 1) cap *= 2;
        char *grown = realloc(b->p, cap);
        if (grown == NULL) {
            b->failed = true;
            return;
        }
        b->p = grown;
        b->cap = cap;
    }
}

void sim_buf_json_bytes(sim_buf_t *b, const uint8_t *s, size_t n) {
    sim_buf_printf(b, "\"");
    for (size_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        if (c == '"' || c == '\\') {
            sim_buf_printf(b, "\\%c", c);
        } else if (c < 0x20 || c >= 0x7f) {
            sim_buf_printf(b, "\\u%04x", c);
        } else {
            sim_buf_printf(b, "%c", c);
        }
    }
    sim_buf_printf(b, "\"");
}
