#include "page_arena.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// A block's header: its usable size and where it came from. 16 bytes, so blocks stay 16-aligned.
typedef struct {
    uint64_t size;
    uint64_t origin;
} header;

enum { HEAP = 0x68656170u, ARENA = 0x6172656eu };

typedef struct chunk {
    struct chunk *next;
    size_t capacity;
    size_t used;
    uint64_t pad;  // keeps data 16-aligned
    unsigned char data[];
} chunk;

struct lm_arena {
    chunk *head;   // chunks of chunkSize, the newest first
    chunk *large;  // blocks larger than `largest`, one chunk each
    size_t total;
};

// Chunks of 256 KiB; a block larger than a quarter of that gets a chunk of its own, so a chunk is
// never mostly wasted. Everything allocated while an arena is current belongs to it, so the
// arena's end frees the whole tree, and nothing of it needs freeing one by one.
static const size_t chunkSize = 256 * 1024;
static const size_t largest = 64 * 1024;

// Chunks of ended arenas kept for the next ones (up to 16 MiB): a fresh chunk of this size is
// mapped by the kernel page by page, which costs more than the parse's own allocations.
static pthread_mutex_t poolLock = PTHREAD_MUTEX_INITIALIZER;
static chunk *pool = NULL;
static size_t pooled = 0;
static const size_t poolLimit = 64;

static _Thread_local lm_arena *current = NULL;

lm_arena *lm_arena_create(void) { return calloc(1, sizeof(lm_arena)); }

static chunk *newChunk(void) {
    pthread_mutex_lock(&poolLock);
    chunk *c = pool;
    if (c != NULL) {
        pool = c->next;
        pooled -= 1;
    }
    pthread_mutex_unlock(&poolLock);
    if (c == NULL) {
        c = malloc(sizeof(chunk) + chunkSize);
        if (c == NULL) return NULL;
        c->capacity = chunkSize;
    }
    c->used = 0;
    return c;
}

void lm_arena_destroy(lm_arena *arena) {
    if (arena == NULL) return;
    chunk *c = arena->large;
    while (c != NULL) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    // The standard chunks go to the pool while it has room, the rest back to the heap.
    c = arena->head;
    pthread_mutex_lock(&poolLock);
    while (c != NULL && pooled < poolLimit) {
        chunk *next = c->next;
        c->next = pool;
        pool = c;
        pooled += 1;
        c = next;
    }
    pthread_mutex_unlock(&poolLock);
    while (c != NULL) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    free(arena);
}

lm_arena *lm_arena_enter(lm_arena *arena) {
    lm_arena *before = current;
    current = arena;
    return before;
}

size_t lm_arena_size(const lm_arena *arena) { return arena == NULL ? 0 : arena->total; }

static inline size_t rounded(size_t n) { return (n + 15) & ~(size_t)15; }

static void *heapBlock(size_t size) {
    if (size > SIZE_MAX - sizeof(header)) return NULL;
    header *h = malloc(sizeof(header) + size);
    if (h == NULL) return NULL;
    h->size = size;
    h->origin = HEAP;
    return h + 1;
}

static void *arenaBlock(lm_arena *a, size_t size) {
    if (size > SIZE_MAX - sizeof(chunk) - sizeof(header) - 16) return NULL;
    size_t need = sizeof(header) + rounded(size);
    chunk *c;
    if (size > largest) {
        c = malloc(sizeof(chunk) + need);
        if (c == NULL) return NULL;
        c->capacity = need;
        c->used = 0;
        c->next = a->large;
        a->large = c;
        a->total += need;
    } else if (a->head != NULL && a->head->capacity - a->head->used >= need) {
        c = a->head;
    } else {
        c = newChunk();
        if (c == NULL) return NULL;
        c->next = a->head;
        a->head = c;
        a->total += chunkSize;
    }
    header *h = (header *)(c->data + c->used);
    c->used += need;
    h->size = size;
    h->origin = ARENA;
    return h + 1;
}

void *lm_hook_malloc(size_t size) {
    lm_arena *a = current;
    if (a != NULL) return arenaBlock(a, size);
    return heapBlock(size);
}

void lm_hook_free(void *p) {
    if (p == NULL) return;
    header *h = (header *)p - 1;
    if (h->origin == HEAP) {
        h->origin = 0;  // a second free of the same block is caught below, not passed to free()
        free(h);
    } else if (h->origin != ARENA) {
        abort();  // not a block of these hooks: memory is corrupt, stop before it spreads
    }
    // An arena's block goes with its arena.
}

void *lm_hook_realloc(void *p, size_t size) {
    if (p == NULL) return lm_hook_malloc(size);
    header *h = (header *)p - 1;
    if (h->origin == HEAP) {
        if (size > SIZE_MAX - sizeof(header)) return NULL;
        header *n = realloc(h, sizeof(header) + size);
        if (n == NULL) return NULL;
        n->size = size;
        return n + 1;
    }
    if (h->origin != ARENA) abort();
    if (size <= h->size) {
        h->size = size;
        return p;
    }
    void *n = lm_hook_malloc(size);
    if (n == NULL) return NULL;
    memcpy(n, p, h->size);
    return n;
}

char *lm_hook_strdup(const char *s) {
    if (s == NULL) return NULL;
    size_t n = strlen(s) + 1;
    char *d = lm_hook_malloc(n);
    if (d != NULL) memcpy(d, s, n);
    return d;
}
