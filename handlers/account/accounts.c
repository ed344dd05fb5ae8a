/* Accounts in core.users: creation, login with throttling, passwords. */
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "app.h"
#include "password.h"
#include "session.h"
#include "validate.h"

/* Five wrong passwords in fifteen minutes lock the address for fifteen. */
#define LOGIN_MAX_FAILURES	"5"
#define LOGIN_WINDOW		"15 minutes"

static struct eco_stmt q_insert_user = ECO_STMT(
    "INSERT INTO core.users (email, password_hash, kind, full_name, iin, bin, "
    "                        org_name, lang) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (email) DO NOTHING RETURNING id");

static struct eco_stmt q_user_by_email = ECO_STMT(
    "SELECT id, kind, password_hash, full_name FROM core.users "
    "WHERE email = $1 AND disabled_at IS NULL");

static struct eco_stmt q_locked = ECO_STMT(
    "SELECT 1 FROM core.login_failures "
    "WHERE email = $1 AND locked_until > now()");

static struct eco_stmt q_count_failure = ECO_STMT(
    "INSERT INTO core.login_failures AS f (email, failures, window_start) "
    "VALUES ($1, 1, now()) "
    "ON CONFLICT (email) DO UPDATE SET "
    "  failures = CASE WHEN f.window_start < now() - interval '" LOGIN_WINDOW "' "
    "                  THEN 1 ELSE f.failures + 1 END, "
    "  window_start = CASE WHEN f.window_start < now() - interval '" LOGIN_WINDOW "' "
    "                  THEN now() ELSE f.window_start END, "
    "  locked_until = CASE WHEN f.window_start >= now() - interval '" LOGIN_WINDOW "' "
    "                       AND f.failures + 1 >= " LOGIN_MAX_FAILURES " "
    "                  THEN now() + interval '" LOGIN_WINDOW "' ELSE NULL END");

static struct eco_stmt q_clear_failures = ECO_STMT(
    "DELETE FROM core.login_failures WHERE email = $1");

static struct eco_stmt q_password_of = ECO_STMT(
    "SELECT password_hash FROM core.users WHERE id = $1");

static struct eco_stmt q_set_password = ECO_STMT(
    "UPDATE core.users SET password_hash = $2, password_changed_at = now() "
    "WHERE id = $1");

static char *
normalized_email(struct eco_ctx *ctx, const char *email)
{
	size_t n = strlen(email) + 1;
	char *out = eco_alloc(ctx->arena, n);

	eco_email_normalize(email, out, n);
	return out;
}

enum account_result
account_create(struct eco_ctx *ctx, const struct registration *r,
    bool sign_in, struct account *out)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *params[8];
	bool organisation = strcmp(r->kind, "organisation") == 0;
	PGresult *res;

	if (eco_password_hash(r->password, hash) != 0)
		return ACCOUNT_DB_ERROR;
	params[0] = normalized_email(ctx, r->email);
	params[1] = hash;
	params[2] = r->kind;
	params[3] = r->full_name;
	params[4] = organisation ? NULL : r->iin;
	params[5] = organisation ? r->bin : NULL;
	params[6] = organisation ? r->org_name : NULL;
	params[7] = r->lang ? r->lang : eco_lang_code(ctx->lang);
	/* The account, its audit row and its first session, or none of them. */
	if (eco_db_begin(ctx->db) != 0)
		return ACCOUNT_DB_ERROR;
	res = eco_db_exec(ctx->db, ctx->arena, &q_insert_user, 8, params);
	if (res == NULL)
		return ACCOUNT_DB_ERROR;
	if (PQntuples(res) == 0)
		return ACCOUNT_EXISTS;
	out->id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	out->email = params[0];
	out->kind = r->kind;
	out->full_name = r->full_name;
	out->role = eco_role_parse(r->kind);
	if (eco_audit(ctx, "account.register", "user", PQgetvalue(res, 0, 0),
	    NULL) != 0 ||
	    (sign_in && eco_session_open(ctx, out->id, out->role) == NULL) ||
	    eco_db_commit(ctx->db) != 0)
		return ACCOUNT_DB_ERROR;
	return ACCOUNT_OK;
}

enum account_result
account_authenticate(struct eco_ctx *ctx, const char *email,
    const char *password, struct account *out)
{
	const char *params[1];
	PGresult *res;
	bool good;

	if (email == NULL || password == NULL || !eco_email_valid(email) ||
	    strlen(password) > ECO_PASSWORD_MAX_BYTES)
		return ACCOUNT_BAD_CREDENTIALS;
	params[0] = normalized_email(ctx, email);

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_locked, 1, params)) == NULL)
		return ACCOUNT_DB_ERROR;
	if (PQntuples(res) > 0)
		return ACCOUNT_LOCKED;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_user_by_email, 1,
	    params)) == NULL)
		return ACCOUNT_DB_ERROR;
	if (PQntuples(res) == 1) {
		good = eco_password_verify(PQgetvalue(res, 0, 2), password);
	} else {
		/* As slow as a real check: the answer time tells nothing. */
		eco_password_verify_dummy(password);
		good = false;
	}
	if (!good) {
		if (eco_db_exec(ctx->db, ctx->arena, &q_count_failure, 1,
		    params) == NULL)
			return ACCOUNT_DB_ERROR;
		return ACCOUNT_BAD_CREDENTIALS;
	}
	if (eco_db_exec(ctx->db, ctx->arena, &q_clear_failures, 1, params) == NULL)
		return ACCOUNT_DB_ERROR;
	out->id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	out->email = params[0];
	out->kind = PQgetvalue(res, 0, 1);
	out->full_name = PQgetvalue(res, 0, 3);
	out->role = eco_role_parse(out->kind);
	return ACCOUNT_OK;
}

enum account_result
account_change_password(struct eco_ctx *ctx, const char *current,
    const char *next)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *params[2];
	PGresult *res;

	params[0] = eco_sprintf(ctx->arena, "%lld", ctx->user.id);
	res = eco_db_exec(ctx->db, ctx->arena, &q_password_of, 1, params);
	if (res == NULL || PQntuples(res) != 1)
		return ACCOUNT_DB_ERROR;
	if (current == NULL || !eco_password_verify(PQgetvalue(res, 0, 0), current))
		return ACCOUNT_BAD_CREDENTIALS;
	if (eco_password_hash(next, hash) != 0)
		return ACCOUNT_DB_ERROR;
	params[1] = hash;
	if (eco_db_begin(ctx->db) != 0)
		return ACCOUNT_DB_ERROR;
	if (eco_db_exec(ctx->db, ctx->arena, &q_set_password, 2, params) == NULL ||
	    eco_session_revoke_others(ctx) != 0 ||
	    eco_audit(ctx, "account.password", "user", params[0], NULL) != 0 ||
	    eco_db_commit(ctx->db) != 0) {
		eco_db_rollback(ctx->db);
		return ACCOUNT_DB_ERROR;
	}
	return ACCOUNT_OK;
}

enum account_result
account_sign_in(struct eco_ctx *ctx, const char *email, const char *password,
    struct account *out, const char **token)
{
	enum account_result r = account_authenticate(ctx, email, password, out);

	if (r != ACCOUNT_OK)
		return r;
	if (eco_db_begin(ctx->db) != 0)
		return ACCOUNT_DB_ERROR;
	if ((*token = eco_session_open(ctx, out->id, out->role)) == NULL ||
	    eco_audit(ctx, "session.open", "user",
	    eco_sprintf(ctx->arena, "%lld", out->id), NULL) != 0 ||
	    eco_db_commit(ctx->db) != 0)
		return ACCOUNT_DB_ERROR;
	return ACCOUNT_OK;
}

json_t *
account_json(const struct account *a)
{
	return json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)a->id,
	    "email", a->email, "kind", a->kind, "full_name", a->full_name);
}
