/*
 * The application frame: one accepted request from parameters to response.
 * The order of the checks in serve_request() is the security policy of the
 * whole portal; read it top to bottom.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "app.h"
#include "date.h"
#include "html.h"
#include "jsonbody.h"
#include "log.h"
#include "server.h"
#include "session.h"
#include "template.h"
#include "validate.h"

#define DEFAULT_MAX_BODY	(1024 * 1024)
#define LANG_COOKIE_AGE		(365L * 24 * 3600)

/* --- cookies and language ------------------------------------------------- */

int
eco_cookie_flags(const struct eco_ctx *ctx)
{
	/* The dev run is plain HTTP on loopback; everywhere else cookies need TLS. */
	return ECO_COOKIE_HTTPONLY | (ctx->app->config.dev ? 0 : ECO_COOKIE_SECURE);
}

/* The language named by the first path segment, if any. */
static bool
lang_from_path(const char *path, enum eco_lang *lang)
{
	char code[3];

	/* The path is NULL when the request was refused before it was read. */
	if (path == NULL || path[0] != '/' || strlen(path) < 3 ||
	    (path[3] != '/' && path[3] != '\0'))
		return false;
	memcpy(code, path + 1, 2);
	code[2] = '\0';
	return eco_lang_parse(code, lang) == 0;
}

/*
 * The path segment says the language; without one, the cookie set by an
 * earlier visit, then the browser's Accept-Language, then Kazakh.
 */
static void
choose_language(struct eco_ctx *ctx)
{
	const char *cookie;
	enum eco_lang from_path;

	if (lang_from_path(ctx->req.path, &from_path)) {
		ctx->lang = from_path;
		cookie = eco_params_get(&ctx->req.cookies, ECO_COOKIE_LANG);
		if (cookie == NULL || strcmp(cookie, eco_lang_code(from_path)) != 0)
			eco_response_cookie(&ctx->res, ctx->arena, ECO_COOKIE_LANG,
			    eco_lang_code(from_path), LANG_COOKIE_AGE,
			    eco_cookie_flags(ctx));
		return;
	}
	cookie = eco_params_get(&ctx->req.cookies, ECO_COOKIE_LANG);
	if (cookie != NULL && eco_lang_parse(cookie, &ctx->lang) == 0)
		return;
	ctx->lang = eco_lang_from_accept(ctx->req.accept_language, ECO_LANG_KK);
}

/* --- helpers for pages ------------------------------------------------------ */

const char *
eco_param(struct eco_ctx *ctx, const char *name)
{
	return eco_route_param(&ctx->match, name);
}

const char *
eco_form(struct eco_ctx *ctx, const char *name)
{
	return eco_params_get(&ctx->req.form, name);
}

const char *
eco_query(struct eco_ctx *ctx, const char *name)
{
	return eco_params_get(&ctx->req.query, name);
}

bool
eco_signed_in_user(struct eco_ctx *ctx)
{
	/* Once a request: pages ask several times (who may see what). */
	if (!ctx->have_user && ctx->have_claims && !ctx->user_checked) {
		ctx->user_checked = true;
		(void)eco_session_load_user(ctx);
	}
	return ctx->have_user;
}

const char *
eco_tr(struct eco_ctx *ctx, const char *msgid)
{
	return eco_gettext(ctx->app->catalogs, ctx->lang, NULL, msgid);
}

const char *
eco_url(struct eco_ctx *ctx, const char *path)
{
	return eco_sprintf(ctx->arena, "/%s%s", eco_lang_code(ctx->lang), path);
}

void
eco_download(struct eco_ctx *ctx, const char *type, const char *name,
    const char *ext, bool cut, long max)
{
	const char *first = cut ? eco_sprintf(ctx->arena, "-first-%ld", max) :
	    "";
	char today[11];

	eco_date_format_iso(ctx->today, today, sizeof(today));
	ctx->res.content_type = type;
	eco_response_header(&ctx->res, "Content-Disposition", eco_sprintf(
	    ctx->arena, "attachment; filename=\"%s-%s%s.%s\"", name, today,
	    first, ext));
	if (cut)
		eco_response_header(&ctx->res, "X-Export-Truncated",
		    eco_sprintf(ctx->arena, "%ld", max));
	eco_buf_clear(&ctx->res.body);
	ctx->res.status = 200;
}

static const char *
hook_gettext(void *ud, const char *msgctxt, const char *msgid)
{
	struct eco_ctx *ctx = ud;

	return eco_gettext(ctx->app->catalogs, ctx->lang, msgctxt, msgid);
}

static const char *
hook_ngettext(void *ud, const char *msgid, const char *plural, unsigned long n)
{
	struct eco_ctx *ctx = ud;

	return eco_ngettext(ctx->app->catalogs, ctx->lang, msgid, plural, n);
}

static int
hook_format_date(void *ud, const char *iso, struct eco_buf *out)
{
	struct eco_ctx *ctx = ud;
	long days;

	if (eco_date_parse(iso, &days) != 0)
		return -1;
	eco_format_day(ctx->app->catalogs, ctx->lang, days, out);
	return 0;
}

/* The part of the path after the language segment, for the language switch. */
static const char *
path_after_lang(struct eco_ctx *ctx)
{
	enum eco_lang lang;

	if (lang_from_path(ctx->req.path, &lang))
		return ctx->req.path[3] == '\0' ? "/" : ctx->req.path + 3;
	return "/";
}

const char *
eco_csrf(struct eco_ctx *ctx)
{
	const char *binding;

	if (ctx->csrf != NULL)
		return ctx->csrf;
	if (ctx->have_claims) {
		binding = ctx->claims.sid_hex;
	} else {
		/* Anonymous forms are bound to a random pre-session cookie. */
		binding = eco_params_get(&ctx->req.cookies, ECO_COOKIE_PRESESSION);
		if (binding == NULL || strlen(binding) != 32) {
			binding = eco_random_hex(ctx->arena, 16);
			eco_response_cookie(&ctx->res, ctx->arena,
			    ECO_COOKIE_PRESESSION, binding, -1, eco_cookie_flags(ctx));
		}
	}
	ctx->csrf = eco_csrf_token(ctx->arena, &ctx->app->keyring, binding);
	return ctx->csrf;
}

static bool
csrf_valid(struct eco_ctx *ctx)
{
	const char *token = eco_form(ctx, "csrf");
	const char *binding = ctx->have_claims ? ctx->claims.sid_hex :
	    eco_params_get(&ctx->req.cookies, ECO_COOKIE_PRESESSION);

	return token != NULL && binding != NULL &&
	    eco_csrf_verify(&ctx->app->keyring, binding, token);
}

_Static_assert(ECO_LANG_COUNT <= ECO_TEMPLATE_KEPT_LANGS,
    "every language's translations can be kept in the templates");

int
eco_render(struct eco_ctx *ctx, int status, const char *name, json_t *data)
{
	/* The catalogs are read once, at start (eco_app_load). */
	struct eco_template_hooks hooks = {
		ctx, hook_gettext, hook_ngettext, hook_format_date,
		(int)ctx->lang + 1
	};
	struct eco_buf inner;
	char today[11];

	if (data == NULL)
		data = json_object();
	eco_json_own(ctx->arena, data);
	eco_date_format_iso(ctx->today, today, sizeof(today));
	json_object_set_new(data, "lang", json_string(eco_lang_code(ctx->lang)));
	/* For aria-current on the language switch. */
	json_object_set_new(data, eco_sprintf(ctx->arena, "lang_%s",
	    eco_lang_code(ctx->lang)), json_true());
	json_object_set_new(data, "path_rest", json_string(path_after_lang(ctx)));
	json_object_set_new(data, "today", json_string(today));
	json_object_set_new(data, "signed_in", json_boolean(ctx->have_claims));
	if (ctx->have_claims) {
		json_object_set_new(data, "user_role",
		    json_string(eco_role_name(ctx->claims.role)));
		json_object_set_new(data, "csrf", json_string(eco_csrf(ctx)));
	} else if (ctx->csrf != NULL) {
		json_object_set_new(data, "csrf", json_string(ctx->csrf));
	}

	eco_buf_init(&inner, ctx->arena);
	if (eco_template_render(ctx->app->templates, name, data, NULL, &hooks,
	    &inner) != 0) {
		eco_log("template %s missing", name);
		ctx->res.status = 500;
		return 500;
	}
	eco_buf_clear(&ctx->res.body);
	eco_template_render(ctx->app->templates, "layout", data, inner.data,
	    &hooks, &ctx->res.body);
	ctx->res.content_type = "text/html; charset=utf-8";
	ctx->res.status = status;
	return status;
}

int
eco_json(struct eco_ctx *ctx, int status, json_t *data)
{
	char *text;

	eco_json_own(ctx->arena, data);
	text = json_dumps(data, JSON_COMPACT);
	eco_buf_clear(&ctx->res.body);
	if (text != NULL) {
		eco_buf_puts(&ctx->res.body, text);
		free(text);
	}
	ctx->res.content_type = "application/json";
	ctx->res.status = status;
	return status;
}

static const char *
default_error_code(int status)
{
	switch (status) {
	case 400: return "bad_request";
	case 401: return "unauthorized";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 409: return "conflict";
	case 413: return "payload_too_large";
	case 414: return "uri_too_long";
	case 415: return "unsupported_media_type";
	case 429: return "too_many_requests";
	case 503: return "unavailable";
	default:  return "internal_error";
	}
}

static const char *
default_error_message(int status)
{
	switch (status) {
	case 400: return N_("The request could not be understood.");
	case 401: return N_("Please sign in to continue.");
	case 403: return N_("You do not have access to this page.");
	case 404: return N_("The page was not found.");
	case 405: return N_("This address does not accept this method.");
	case 409: return N_("The request conflicts with the current state.");
	case 413: return N_("The request is too large.");
	case 414: return N_("The address is too long.");
	case 415: return N_("This type of content is not accepted.");
	case 429: return N_("Too many attempts. Please wait and try again.");
	case 503: return N_("The service is temporarily unavailable. Please try again later.");
	default:  return N_("Something went wrong on our side. Please try again later.");
	}
}

int
eco_error(struct eco_ctx *ctx, int status, const char *code, const char *message)
{
	const char *text;

	if (code == NULL)
		code = default_error_code(status);
	if (message == NULL)
		message = default_error_message(status);
	text = eco_tr(ctx, message);
	ctx->error_code = code;
	ctx->error_message = message;
	if (ctx->api) {
		return eco_json(ctx, status, json_pack("{s:{s:s,s:s}}", "error",
		    "code", code, "message", text));
	}
	return eco_render(ctx, status, "error", json_pack("{s:i,s:s,s:s,s:s}",
	    "status", status, "code", code, "message", text,
	    "title", eco_tr(ctx, eco_status_text(status))));
}

void
eco_form_errors(struct eco_ctx *ctx, json_t *data,
    const struct eco_field_error *errors, size_t n)
{
	json_t *by_field = json_object(), *list = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		const char *text = eco_tr(ctx, errors[i].message);

		json_object_set_new(by_field, errors[i].field, json_string(text));
		json_array_append_new(list, json_pack("{s:s,s:s}", "field",
		    errors[i].field, "message", text));
	}
	json_object_set_new(data, "errors", by_field);
	json_object_set_new(data, "error_list", list);
}

void
eco_form_keep(struct eco_ctx *ctx, json_t *data, const char *const *names,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *v = eco_form(ctx, names[i]);

		if (v != NULL)
			json_object_set_new(data, names[i], json_string(v));
	}
}

int
eco_redirect(struct eco_ctx *ctx, const char *location)
{
	eco_response_header(&ctx->res, "Location", location);
	eco_buf_clear(&ctx->res.body);
	ctx->res.status = 303;
	return 303;
}

int
eco_no_content(struct eco_ctx *ctx)
{
	eco_buf_clear(&ctx->res.body);
	ctx->res.status = 204;
	return 204;
}

/*
 * GET /healthz: whether this handler reaches the database.
 * 200 {"status":"ok"}; 503 when the database does not answer.
 */
int
eco_page_healthz(struct eco_ctx *ctx)
{
	bool up = eco_db_ping(ctx->db);

	return eco_json(ctx, up ? 200 : 503, json_pack("{s:s,s:s,s:s}",
	    "status", up ? "ok" : "unavailable",
	    "handler", ctx->app->handler->name,
	    "database", up ? "ok" : "unreachable"));
}

/* --- the request pipeline ------------------------------------------------ */

/* The session token from the cookie or an Authorization: Bearer header. */
static void
read_token(struct eco_ctx *ctx)
{
	const char *token = NULL;
	const char *auth = ctx->req.authorization;
	bool from_cookie = false;

	if (auth != NULL && strncmp(auth, "Bearer ", 7) == 0) {
		token = auth + 7;
	} else {
		token = eco_params_get(&ctx->req.cookies, ECO_COOKIE_SESSION);
		from_cookie = true;
	}
	if (token == NULL || token[0] == '\0')
		return;
	switch (eco_token_verify(&ctx->app->keyring, token, (long long)time(NULL),
	    &ctx->claims)) {
	case ECO_TOKEN_OK:
		ctx->have_claims = true;
		ctx->token_from_cookie = from_cookie;
		break;
	case ECO_TOKEN_UNKNOWN_KEY:
		/* Perhaps a key this machine has not seen yet: keep the cookie. */
		break;
	default:
		/* A stale or forged cookie: forget it rather than carry it on. */
		if (from_cookie)
			eco_response_cookie(&ctx->res, ctx->arena,
			    ECO_COOKIE_SESSION, "", 0, eco_cookie_flags(ctx));
		break;
	}
}

static bool
unsafe_method(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

static int
require_roles(struct eco_ctx *ctx)
{
	if (!ctx->have_claims || eco_session_load_user(ctx) != 0) {
		if (ctx->have_claims && eco_db_unavailable(ctx->db))
			return eco_error(ctx, 503, NULL, NULL);
		if (ctx->have_claims) {
			/* Signed out or disabled elsewhere: the cookie is dead. */
			ctx->have_claims = false;
			if (ctx->token_from_cookie)
				eco_response_cookie(&ctx->res, ctx->arena,
				    ECO_COOKIE_SESSION, "", 0, eco_cookie_flags(ctx));
		}
		if (!ctx->api && !unsafe_method(ctx->req.method)) {
			struct eco_buf loc;

			eco_buf_init(&loc, ctx->arena);
			eco_buf_puts(&loc, eco_url(ctx, "/account/login?next="));
			eco_url_encode(&loc, ctx->req.path, strlen(ctx->req.path));
			return eco_redirect(ctx, loc.data);
		}
		return eco_error(ctx, 401, NULL, NULL);
	}
	if ((ctx->user.role & ctx->route->roles) == 0)
		return eco_error(ctx, 403, NULL, NULL);
	return 0;
}

static size_t
fcgx_reader(void *ud, char *buf, size_t n)
{
	int got = FCGX_GetStr(buf, n > 65536 ? 65536 : (int)n, ud);

	return got > 0 ? (size_t)got : 0;
}

static int
serve_request(struct eco_ctx *ctx, char **envp, eco_body_reader reader,
    void *reader_ud)
{
	const struct eco_handler *h = ctx->app->handler;
	const char *why = NULL, *allow = NULL;
	int status;

	status = eco_request_init(&ctx->req, ctx->arena, envp,
	    &eco_default_limits, &why);
	if (ctx->req.path != NULL)
		ctx->api = strncmp(ctx->req.path, "/api/", 5) == 0;
	choose_language(ctx);
	if (status != 0)
		return eco_error(ctx, status, NULL, why);
	if (strcmp(ctx->req.method, "HEAD") == 0)
		ctx->res.head_only = true;

	switch (eco_route_find(h->routes, h->nroutes, ctx->req.method,
	    ctx->req.path, ctx->arena, &ctx->route, &ctx->match, &allow)) {
	case ECO_ROUTE_FOUND:
		break;
	case ECO_ROUTE_BAD_METHOD:
		eco_response_header(&ctx->res, "Allow", allow);
		return eco_error(ctx, 405, NULL, NULL);
	default:
		return eco_error(ctx, 404, NULL, NULL);
	}

	read_token(ctx);
	if ((ctx->route->roles & ECO_ROLE_ANY) != ECO_ROLE_PUBLIC &&
	    (status = require_roles(ctx)) != 0)
		return status;

	if (unsafe_method(ctx->req.method)) {
		status = eco_request_read_body(&ctx->req, ctx->arena, reader,
		    reader_ud, h->max_body ? h->max_body : DEFAULT_MAX_BODY,
		    &eco_default_limits, &why);
		if (status != 0)
			return eco_error(ctx, status, NULL, why);
		if (ctx->api && ctx->req.body_len > 0 && ctx->req.json == NULL)
			return eco_error(ctx, 415, NULL,
			    N_("The API accepts JSON bodies only."));
		/*
		 * A cross-site form can POST with the browser's cookie but never
		 * as application/json (that needs CORS, which we do not allow),
		 * so an API POST that rides on the cookie must be JSON.
		 */
		if (ctx->api && ctx->token_from_cookie &&
		    strcmp(ctx->req.method, "POST") == 0 &&
		    (ctx->req.content_type == NULL ||
		    strcmp(ctx->req.content_type, "application/json") != 0))
			return eco_error(ctx, 403, "csrf",
			    N_("Requests signed in by the cookie must send JSON."));
		/* Browsers' forms must prove they came from our own page. */
		if (!ctx->api && (ctx->route->roles & ECO_ROUTE_OPEN_FORM) == 0 &&
		    !csrf_valid(ctx))
			return eco_error(ctx, 403, "csrf",
			    N_("The form has expired or did not come from this site. Please go back, reload the page and try again."));
	}
	return ctx->route->page(ctx);
}

/* Picks up a rotated keyring (looking at most once a second). */
static void
refresh_keys(struct eco_app *app)
{
	char err[512];

	if (eco_keyring_refresh(&app->keyring, time(NULL), err, sizeof(err)) < 0)
		eco_log("the rotated keyring is not valid; keeping the old keys: %s",
		    err);
}

void
eco_app_serve(struct eco_app *app, struct eco_db *db, struct eco_arena *arena,
    char **envp, eco_body_reader reader, void *reader_ud, struct eco_buf *out)
{
	struct eco_ctx ctx;
	struct timespec t0, t1;
	int status;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&ctx, 0, sizeof(ctx));
	ctx.arena = arena;
	ctx.app = app;
	ctx.db = db;
	ctx.today = eco_today();
	eco_response_init(&ctx.res, arena);
	refresh_keys(app);

	status = serve_request(&ctx, envp, reader, reader_ud);
	/* A page that failed half way leaves nothing half-written. */
	if (eco_db_in_transaction(db))
		eco_db_rollback(db);
	if (status >= 400 && ctx.res.body.len == 0)
		eco_error(&ctx, status, NULL, NULL);
	ctx.res.status = status;
	eco_response_header(&ctx.res, "Cache-Control",
	    ctx.api || ctx.have_claims ? "no-store" : "no-cache");
	eco_response_serialize(&ctx.res, out);

	clock_gettime(CLOCK_MONOTONIC, &t1);
	eco_log_request(ctx.req.method, ctx.req.path, status,
	    (long long)(t1.tv_sec - t0.tv_sec) * 1000000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000);
}

/* --- the process ----------------------------------------------------------- */

static struct eco_app the_app;
static struct {
	struct eco_db		*db;
	struct eco_arena	*arena;
} worker;

static int
worker_start(void *ud)
{
	struct eco_app *app = ud;

	worker.db = eco_db_open(app->config.dsn);
	worker.arena = eco_arena_new();
	if (worker.db == NULL)
		return -1;
	/* Connect now so the first request does not pay for it; failure is
	 * fine, the connection is retried on use. */
	(void)eco_db_ping(worker.db);
	return 0;
}

static void
worker_serve(FCGX_Request *req, void *ud)
{
	struct eco_app *app = ud;
	struct eco_buf out;

	eco_buf_init(&out, worker.arena);
	eco_app_serve(app, worker.db, worker.arena, req->envp, fcgx_reader,
	    req->in, &out);
	FCGX_PutStr(out.data, (int)out.len, req->out);
	eco_arena_reset(worker.arena);
}

int
eco_app_load(struct eco_app *app, const struct eco_handler *h, char *err,
    size_t errlen)
{
	char *dir;

	memset(app, 0, sizeof(*app));
	app->handler = h;
	if (eco_config_from_env(&app->config, err, errlen) != 0)
		return -1;
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium cannot be initialised");
		return -1;
	}
	if (eco_routes_check(h->routes, h->nroutes, err, errlen) != 0)
		return -1;
	dir = eco_config_path(&app->config, "templates");
	app->templates = eco_templates_load(dir, err, errlen);
	free(dir);
	if (app->templates == NULL)
		return -1;
	dir = eco_config_path(&app->config, "po");
	app->catalogs = eco_catalogs_load(dir, err, errlen);
	free(dir);
	if (app->catalogs == NULL)
		return -1;
	if (eco_keyring_load(&app->keyring, app->config.keyring_path, err,
	    errlen) != 0)
		return -1;
	return 0;
}

int
eco_app_main(int argc, char **argv, const struct eco_handler *h)
{
	struct eco_server_config sc = { .name = h->name };
	char err[1024];

	if (eco_server_options(argc, argv, &sc, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s\n", h->name, err);
		return 2;
	}
	if (eco_app_load(&the_app, h, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s\n", h->name, err);
		return 1;
	}
	return eco_server_run(&sc, worker_start, worker_serve, &the_app);
}

json_t *
eco_code_options(struct eco_ctx *ctx, const char *(*code_at)(size_t),
    const char *(*label)(const char *), const char *selected)
{
	json_t *list = json_array();
	const char *code;
	size_t i;

	for (i = 0; (code = code_at(i)) != NULL; i++)
		json_array_append_new(list, json_pack("{s:s,s:s,s:b}",
		    "code", code, "name", eco_tr(ctx, label(code)),
		    "selected", selected != NULL && strcmp(code, selected) == 0));
	return list;
}

int
eco_json_field_errors(struct eco_ctx *ctx, int status,
    const struct eco_field_error *errors, size_t n)
{
	json_t *fields = json_object();
	size_t i;

	for (i = 0; i < n; i++)
		json_object_set_new(fields, errors[i].field,
		    json_string(eco_tr(ctx, errors[i].message)));
	ctx->error_code = errors[0].code;
	ctx->error_message = errors[0].message;
	return eco_json(ctx, status, json_pack("{s:{s:s,s:s,s:o}}", "error",
	    "code", errors[0].code, "message", eco_tr(ctx, errors[0].message),
	    "fields", fields));
}
