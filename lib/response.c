/*
 * Building and serialising responses.  The security headers are added here,
 * once, so no page can forget them.
 */
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "log.h"
#include "response.h"

/* Scripts only from our origin, no inline code, no framing by anyone. */
#define CSP "default-src 'self'; script-src 'self'; style-src 'self'; " \
	"img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; " \
	"base-uri 'none'; form-action 'self'"

static const struct eco_header security_headers[] = {
	{ "Content-Security-Policy", CSP },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "strict-origin-when-cross-origin" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=()" },
};

void
eco_response_init(struct eco_response *r, struct eco_arena *a)
{
	memset(r, 0, sizeof(*r));
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	eco_buf_init(&r->body, a);
}

static bool
header_safe(const char *s)
{
	return strpbrk(s, "\r\n") == NULL;
}

void
eco_response_header(struct eco_response *r, const char *name, const char *value)
{
	/*
	 * A value can carry outside data (a redirect address): a CR or LF
	 * would split the response, so such a header is dropped, not sent.
	 */
	if (!header_safe(name) || !header_safe(value)) {
		eco_log("header %s dropped: it contains a line break", name);
		return;
	}
	if (r->nheaders >= ECO_MAX_HEADERS) {
		eco_log("header %s dropped: too many headers", name);
		return;
	}
	r->headers[r->nheaders].name = name;
	r->headers[r->nheaders].value = value;
	r->nheaders++;
}

void
eco_response_cookie(struct eco_response *r, struct eco_arena *a,
    const char *name, const char *value, long max_age, int flags)
{
	const char *age = max_age >= 0 ?
	    eco_sprintf(a, "; Max-Age=%ld", max_age) : "";

	eco_response_header(r, "Set-Cookie", eco_sprintf(a,
	    "%s=%s; Path=/%s; SameSite=Lax%s%s", name, value, age,
	    flags & ECO_COOKIE_HTTPONLY ? "; HttpOnly" : "",
	    flags & ECO_COOKIE_SECURE ? "; Secure" : ""));
}

const char *
eco_status_text(int status)
{
	switch (status) {
	case 200: return N_("OK");
	case 201: return N_("Created");
	case 204: return N_("No Content");
	case 301: return N_("Moved Permanently");
	case 302: return N_("Found");
	case 303: return N_("See Other");
	case 304: return N_("Not Modified");
	case 400: return N_("Bad Request");
	case 401: return N_("Unauthorized");
	case 403: return N_("Forbidden");
	case 404: return N_("Not Found");
	case 405: return N_("Method Not Allowed");
	case 409: return N_("Conflict");
	case 413: return N_("Content Too Large");
	case 414: return N_("URI Too Long");
	case 415: return N_("Unsupported Media Type");
	case 422: return N_("Unprocessable Content");
	case 429: return N_("Too Many Requests");
	case 500: return N_("Internal Server Error");
	case 503: return N_("Service Unavailable");
	default:  return N_("Error");
	}
}

static void
put_header(struct eco_buf *out, const char *name, const char *value)
{
	eco_buf_puts(out, name);
	eco_buf_append(out, ": ", 2);
	eco_buf_puts(out, value);
	eco_buf_append(out, "\r\n", 2);
}

void
eco_response_serialize(const struct eco_response *r, struct eco_buf *out)
{
	size_t i;
	bool has_body = r->status != 204 && r->status != 304;

	/* Plain appends: this runs for every answer, printf is measurably slower. */
	eco_buf_printf(out, "Status: %d %s\r\n", r->status,
	    eco_status_text(r->status));
	if (has_body) {
		put_header(out, "Content-Type", r->content_type);
		eco_buf_printf(out, "Content-Length: %zu\r\n", r->body.len);
	}
	for (i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
		put_header(out, security_headers[i].name, security_headers[i].value);
	for (i = 0; i < r->nheaders; i++)
		put_header(out, r->headers[i].name, r->headers[i].value);
	eco_buf_puts(out, "\r\n");
	if (has_body && !r->head_only)
		eco_buf_append(out, r->body.data, r->body.len);
}
