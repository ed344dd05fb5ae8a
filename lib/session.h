/*
 * Sessions and the audit trail: the two tables of the core schema every
 * handler writes to.  A session is a row in core.sessions plus a signed
 * token naming it; revoking the row (logout, password change) makes the
 * token useless on every route that requires a role.
 */
#ifndef ECO_SESSION_H
#define ECO_SESSION_H

#include <jansson.h>

struct eco_ctx;

/*
 * Opens a session for a user: a row in core.sessions, a signed token, and
 * the session cookie.  Returns the token (arena) or NULL on a database
 * error.
 */
const char *eco_session_open(struct eco_ctx *, long long user_id, int role);
/* Revokes the request's session and clears the cookie.  0 or -1. */
int	eco_session_close(struct eco_ctx *);
/* Revokes every other session of the signed-in user (password change). */
int	eco_session_revoke_others(struct eco_ctx *);
/*
 * Loads ctx->user for the session in ctx->claims if the session is neither
 * revoked nor expired and the account is active.  0, or -1 (see
 * eco_db_unavailable() to tell a database failure from a refusal).
 */
int	eco_session_load_user(struct eco_ctx *);

/* Appends a row to core.audit (details may be NULL).  0 or -1. */
int	eco_audit(struct eco_ctx *, const char *action, const char *object_type,
	    const char *object_id, json_t *details);

#endif
