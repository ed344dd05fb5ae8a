/* Public pages for visitors not signed in (see page_cache.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "buf.h"
#include "page_cache.h"

#define SLOTS		32		/* pages a worker keeps */
#define MAX_PAGE	(256 * 1024)	/* bytes of one page */
#define MAX_AGE		10		/* seconds */

struct copy {
	char		*key;		/* path?query, NULL: free */
	char		*body;
	size_t		 len;
	long long	 version;
	long		 today;
	time_t		 made_at;	/* monotonic seconds */
};

static struct copy slots[SLOTS];
static unsigned next_slot;		/* the one to take next, round robin */

static time_t
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

bool
eco_page_cache_wanted(struct eco_ctx *ctx)
{
	return !ctx->have_claims && ctx->req.authorization == NULL &&
	    eco_params_get(&ctx->req.cookies, ECO_COOKIE_SESSION) == NULL &&
	    strcmp(ctx->req.method, "GET") == 0;
}

static const char *
key_of(struct eco_ctx *ctx)
{
	const char *q = ctx->req.query_string;

	return eco_sprintf(ctx->arena, "%s?%s", ctx->req.path,
	    q != NULL ? q : "");
}

static struct copy *
find(const char *key)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		if (slots[i].key != NULL && strcmp(slots[i].key, key) == 0)
			return &slots[i];
	return NULL;
}

int
eco_page_cache_serve(struct eco_ctx *ctx, long long version)
{
	struct copy *c;

	if (version < 0 || !eco_page_cache_wanted(ctx) ||
	    (c = find(key_of(ctx))) == NULL || c->version != version ||
	    c->today != ctx->today || now() - c->made_at >= MAX_AGE)
		return 0;
	eco_buf_clear(&ctx->res.body);
	eco_buf_append(&ctx->res.body, c->body, c->len);
	ctx->res.content_type = "text/html; charset=utf-8";
	ctx->res.status = 200;
	return 200;
}

void
eco_page_cache_keep(struct eco_ctx *ctx, long long version)
{
	const char *key;
	struct copy *c;
	char *k, *body;

	/* A form token belongs to this visitor alone. */
	if (version < 0 || !eco_page_cache_wanted(ctx) ||
	    ctx->res.status != 200 || ctx->csrf != NULL ||
	    ctx->res.body.len > MAX_PAGE)
		return;
	key = key_of(ctx);
	if ((c = find(key)) == NULL) {
		c = &slots[next_slot];
		next_slot = (next_slot + 1) % SLOTS;
	}
	if ((k = strdup(key)) == NULL ||
	    (body = malloc(ctx->res.body.len + 1)) == NULL) {
		free(k);
		return;
	}
	memcpy(body, ctx->res.body.data, ctx->res.body.len);
	free(c->key);
	free(c->body);
	c->key = k;
	c->body = body;
	c->len = ctx->res.body.len;
	c->version = version;
	c->today = ctx->today;
	c->made_at = now();
}
