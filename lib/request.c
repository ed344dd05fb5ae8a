/*
 * From FastCGI parameters and the body stream to struct eco_request.
 * Every step bounds what it reads and answers 400, 413 or 415 with a reason
 * instead of trusting the client.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cookie.h"
#include "i18n.h"
#include "jsonbody.h"
#include "multipart.h"
#include "request.h"
#include "urlencoded.h"
#include "utf8.h"

#define MAX_PATH	2048
#define MAX_HEADER	8192

const char *
eco_env_get(char **envp, const char *name)
{
	size_t n = strlen(name);

	for (; envp != NULL && *envp != NULL; envp++)
		/* The first byte first: most names differ there already. */
		if (**envp == *name && strncmp(*envp, name, n) == 0 &&
		    (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

/* The media type of a Content-Type value, lower case, without parameters. */
static const char *
media_type(struct eco_arena *a, const char *header)
{
	size_t n = strcspn(header, ";");
	char *t;
	size_t i;

	while (n > 0 && isspace((unsigned char)header[n - 1]))
		n--;
	while (n > 0 && isspace((unsigned char)*header)) {
		header++;
		n--;
	}
	t = eco_strndup(a, header, n);
	for (i = 0; i < n; i++)
		t[i] = (char)tolower((unsigned char)t[i]);
	return t;
}

static const char *
header_or_null(char **envp, const char *name)
{
	const char *v = eco_env_get(envp, name);

	return v != NULL && strlen(v) <= MAX_HEADER ? v : NULL;
}

int
eco_request_init(struct eco_request *r, struct eco_arena *a, char **envp,
    const struct eco_limits *lim, const char **why)
{
	const char *v;
	char *end;

	memset(r, 0, sizeof(*r));
	r->method = eco_env_get(envp, "REQUEST_METHOD");
	if (r->method == NULL || r->method[0] == '\0' || strlen(r->method) > 16) {
		*why = N_("The request has no method.");
		return 400;
	}
	/* nginx gives DOCUMENT_URI decoded and with dot segments resolved. */
	r->path = eco_env_get(envp, "DOCUMENT_URI");
	if (r->path == NULL)
		r->path = eco_env_get(envp, "SCRIPT_NAME");
	if (r->path == NULL || r->path[0] != '/') {
		*why = N_("The request has no path.");
		return 400;
	}
	if (strlen(r->path) > MAX_PATH) {
		*why = N_("The address is too long.");
		return 414;
	}
	if (!eco_text_valid(r->path, strlen(r->path), false)) {
		*why = N_("The address is not valid UTF-8 text.");
		return 400;
	}

	r->query_string = eco_env_get(envp, "QUERY_STRING");
	if (r->query_string != NULL && r->query_string[0] != '\0') {
		if (strlen(r->query_string) > MAX_PATH) {
			*why = N_("The query string is too long.");
			return 414;
		}
		switch (eco_urlencoded_parse(a, r->query_string,
		    strlen(r->query_string), lim, &r->query)) {
		case ECO_PARSE_OK:
			break;
		case ECO_PARSE_BAD_TEXT:
			*why = N_("The query string is not valid UTF-8 text.");
			return 400;
		case ECO_PARSE_TOO_MANY:
		case ECO_PARSE_TOO_LONG:
			*why = N_("The query string exceeds the limits.");
			return 400;
		default:
			*why = N_("The query string is malformed.");
			return 400;
		}
	}

	if ((v = header_or_null(envp, "HTTP_COOKIE")) != NULL)
		eco_cookies_parse(a, v, lim, &r->cookies);
	r->accept_language = header_or_null(envp, "HTTP_ACCEPT_LANGUAGE");
	r->authorization = header_or_null(envp, "HTTP_AUTHORIZATION");
	r->remote_addr = eco_env_get(envp, "REMOTE_ADDR");
	v = eco_env_get(envp, "HTTPS");
	r->https = v != NULL && strcmp(v, "on") == 0;

	r->content_type_header = header_or_null(envp, "CONTENT_TYPE");
	if (r->content_type_header != NULL && r->content_type_header[0] != '\0')
		r->content_type = media_type(a, r->content_type_header);
	v = eco_env_get(envp, "CONTENT_LENGTH");
	if (v != NULL && v[0] != '\0') {
		unsigned long long n;

		errno = 0;
		n = strtoull(v, &end, 10);
		if (errno != 0 || *end != '\0' || !isdigit((unsigned char)v[0])) {
			*why = N_("The Content-Length is invalid.");
			return 400;
		}
		r->content_length = n > SIZE_MAX ? SIZE_MAX : (size_t)n;
	}
	return 0;
}

static int
parse_form(struct eco_request *r, struct eco_arena *a,
    const struct eco_limits *lim, const char **why)
{
	enum eco_parse_result res;

	if (strcmp(r->content_type, "application/x-www-form-urlencoded") == 0) {
		res = eco_urlencoded_parse(a, r->body, r->body_len, lim, &r->form);
	} else {
		const char *boundary = eco_multipart_boundary(a,
		    r->content_type_header);

		if (boundary == NULL) {
			*why = N_("The multipart body has no boundary.");
			return 400;
		}
		res = eco_multipart_parse(a, r->body, r->body_len, boundary,
		    lim, &r->form);
	}
	switch (res) {
	case ECO_PARSE_OK:
		return 0;
	case ECO_PARSE_BAD_TEXT:
		*why = N_("A form field is not valid UTF-8 text.");
		return 400;
	case ECO_PARSE_TOO_MANY:
		*why = N_("The form has too many fields.");
		return 400;
	case ECO_PARSE_TOO_LONG:
		*why = N_("A form field is too long.");
		return 413;
	case ECO_PARSE_FILE_TOO_LARGE:
		/* max_file of eco_default_limits (params.c). */
		*why = N_("An attached file is larger than 10 MB.");
		return 413;
	default:
		*why = N_("The form body is malformed.");
		return 400;
	}
}

int
eco_request_read_body(struct eco_request *r, struct eco_arena *a,
    eco_body_reader read, void *ud, size_t max_body,
    const struct eco_limits *lim, const char **why)
{
	char *body;
	size_t got = 0, n;

	if (r->content_length == 0)
		return 0;
	if (r->content_length > max_body) {
		*why = N_("The request body is too large.");
		return 413;
	}
	if (r->content_type == NULL) {
		*why = N_("A request body needs a Content-Type.");
		return 415;
	}
	if (strcmp(r->content_type, "application/json") != 0 &&
	    strcmp(r->content_type, "application/x-www-form-urlencoded") != 0 &&
	    strcmp(r->content_type, "multipart/form-data") != 0) {
		*why = N_("This type of content is not accepted.");
		return 415;
	}
	body = eco_alloc(a, r->content_length + 1);
	while (got < r->content_length) {
		n = read(ud, body + got, r->content_length - got);
		if (n == 0)
			break;
		got += n;
	}
	if (got != r->content_length) {
		*why = N_("The request body ended early.");
		return 400;
	}
	body[got] = '\0';
	r->body = body;
	r->body_len = got;

	if (strcmp(r->content_type, "application/json") == 0) {
		r->json = eco_json_parse_object(a, body, got, why);
		return r->json != NULL ? 0 : 400;
	}
	return parse_form(r, a, lim, why);
}
