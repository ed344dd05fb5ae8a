/* Sessions (core.sessions) and the audit trail (core.audit). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "session.h"

static struct eco_stmt q_session_insert = ECO_STMT(
    "INSERT INTO core.sessions (id, user_id, expires_at) "
    "VALUES ($1, $2, to_timestamp($3))");

static struct eco_stmt q_session_revoke = ECO_STMT(
    "UPDATE core.sessions SET revoked_at = now() "
    "WHERE id = $1 AND revoked_at IS NULL");

static struct eco_stmt q_session_revoke_others = ECO_STMT(
    "UPDATE core.sessions SET revoked_at = now() "
    "WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL");

static struct eco_stmt q_session_user = ECO_STMT(
    "SELECT u.id, u.kind, u.email, u.full_name, u.lang, "
    "       coalesce(u.holder_id, 0), coalesce(u.position, '') "
    "FROM core.sessions s JOIN core.users u ON u.id = s.user_id "
    "WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL "
    "  AND s.expires_at > now() AND u.disabled_at IS NULL");

static struct eco_stmt q_audit = ECO_STMT(
    "INSERT INTO core.audit (actor_id, action, object_type, object_id, "
    "                        address, details) "
    "VALUES ($1, $2, $3, $4, $5::inet, $6::jsonb)");

const char *
eco_session_open(struct eco_ctx *ctx, long long user_id, int role)
{
	struct eco_claims c;
	const char *token;
	const char *params[3];
	long long now = (long long)time(NULL);

	memset(&c, 0, sizeof(c));
	eco_claims_new_sid(&c);
	c.uid = user_id;
	c.role = role;
	c.issued_at = now;
	c.expires_at = now + ctx->app->config.session_seconds;

	params[0] = c.sid_hex;
	params[1] = eco_sprintf(ctx->arena, "%lld", user_id);
	params[2] = eco_sprintf(ctx->arena, "%lld", c.expires_at);
	if (eco_db_exec(ctx->db, ctx->arena, &q_session_insert, 3, params) == NULL)
		return NULL;
	token = eco_token_sign(ctx->arena, &ctx->app->keyring, &c);
	if (token == NULL)
		return NULL;
	eco_response_cookie(&ctx->res, ctx->arena, ECO_COOKIE_SESSION, token,
	    ctx->app->config.session_seconds, eco_cookie_flags(ctx));
	ctx->claims = c;
	ctx->have_claims = true;
	ctx->csrf = NULL;	/* the old one was bound to no session */
	return token;
}

int
eco_session_close(struct eco_ctx *ctx)
{
	const char *params[1];

	eco_response_cookie(&ctx->res, ctx->arena, ECO_COOKIE_SESSION, "", 0,
	    eco_cookie_flags(ctx));
	if (!ctx->have_claims)
		return 0;
	params[0] = ctx->claims.sid_hex;
	if (eco_db_exec(ctx->db, ctx->arena, &q_session_revoke, 1, params) == NULL)
		return -1;
	ctx->have_claims = false;
	return 0;
}

int
eco_session_revoke_others(struct eco_ctx *ctx)
{
	const char *params[2];

	if (!ctx->have_claims)
		return -1;
	params[0] = eco_sprintf(ctx->arena, "%lld", ctx->claims.uid);
	params[1] = ctx->claims.sid_hex;
	return eco_db_exec(ctx->db, ctx->arena, &q_session_revoke_others, 2,
	    params) == NULL ? -1 : 0;
}

int
eco_session_load_user(struct eco_ctx *ctx)
{
	const char *params[2];
	PGresult *res;

	params[0] = ctx->claims.sid_hex;
	params[1] = eco_sprintf(ctx->arena, "%lld", ctx->claims.uid);
	res = eco_db_exec(ctx->db, ctx->arena, &q_session_user, 2, params);
	if (res == NULL || PQntuples(res) != 1)
		return -1;
	ctx->user.id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	ctx->user.role = eco_role_parse(PQgetvalue(res, 0, 1));
	ctx->user.email = PQgetvalue(res, 0, 2);
	ctx->user.full_name = PQgetvalue(res, 0, 3);
	ctx->user.lang = PQgetvalue(res, 0, 4);
	ctx->user.holder_id = strtoll(PQgetvalue(res, 0, 5), NULL, 10);
	ctx->user.position = PQgetvalue(res, 0, 6);
	ctx->have_user = true;
	return 0;
}

int
eco_audit(struct eco_ctx *ctx, const char *action, const char *object_type,
    const char *object_id, json_t *details)
{
	const char *params[6];
	char *text = details ? json_dumps(details, JSON_COMPACT) : NULL;
	PGresult *res;

	params[0] = ctx->have_user ? eco_sprintf(ctx->arena, "%lld", ctx->user.id) :
	    ctx->have_claims ? eco_sprintf(ctx->arena, "%lld", ctx->claims.uid) :
	    NULL;
	params[1] = action;
	params[2] = object_type;
	params[3] = object_id;
	params[4] = ctx->req.remote_addr;
	params[5] = text ? eco_strdup(ctx->arena, text) : NULL;
	free(text);
	if (details != NULL)
		json_decref(details);
	res = eco_db_exec(ctx->db, ctx->arena, &q_audit, 6, params);
	return res == NULL ? -1 : 0;
}
