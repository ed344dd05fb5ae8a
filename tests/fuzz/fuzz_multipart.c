/*
 * libFuzzer target for eco_multipart_boundary() and eco_multipart_parse().
 *
 * The first line of the input is a Content-Type header value; the rest is
 * the body.  When that line has no usable boundary the fixed boundary "XyZ"
 * is used, so that mutations of the header do not starve the body parser.
 * Checked: boundaries obey RFC 2046; accepted parts respect the limits,
 * text is valid text, file names have no directory, and every value is a
 * piece of the body.
 */
#undef NDEBUG
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "multipart.h"
#include "params.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define HEADER_LINE_MAX	256

static const struct eco_limits limits = {
	.max_fields = 8,
	.max_name = 16,
	.max_value = 64,
	.max_file = 256,
};

static void
check_boundary(const char *b)
{
	size_t i, n = strlen(b);

	assert(n >= 1 && n <= 70 && b[n - 1] != ' ');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];

		assert((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') ||
		    (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL));
	}
}

static void
check_part(const struct eco_param *p, const char *body, size_t len)
{
	size_t namelen = strlen(p->name);

	assert(namelen > 0 && namelen <= limits.max_name);
	assert(eco_text_valid(p->name, namelen, false));
	assert(p->value[p->value_len] == '\0');
	if (p->value_len > 0)
		assert(memmem(body, len, p->value, p->value_len) != NULL);
	if (p->content_type != NULL)
		assert(eco_text_valid(p->content_type, strlen(p->content_type),
		    false));
	if (p->filename != NULL) {
		assert(p->value_len <= limits.max_file);
		assert(strchr(p->filename, '/') == NULL);
		assert(strchr(p->filename, '\\') == NULL);
		assert(eco_text_valid(p->filename, strlen(p->filename), false));
	} else {
		assert(p->value_len <= limits.max_value);
		assert(strlen(p->value) == p->value_len);
		assert(eco_text_valid(p->value, p->value_len, true));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct eco_arena *a;
	struct eco_params ps = { 0 };
	const char *in = (const char *)data, *body = in, *boundary = NULL;
	const char *nl;
	size_t len = size, i;

	if (a == NULL)
		a = eco_arena_new();
	eco_arena_reset(a);
	nl = memchr(in, '\n', size < HEADER_LINE_MAX ? size : HEADER_LINE_MAX);
	if (nl != NULL) {
		boundary = eco_multipart_boundary(a,
		    eco_strndup(a, in, (size_t)(nl - in)));
		body = nl + 1;
		len = size - (size_t)(body - in);
	}
	if (boundary != NULL)
		check_boundary(boundary);
	else
		boundary = "XyZ";
	/* body ends where the fuzzer's buffer ends: ASan sees any overread. */
	if (eco_multipart_parse(a, body, len, boundary, &limits, &ps) !=
	    ECO_PARSE_OK)
		return 0;
	assert(ps.count <= limits.max_fields);
	for (i = 0; i < ps.count; i++)
		check_part(&ps.items[i], body, len);
	return 0;
}
