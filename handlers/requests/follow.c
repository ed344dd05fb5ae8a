/* Following requests and holders by e-mail (see follow.h). */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "buf.h"
#include "follow.h"
#include "store.h"
#include "validate.h"

#define STR(x)		#x
#define XSTR(x)		STR(x)

static struct eco_stmt q_about_request = ECO_STMT(
    "SELECT r.reg_no, r.subject, r.public, r.holder_id, "
    "       h.name_kk, h.name_ru, h.name_en "
    "FROM requests.requests r JOIN requests.holders h ON h.id = r.holder_id "
    "WHERE r.id = $1");

static struct eco_stmt q_about_holder = ECO_STMT(
    "SELECT name_kk, name_ru, name_en FROM requests.holders WHERE id = $1");

/* One address at a time: the checks below then count what is there. */
static struct eco_stmt q_lock_address = ECO_STMT(
    "SELECT pg_advisory_xact_lock(hashtext('requests.follows ' || $1))");

/* Addresses nobody confirmed are not kept. */
static struct eco_stmt q_purge = ECO_STMT(
    "DELETE FROM requests.follows WHERE confirmed_at IS NULL "
    "AND mailed_at < now() - interval '" XSTR(FOLLOW_CONFIRM_DAYS) " days'");

static struct eco_stmt q_existing = ECO_STMT(
    "SELECT id, confirmed_at IS NOT NULL, "
    "       extract(epoch FROM now() - mailed_at)::bigint, token "
    "FROM requests.follows WHERE email = $1 "
    "AND (request_id = $2::bigint OR holder_id = $3::bigint)");

static struct eco_stmt q_pending_today = ECO_STMT(
    "SELECT count(*) FROM requests.follows WHERE email = $1 "
    "AND confirmed_at IS NULL AND mailed_at > now() - interval '1 day'");

static struct eco_stmt q_insert = ECO_STMT(
    "INSERT INTO requests.follows (email, lang, request_id, holder_id, token) "
    "VALUES ($1, $2, $3::bigint, $4::bigint, $5)");

/* The same link again, in the language of the latest form. */
static struct eco_stmt q_mailed_again = ECO_STMT(
    "UPDATE requests.follows SET mailed_at = now(), lang = $2 WHERE id = $1");

static struct eco_stmt q_queue = ECO_STMT(
    "INSERT INTO core.outbox (to_addr, subject, body, kind) "
    "VALUES ($1, $2, $3, 'follow_confirm')");

static struct eco_stmt q_find = ECO_STMT(
    "SELECT coalesce(request_id, 0), coalesce(holder_id, 0), "
    "       confirmed_at IS NOT NULL "
    "FROM requests.follows WHERE token = $1 AND (confirmed_at IS NOT NULL "
    "OR mailed_at >= now() - interval '" XSTR(FOLLOW_CONFIRM_DAYS) " days')");

static struct eco_stmt q_confirm = ECO_STMT(
    "UPDATE requests.follows SET confirmed_at = now() "
    "WHERE token = $1 AND confirmed_at IS NULL "
    "AND mailed_at >= now() - interval '" XSTR(FOLLOW_CONFIRM_DAYS) " days'");

static struct eco_stmt q_cancel = ECO_STMT(
    "DELETE FROM requests.follows WHERE token = $1");

/* --- pure ------------------------------------------------------------------ */

bool
follow_token_valid(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 2 * FOLLOW_TOKEN_BYTES)
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

const char *
follow_email_check(const char *raw, char *out, size_t outlen)
{
	if (raw == NULL || raw[0] == '\0')
		return N_("Enter your e-mail address.");
	if (strlen(raw) > FOLLOW_EMAIL_MAX || outlen <= strlen(raw) ||
	    !eco_email_valid(raw))
		return N_("Enter a valid e-mail address.");
	eco_email_normalize(raw, out, outlen);
	return NULL;
}

enum follow_step
follow_decide(bool exists, bool confirmed, long long since_mail,
    long pending_today)
{
	/* Following already: nothing to confirm, and nothing to tell. */
	if (exists && confirmed)
		return FOLLOW_QUIET;
	/* A second form soon after the first is most likely the same person
	 * waiting for the mail, or somebody hammering an address. */
	if (exists && since_mail < FOLLOW_RESEND_SECONDS)
		return FOLLOW_QUIET;
	if (pending_today >= FOLLOW_PENDING_MAX)
		return FOLLOW_QUIET;
	return exists ? FOLLOW_MAIL_AGAIN : FOLLOW_MAIL_NEW;
}

/* --- in the database ------------------------------------------------------ */

static const char *
id_param(struct eco_ctx *ctx, long long id)
{
	return id > 0 ? eco_sprintf(ctx->arena, "%lld", id) : NULL;
}

int
follow_about(struct eco_ctx *ctx, const struct follow_target *t,
    struct follow_about *a)
{
	const char *p[1];
	PGresult *res;
	int name = 0, i;

	memset(a, 0, sizeof(*a));
	a->t = *t;
	if (t->request_id > 0) {
		p[0] = id_param(ctx, t->request_id);
		if ((res = eco_db_exec(ctx->db, ctx->arena, &q_about_request, 1,
		    p)) == NULL)
			return STORE_FAILED;
		/* A request that is not public is not there for followers. */
		if (PQntuples(res) != 1 || PQgetvalue(res, 0, 2)[0] != 't')
			return STORE_NOT_FOUND;
		a->reg_no = PQgetvalue(res, 0, 0);
		a->subject = PQgetvalue(res, 0, 1);
		a->holder_id = strtoll(PQgetvalue(res, 0, 3), NULL, 10);
		name = 4;
	} else if (t->holder_id > 0) {
		p[0] = id_param(ctx, t->holder_id);
		if ((res = eco_db_exec(ctx->db, ctx->arena, &q_about_holder, 1,
		    p)) == NULL)
			return STORE_FAILED;
		if (PQntuples(res) != 1)
			return STORE_NOT_FOUND;
		a->holder_id = t->holder_id;
	} else {
		return STORE_NOT_FOUND;
	}
	for (i = 0; i < 3; i++)
		a->holder_name[i] = PQgetvalue(res, 0, name + i);
	return STORE_OK;
}

/* The confirmation mail in the page's language.  It names the request by
 * its number only: the subject is somebody's text, and the form must not
 * carry it to any address anyone types. */
static int
queue_confirmation(struct eco_ctx *ctx, const struct follow_about *a,
    const char *email, const char *token)
{
	const char *holder = a->holder_name[ctx->lang];
	const char *p[3];
	struct eco_buf b;

	eco_buf_init(&b, ctx->arena);
	if (a->reg_no != NULL) {
		p[1] = eco_subst(ctx->arena, eco_tr(ctx,
		    N_("Confirm following request {no}")), "no", a->reg_no,
		    (const char *)NULL);
		eco_buf_puts(&b, eco_subst(ctx->arena, eco_tr(ctx,
		    N_("Somebody, probably you, asked ecogosfond to send this address an e-mail whenever something happens to request {no} to {holder}.")),
		    "no", a->reg_no, "holder", holder, (const char *)NULL));
	} else {
		p[1] = eco_tr(ctx, N_("Confirm following the requests to a state body"));
		eco_buf_puts(&b, eco_subst(ctx->arena, eco_tr(ctx,
		    N_("Somebody, probably you, asked ecogosfond to send this address an e-mail whenever something happens to a public request to {holder}.")),
		    "holder", holder, (const char *)NULL));
	}
	eco_buf_puts(&b, "\n\n");
	/* The text says FOLLOW_CONFIRM_DAYS in words. */
	eco_buf_puts(&b, eco_tr(ctx,
	    N_("To confirm, open this link and press the button on the page. The link is valid for 7 days.")));
	eco_buf_printf(&b, "\n%s/%s/requests/follow/%s\n\n",
	    ctx->app->config.site_url, eco_lang_code(ctx->lang), token);
	eco_buf_puts(&b, eco_tr(ctx,
	    N_("If it was not you, ignore this mail: without a confirmation nothing more is sent to this address.")));
	eco_buf_puts(&b, "\n\n-- \n");
	eco_buf_puts(&b, eco_tr(ctx,
	    N_("ecogosfond, the State Environmental Information Fund")));
	eco_buf_puts(&b, "\n");
	p[0] = email;
	p[2] = b.data;
	return eco_db_exec(ctx->db, ctx->arena, &q_queue, 3, p) != NULL ? 0 : -1;
}

/* The decision and its writes, inside follow_submit's transaction. */
static int
submit_in_tx(struct eco_ctx *ctx, const struct follow_about *a,
    const char *email)
{
	const char *request = id_param(ctx, a->t.request_id);
	const char *holder = id_param(ctx, a->t.holder_id);
	const char *lang = eco_lang_code(ctx->lang);
	const char *p[5] = { email, request, holder };
	const char *token;
	PGresult *res, *found;
	bool exists;

	if (eco_db_exec(ctx->db, ctx->arena, &q_lock_address, 1, p) == NULL ||
	    eco_db_exec(ctx->db, ctx->arena, &q_purge, 0, NULL) == NULL ||
	    (found = eco_db_exec(ctx->db, ctx->arena, &q_existing, 3,
	    p)) == NULL ||
	    (res = eco_db_exec(ctx->db, ctx->arena, &q_pending_today, 1,
	    p)) == NULL)
		return -1;
	exists = PQntuples(found) == 1;
	switch (follow_decide(exists,
	    exists && PQgetvalue(found, 0, 1)[0] == 't',
	    exists ? strtoll(PQgetvalue(found, 0, 2), NULL, 10) : 0,
	    strtol(PQgetvalue(res, 0, 0), NULL, 10))) {
	case FOLLOW_QUIET:
		return 0;
	case FOLLOW_MAIL_AGAIN:
		token = PQgetvalue(found, 0, 3);
		p[0] = PQgetvalue(found, 0, 0);
		p[1] = lang;
		if (eco_db_exec(ctx->db, ctx->arena, &q_mailed_again, 2,
		    p) == NULL)
			return -1;
		break;
	default:
		token = eco_random_hex(ctx->arena, FOLLOW_TOKEN_BYTES);
		p[0] = email;
		p[1] = lang;
		p[2] = request;
		p[3] = holder;
		p[4] = token;
		if (eco_db_exec(ctx->db, ctx->arena, &q_insert, 5, p) == NULL)
			return -1;
		break;
	}
	return queue_confirmation(ctx, a, email, token);
}

int
follow_submit(struct eco_ctx *ctx, const struct follow_about *a,
    const char *email)
{
	if (eco_db_begin(ctx->db) != 0)
		return STORE_FAILED;
	if (submit_in_tx(ctx, a, email) != 0) {
		eco_db_rollback(ctx->db);
		return STORE_FAILED;
	}
	return eco_db_commit(ctx->db) == 0 ? STORE_OK : STORE_FAILED;
}

int
follow_find(struct eco_ctx *ctx, const char *token, struct follow_row *row)
{
	const char *p[1] = { token };
	struct follow_target t;
	PGresult *res;

	if (!follow_token_valid(token))
		return STORE_NOT_FOUND;
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_find, 1, p)) == NULL)
		return STORE_FAILED;
	if (PQntuples(res) != 1)
		return STORE_NOT_FOUND;
	t.request_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	t.holder_id = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
	row->confirmed = PQgetvalue(res, 0, 2)[0] == 't';
	return follow_about(ctx, &t, &row->about);
}

int
follow_confirm(struct eco_ctx *ctx, const char *token)
{
	const char *p[1] = { token };

	return eco_db_exec(ctx->db, ctx->arena, &q_confirm, 1, p) != NULL ?
	    STORE_OK : STORE_FAILED;
}

int
follow_cancel(struct eco_ctx *ctx, const char *token)
{
	const char *p[1] = { token };

	return eco_db_exec(ctx->db, ctx->arena, &q_cancel, 1, p) != NULL ?
	    STORE_OK : STORE_FAILED;
}
