/* Shared by the stand-in's sources; not installed, not part of any API. */
#ifndef NETFSM_HOSTED_INTERNAL_H
#define NETFSM_HOSTED_INTERNAL_H

#include <pthread.h>
#include <stdint.h>

#include "../include/ctrl_api_sim.h"
#include "../include/netfsm_hosted_sim.h"

/* Everything declared from here on stays inside the library; the exported functions (declared
 * in the public headers above) are defined with SIM_EXPORT. */
#pragma GCC visibility push(hidden)

#define SIM_EXPORT __attribute__((visibility("default")))

/* ---- one lock over the library and its world (never held while a callback runs) ---------- */
extern pthread_mutex_t sim_lock;

/* ---- console: the real library's printf messages (stdout), unless quiet --------------------- */
void sim_print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The real command_log: "<function>:<line> " then the message. */
void sim_log(const char *func, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void sim_set_quiet(int on);

/* ---- time ------------------------------------------------------------------------------- */
int64_t sim_now_ms(void);
void sim_sleep_ms(int64_t ms);

/* ---- allocations handed to the caller (counted until hosted_free) ----------------------- */
void *sim_handed_calloc(size_t n, size_t size); /* aborts on out-of-memory */
long sim_alloc_live(void);

/* ---- the library's thread and its queue (hosted_core.c) --------------------------------- */
/* A firmware request handler: runs under sim_lock, fills `resp` (prefilled: msg_type, msg_id,
 * uid, resp_event_status SUCCESS) from `req`. */
typedef void (*sim_handler)(const ctrl_cmd_t *req, ctrl_cmd_t *resp);
/* A world timer: runs under sim_lock on the library's thread. */
typedef void (*sim_world_fn)(int arg, unsigned epoch);

int sim_initialised(void); /* under sim_lock */
/* Under sim_lock. Queue an event (msg_type/msg_id set by the caller) delay_ms from now; drops
 * it (counted) when the library is not initialised. */
void sim_post_event(const ctrl_cmd_t *event, int64_t delay_ms);
/* Under sim_lock. Run fn(arg, epoch) on the library's thread delay_ms from now. 0, or -1 when
 * the library is not initialised (nothing queued). */
int sim_schedule_world(sim_world_fn fn, int arg, unsigned epoch, int64_t delay_ms);
/* Under sim_lock: drop queued events and world timers (not answers in flight). */
void sim_discard_events_and_timers(void);

/* ---- the world (hosted_firmware.c) ------------------------------------------------------- */
struct sim_counters {
  long requests, responses, timeouts, events_posted, events_delivered, events_dropped;
  long would_abort;
};
extern struct sim_counters sim_counters; /* under sim_lock */

/* Under sim_lock: how long the firmware takes to answer this request (ms). */
int64_t sim_request_delay_ms(int req_msg_id);
int sim_unresponsive(void);
int sim_strict_rx(void);
/* Under sim_lock: the library comes up (resume world timers) */
void sim_world_on_init(void);
/* Under sim_lock: the JSON of the library side, for netfsm_hosted_sim_state_json */
int sim_core_state_json(char *out, size_t size);

/* handlers */
void fw_get_mac(const ctrl_cmd_t *req, ctrl_cmd_t *resp);
void fw_get_mode(const ctrl_cmd_t *req, ctrl_cmd_t *resp);
void fw_set_mode(const ctrl_cmd_t *req, ctrl_cmd_t *resp);
void fw_scan(const ctrl_cmd_t *req, ctrl_cmd_t *resp);
void fw_get_ap_config(const ctrl_cmd_t *req, ctrl_cmd_t *resp);
void fw_connect(const ctrl_cmd_t *req, ctrl_cmd_t *resp);
void fw_disconnect(const ctrl_cmd_t *req, ctrl_cmd_t *resp);
void fw_start_softap(const ctrl_cmd_t *req, ctrl_cmd_t *resp);
void fw_stop_softap(const ctrl_cmd_t *req, ctrl_cmd_t *resp);
void fw_sta_list(const ctrl_cmd_t *req, ctrl_cmd_t *resp);
void fw_fw_version(const ctrl_cmd_t *req, ctrl_cmd_t *resp);
void fw_heartbeat(const ctrl_cmd_t *req, ctrl_cmd_t *resp);

/* ---- small string helpers ---------------------------------------------------------------- */
/* Copy at most size-1 bytes of src (NULL: "") and NUL-terminate. */
void sim_strlcpy(char *dst, const char *src, size_t size);
/* strnlen over a fixed array that may lack its NUL */
size_t sim_field_len(const void *field, size_t size);
/* "aa:bb:cc:dd:ee:ff" (hex, either case) */
int sim_mac_valid(const char *mac);
/* Append JSON-escaped text to out (bounded); returns the new length. */
size_t sim_json_str(char *out, size_t size, size_t len, const char *text);

#pragma GCC visibility pop

#endif
