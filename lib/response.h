/*
 * The response being built: status, headers, body.  Serialised as a CGI
 * response (Status: line, headers, blank line, body) with the security
 * headers every answer carries.
 */
#ifndef ECO_RESPONSE_H
#define ECO_RESPONSE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define ECO_MAX_HEADERS	16

struct eco_arena;

struct eco_header {
	const char	*name;
	const char	*value;
};

struct eco_response {
	int			 status;
	const char		*content_type;
	struct eco_header	 headers[ECO_MAX_HEADERS];
	size_t			 nheaders;
	struct eco_buf		 body;
	bool			 head_only;	/* HEAD: headers without the body */
};

void	eco_response_init(struct eco_response *, struct eco_arena *);
/* Adds a header; one whose name or value has CR or LF is dropped and logged. */
void	eco_response_header(struct eco_response *, const char *name,
	    const char *value);

enum eco_cookie_flags {
	ECO_COOKIE_SECURE	= 1 << 0,
	ECO_COOKIE_HTTPONLY	= 1 << 1
};
/* Set-Cookie with Path=/ and SameSite=Lax; max_age 0 deletes the cookie,
 * a negative max_age makes a browser-session cookie. */
void	eco_response_cookie(struct eco_response *, struct eco_arena *,
	    const char *name, const char *value, long max_age, int flags);

/* "Not Found" for 404 and so on; "Unknown" otherwise. */
const char *eco_status_text(int status);

/* The whole response as the FastCGI application writes it. */
void	eco_response_serialize(const struct eco_response *, struct eco_buf *out);

#endif
