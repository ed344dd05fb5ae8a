/*
 * Unit tests of the request frame: router matching, request parsing from
 * FastCGI parameters, response serialisation with the security headers,
 * dates, and the handler's command line.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "config.h"
#include "date.h"
#include "request.h"
#include "response.h"
#include "router.h"
#include "server.h"
#include "tap.h"

static int page_a(struct eco_ctx *c) { (void)c; return 200; }
static int page_b(struct eco_ctx *c) { (void)c; return 201; }

static const struct eco_route routes[] = {
	{ "GET",    "/",                         page_a, 0 },
	{ "GET",    "/{lang}/",                  page_a, 0 },
	{ "GET",    "/{lang}/account/login",     page_a, 0 },
	{ "POST",   "/{lang}/account/login",     page_b, 0 },
	{ "GET",    "/api/v1/requests/{id}",     page_a, 1 },
	{ "DELETE", "/api/v1/session",           page_b, 31 },
};
#define NROUTES	(sizeof(routes) / sizeof(routes[0]))

static void
test_router(void)
{
	struct eco_arena *a = eco_arena_new();
	const struct eco_route *r;
	struct eco_route_match m;
	const char *allow = NULL;
	char err[128];
	struct eco_route dup[2] = { routes[0], routes[0] };

	is_int(eco_route_find(routes, NROUTES, "GET", "/", a, &r, &m, &allow),
	    ECO_ROUTE_FOUND, "root matches");
	is_int(eco_route_find(routes, NROUTES, "GET", "/kk/", a, &r, &m, &allow),
	    ECO_ROUTE_FOUND, "/kk/ matches {lang}");
	is_str(eco_route_param(&m, "lang"), "kk", "{lang} value captured");
	is_int(eco_route_find(routes, NROUTES, "GET", "/de/", a, &r, &m, &allow),
	    ECO_ROUTE_NOT_FOUND, "{lang} refuses other languages");
	is_int(eco_route_find(routes, NROUTES, "GET", "/kk", a, &r, &m, &allow),
	    ECO_ROUTE_NOT_FOUND, "trailing slash matters");
	is_int(eco_route_find(routes, NROUTES, "POST", "/ru/account/login", a,
	    &r, &m, &allow), ECO_ROUTE_FOUND, "POST route found");
	ok(r->page == page_b, "method chooses the route");
	is_int(eco_route_find(routes, NROUTES, "HEAD", "/en/account/login", a,
	    &r, &m, &allow), ECO_ROUTE_FOUND, "HEAD matches a GET route");
	ok(r->page == page_a, "HEAD goes to the GET page");
	is_int(eco_route_find(routes, NROUTES, "PUT", "/en/account/login", a,
	    &r, &m, &allow), ECO_ROUTE_BAD_METHOD, "wrong method is 405");
	is_str(allow, "GET, POST", "Allow lists the methods");
	is_int(eco_route_find(routes, NROUTES, "GET", "/api/v1/requests/42", a,
	    &r, &m, &allow), ECO_ROUTE_FOUND, "parameter segment matches");
	is_str(eco_route_param(&m, "id"), "42", "parameter captured");
	ok(eco_route_param(&m, "nope") == NULL, "unknown parameter is NULL");
	is_int(eco_route_find(routes, NROUTES, "GET", "/api/v1/requests/", a,
	    &r, &m, &allow), ECO_ROUTE_NOT_FOUND, "empty segment is no parameter");
	is_int(eco_route_find(routes, NROUTES, "GET", "/api/v1/requests/4/x", a,
	    &r, &m, &allow), ECO_ROUTE_NOT_FOUND, "parameter is one segment");
	is_int(eco_route_find(routes, NROUTES, "GET", "/api/v1/requests", a,
	    &r, &m, &allow), ECO_ROUTE_NOT_FOUND, "prefix does not match");
	is_int(eco_route_find(routes, NROUTES, "GET", "//", a, &r, &m, &allow),
	    ECO_ROUTE_NOT_FOUND, "double slash does not match root");
	is_int(eco_route_find(routes, NROUTES, "DELETE", "/api/v1/session", a,
	    &r, &m, &allow), ECO_ROUTE_FOUND, "DELETE route");
	is_int(r->roles, 31, "route carries its roles");
	is_int(eco_routes_check(routes, NROUTES, err, sizeof(err)), 0,
	    "the table is well formed");
	is_int(eco_routes_check(dup, 2, err, sizeof(err)), -1,
	    "a duplicate route is refused");
	eco_arena_free(a);
}

static void
test_request(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_request r;
	const char *why = NULL;
	char *env[] = {
		"REQUEST_METHOD=POST",
		"DOCUMENT_URI=/kk/account/login",
		"QUERY_STRING=next=%2Fkk%2Faccount&x=%D0%B6",
		"CONTENT_TYPE=application/x-www-form-urlencoded; charset=UTF-8",
		"CONTENT_LENGTH=26",
		"HTTP_COOKIE=eco_lang=ru; eco_session=abc.def",
		"HTTP_ACCEPT_LANGUAGE=ru-RU,ru;q=0.9",
		"REMOTE_ADDR=127.0.0.1",
		NULL
	};
	char *bad_query[] = { "REQUEST_METHOD=GET", "DOCUMENT_URI=/",
	    "QUERY_STRING=a=%ZZ", NULL };
	char *bad_utf8[] = { "REQUEST_METHOD=GET", "DOCUMENT_URI=/\xc0\xaf",
	    NULL };
	char *bad_length[] = { "REQUEST_METHOD=POST", "DOCUMENT_URI=/",
	    "CONTENT_LENGTH=-5", NULL };
	char *no_method[] = { "DOCUMENT_URI=/", NULL };

	is_int(eco_request_init(&r, a, env, &eco_default_limits, &why), 0,
	    "a well-formed request parses");
	is_str(r.method, "POST", "method");
	is_str(r.path, "/kk/account/login", "path from DOCUMENT_URI");
	is_str(eco_params_get(&r.query, "next"), "/kk/account", "query decoded");
	is_str(eco_params_get(&r.query, "x"), "ж", "query UTF-8 decoded");
	is_str(r.content_type, "application/x-www-form-urlencoded",
	    "media type without parameters");
	is_int(r.content_length, 26, "content length");
	is_str(eco_params_get(&r.cookies, "eco_lang"), "ru", "cookie parsed");
	is_str(r.remote_addr, "127.0.0.1", "remote address");
	is_int(eco_request_read_body(&r, a, NULL, NULL, 10, &eco_default_limits,
	    &why), 413, "a body over the limit is 413 before reading");
	is_int(eco_request_init(&r, a, bad_query, &eco_default_limits, &why), 400,
	    "a bad escape in the query is 400");
	is_int(eco_request_init(&r, a, bad_utf8, &eco_default_limits, &why), 400,
	    "an overlong UTF-8 path is 400");
	is_int(eco_request_init(&r, a, bad_length, &eco_default_limits, &why), 400,
	    "a negative Content-Length is 400");
	is_int(eco_request_init(&r, a, no_method, &eco_default_limits, &why), 400,
	    "no method is 400");
	eco_arena_free(a);
}

struct string_reader {
	const char	*s;
	size_t		 pos;
};

static size_t
read_string(void *ud, char *buf, size_t n)
{
	struct string_reader *sr = ud;
	size_t left = strlen(sr->s) - sr->pos;

	if (n > 2)
		n = 2;	/* short reads, as a socket gives them */
	if (n > left)
		n = left;
	memcpy(buf, sr->s + sr->pos, n);
	sr->pos += n;
	return n;
}

static int
body_status(const char *type, const char *length, const char *body,
    struct eco_request *r, struct eco_arena *a)
{
	char ct[128], cl[64];
	char *env[] = { "REQUEST_METHOD=POST", "DOCUMENT_URI=/api/x", ct, cl, NULL };
	struct string_reader sr = { body, 0 };
	const char *why = NULL;

	snprintf(ct, sizeof(ct), "CONTENT_TYPE=%s", type);
	snprintf(cl, sizeof(cl), "CONTENT_LENGTH=%s", length);
	if (eco_request_init(r, a, env, &eco_default_limits, &why) != 0)
		return -1;
	return eco_request_read_body(r, a, read_string, &sr, 1024,
	    &eco_default_limits, &why);
}

static void
test_body(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_request r;

	is_int(body_status("application/x-www-form-urlencoded", "26",
	    "email=a%40b.kz&password=xy", &r, a), 0, "form body parsed");
	is_str(eco_params_get(&r.form, "email"), "a@b.kz", "form field decoded");
	is_int(body_status("application/json", "10", "{\"a\":\"ж\"}", &r, a),
	    0, "JSON body parsed");
	ok(r.json != NULL && json_is_object(r.json), "JSON object kept");
	is_int(body_status("application/json", "5", "[1,2]", &r, a), 400,
	    "a JSON array is 400");
	is_int(body_status("application/json", "7", "{\"a\":1", &r, a), 400,
	    "truncated JSON is 400");
	is_int(body_status("text/plain", "2", "hi", &r, a), 415,
	    "an unsupported type is 415");
	is_int(body_status("application/json", "20", "{}", &r, a), 400,
	    "a body shorter than its length is 400");
	is_int(body_status("application/x-www-form-urlencoded", "4", "a=%Z", &r, a),
	    400, "a malformed form is 400");
	is_int(body_status("APPLICATION/JSON; charset=utf-8", "2", "{}", &r, a),
	    0, "media type is case-insensitive");
	eco_arena_free(a);
}

static bool
has(const char *text, const char *needle)
{
	return strstr(text, needle) != NULL;
}

static void
test_response(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_response r;
	struct eco_buf out;

	eco_response_init(&r, a);
	r.status = 404;
	eco_buf_puts(&r.body, "<p>gone</p>");
	eco_response_header(&r, "X-Test", "1");
	eco_response_cookie(&r, a, "eco_session", "tok", 3600,
	    ECO_COOKIE_HTTPONLY | ECO_COOKIE_SECURE);
	eco_buf_init(&out, a);
	eco_response_serialize(&r, &out);
	ok(strncmp(out.data, "Status: 404 Not Found\r\n", 23) == 0, "status line");
	ok(has(out.data, "Content-Security-Policy: default-src 'self'; script-src 'self';"),
	    "CSP without inline scripts");
	ok(has(out.data, "frame-ancestors 'none'"), "CSP forbids framing");
	ok(has(out.data, "X-Content-Type-Options: nosniff\r\n"), "nosniff");
	ok(has(out.data, "Referrer-Policy: strict-origin-when-cross-origin\r\n"),
	    "Referrer-Policy");
	ok(has(out.data, "Content-Length: 11\r\n"), "Content-Length");
	ok(has(out.data, "Set-Cookie: eco_session=tok; Path=/; Max-Age=3600; "
	    "SameSite=Lax; HttpOnly; Secure\r\n"), "session cookie flags");
	ok(has(out.data, "\r\n\r\n<p>gone</p>"), "body after the blank line");

	eco_response_init(&r, a);
	r.status = 204;
	eco_buf_puts(&r.body, "ignored");
	eco_buf_init(&out, a);
	eco_response_serialize(&r, &out);
	ok(!has(out.data, "ignored") && !has(out.data, "Content-Length"),
	    "204 has no body");

	eco_response_init(&r, a);
	r.head_only = true;
	eco_buf_puts(&r.body, "body");
	eco_buf_init(&out, a);
	eco_response_serialize(&r, &out);
	ok(has(out.data, "Content-Length: 4") && !has(out.data, "\r\n\r\nbody"),
	    "HEAD keeps the length and drops the body");
	is_str(eco_status_text(413), "Content Too Large", "status text");
	eco_arena_free(a);
}

static void
test_dates(void)
{
	long d;
	int y, m, day;
	char iso[11];

	is_int(eco_days_from_civil(1970, 1, 1), 0, "epoch is day 0");
	is_int(eco_days_from_civil(2026, 3, 21) - eco_days_from_civil(2026, 3, 6),
	    15, "15 days from 6 to 21 March");
	eco_civil_from_days(eco_days_from_civil(2024, 2, 29), &y, &m, &day);
	ok(y == 2024 && m == 2 && day == 29, "leap day round trip");
	is_int(eco_weekday(eco_days_from_civil(2026, 3, 21)), 6,
	    "21 March 2026 is a Saturday");
	is_int(eco_weekday(eco_days_from_civil(2026, 11, 23)), 1,
	    "23 November 2026 is a Monday");
	is_int(eco_date_parse("2026-02-29", &d), -1, "29 February 2026 is invalid");
	is_int(eco_date_parse("2028-02-29", &d), 0, "29 February 2028 is valid");
	is_int(eco_date_parse("2026-1-01", &d), -1, "short month refused");
	is_int(eco_date_parse("2026-01-01x", &d), -1, "trailing text refused");
	is_int(eco_date_parse(NULL, &d), -1, "NULL refused");
	eco_date_parse("2035-12-31", &d);
	eco_date_format_iso(d, iso, sizeof(iso));
	is_str(iso, "2035-12-31", "ISO round trip");
	is_int(eco_days_in_month(2100, 2), 28, "2100 is not a leap year");
	eco_today_override(eco_days_from_civil(2026, 3, 6));
	is_int(eco_today(), eco_days_from_civil(2026, 3, 6), "today can be set");
	eco_today_override(-1);
	ok(eco_today() > eco_days_from_civil(2026, 1, 1), "real today is recent");
}

static void
test_server_options(void)
{
	struct eco_server_config c = { .name = "t" };
	char err[256];
	char *good[] = { "x", "--listen", "/tmp/x.sock", "--workers", "3",
	    "--socket-mode", "0666", "--log", "-", NULL };
	char *bad_workers[] = { "x", "--listen", "/tmp/x", "--workers", "0", NULL };
	char *missing[] = { "x", "--workers", "2", NULL };
	char *unknown[] = { "x", "--listen", "/tmp/x", "--bogus", "1", NULL };

	is_int(eco_server_options(9, good, &c, err, sizeof(err)), 0,
	    "options parse");
	is_int(c.workers, 3, "--workers");
	is_int(c.socket_mode, 0666, "--socket-mode is octal");
	is_int(eco_server_options(5, bad_workers, &c, err, sizeof(err)), -1,
	    "zero workers refused");
	is_int(eco_server_options(3, missing, &c, err, sizeof(err)), -1,
	    "--listen is required");
	is_int(eco_server_options(5, unknown, &c, err, sizeof(err)), -1,
	    "unknown option refused");
}

/* ECO_TODAY is honoured in the dev run only; production ignores it. */
static void
test_config(void)
{
	struct eco_config c;
	char err[256];

	setenv("ECO_DSN", "dbname=eco", 1);
	setenv("ECO_TODAY", "2026-03-06", 1);
	unsetenv("ECO_ENV");
	is_int(eco_config_from_env(&c, err, sizeof(err)), 0, "production config");
	ok(!c.dev, "production is not dev");
	is_int(c.today, -1, "production ignores ECO_TODAY");
	ok(eco_today() != eco_days_from_civil(2026, 3, 6),
	    "production's today is the real date");
	is_int(c.session_seconds, 12 * 3600, "sessions last 12 hours by default");

	setenv("ECO_ENV", "dev", 1);
	is_int(eco_config_from_env(&c, err, sizeof(err)), 0, "dev config");
	ok(c.dev, "ECO_ENV=dev is the dev run");
	is_int(eco_today(), eco_days_from_civil(2026, 3, 6),
	    "the dev run takes today from ECO_TODAY");
	setenv("ECO_TODAY", "2026-02-30", 1);
	is_int(eco_config_from_env(&c, err, sizeof(err)), -1,
	    "an impossible ECO_TODAY is refused");
	unsetenv("ECO_TODAY");
	setenv("ECO_SESSION_HOURS", "0", 1);
	is_int(eco_config_from_env(&c, err, sizeof(err)), -1,
	    "ECO_SESSION_HOURS below 1 is refused");
	setenv("ECO_SESSION_HOURS", "24", 1);
	is_int(eco_config_from_env(&c, err, sizeof(err)), 0, "24 hours accepted");
	is_int(c.session_seconds, 24 * 3600, "session lifetime from the environment");
	unsetenv("ECO_SESSION_HOURS");
	unsetenv("ECO_DSN");
	is_int(eco_config_from_env(&c, err, sizeof(err)), -1, "ECO_DSN is required");
	unsetenv("ECO_ENV");
	eco_today_override(-1);
}

int
main(void)
{
	test_router();
	test_request();
	test_body();
	test_response();
	test_dates();
	test_server_options();
	test_config();
	return tap_done();
}
