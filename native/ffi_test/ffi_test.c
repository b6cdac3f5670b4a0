/*
 * The C side of drivers/ffi's tests: structs by pointer, callbacks called synchronously and from a
 * thread of its own, and an exported `const char *const` variable, as ESP-IDF's WIFI_EVENT is.
 * Built by scripts/build_native.ts (`cc -shared -fPIC -O2 -pthread`).
 */
#include <ctype.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A record with a field of every kind StructView reads, and the padding C puts between them. */
typedef struct {
    uint8_t kind;
    int8_t delta;
    uint16_t port;
    uint32_t count;
    int32_t level;
    uint8_t mac[6];
    char name[33];
    bool flag;
    uint32_t ip; /* an esp_ip4_addr_t: network order */
    uint64_t big;
    int16_t small;
    void *ref;
} ffi_test_record_t;

/* What the storm thread passes by pointer: valid only during the call. */
typedef struct {
    uint32_t counter;
    uint32_t tripled;
    char text[24];
} ffi_test_event_t;

/* The event base, as ESP-IDF declares WIFI_EVENT: a constant pointer to a constant string. */
const char *const FFI_TEST_EVENT = "FFI_TEST_EVENT";

/* The same text at another address: pointers are compared, never the strings they point to. */
static const char lookalike[] = "FFI_TEST_EVENT";

const char *ffi_test_event_base(void) { return FFI_TEST_EVENT; }

const char *ffi_test_lookalike(void) { return lookalike; }

/* Writes sizeof, alignof and each field's offset, in declaration order; returns how many. */
size_t ffi_test_record_layout(uint32_t *out, size_t capacity) {
    const uint32_t values[] = {
        sizeof(ffi_test_record_t),
        _Alignof(ffi_test_record_t),
        offsetof(ffi_test_record_t, kind),
        offsetof(ffi_test_record_t, delta),
        offsetof(ffi_test_record_t, port),
        offsetof(ffi_test_record_t, count),
        offsetof(ffi_test_record_t, level),
        offsetof(ffi_test_record_t, mac),
        offsetof(ffi_test_record_t, name),
        offsetof(ffi_test_record_t, flag),
        offsetof(ffi_test_record_t, ip),
        offsetof(ffi_test_record_t, big),
        offsetof(ffi_test_record_t, small),
        offsetof(ffi_test_record_t, ref),
    };
    size_t count = sizeof(values) / sizeof(values[0]);
    for (size_t i = 0; i < count && i < capacity; i++) out[i] = values[i];
    return count;
}

/* Changes every field, so a round trip shows both directions: C reads JS's bytes, JS reads C's. */
void ffi_test_record_bump(ffi_test_record_t *record) {
    record->kind += 1;
    record->delta = (int8_t)-record->delta;
    record->port += 1;
    record->count *= 2;
    record->level = -record->level;
    for (int i = 0; i < 3; i++) {
        uint8_t byte = record->mac[i];
        record->mac[i] = record->mac[5 - i];
        record->mac[5 - i] = byte;
    }
    for (char *c = record->name; *c != '\0' && c < record->name + sizeof(record->name); c++) {
        *c = (char)toupper((unsigned char)*c);
    }
    record->flag = !record->flag;
    /* 10.0.0.1 in network order is bytes 0a 00 00 01, whatever the host's byte order. */
    uint8_t *ip = (uint8_t *)&record->ip;
    ip[3] += 1;
    record->big += 1;
    record->small -= 1;
    record->ref = record;
}

/* A synchronous callback: called here, on the caller's thread, before this returns. */
typedef int32_t (*ffi_test_sync_cb)(int32_t value, const ffi_test_record_t *record);

int32_t ffi_test_apply(ffi_test_sync_cb callback, int32_t value, const ffi_test_record_t *record) {
    return callback(value, record) + 1;
}

/* A callback with every parameter type, called once; returns what the callback returned. */
typedef uint64_t (*ffi_test_kinds_cb)(uint8_t, int8_t, uint16_t, int16_t, uint32_t, int32_t,
                                      uint64_t, int64_t, bool, const void *);

uint64_t ffi_test_call_kinds(ffi_test_kinds_cb callback) {
    return callback(200, -5, 60000, -30000, 4000000000u, -2000000000, 9223372036854775809ull,
                    -4611686018427387904ll, true, FFI_TEST_EVENT);
}

/* Scalar round trips. */
uint8_t ffi_test_u8_add(uint8_t a, uint8_t b) { return (uint8_t)(a + b); }
int8_t ffi_test_i8_negate(int8_t a) { return (int8_t)-a; }
uint16_t ffi_test_u16_swap(uint16_t a) { return (uint16_t)((a << 8) | (a >> 8)); }
int16_t ffi_test_i16_negate(int16_t a) { return (int16_t)-a; }
uint32_t ffi_test_u32_not(uint32_t a) { return ~a; }
int32_t ffi_test_i32_negate(int32_t a) { return -a; }
uint64_t ffi_test_u64_add(uint64_t a, uint64_t b) { return a + b; }
int64_t ffi_test_i64_negate(int64_t a) { return -a; }
size_t ffi_test_strlen(const char *text) { return strlen(text); }
bool ffi_test_not(bool a) { return !a; }
const void *ffi_test_echo(const void *pointer) { return pointer; }
void *ffi_test_null(void) { return NULL; }

/* The storm: a thread that calls the registered callback `count` times, as fast as it can. */
typedef int32_t (*ffi_test_event_cb)(uint32_t counter, const ffi_test_event_t *event);

static ffi_test_event_cb registered;
static pthread_t storm_thread;
static bool storm_running;
static uint32_t storm_count;
static uint64_t storm_sum;

/* The handler is read by the storm thread and written by the caller's: atomically. */
void ffi_test_register(ffi_test_event_cb callback) {
    __atomic_store_n(&registered, callback, __ATOMIC_SEQ_CST);
}

void ffi_test_unregister(void) { __atomic_store_n(&registered, NULL, __ATOMIC_SEQ_CST); }

static void *storm(void *unused) {
    (void)unused;
    uint64_t sum = 0;
    for (uint32_t counter = 1; counter <= storm_count; counter++) {
        ffi_test_event_t event;
        event.counter = counter;
        event.tripled = counter * 3;
        snprintf(event.text, sizeof(event.text), "event %u", counter);
        ffi_test_event_cb callback = __atomic_load_n(&registered, __ATOMIC_SEQ_CST);
        if (callback == NULL) break;
        sum += (uint32_t)callback(counter, &event);
        /* The event is gone once the call returns: poison it, so a late read shows. */
        memset(&event, 0xEE, sizeof(event));
    }
    storm_sum = sum;
    return NULL;
}

/* Starts the thread; 0 on success, -1 when one is already running or cannot start. */
int32_t ffi_test_storm_start(uint32_t count) {
    if (storm_running) return -1;
    storm_count = count;
    storm_sum = 0;
    if (pthread_create(&storm_thread, NULL, storm, NULL) != 0) return -1;
    storm_running = true;
    return 0;
}

/* Waits for the thread; the sum of what the callback returned. Declare it nonblocking. */
uint64_t ffi_test_storm_join(void) {
    if (!storm_running) return 0;
    pthread_join(storm_thread, NULL);
    storm_running = false;
    return storm_sum;
}
