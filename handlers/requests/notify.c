/* Mail about a request's events, queued in core.outbox (see notify.h). */
#include <string.h>

#include "app.h"
#include "buf.h"
#include "labels.h"
#include "notify.h"
#include "store.h"

static struct eco_stmt q_mail_facts = ECO_STMT(
    "SELECT q.email, h.name_kk, h.name_ru, h.name_en "
    "FROM requests.requesters q, requests.holders h "
    "WHERE q.id = $1 AND h.id = $2");

static struct eco_stmt q_queue = ECO_STMT(
    "INSERT INTO core.outbox (to_addr, subject, body, kind) "
    "VALUES ($1, $2, $3, $4)");

/*
 * The confirmed followers of request $1 (and of the requests it was
 * redirected from, so a follow survives the chain) or of its holder.
 */
#define FOLLOWERS_CHAIN \
    "WITH RECURSIVE chain (id) AS (SELECT $1::bigint UNION " \
    "    SELECT r.redirected_from FROM requests.requests r " \
    "    JOIN chain c ON r.id = c.id WHERE r.redirected_from IS NOT NULL) "
#define FOLLOWERS_OF(holder) \
    "f.confirmed_at IS NOT NULL " \
    "AND (f.request_id IN (SELECT id FROM chain) OR f.holder_id = " holder ") "

/* What a follower's mail says, if the request is public and followed. */
static struct eco_stmt q_follow_facts = ECO_STMT(
    FOLLOWERS_CHAIN
    "SELECT r.reg_no, r.subject, h.name_kk, h.name_ru, h.name_en, "
    "       r.holder_id "
    "FROM requests.requests r JOIN requests.holders h ON h.id = r.holder_id "
    "WHERE r.id = $1 AND r.public AND EXISTS (SELECT 1 "
    "    FROM requests.follows f WHERE " FOLLOWERS_OF("r.holder_id") ")");

/*
 * One mail per address in the follower's language ($2 the holder, $3-$5
 * subjects and $6-$8 bodies in kk, ru, en), with the stop link made of
 * the follow's own token in place of the mark $9; an address following
 * both the request and its holder gets one, whose link stops the
 * request's follow.
 */
static struct eco_stmt q_queue_followers = ECO_STMT(
    FOLLOWERS_CHAIN
    "INSERT INTO core.outbox (to_addr, subject, body, kind) "
    "SELECT DISTINCT ON (f.email) f.email, "
    "       CASE f.lang WHEN 'kk' THEN $3 WHEN 'ru' THEN $4 ELSE $5 END, "
    "       replace(CASE f.lang WHEN 'kk' THEN $6 WHEN 'ru' THEN $7 "
    "       ELSE $8 END, $9, $10 || '/' || f.lang || '/requests/unfollow/' "
    "       || f.token), 'follow' "
    "FROM requests.follows f WHERE " FOLLOWERS_OF("$2::bigint")
    "ORDER BY f.email, f.request_id NULLS LAST");

/* Where a follower's stop link goes: a control character, which no text
 * from a form or the reference data may hold (eco_text_valid). */
#define UNFOLLOW	"\x1f"

/* What each event says to the requester. */
struct mail_text {
	const char	*event;
	const char	*title;		/* the subject after the number */
	const char	*headline;	/* {no} {subject} {holder} {due} ... */
};

static const struct mail_text texts[] = {
	{ "registered", N_("Request registered"),
	  N_("Your request \"{subject}\" to {holder} has been registered under number {no}. The answer is due by {due}; a refusal must reach you by {refusal_due}.") },
	{ "extend", N_("Period extended"),
	  N_("The period for answering request {no} has been extended to {due}. Reason: {reason}.") },
	{ "redirect", N_("Request redirected"),
	  N_("Request {no} is outside the competence of {holder} and has been sent to the competent holder, where its number is {new_no}. The competent holder's period runs from the day it received the request.") },
	{ "answer", N_("Answer issued"),
	  N_("{holder} has answered request {no}.") },
	{ "refuse", N_("Request refused"),
	  N_("{holder} has refused request {no}. Ground: {ground}.") },
	{ "not_consider", N_("Request not considered"),
	  N_("{holder} will not consider request {no}.") },
	{ NULL, NULL, NULL }
};

static const struct mail_text *
text_of(const char *event)
{
	const struct mail_text *t;

	for (t = texts; t->event != NULL; t++)
		if (strcmp(t->event, event) == 0)
			return t;
	return NULL;
}

static const char *
tr(struct eco_ctx *ctx, enum eco_lang lang, const char *msgid)
{
	return eco_gettext(ctx->app->catalogs, lang, NULL, msgid);
}

static const char *
date_words(struct eco_ctx *ctx, enum eco_lang lang, long day)
{
	struct eco_buf b;

	eco_buf_init(&b, ctx->arena);
	eco_format_day(ctx->app->catalogs, lang, day, &b);
	return b.data;
}

/* The headline of an event in lang, its placeholders filled. */
static const char *
headline(struct eco_ctx *ctx, enum eco_lang lang, const struct mail_text *t,
    const struct request_row *r, const char *holder, const char *new_no)
{
	return eco_subst(ctx->arena, tr(ctx, lang, t->headline),
	    "no", r->reg_no, "subject", r->subject, "holder", holder,
	    "due", date_words(ctx, lang, r->st.due_on),
	    "refusal_due", date_words(ctx, lang, r->st.refusal_due_on),
	    "reason", tr(ctx, lang, label_reason(
		r->st.extended_holders ? "multiple_holders" : "inspection")),
	    "ground", tr(ctx, lang, label_ground(
		request_ground_code(r->st.ground))),
	    "new_no", new_no != NULL ? new_no : "", (const char *)NULL);
}

/* The mail to the requester: the headline, the answer or reasons, a link. */
static const char *
requester_body(struct eco_ctx *ctx, enum eco_lang lang,
    const struct mail_text *t, const struct request_row *r,
    const char *holder, const char *new_no, const char *url)
{
	struct eco_buf b;

	eco_buf_init(&b, ctx->arena);
	eco_buf_puts(&b, headline(ctx, lang, t, r, holder, new_no));
	eco_buf_puts(&b, "\n\n");
	if (strcmp(t->event, "answer") == 0 && r->answer_text != NULL) {
		eco_buf_puts(&b, r->answer_text);
		eco_buf_puts(&b, "\n\n");
	} else if (r->justification != NULL && strcmp(t->event,
	    "registered") != 0) {
		eco_buf_puts(&b, r->justification);
		eco_buf_puts(&b, "\n\n");
	}
	eco_buf_puts(&b, eco_subst(ctx->arena, tr(ctx, lang,
	    N_("The request and its timeline: {url}")), "url", url,
	    (const char *)NULL));
	eco_buf_puts(&b, "\n\n-- \n");
	eco_buf_puts(&b, tr(ctx, lang,
	    N_("ecogosfond, the State Environmental Information Fund")));
	eco_buf_puts(&b, "\n");
	return b.data;
}

static int
queue(struct eco_ctx *ctx, const char *to, const char *subject,
    const char *body, const char *kind)
{
	const char *p[4] = { to, subject, body, kind };

	return eco_db_exec(ctx->db, ctx->arena, &q_queue, 4, p) ? 0 : -1;
}

/* A follower's mail in lang: the event, the request, the links. */
static void
follower_mail(struct eco_ctx *ctx, enum eco_lang lang, PGresult *facts,
    long long id, const char *type, long on_date, const char **subject,
    const char **body)
{
	const char *event = label_event(type);
	struct eco_buf b;

	/* An event this file does not know yet still says what it is. */
	event = event[0] != '\0' ? tr(ctx, lang, event) : type;
	*subject = eco_sprintf(ctx->arena, "%s: %s", PQgetvalue(facts, 0, 0),
	    event);
	eco_buf_init(&b, ctx->arena);
	eco_buf_printf(&b, "%s — %s\n", event, date_words(ctx, lang, on_date));
	eco_buf_puts(&b, eco_subst(ctx->arena, tr(ctx, lang,
	    N_("Request {no} to {holder}: \"{subject}\"")),
	    "no", PQgetvalue(facts, 0, 0), "subject", PQgetvalue(facts, 0, 1),
	    "holder", PQgetvalue(facts, 0, 2 + (int)lang), (const char *)NULL));
	eco_buf_puts(&b, "\n\n");
	eco_buf_puts(&b, eco_subst(ctx->arena, tr(ctx, lang,
	    N_("The request and its timeline: {url}")), "url",
	    eco_sprintf(ctx->arena, "%s/%s/requests/%lld",
	    ctx->app->config.site_url, eco_lang_code(lang), id),
	    (const char *)NULL));
	eco_buf_puts(&b, "\n\n-- \n");
	eco_buf_puts(&b, tr(ctx, lang,
	    N_("ecogosfond, the State Environmental Information Fund")));
	eco_buf_puts(&b, "\n");
	eco_buf_puts(&b, eco_subst(ctx->arena, tr(ctx, lang,
	    N_("You get this mail because you follow this request or its state body. To stop, open {url}")),
	    "url", UNFOLLOW, (const char *)NULL));
	eco_buf_puts(&b, "\n");
	*body = b.data;
}

int
notify_followers(struct eco_ctx *ctx, long long id, const char *type,
    long on_date)
{
	const char *p[10];
	PGresult *facts;
	int l;

	/* A draft is the holder's business until the head signs it. */
	if (strcmp(type, "draft") == 0)
		return 0;
	p[0] = eco_sprintf(ctx->arena, "%lld", id);
	if ((facts = eco_db_exec(ctx->db, ctx->arena, &q_follow_facts, 1,
	    p)) == NULL)
		return -1;
	if (PQntuples(facts) == 0)
		return 0;	/* not public, or nobody follows */
	p[1] = PQgetvalue(facts, 0, 5);
	for (l = 0; l < ECO_LANG_COUNT; l++)
		follower_mail(ctx, (enum eco_lang)l, facts, id, type, on_date,
		    &p[2 + l], &p[5 + l]);
	p[8] = UNFOLLOW;
	p[9] = ctx->app->config.site_url;
	return eco_db_exec(ctx->db, ctx->arena, &q_queue_followers, 10, p) ?
	    0 : -1;
}

int
notify_event(struct eco_ctx *ctx, const struct request_row *r,
    const char *event, const char *new_reg_no)
{
	const struct mail_text *t = text_of(event);
	const char *p[2], *holder[3], *url;
	enum eco_lang lang;
	PGresult *res;

	if (t == NULL)
		return 0;
	p[0] = eco_sprintf(ctx->arena, "%lld", r->requester_id);
	p[1] = eco_sprintf(ctx->arena, "%lld", r->holder_id);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_mail_facts, 2, p)) ==
	    NULL || PQntuples(res) != 1)
		return -1;
	holder[0] = PQgetvalue(res, 0, 1);
	holder[1] = PQgetvalue(res, 0, 2);
	holder[2] = PQgetvalue(res, 0, 3);
	if (PQgetisnull(res, 0, 0))
		return 0;	/* a paper requester without e-mail */
	lang = strcmp(r->language, "ru") == 0 ? ECO_LANG_RU : ECO_LANG_KK;
	url = eco_sprintf(ctx->arena, "%s/%s/requests/%lld",
	    ctx->app->config.site_url, r->language, r->id);
	return queue(ctx, PQgetvalue(res, 0, 0),
	    eco_sprintf(ctx->arena, "%s: %s", r->reg_no, tr(ctx, lang, t->title)),
	    requester_body(ctx, lang, t, r, holder[lang == ECO_LANG_RU ? 1 : 0],
	    new_reg_no, url), eco_sprintf(ctx->arena, "request_%s", event));
}
