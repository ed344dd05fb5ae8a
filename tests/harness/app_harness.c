/* The test handler: see app_harness.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "buf.h"
#include "app_harness.h"

/* GET /{lang}/page: a page rendered through templates and layout.  200. */
static int
page_plain(struct eco_ctx *ctx)
{
	return eco_render(ctx, 200, "error", json_pack("{s:i,s:s,s:s}",
	    "status", 200, "title", eco_tr(ctx, N_("Sign in")),
	    "message", eco_query(ctx, "q") ? eco_query(ctx, "q") : ""));
}

/* POST /{lang}/form: a form that passed CSRF (or /{lang}/open-form, which
 * needs none; or /{lang}/admin, open but for administrators).  303. */
static int
page_form(struct eco_ctx *ctx)
{
	return eco_redirect(ctx, eco_url(ctx, "/page"));
}

/* POST /api/v1/echo: the JSON body back.  200. */
static int
api_echo(struct eco_ctx *ctx)
{
	return eco_json(ctx, 200, json_pack("{s:O}", "got",
	    ctx->req.json ? ctx->req.json : json_null()));
}

static const struct eco_route routes[] = {
	{ "GET",  "/healthz",          eco_page_healthz, ECO_ROLE_PUBLIC },
	{ "GET",  "/{lang}/page",      page_plain,       ECO_ROLE_PUBLIC },
	{ "POST", "/{lang}/form",      page_form,        ECO_ROLE_PUBLIC },
	{ "POST", "/{lang}/open-form", page_form,
	    ECO_ROLE_PUBLIC | ECO_ROUTE_OPEN_FORM },
	{ "POST", "/{lang}/admin",     page_form,
	    ECO_ROLE_ADMIN | ECO_ROUTE_OPEN_FORM },
	{ "GET",  "/{lang}/admin",     page_plain,       ECO_ROLE_ADMIN },
	{ "POST", "/api/v1/echo",      api_echo,         ECO_ROLE_PUBLIC },
	{ "GET",  "/api/v1/items/{id}", page_plain,      ECO_ROLE_ANY },
};

static const struct eco_handler handler = {
	.name = "eco-harness",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.max_body = 64 * 1024,
};

static struct eco_app app;
static struct eco_db *db;

int
harness_init(const char *share_dir)
{
	static const char keys[] = "1 "
	    "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\n";
	char path[] = "/tmp/eco-harness-keys-XXXXXX";
	char err[1024];
	int fd;

	if (db != NULL)
		return 0;
	if ((fd = mkstemp(path)) < 0 ||
	    write(fd, keys, sizeof(keys) - 1) != (ssize_t)(sizeof(keys) - 1)) {
		perror("harness keyring");
		return -1;
	}
	close(fd);
	setenv("ECO_DSN", "host=/nonexistent-eco-harness dbname=none", 1);
	setenv("ECO_SHARE_DIR", share_dir, 1);
	setenv("ECO_KEYS", path, 1);
	setenv("ECO_ENV", "dev", 1);
	if (eco_app_load(&app, &handler, err, sizeof(err)) != 0) {
		fprintf(stderr, "harness: %s\n", err);
		unlink(path);
		return -1;
	}
	unlink(path);
	db = eco_db_open(app.config.dsn);
	return db != NULL ? 0 : -1;
}

struct body {
	const char	*data;
	size_t		 len, pos;
};

static size_t
read_body(void *ud, char *buf, size_t n)
{
	struct body *b = ud;

	if (n > b->len - b->pos)
		n = b->len - b->pos;
	memcpy(buf, b->data + b->pos, n);
	b->pos += n;
	return n;
}

int
harness_serve(struct eco_arena *a, char **env, const char *body,
    size_t body_len, struct eco_buf *out)
{
	struct body b = { body ? body : "", body ? body_len : 0, 0 };
	int status = 0;

	eco_app_serve(&app, db, a, env, read_body, &b, out);
	if (strncmp(out->data, "Status: ", 8) == 0)
		status = atoi(out->data + 8);
	return status;
}

char *
harness_token(struct eco_arena *a, long long uid, int role)
{
	struct eco_claims c;

	memset(&c, 0, sizeof(c));
	eco_claims_new_sid(&c);
	c.uid = uid;
	c.role = role;
	c.issued_at = (long long)time(NULL);
	c.expires_at = c.issued_at + 3600;
	return eco_token_sign(a, &app.keyring, &c);
}

char *
harness_csrf(struct eco_arena *a, const char *binding)
{
	return eco_csrf_token(a, &app.keyring, binding);
}
