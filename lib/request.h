/*
 * The parsed HTTP request, built from the FastCGI parameters nginx sends.
 *
 * eco_request_init() reads what every request has (method, path, query,
 * cookies, headers); eco_request_read_body() reads and parses a body by its
 * Content-Type.  Both return 0 or the HTTP status to answer with (400, 413,
 * 415) and a short English reason, never crash on hostile input.
 */
#ifndef ECO_REQUEST_H
#define ECO_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "params.h"

struct eco_arena;

struct eco_request {
	const char	*method;
	const char	*path;		/* decoded and normalised by nginx */
	const char	*query_string;
	const char	*content_type;	/* media type, lower case, no parameters */
	const char	*content_type_header;
	size_t		 content_length;
	const char	*accept_language;
	const char	*authorization;
	const char	*remote_addr;
	bool		 https;
	struct eco_params query;
	struct eco_params cookies;
	struct eco_params form;		/* urlencoded or multipart body */
	json_t		*json;		/* application/json body (an object) */
	const char	*body;
	size_t		 body_len;
};

/* Looks up a FastCGI parameter ("REQUEST_METHOD"); NULL if absent. */
const char *eco_env_get(char **envp, const char *name);

int	eco_request_init(struct eco_request *, struct eco_arena *, char **envp,
	    const struct eco_limits *, const char **why);

/* Reads up to n bytes; returns the number read, 0 at the end. */
typedef size_t	(*eco_body_reader)(void *ud, char *buf, size_t n);

/*
 * Reads the body (at most max_body bytes, else 413) and parses it:
 * application/x-www-form-urlencoded and multipart/form-data into form,
 * application/json into json.  Another type with a body is 415.
 */
int	eco_request_read_body(struct eco_request *, struct eco_arena *,
	    eco_body_reader, void *ud, size_t max_body,
	    const struct eco_limits *, const char **why);

#endif
