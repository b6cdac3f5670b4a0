/*
 * The host side of the stand-in: init/deinit, the event callback table, the request path
 * (ctrl_app_send_req and the synchronous wait of the real library), and the library's own
 * thread, which delivers events and (asynchronous, or strict_rx) answers, and runs the world's
 * timers.
 *
 * Locking: one mutex (sim_lock) guards everything. The thread releases it before calling any
 * callback and retakes it after; a callback may call any function of the library. The
 * request "semaphore" (one request at a time, WAIT_TIME_B2B_CTRL_REQ s for the one before)
 * and the read semaphore of strict_rx are counting semaphores of their own, never waited on
 * with sim_lock held.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hosted_internal.h"

pthread_mutex_t sim_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- console -------------------------------------------------------------------------------- */

static int quiet;

void sim_set_quiet(int on) { __atomic_store_n(&quiet, on ? 1 : 0, __ATOMIC_RELAXED); }

void sim_print(const char *fmt, ...) {
  if (__atomic_load_n(&quiet, __ATOMIC_RELAXED)) return;
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  fflush(stdout);
}

void sim_log(const char *func, unsigned line, const char *fmt, ...) {
  if (__atomic_load_n(&quiet, __ATOMIC_RELAXED)) return;
  printf("%s:%u ", func, line);
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  fflush(stdout);
}

#define CMD_LOG(func, ...) sim_log(func, __LINE__, __VA_ARGS__)

/* ---- time ------------------------------------------------------------------------------------ */

int64_t sim_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void sim_sleep_ms(int64_t ms) {
  if (ms <= 0) return;
  struct timespec ts = {.tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
  }
}

static void deadline_after(struct timespec *ts, int64_t ms) {
  clock_gettime(CLOCK_MONOTONIC, ts);
  ts->tv_sec += (time_t)(ms / 1000);
  ts->tv_nsec += (long)(ms % 1000) * 1000000L;
  if (ts->tv_nsec >= 1000000000L) {
    ts->tv_sec += 1;
    ts->tv_nsec -= 1000000000L;
  }
}

static void cond_init_monotonic(pthread_cond_t *cond) {
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(cond, &attr);
  pthread_condattr_destroy(&attr);
}

/* ---- counting semaphores (the real library's ctrl_req_sem and read_sem) ---------------------- */

typedef struct {
  pthread_mutex_t mutex;
  pthread_cond_t cond;
  int count;
} sim_sem;

static void sem_setup(sim_sem *s, int count) {
  pthread_mutex_init(&s->mutex, NULL);
  cond_init_monotonic(&s->cond);
  s->count = count;
}

static void sem_set(sim_sem *s, int count) {
  pthread_mutex_lock(&s->mutex);
  s->count = count;
  pthread_mutex_unlock(&s->mutex);
}

static void sem_post_one(sim_sem *s) {
  pthread_mutex_lock(&s->mutex);
  s->count++;
  pthread_cond_signal(&s->cond);
  pthread_mutex_unlock(&s->mutex);
}

/* 0 when taken, -1 after timeout_ms */
static int sem_take(sim_sem *s, int64_t timeout_ms) {
  struct timespec deadline;
  deadline_after(&deadline, timeout_ms);
  pthread_mutex_lock(&s->mutex);
  int rc = 0;
  while (s->count == 0 && rc == 0) rc = pthread_cond_timedwait(&s->cond, &s->mutex, &deadline);
  int taken = s->count > 0;
  if (taken) s->count--;
  pthread_mutex_unlock(&s->mutex);
  return taken ? 0 : -1;
}

static sim_sem req_sem; /* one request at a time */
static sim_sem read_sem; /* strict_rx: an answer is queued */

/* ---- state (under sim_lock) ------------------------------------------------------------------ */

enum { ITEM_EVENT, ITEM_ANSWER, ITEM_TIMEOUT, ITEM_WORLD };

typedef struct sim_item {
  struct sim_item *next;
  int64_t due;
  int kind;
  ctrl_cmd_t msg; /* EVENT: the event; ANSWER: a copy of the request */
  sim_handler handler; /* ANSWER */
  ctrl_resp_cb_t cb; /* TIMEOUT: the request's callback */
  sim_world_fn world; /* WORLD */
  int arg;
  unsigned epoch;
} sim_item;

typedef struct sim_answer {
  struct sim_answer *next;
  ctrl_cmd_t *msg;
} sim_answer;

static int initialised;
static unsigned generation; /* bumped by deinit: a thread of an older generation exits */
static int device_fd = -1;
static pthread_t rx_thread;
static int rx_thread_running; /* rx_thread is joinable */
static int rx_in_callback; /* the current generation's thread is inside a callback */
static int callbacks_running; /* any thread of the library, any generation */
static pthread_cond_t rx_cond; /* the queue changed, or the library goes down */
static pthread_cond_t idle_cond; /* an item was processed, a callback returned */
static sim_item *queue; /* sorted by due; FIFO among equals */
static sim_answer *answers, **answers_tail = &answers; /* strict_rx: answers not yet taken */
static int32_t last_uid;
static int32_t expected_resp_uid = -1;
static ctrl_event_cb_t event_cbs[CTRL_EVENT_MAX - CTRL_EVENT_BASE];
static ctrl_resp_cb_t resp_cbs[CTRL_RESP_MAX - CTRL_RESP_BASE];

__attribute__((constructor)) static void sim_setup(void) {
  cond_init_monotonic(&rx_cond);
  cond_init_monotonic(&idle_cond);
  sem_setup(&req_sem, 0);
  sem_setup(&read_sem, 0);
}

int sim_initialised(void) { return initialised; }

static void enqueue(sim_item *item) {
  sim_item **at = &queue;
  while (*at && (*at)->due <= item->due) at = &(*at)->next;
  item->next = *at;
  *at = item;
  pthread_cond_broadcast(&rx_cond);
}

static sim_item *new_item(int kind, int64_t delay_ms) {
  sim_item *item = calloc(1, sizeof *item);
  if (!item) {
    fprintf(stderr, "libesp_hosted_rpc_sim: out of memory\n");
    abort();
  }
  item->kind = kind;
  item->due = sim_now_ms() + (delay_ms > 0 ? delay_ms : 0);
  return item;
}

void sim_post_event(const ctrl_cmd_t *event, int64_t delay_ms) {
  sim_counters.events_posted++;
  if (!initialised) {
    sim_counters.events_dropped++;
    return;
  }
  sim_item *item = new_item(ITEM_EVENT, delay_ms);
  item->msg = *event;
  enqueue(item);
}

int sim_schedule_world(sim_world_fn fn, int arg, unsigned epoch, int64_t delay_ms) {
  if (!initialised) return -1;
  sim_item *item = new_item(ITEM_WORLD, delay_ms);
  item->world = fn;
  item->arg = arg;
  item->epoch = epoch;
  enqueue(item);
  return 0;
}

static void free_item(sim_item *item) { free(item); }

void sim_discard_events_and_timers(void) {
  sim_item **at = &queue;
  while (*at) {
    sim_item *item = *at;
    if (item->kind == ITEM_EVENT || item->kind == ITEM_WORLD) {
      *at = item->next;
      free_item(item);
    } else {
      at = &item->next;
    }
  }
  pthread_cond_broadcast(&idle_cond);
}

static void discard_all(void) {
  while (queue) {
    sim_item *item = queue;
    queue = item->next;
    free_item(item);
  }
  while (answers) {
    sim_answer *a = answers;
    answers = a->next;
    CTRL_CMD_RELEASE(a->msg);
    free(a);
  }
  answers_tail = &answers;
  pthread_cond_broadcast(&idle_cond);
}

/* ---- the host library's reading of an answer (ctrl_app_parse_resp's messages) ---------------- */

static void host_parse_print(const ctrl_cmd_t *resp) {
  int status = resp->resp_event_status;
  switch (resp->msg_id) {
  case CTRL_RESP_CONNECT_AP:
    if (status == CTRL_ERR_INVALID_PASSWORD)
      CMD_LOG("ctrl_app_parse_resp", "Invalid password for SSID\n");
    else if (status == CTRL_ERR_NO_AP_FOUND)
      CMD_LOG("ctrl_app_parse_resp", "SSID: not found/connectable\n");
    else if (status)
      CMD_LOG("ctrl_app_parse_resp", "Failed resp/event id[%d]: err[%d]\n", resp->msg_id, status);
    break;
  case CTRL_RESP_GET_AP_CONFIG:
    if (status == CTRL_ERR_NOT_CONNECTED)
      CMD_LOG("ctrl_app_parse_resp", "Station is not connected to AP \n");
    else if (status)
      CMD_LOG("ctrl_app_parse_resp", "Failed to get AP config \n");
    break;
  case CTRL_RESP_GET_SOFTAP_CONN_STA_LIST:
    if (status)
      CMD_LOG("ctrl_app_parse_resp", "Failed resp/event id[%d]: err[%d]\n", resp->msg_id, status);
    else if (!resp->u.wifi_softap_con_sta.count)
      CMD_LOG("ctrl_app_parse_resp", "No Stations connected\n");
    break;
  default:
    if (status)
      CMD_LOG("ctrl_app_parse_resp", "Failed resp/event id[%d]: err[%d]\n", resp->msg_id, status);
    break;
  }
}

/* Under sim_lock: the firmware answers `req`, and the host library takes the answer in. */
static void firmware_answer(const ctrl_cmd_t *req, sim_handler handler, ctrl_cmd_t *resp) {
  memset(resp, 0, sizeof *resp);
  resp->msg_type = CTRL_RESP;
  resp->msg_id = (uint16_t)(req->msg_id - CTRL_REQ_BASE + CTRL_RESP_BASE);
  resp->uid = req->uid;
  resp->resp_event_status = SUCCESS;
  handler(req, resp);
  sim_counters.responses++;
}

/* Under sim_lock: an answer whose uid is not the one expected (it came after its request
 * timed out): the real library keeps only msg_type, msg_id and uid, marks it FAILURE. */
static void make_stale(ctrl_cmd_t *resp) {
  if (resp->free_buffer_handle && resp->free_buffer_func) resp->free_buffer_func(resp->free_buffer_handle);
  uint16_t id = resp->msg_id;
  int32_t uid = resp->uid;
  memset(resp, 0, sizeof *resp);
  resp->msg_type = CTRL_RESP;
  resp->msg_id = id;
  resp->uid = uid;
  resp->resp_event_status = FAILURE;
}

static ctrl_cmd_t *hand_over(const ctrl_cmd_t *msg) {
  ctrl_cmd_t *copy = sim_handed_calloc(1, sizeof *copy);
  *copy = *msg;
  return copy;
}

/* ---- the library's thread ---------------------------------------------------------------------- */

/* Under sim_lock; returns with it held. Calls cb(msg) without it. */
static void call_out(int (*cb)(ctrl_cmd_t *), ctrl_cmd_t *msg, unsigned my_gen, int post_req_first,
                     int post_req_after) {
  if (my_gen == generation) rx_in_callback = 1;
  callbacks_running++;
  pthread_mutex_unlock(&sim_lock);
  if (post_req_first) sem_post_one(&req_sem);
  cb(msg);
  if (post_req_after) sem_post_one(&req_sem);
  pthread_mutex_lock(&sim_lock);
  callbacks_running--;
  if (my_gen == generation) rx_in_callback = 0;
  pthread_cond_broadcast(&idle_cond);
}

static void deliver_event(sim_item *item, unsigned my_gen) {
  int id = item->msg.msg_id;
  ctrl_event_cb_t cb = NULL;
  if (id > CTRL_EVENT_BASE && id < CTRL_EVENT_MAX) cb = event_cbs[id - CTRL_EVENT_BASE];
  if (!cb) {
    sim_counters.events_dropped++; /* the real library drops it silently */
    return;
  }
  sim_counters.events_delivered++;
  ctrl_cmd_t *msg = hand_over(&item->msg); /* the callback owns it */
  call_out(cb, msg, my_gen, 0, 0);
}

static void cancel_timeouts(void) {
  sim_item **at = &queue;
  while (*at) {
    sim_item *item = *at;
    if (item->kind == ITEM_TIMEOUT) {
      *at = item->next;
      free_item(item);
    } else {
      at = &item->next;
    }
  }
}

static void deliver_answer(sim_item *item, unsigned my_gen) {
  ctrl_cmd_t resp;
  firmware_answer(&item->msg, item->handler, &resp);
  cancel_timeouts(); /* the real library stops its async timer on any answer */
  if (resp.uid && resp.uid != expected_resp_uid) {
    make_stale(&resp);
  } else {
    host_parse_print(&resp);
  }
  expected_resp_uid = -1;

  ctrl_resp_cb_t cb = NULL;
  if (resp.msg_id > CTRL_RESP_BASE && resp.msg_id < CTRL_RESP_MAX) cb = resp_cbs[resp.msg_id - CTRL_RESP_BASE];
  ctrl_cmd_t *msg = hand_over(&resp);
  if (cb) {
    /* strict_rx: the real order (ctrl_req_sem posted after the callback); otherwise before */
    int strict = sim_strict_rx();
    call_out(cb, msg, my_gen, !strict, strict);
    return;
  }
  sim_answer *a = calloc(1, sizeof *a);
  if (!a) {
    fprintf(stderr, "libesp_hosted_rpc_sim: out of memory\n");
    abort();
  }
  a->msg = msg;
  *answers_tail = a;
  answers_tail = &a->next;
  sem_post_one(&read_sem);
  sem_post_one(&req_sem);
}

static void deliver_timeout(sim_item *item, unsigned my_gen) {
  /* ctrl_async_timeout_handler: msg_id left 0 */
  ctrl_cmd_t resp;
  memset(&resp, 0, sizeof resp);
  resp.msg_type = CTRL_RESP;
  resp.resp_event_status = CTRL_ERR_REQUEST_TIMEOUT;
  expected_resp_uid = -1;
  sim_counters.timeouts++;
  ctrl_cmd_t *msg = hand_over(&resp);
  int strict = sim_strict_rx();
  call_out(item->cb, msg, my_gen, !strict, strict);
}

static void *rx_main(void *arg) {
  unsigned my_gen = (unsigned)(uintptr_t)arg;
  pthread_mutex_lock(&sim_lock);
  while (initialised && my_gen == generation) {
    if (!queue) {
      pthread_cond_wait(&rx_cond, &sim_lock);
      continue;
    }
    int64_t now = sim_now_ms();
    if (queue->due > now) {
      struct timespec deadline;
      deadline_after(&deadline, queue->due - now);
      pthread_cond_timedwait(&rx_cond, &sim_lock, &deadline);
      continue;
    }
    sim_item *item = queue;
    queue = item->next;
    switch (item->kind) {
    case ITEM_EVENT:
      deliver_event(item, my_gen);
      break;
    case ITEM_ANSWER:
      deliver_answer(item, my_gen);
      break;
    case ITEM_TIMEOUT:
      deliver_timeout(item, my_gen);
      break;
    case ITEM_WORLD:
      item->world(item->arg, item->epoch);
      break;
    }
    free_item(item);
    pthread_cond_broadcast(&idle_cond);
  }
  pthread_mutex_unlock(&sim_lock);
  return NULL;
}

/* ---- init / deinit ----------------------------------------------------------------------------- */

SIM_EXPORT int init_hosted_control_lib(void) {
  pthread_mutex_lock(&sim_lock);
  if (initialised) {
    pthread_mutex_unlock(&sim_lock);
    sim_print("Already opened returned\n"); /* transport_pserial_open */
    return SUCCESS;
  }
  const char *path = getenv("NETFSM_HOSTED_DEVICE");
  if (!path || !*path) path = "/dev/esps0";
  int fd = open(path, O_RDWR | O_CLOEXEC);
  if (fd == -1) {
    int err = errno;
    pthread_mutex_unlock(&sim_lock);
    /* serial_drv_open: silent when the node is absent (the driver is not loaded) */
    if (err == EBUSY)
      sim_print("it is busy\n");
    else if (err != ENOENT)
      sim_print("errno %d\n", err);
    return FAILURE;
  }
  device_fd = fd;
  sem_set(&req_sem, 1);
  sem_set(&read_sem, 0);
  expected_resp_uid = -1;
  initialised = 1;
  rx_in_callback = 0;
  unsigned gen = generation;
  if (pthread_create(&rx_thread, NULL, rx_main, (void *)(uintptr_t)gen) != 0) {
    initialised = 0;
    close(device_fd);
    device_fd = -1;
    pthread_mutex_unlock(&sim_lock);
    sim_log("spawn_ctrl_rx_thread", __LINE__, "Thread creation failed for ctrl_rx_thread\n");
    return FAILURE;
  }
  rx_thread_running = 1;
  sim_world_on_init();
  pthread_mutex_unlock(&sim_lock);
  return SUCCESS;
}

SIM_EXPORT int deinit_hosted_control_lib(void) {
  pthread_mutex_lock(&sim_lock);
  if (!initialised) {
    pthread_mutex_unlock(&sim_lock);
    return SUCCESS;
  }
  initialised = 0;
  generation++;
  discard_all();
  pthread_cond_broadcast(&rx_cond);
  sem_set(&req_sem, 0);
  sem_post_one(&read_sem); /* a strict_rx waiter wakes, finds no answer */
  int joinable = rx_thread_running;
  rx_thread_running = 0;
  pthread_t thread = rx_thread;
  /* The thread exits as soon as it sees the new generation. Joining it is safe unless it is
   * inside a callback (which may be waiting for this very caller, e.g. a JS thread), or it
   * is the caller: then it is detached and exits when the callback returns. */
  int join = joinable && !rx_in_callback && !pthread_equal(thread, pthread_self());
  rx_in_callback = 0;
  if (device_fd != -1) {
    close(device_fd);
    device_fd = -1;
  }
  pthread_mutex_unlock(&sim_lock);
  if (join)
    pthread_join(thread, NULL);
  else if (joinable)
    pthread_detach(thread);
  return SUCCESS;
}

/* ---- event callbacks ---------------------------------------------------------------------------- */

SIM_EXPORT int set_event_callback(int event, ctrl_resp_cb_t event_cb) {
  if (event <= CTRL_EVENT_BASE || event >= CTRL_EVENT_MAX) {
    CMD_LOG("set_event_callback", "Could not identify event[%u]\n", (unsigned)event);
    return MSG_ID_OUT_OF_ORDER;
  }
  pthread_mutex_lock(&sim_lock);
  event_cbs[event - CTRL_EVENT_BASE] = event_cb;
  pthread_mutex_unlock(&sim_lock);
  return CALLBACK_SET_SUCCESS;
}

SIM_EXPORT ctrl_resp_cb_t get_event_callback(int event) {
  if (event <= CTRL_EVENT_BASE || event >= CTRL_EVENT_MAX) {
    CMD_LOG("get_event_callback", "Could not identify event[%u]\n", (unsigned)event);
    return NULL;
  }
  pthread_mutex_lock(&sim_lock);
  ctrl_resp_cb_t cb = event_cbs[event - CTRL_EVENT_BASE];
  pthread_mutex_unlock(&sim_lock);
  return cb;
}

SIM_EXPORT int reset_event_callback(int event) { return set_event_callback(event, NULL); }

/* ---- requests ------------------------------------------------------------------------------------ */

#define MAX_SSID_LENGTH 32
#define MIN_PWD_LENGTH 8
#define MAX_PWD_LENGTH 64
#define MIN_CONN_NO 1
#define MAX_CONN_NO 10

/* The checks ctrl_app_send_req makes before anything is sent: 0, or CTRL_ERR_INCORRECT_ARG
 * with the library's message. Also raises the scan/connect timeouts and prints the
 * heartbeat note, as it does. */
static int host_check_request(ctrl_cmd_t *req) {
  const char *f = "ctrl_app_send_req";
  switch (req->msg_id) {
  case CTRL_REQ_GET_AP_SCAN_LIST:
    if (req->cmd_timeout_sec < DEFAULT_CTRL_RESP_AP_SCAN_TIMEOUT) req->cmd_timeout_sec = DEFAULT_CTRL_RESP_AP_SCAN_TIMEOUT;
    return 0;
  case CTRL_REQ_GET_MAC_ADDR:
    if (req->u.wifi_mac.mode <= WIFI_MODE_NONE || req->u.wifi_mac.mode >= WIFI_MODE_APSTA) {
      CMD_LOG(f, "Invalid parameter\n");
      return CTRL_ERR_INCORRECT_ARG;
    }
    return 0;
  case CTRL_REQ_SET_WIFI_MODE:
    if (req->u.wifi_mode.mode < WIFI_MODE_NONE || req->u.wifi_mode.mode >= WIFI_MODE_MAX) {
      CMD_LOG(f, "Invalid wifi mode\n");
      return CTRL_ERR_INCORRECT_ARG;
    }
    return 0;
  case CTRL_REQ_CONNECT_AP: {
    if (req->cmd_timeout_sec < DEFAULT_CTRL_RESP_CONNECT_AP_TIMEOUT) req->cmd_timeout_sec = DEFAULT_CTRL_RESP_CONNECT_AP_TIMEOUT;
    const wifi_ap_config_t *p = &req->u.wifi_ap_config;
    size_t ssid_len = sim_field_len(p->ssid, sizeof p->ssid);
    if (ssid_len > MAX_SSID_LENGTH || ssid_len == 0) {
      CMD_LOG(f, "Invalid SSID length\n");
      return CTRL_ERR_INCORRECT_ARG;
    }
    if (sim_field_len(p->pwd, sizeof p->pwd) > MAX_PWD_LENGTH) {
      CMD_LOG(f, "Invalid password length\n");
      return CTRL_ERR_INCORRECT_ARG;
    }
    if (sim_field_len(p->bssid, sizeof p->bssid) >= sizeof p->bssid) {
      CMD_LOG(f, "Invalid BSSID length\n");
      return CTRL_ERR_INCORRECT_ARG;
    }
    return 0;
  }
  case CTRL_REQ_START_SOFTAP: {
    const softap_config_t *p = &req->u.wifi_softap_config;
    size_t ssid_len = sim_field_len(p->ssid, sizeof p->ssid);
    size_t pwd_len = sim_field_len(p->pwd, sizeof p->pwd);
    if (ssid_len > MAX_SSID_LENGTH || ssid_len == 0) {
      CMD_LOG(f, "Invalid SSID length\n");
      return CTRL_ERR_INCORRECT_ARG;
    }
    if (pwd_len > MAX_PWD_LENGTH || (p->encryption_mode != WIFI_AUTH_OPEN && pwd_len < MIN_PWD_LENGTH)) {
      CMD_LOG(f, "Invalid password length\n");
      return CTRL_ERR_INCORRECT_ARG;
    }
    if (p->encryption_mode < WIFI_AUTH_OPEN || p->encryption_mode == WIFI_AUTH_WEP ||
        p->encryption_mode > WIFI_AUTH_WPA_WPA2_PSK) {
      CMD_LOG(f, "Asked Encryption mode not supported\n");
      return CTRL_ERR_INCORRECT_ARG;
    }
    if (p->max_connections < MIN_CONN_NO || p->max_connections > MAX_CONN_NO) {
      CMD_LOG(f, "Invalid maximum connection number\n");
      return CTRL_ERR_INCORRECT_ARG;
    }
    if ((int)p->bandwidth < WIFI_BW_HT20 || (int)p->bandwidth > WIFI_BW_HT40) {
      CMD_LOG(f, "Invalid bandwidth\n");
      return CTRL_ERR_INCORRECT_ARG;
    }
    return 0;
  }
  case CTRL_REQ_CONFIG_HEARTBEAT:
    if (req->u.e_heartbeat.enable)
      CMD_LOG(f, "Enable heartbeat with duration %ld\n", (long)req->u.e_heartbeat.duration);
    else
      CMD_LOG(f, "Disable Heartbeat\n");
    return 0;
  default:
    return 0;
  }
}

static int64_t timeout_ms_of(const ctrl_cmd_t *req) {
  int s = req->cmd_timeout_sec > 0 ? req->cmd_timeout_sec : DEFAULT_CTRL_RESP_TIMEOUT;
  return (int64_t)s * 1000;
}

static void print_timed_out(const ctrl_cmd_t *req) {
  int s = req->cmd_timeout_sec > 0 ? req->cmd_timeout_sec : DEFAULT_CTRL_RESP_TIMEOUT;
  CMD_LOG("get_response", "Control response timed out after %u sec\n", (unsigned)s);
}

/* One request, as CTRL_SEND_REQ + CTRL_DECODE_RESP_IF_NOT_ASYNC of the real library. */
static ctrl_cmd_t *request(ctrl_cmd_t *req, int req_id, sim_handler handler) {
  if (!req) {
    /* (the real library dereferences it and crashes) */
    CMD_LOG("ctrl_app_send_req", "Invalid request pointer\n");
    return NULL;
  }
  req->msg_id = (uint16_t)req_id;
  int failure = 0;
  int got_sem = 0;

  pthread_mutex_lock(&sim_lock);
  int up = initialised;
  pthread_mutex_unlock(&sim_lock);
  if (!up) {
    sim_print("uninitialised sem id\n");
    CMD_LOG("ctrl_app_send_req", "Request already in progress\n");
    failure = CTRL_ERR_REQ_IN_PROG;
    goto fail;
  }
  if (sem_take(&req_sem, (int64_t)WAIT_TIME_B2B_CTRL_REQ * 1000) != 0) {
    CMD_LOG("ctrl_app_send_req", "Request already in progress\n");
    failure = CTRL_ERR_REQ_IN_PROG;
    goto fail;
  }
  got_sem = 1;

  pthread_mutex_lock(&sim_lock);
  req->msg_type = CTRL_REQ;
  last_uid = last_uid < INT32_MAX ? last_uid + 1 : 1;
  req->uid = last_uid;
  if (expected_resp_uid != -1) {
    sim_counters.would_abort++;
    fprintf(stderr,
            "libesp_hosted_rpc_sim: the real library would abort here: assert(expected_resp_uid == -1) "
            "in ctrl_app_send_req (an answer to uid %d is still expected)\n",
            (int)expected_resp_uid);
  }
  expected_resp_uid = req->uid;
  pthread_mutex_unlock(&sim_lock);

  failure = host_check_request(req);
  if (failure) goto fail;

  int resp_idx = req->msg_id - CTRL_REQ_BASE; /* resp id - CTRL_RESP_BASE */
  pthread_mutex_lock(&sim_lock);
  sim_counters.requests++;
  resp_cbs[resp_idx] = req->ctrl_resp_cb;
  int64_t delay = sim_request_delay_ms(req->msg_id);
  int unresponsive = sim_unresponsive();
  int through_thread = req->ctrl_resp_cb || sim_strict_rx();
  int64_t timeout = timeout_ms_of(req);
  if (through_thread) {
    if (!unresponsive) {
      sim_item *item = new_item(ITEM_ANSWER, delay);
      item->msg = *req;
      item->handler = handler;
      enqueue(item);
    }
    if (req->ctrl_resp_cb && (unresponsive || delay > timeout)) {
      sim_item *item = new_item(ITEM_TIMEOUT, timeout);
      item->cb = req->ctrl_resp_cb;
      enqueue(item);
    }
  }
  pthread_mutex_unlock(&sim_lock);

  if (req->ctrl_resp_cb) return NULL; /* the answer goes to the callback */

  if (through_thread) {
    /* get_response: wait for the library's thread to queue an answer */
    if (sem_take(&read_sem, timeout) != 0) {
      print_timed_out(req);
      sem_post_one(&req_sem);
      CMD_LOG("ctrl_wait_and_parse_sync_resp", "Response not received\n");
      pthread_mutex_lock(&sim_lock);
      expected_resp_uid = -1;
      sim_counters.timeouts++;
      pthread_mutex_unlock(&sim_lock);
      return NULL;
    }
    pthread_mutex_lock(&sim_lock);
    ctrl_cmd_t *msg = NULL;
    if (answers) {
      sim_answer *a = answers;
      answers = a->next;
      if (!answers) answers_tail = &answers;
      msg = a->msg;
      free(a);
    }
    pthread_mutex_unlock(&sim_lock);
    if (!msg) {
      CMD_LOG("get_response", "Ctrl Q empty or uninitialised\n");
      CMD_LOG("ctrl_wait_and_parse_sync_resp", "Response not received\n");
    }
    return msg;
  }

  /* Answered on the caller's thread. */
  if (unresponsive || delay > timeout) {
    sim_sleep_ms(timeout);
    print_timed_out(req);
    sem_post_one(&req_sem);
    CMD_LOG("ctrl_wait_and_parse_sync_resp", "Response not received\n");
    pthread_mutex_lock(&sim_lock);
    expected_resp_uid = -1;
    sim_counters.timeouts++;
    pthread_mutex_unlock(&sim_lock);
    return NULL;
  }
  sim_sleep_ms(delay);
  pthread_mutex_lock(&sim_lock);
  if (!initialised) {
    pthread_mutex_unlock(&sim_lock);
    CMD_LOG("ctrl_wait_and_parse_sync_resp", "Response not received\n");
    return NULL;
  }
  ctrl_cmd_t resp;
  firmware_answer(req, handler, &resp);
  host_parse_print(&resp);
  expected_resp_uid = -1;
  pthread_mutex_unlock(&sim_lock);
  ctrl_cmd_t *msg = hand_over(&resp);
  sem_post_one(&req_sem);
  return msg;

fail:
  pthread_mutex_lock(&sim_lock);
  expected_resp_uid = -1;
  pthread_mutex_unlock(&sim_lock);
  if (got_sem) sem_post_one(&req_sem);
  if (req->ctrl_resp_cb) {
    /* the real library tells an asynchronous caller at once, on the caller's thread */
    ctrl_cmd_t resp;
    memset(&resp, 0, sizeof resp);
    resp.msg_type = CTRL_RESP;
    resp.msg_id = (uint16_t)(req->msg_id - CTRL_REQ_BASE + CTRL_RESP_BASE);
    resp.resp_event_status = failure;
    req->ctrl_resp_cb(hand_over(&resp));
  }
  sim_print("RPC req [%u] Failed to send\n", (unsigned)req->msg_id);
  return NULL;
}

SIM_EXPORT ctrl_cmd_t *wifi_get_mac(ctrl_cmd_t *req) { return request(req, CTRL_REQ_GET_MAC_ADDR, fw_get_mac); }
SIM_EXPORT ctrl_cmd_t *wifi_get_mode(ctrl_cmd_t *req) { return request(req, CTRL_REQ_GET_WIFI_MODE, fw_get_mode); }
SIM_EXPORT ctrl_cmd_t *wifi_set_mode(ctrl_cmd_t *req) { return request(req, CTRL_REQ_SET_WIFI_MODE, fw_set_mode); }
SIM_EXPORT ctrl_cmd_t *wifi_ap_scan_list(ctrl_cmd_t *req) { return request(req, CTRL_REQ_GET_AP_SCAN_LIST, fw_scan); }
SIM_EXPORT ctrl_cmd_t *wifi_get_ap_config(ctrl_cmd_t *req) {
  return request(req, CTRL_REQ_GET_AP_CONFIG, fw_get_ap_config);
}
SIM_EXPORT ctrl_cmd_t *wifi_connect_ap(ctrl_cmd_t *req) { return request(req, CTRL_REQ_CONNECT_AP, fw_connect); }
SIM_EXPORT ctrl_cmd_t *wifi_disconnect_ap(ctrl_cmd_t *req) {
  return request(req, CTRL_REQ_DISCONNECT_AP, fw_disconnect);
}
SIM_EXPORT ctrl_cmd_t *wifi_start_softap(ctrl_cmd_t *req) {
  return request(req, CTRL_REQ_START_SOFTAP, fw_start_softap);
}
SIM_EXPORT ctrl_cmd_t *wifi_stop_softap(ctrl_cmd_t *req) { return request(req, CTRL_REQ_STOP_SOFTAP, fw_stop_softap); }
SIM_EXPORT ctrl_cmd_t *wifi_get_softap_connected_station_list(ctrl_cmd_t *req) {
  return request(req, CTRL_REQ_GET_SOFTAP_CONN_STA_LIST, fw_sta_list);
}
SIM_EXPORT ctrl_cmd_t *get_fw_version(ctrl_cmd_t *req) { return request(req, CTRL_REQ_GET_FW_VERSION, fw_fw_version); }
SIM_EXPORT ctrl_cmd_t *config_heartbeat(ctrl_cmd_t *req) {
  return request(req, CTRL_REQ_CONFIG_HEARTBEAT, fw_heartbeat);
}

/* ---- netfsm_hosted_sim_wait_idle and the core's part of the state JSON ------------------------ */

SIM_EXPORT int netfsm_hosted_sim_wait_idle(int timeout_ms) {
  pthread_mutex_lock(&sim_lock);
  if (rx_thread_running && pthread_equal(rx_thread, pthread_self())) {
    pthread_mutex_unlock(&sim_lock);
    return -2;
  }
  struct timespec deadline;
  deadline_after(&deadline, timeout_ms > 0 ? timeout_ms : 0);
  int rc = 0;
  while ((queue || callbacks_running) && rc == 0) rc = pthread_cond_timedwait(&idle_cond, &sim_lock, &deadline);
  int idle = !queue && !callbacks_running;
  pthread_mutex_unlock(&sim_lock);
  return idle ? 0 : -1;
}

int sim_core_state_json(char *out, size_t size) {
  int queued = 0;
  for (sim_item *i = queue; i; i = i->next) queued++;
  int answers_waiting = 0;
  for (sim_answer *a = answers; a; a = a->next) answers_waiting++;
  return snprintf(out, size,
                  "\"initialised\": %s, \"queued\": %d, \"answers_waiting\": %d, \"callbacks_running\": %d, "
                  "\"last_uid\": %d",
                  initialised ? "true" : "false", queued, answers_waiting, callbacks_running, (int)last_uid);
}
