/* The real library's allocator (malloc/calloc/free), plus a count of the blocks the library
 * handed to its caller, so tests can see a response, list or event that was never released. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "hosted_internal.h"

static pthread_mutex_t alloc_lock = PTHREAD_MUTEX_INITIALIZER;
static void **handed; /* the live blocks (unordered) */
static size_t handed_len, handed_cap;

void *sim_handed_calloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) {
    fprintf(stderr, "libesp_hosted_rpc_sim: out of memory\n");
    abort();
  }
  pthread_mutex_lock(&alloc_lock);
  if (handed_len == handed_cap) {
    size_t cap = handed_cap ? handed_cap * 2 : 64;
    void **grown = realloc(handed, cap * sizeof *grown);
    if (!grown) {
      fprintf(stderr, "libesp_hosted_rpc_sim: out of memory\n");
      abort();
    }
    handed = grown;
    handed_cap = cap;
  }
  handed[handed_len++] = p;
  pthread_mutex_unlock(&alloc_lock);
  return p;
}

long sim_alloc_live(void) {
  pthread_mutex_lock(&alloc_lock);
  long n = (long)handed_len;
  pthread_mutex_unlock(&alloc_lock);
  return n;
}

SIM_EXPORT void *hosted_malloc(size_t size) { return malloc(size); }

SIM_EXPORT void *hosted_calloc(size_t blk_no, size_t size) { return calloc(blk_no, size); }

SIM_EXPORT void hosted_free(void *ptr) {
  if (!ptr) return;
  pthread_mutex_lock(&alloc_lock);
  /* newest first: the block released is most often the one handed last */
  for (size_t i = handed_len; i-- > 0;) {
    if (handed[i] == ptr) {
      handed[i] = handed[--handed_len];
      break;
    }
  }
  pthread_mutex_unlock(&alloc_lock);
  free(ptr);
}

SIM_EXPORT long netfsm_hosted_sim_live_allocations(void) { return sim_alloc_live(); }

/* At unload or exit: the registry itself (blocks still live stay the caller's). */
__attribute__((destructor)) static void alloc_teardown(void) {
  pthread_mutex_lock(&alloc_lock);
  free(handed);
  handed = NULL;
  handed_len = handed_cap = 0;
  pthread_mutex_unlock(&alloc_lock);
}
