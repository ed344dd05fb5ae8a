/*
 * libFuzzer target: the whole request pipeline (tests/harness) with
 * FastCGI parameters and a body from the input.  The input is lines of
 * "NAME=value", then an empty line, then the body.  Whatever comes, the
 * answer is a well-formed response and never a 500.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "app_harness.h"

#define MAX_PARAMS	24

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct eco_arena *arena;
	char *env[MAX_PARAMS + 1], *text, *line, *body = NULL;
	struct eco_buf out;
	size_t n = 0, body_len = 0;
	int status;

	if (arena == NULL) {
		const char *share = getenv("ECO_SHARE_DIR");

		if (harness_init(share ? share : ECO_SOURCE_DIR) != 0)
			abort();
		arena = eco_arena_new();
	}
	eco_arena_reset(arena);
	text = eco_alloc(arena, size + 1);
	memcpy(text, data, size);
	text[size] = '\0';

	/* Parameters up to the first empty line; the rest is the body. */
	line = text;
	while (line < text + size && n < MAX_PARAMS) {
		char *end = memchr(line, '\n', (size_t)(text + size - line));

		if (end == NULL)
			end = text + size;
		*end = '\0';
		if (end == line) {
			body = end + 1;
			break;
		}
		env[n++] = line;
		line = end + 1;
	}
	env[n] = NULL;
	if (body != NULL && body <= text + size)
		body_len = (size_t)(text + size - body);
	else
		body = NULL;

	eco_buf_init(&out, arena);
	status = harness_serve(arena, env, body, body_len, &out);
	assert(strncmp(out.data, "Status: ", 8) == 0);
	assert(status >= 200 && status < 600 && status != 500);
	return 0;
}
