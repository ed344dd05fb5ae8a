/*
 * A whole handler in one process, without nginx and without a database:
 * the real templates, catalogs and keyring, a small route table, and
 * eco_app_serve() driven with FastCGI parameters made up by a test or a
 * fuzzer.  The database address leads nowhere, so pages that need it
 * answer 503 — which is itself part of what is tested.
 */
#ifndef ECO_APP_HARNESS_H
#define ECO_APP_HARNESS_H

#include <stddef.h>

struct eco_buf;
struct eco_arena;

/* Loads the application once (templates and po/ from share_dir).  0 or -1. */
int	harness_init(const char *share_dir);
/*
 * Serves one request: env is a NULL-terminated list of "NAME=value"
 * parameters, body the request body (may be NULL).  The raw response goes
 * to out; the return value is its status.
 */
int	harness_serve(struct eco_arena *, char **env, const char *body,
	    size_t body_len, struct eco_buf *out);
/* The CSRF token a form bound to binding carries. */
char	*harness_csrf(struct eco_arena *, const char *binding);
/* A valid session token for a user id and role (signed with the keyring). */
char	*harness_token(struct eco_arena *, long long uid, int role);

#endif
