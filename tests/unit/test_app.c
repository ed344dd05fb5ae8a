/*
 * The request pipeline end to end in one process (tests/harness): routing,
 * language, sessions, roles, bodies, CSRF, errors and headers, with
 * hostile parameters that must give a 4xx and never crash a worker.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "roles.h"
#include "app_harness.h"
#include "tap.h"

static struct eco_arena *arena;
static struct eco_buf out;

/* Serves a request from up to 12 parameters; returns the status. */
static int
serve(const char *body, const char *p0, ...)
{
	char *env[16];
	size_t n = 0;
	va_list ap;
	const char *p;

	eco_arena_reset(arena);
	eco_buf_init(&out, arena);
	va_start(ap, p0);
	for (p = p0; p != NULL && n < 15; p = va_arg(ap, const char *))
		env[n++] = (char *)p;
	va_end(ap);
	env[n] = NULL;
	return harness_serve(arena, env, body, body ? strlen(body) : 0, &out);
}

static bool
has(const char *needle)
{
	return strstr(out.data, needle) != NULL;
}

static void
test_pages(void)
{
	is_int(serve(NULL, "REQUEST_METHOD=GET", "DOCUMENT_URI=/kk/page", NULL),
	    200, "a page renders");
	ok(has("<html lang=\"kk\">"), "in the language of the path");
	ok(has("Content-Security-Policy: default-src 'self'; script-src 'self';"),
	    "with the security headers");
	ok(has("Set-Cookie: eco_lang=kk;"), "the language is remembered");
	is_int(serve(NULL, "REQUEST_METHOD=GET", "DOCUMENT_URI=/ru/page",
	    "QUERY_STRING=q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", NULL), 200,
	    "a page with a hostile query");
	ok(has("&lt;script&gt;alert(1)&lt;/script&gt;") && !has("<script>alert"),
	    "values are escaped in templates");
	is_int(serve(NULL, "REQUEST_METHOD=HEAD", "DOCUMENT_URI=/en/page", NULL),
	    200, "HEAD of a page");
	ok(!has("<html"), "HEAD has no body");
	is_int(serve(NULL, "REQUEST_METHOD=GET", "DOCUMENT_URI=/nowhere",
	    "HTTP_ACCEPT_LANGUAGE=ru-RU,ru;q=0.9", NULL), 404, "unknown path");
	ok(has("<html lang=\"ru\">"), "the 404 page follows Accept-Language");
	is_int(serve(NULL, "REQUEST_METHOD=GET", "DOCUMENT_URI=/nowhere",
	    "HTTP_COOKIE=eco_lang=en", "HTTP_ACCEPT_LANGUAGE=ru", NULL), 404,
	    "unknown path with a language cookie");
	ok(has("<html lang=\"en\">"), "the cookie beats Accept-Language");
	is_int(serve(NULL, "REQUEST_METHOD=PUT", "DOCUMENT_URI=/kk/page", NULL),
	    405, "wrong method");
	ok(has("Allow: GET\r\n"), "405 names the allowed methods");
	is_int(serve(NULL, "REQUEST_METHOD=GET", "DOCUMENT_URI=/healthz", NULL),
	    503, "healthz without a database is 503");
	ok(has("\"database\":\"unreachable\""), "and says why");
}

static void
test_hostile(void)
{
	char longpath[3000];

	is_int(serve(NULL, "REQUEST_METHOD=AAAAAAAAAAAAAAAAAAAAAAAA",
	    "DOCUMENT_URI=/kk/page", NULL), 400, "an over-long method is 400");
	is_int(serve(NULL, "REQUEST_METHOD=GET", NULL), 400, "no path is 400");
	is_int(serve(NULL, "DOCUMENT_URI=/kk/page", NULL), 400, "no method is 400");
	is_int(serve(NULL, NULL), 400, "no parameters at all is 400");
	is_int(serve(NULL, "REQUEST_METHOD=GET", "DOCUMENT_URI=relative", NULL),
	    400, "a relative path is 400");
	is_int(serve(NULL, "REQUEST_METHOD=GET", "DOCUMENT_URI=/kk/\xc0\xaf", NULL),
	    400, "an overlong UTF-8 path is 400");
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[0] = 'D';
	memcpy(longpath, "DOCUMENT_URI=/", 14);
	longpath[sizeof(longpath) - 1] = '\0';
	is_int(serve(NULL, "REQUEST_METHOD=GET", longpath, NULL), 414,
	    "a path over 2 KiB is 414");
	is_int(serve(NULL, "REQUEST_METHOD=GET", "DOCUMENT_URI=/kk/page",
	    "HTTP_COOKIE=\xff\xfe; =; ;;; eco_session", NULL), 200,
	    "garbage cookies are ignored");
	is_int(serve(NULL, "REQUEST_METHOD=GET", "DOCUMENT_URI=/kk/page",
	    "HTTP_ACCEPT_LANGUAGE=;;;q=,,,*;q=9", NULL), 200,
	    "a garbage Accept-Language is ignored");
	is_int(serve(NULL, "REQUEST_METHOD=POST", "DOCUMENT_URI=/api/v1/echo",
	    "CONTENT_TYPE=application/json", "CONTENT_LENGTH=abc", NULL), 400,
	    "a non-numeric Content-Length is 400");
	is_int(serve("{}", "REQUEST_METHOD=POST", "DOCUMENT_URI=/api/v1/echo",
	    "CONTENT_TYPE=application/json", "CONTENT_LENGTH=99999999999999999999",
	    NULL), 400, "a Content-Length past 64 bits is 400");
	is_int(serve("{}", "REQUEST_METHOD=POST", "DOCUMENT_URI=/api/v1/echo",
	    "CONTENT_TYPE=application/json", "CONTENT_LENGTH=9999999999", NULL),
	    413, "a huge Content-Length is 413 before anything is read");
}

static void
test_sessions(void)
{
	char *token, *tampered, *cookie, *auth;

	is_int(serve(NULL, "REQUEST_METHOD=GET", "DOCUMENT_URI=/kk/admin", NULL),
	    303, "a role-protected page sends the anonymous to sign in");
	ok(has("Location: /kk/account/login?next=%2Fkk%2Fadmin\r\n"),
	    "with the page as next");
	is_int(serve(NULL, "REQUEST_METHOD=GET", "DOCUMENT_URI=/api/v1/items/7",
	    NULL), 401, "a role-protected API without a token is 401");
	ok(has("{\"error\":{\"code\":\"unauthorized\",\"message\":"),
	    "as a JSON error");

	eco_arena_reset(arena);
	token = strdup(harness_token(arena, 7, ECO_ROLE_INDIVIDUAL));
	auth = malloc(strlen(token) + 32);
	sprintf(auth, "HTTP_AUTHORIZATION=Bearer %s", token);
	is_int(serve(NULL, "REQUEST_METHOD=GET", "DOCUMENT_URI=/api/v1/items/7",
	    auth, NULL), 503, "a valid token needs the database to confirm it");
	tampered = strdup(token);
	tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
	cookie = malloc(strlen(tampered) + 32);
	sprintf(cookie, "HTTP_COOKIE=eco_session=%s", tampered);
	is_int(serve(NULL, "REQUEST_METHOD=GET", "DOCUMENT_URI=/api/v1/items/7",
	    cookie, NULL), 401, "a tampered token is 401");
	ok(has("Set-Cookie: eco_session=; Path=/; Max-Age=0"),
	    "and its cookie is cleared");
	sprintf(cookie, "HTTP_COOKIE=eco_session=%s", token);
	is_int(serve("", "REQUEST_METHOD=POST", "DOCUMENT_URI=/api/v1/echo",
	    cookie, "CONTENT_TYPE=text/plain", NULL), 403,
	    "an API POST riding on the cookie must be JSON");
	is_int(serve("{}", "REQUEST_METHOD=POST", "DOCUMENT_URI=/api/v1/echo",
	    cookie, "CONTENT_TYPE=application/json", "CONTENT_LENGTH=2", NULL),
	    200, "and passes as JSON");
	free(token);
	free(tampered);
	free(cookie);
	free(auth);
}

static void
test_bodies(void)
{
	char cookie[128], form[256];
	char *csrf, *big;
	const char *pre = "0123456789abcdef0123456789abcdef";

	is_int(serve("{\"a\":\"ж\"}", "REQUEST_METHOD=POST",
	    "DOCUMENT_URI=/api/v1/echo", "CONTENT_TYPE=application/json",
	    "CONTENT_LENGTH=10", NULL), 200, "a JSON body");
	ok(has("{\"got\":{\"a\":\"ж\"}}"), "is parsed");
	is_int(serve("{\"a\":1,\"a\":2}", "REQUEST_METHOD=POST",
	    "DOCUMENT_URI=/api/v1/echo", "CONTENT_TYPE=application/json",
	    "CONTENT_LENGTH=13", NULL), 400, "duplicate keys are 400");
	is_int(serve("a=1", "REQUEST_METHOD=POST", "DOCUMENT_URI=/api/v1/echo",
	    "CONTENT_TYPE=application/x-www-form-urlencoded", "CONTENT_LENGTH=3",
	    NULL), 415, "a form body to the API is 415");
	big = malloc(70 * 1024 + 1);
	memset(big, ' ', 70 * 1024);
	big[70 * 1024] = '\0';
	is_int(serve(big, "REQUEST_METHOD=POST", "DOCUMENT_URI=/api/v1/echo",
	    "CONTENT_TYPE=application/json", "CONTENT_LENGTH=71680", NULL), 413,
	    "a body over the handler's limit is 413");
	free(big);

	is_int(serve("x=1", "REQUEST_METHOD=POST", "DOCUMENT_URI=/kk/form",
	    "CONTENT_TYPE=application/x-www-form-urlencoded", "CONTENT_LENGTH=3",
	    NULL), 403, "a form without a CSRF token is 403");
	is_int(serve("x=1", "REQUEST_METHOD=POST", "DOCUMENT_URI=/kk/open-form",
	    "CONTENT_TYPE=application/x-www-form-urlencoded", "CONTENT_LENGTH=3",
	    NULL), 303, "an open form (ECO_ROUTE_OPEN_FORM) needs no token");
	is_int(serve("x=1", "REQUEST_METHOD=POST", "DOCUMENT_URI=/kk/admin",
	    "CONTENT_TYPE=application/x-www-form-urlencoded", "CONTENT_LENGTH=3",
	    NULL), 401, "the mark is no role: an open admin form still wants "
	    "a session");
	eco_arena_reset(arena);
	csrf = strdup(harness_csrf(arena, pre));
	snprintf(cookie, sizeof(cookie), "HTTP_COOKIE=eco_pre=%s", pre);
	snprintf(form, sizeof(form), "csrf=%s", csrf);
	{
		char len[64];

		snprintf(len, sizeof(len), "CONTENT_LENGTH=%zu", strlen(form));
		is_int(serve(form, "REQUEST_METHOD=POST", "DOCUMENT_URI=/kk/form",
		    "CONTENT_TYPE=application/x-www-form-urlencoded", len, cookie,
		    NULL), 303, "a form with its CSRF token passes");
		is_int(serve(form, "REQUEST_METHOD=POST", "DOCUMENT_URI=/kk/form",
		    "CONTENT_TYPE=application/x-www-form-urlencoded", len,
		    "HTTP_COOKIE=eco_pre=ffffffffffffffffffffffffffffffff", NULL),
		    403, "the same token with another visitor's cookie is 403");
	}
	free(csrf);
}

int
main(void)
{
	const char *share = getenv("ECO_SHARE_DIR");

	if (harness_init(share ? share : ".") != 0) {
		ok(0, "the harness loads the templates, catalogs and keys");
		return tap_done();
	}
	arena = eco_arena_new();
	test_pages();
	test_hostile();
	test_sessions();
	test_bodies();
	eco_arena_free(arena);
	return tap_done();
}
