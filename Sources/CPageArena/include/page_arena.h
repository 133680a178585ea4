// A region allocator for libxml2: every allocation libxml2 makes while a page is parsed comes from
// one arena, and the whole tree goes at once when the page is done with, instead of thousands of
// mallocs and frees (a fifth of the parse's time under glibc's allocator). Freeing a block of an
// arena does nothing; the arena's end frees them all.
//
// The four hooks are installed with xmlMemSetup before libxml2 allocates anything. Each block they
// hand out carries a header saying whether it came from an arena or from the heap, so a block is
// freed the right way whichever thread frees it and whether or not an arena was active.
#ifndef LINIMASA_PAGE_ARENA_H
#define LINIMASA_PAGE_ARENA_H
#include <stddef.h>

typedef struct lm_arena lm_arena;

/// An empty arena (NULL when out of memory).
lm_arena *lm_arena_create(void);
/// Frees the arena's memory: every block handed out while it was current, at once.
void lm_arena_destroy(lm_arena *arena);
/// Makes `arena` the calling thread's current one (NULL: none, blocks come from the heap).
/// Returns the one current before.
lm_arena *lm_arena_enter(lm_arena *arena);
/// Bytes the arena holds (its chunks), for tests and benchmarks.
size_t lm_arena_size(const lm_arena *arena);

/// The hooks for xmlMemSetup (free, malloc, realloc, strdup).
void lm_hook_free(void *p);
void *lm_hook_malloc(size_t size);
void *lm_hook_realloc(void *p, size_t size);
char *lm_hook_strdup(const char *s);

#endif
