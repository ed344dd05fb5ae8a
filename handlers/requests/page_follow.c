/*
 * Following by e-mail without an account (follow.h): the form page, its
 * submission, and the pages of the two links the mail carries, one that
 * confirms a follow and one that stops it.  A link's GET only shows a
 * button; the POST of that button acts, so a mail scanner that fetches
 * every link in a message confirms and stops nothing.  None of the forms
 * carries a CSRF token (their routes are ECO_ROUTE_OPEN_FORM): asking for
 * a confirmation mail is nobody's authority, and a link's token is its own.
 */
#include <string.h>

#include "app.h"
#include "follow.h"
#include "pages.h"
#include "store.h"
#include "validate.h"

/* The target named by request_id or holder_id in the query or the form:
 * exactly one of them, an id.  0, or -1. */
static int
read_target(const char *request, const char *holder,
    struct follow_target *t)
{
	bool has_request = request != NULL && request[0] != '\0';
	bool has_holder = holder != NULL && holder[0] != '\0';

	memset(t, 0, sizeof(*t));
	if (has_request == has_holder)
		return -1;
	if (has_request)
		t->request_id = eco_parse_id(request);
	else
		t->holder_id = eco_parse_id(holder);
	return t->request_id > 0 || t->holder_id > 0 ? 0 : -1;
}

json_t *
follow_form_json(struct eco_ctx *ctx, long long request_id,
    long long holder_id)
{
	json_t *f = json_pack("{s:I}", "holder_id", (json_int_t)holder_id);

	if (request_id > 0) {
		json_object_set_new(f, "request_id", json_integer(request_id));
		json_object_set_new(f, "feed", json_string(eco_url(ctx,
		    eco_sprintf(ctx->arena, "/requests/%lld/feed.atom",
		    request_id))));
	} else {
		json_object_set_new(f, "feed", json_string(eco_url(ctx,
		    eco_sprintf(ctx->arena, "/requests/feed.atom?holder_id=%lld",
		    holder_id))));
	}
	return f;
}

/* The page's data about a target: what it is called and where it is. */
static json_t *
about_json(struct eco_ctx *ctx, const struct follow_about *a)
{
	json_t *o = json_pack("{s:I,s:s}", "holder_id",
	    (json_int_t)a->holder_id, "holder_name", a->holder_name[ctx->lang]);

	if (a->reg_no != NULL) {
		json_object_set_new(o, "request_id",
		    json_integer(a->t.request_id));
		json_object_set_new(o, "reg_no", json_string(a->reg_no));
		json_object_set_new(o, "subject", json_string(a->subject));
	}
	return o;
}

/* Renders the follow page in one of its states ("form", "sent",
 * "confirm", "confirmed", "unfollow", "unfollowed"). */
static int
render(struct eco_ctx *ctx, int status, const struct follow_about *a,
    const char *state, const char *token, json_t *form)
{
	json_t *data = json_pack("{s:s,s:o,s:b}",
	    "title", eco_tr(ctx, N_("Follow by e-mail")),
	    "about", about_json(ctx, a), state, true);

	if (token != NULL)
		json_object_set_new(data, "token", json_string(token));
	if (form != NULL)
		json_object_set_new(data, "follow", form);
	return eco_render(ctx, status, "requests/follow", data);
}

/* Loads the target or answers: 0, or the status already sent. */
static int
load_target(struct eco_ctx *ctx, const char *request, const char *holder,
    struct follow_about *a)
{
	struct follow_target t;

	if (read_target(request, holder, &t) != 0)
		return eco_error(ctx, 400, NULL,
		    N_("Choose a request or a state body to follow."));
	switch (follow_about(ctx, &t, a)) {
	case STORE_OK:
		return 0;
	case STORE_NOT_FOUND:
		return eco_error(ctx, 404, "not_found", t.request_id > 0 ?
		    N_("There is no such request.") :
		    N_("Unknown information holder"));
	default:
		return eco_error(ctx, 503, NULL, NULL);
	}
}

/*
 * GET /{lang}/requests/follow?request_id=N (or holder_id=N), with sent=1
 * after a submission: the form to follow a public request or a holder.
 * 200; 400 neither or both named; 404 no such holder, or no such public
 * request; 503.
 */
int
page_follow_form(struct eco_ctx *ctx)
{
	struct follow_about a;
	int rc;

	if ((rc = load_target(ctx, eco_query(ctx, "request_id"),
	    eco_query(ctx, "holder_id"), &a)) != 0)
		return rc;
	return render(ctx, 200, &a, eco_query(ctx, "sent") != NULL ? "sent" :
	    "form", NULL, follow_form_json(ctx, a.t.request_id, a.holder_id));
}

/*
 * POST /{lang}/requests/follow (email, request_id or holder_id): asks for
 * a follow; a confirmation mail may follow (follow_submit).  303 to the
 * follow page saying a mail is on its way, whatever was decided; 400 the
 * form with what is wrong with the address; 404; 503.
 */
int
page_follow_submit(struct eco_ctx *ctx)
{
	char email[FOLLOW_EMAIL_MAX + 1];
	struct follow_about a;
	const char *why;
	json_t *form;
	int rc;

	if ((rc = load_target(ctx, eco_form(ctx, "request_id"),
	    eco_form(ctx, "holder_id"), &a)) != 0)
		return rc;
	if ((why = follow_email_check(eco_form(ctx, "email"), email,
	    sizeof(email))) != NULL) {
		/* What was typed is not shown again: an address, even a
		 * mistyped one, goes on no page. */
		form = follow_form_json(ctx, a.t.request_id, a.holder_id);
		json_object_set_new(form, "error",
		    json_string(eco_tr(ctx, why)));
		return render(ctx, 400, &a, "form", NULL, form);
	}
	if (follow_submit(ctx, &a, email) != STORE_OK)
		return eco_error(ctx, 503, NULL, NULL);
	return eco_redirect(ctx, eco_url(ctx, eco_sprintf(ctx->arena,
	    "/requests/follow?%s=%lld&sent=1", a.t.request_id > 0 ?
	    "request_id" : "holder_id", a.t.request_id > 0 ? a.t.request_id :
	    a.t.holder_id)));
}

/* The follow of the route's {token}: 0, or the status already sent. */
static int
find_token(struct eco_ctx *ctx, struct follow_row *row)
{
	switch (follow_find(ctx, eco_param(ctx, "token"), row)) {
	case STORE_OK:
		return 0;
	case STORE_NOT_FOUND:
		return eco_error(ctx, 404, "not_found",
		    N_("This link is not valid. A confirmation link is valid for 7 days; a link to stop mail works until the mail is stopped."));
	default:
		return eco_error(ctx, 503, NULL, NULL);
	}
}

/*
 * GET /{lang}/requests/follow/{token}: the confirmation link's page, with
 * the button that confirms (or the news that it is confirmed).  200; 404
 * unknown or expired token; 503.
 */
int
page_follow_confirm_form(struct eco_ctx *ctx)
{
	struct follow_row row;
	int rc;

	if ((rc = find_token(ctx, &row)) != 0)
		return rc;
	return render(ctx, 200, &row.about, row.confirmed ? "confirmed" :
	    "confirm", eco_param(ctx, "token"), NULL);
}

/*
 * POST /{lang}/requests/follow/{token}: confirms the follow.  303 to the
 * link's page, which then says so; 404 unknown or expired token; 503.
 */
int
page_follow_confirm(struct eco_ctx *ctx)
{
	struct follow_row row;
	const char *token = eco_param(ctx, "token");
	int rc;

	if ((rc = find_token(ctx, &row)) != 0)
		return rc;
	if (follow_confirm(ctx, token) != STORE_OK)
		return eco_error(ctx, 503, NULL, NULL);
	return eco_redirect(ctx, eco_url(ctx, eco_sprintf(ctx->arena,
	    "/requests/follow/%s", token)));
}

/*
 * GET /{lang}/requests/unfollow/{token}: the stop link's page, with the
 * button that stops the mail.  200; 404 unknown token (already stopped);
 * 503.
 */
int
page_unfollow_form(struct eco_ctx *ctx)
{
	struct follow_row row;
	int rc;

	if ((rc = find_token(ctx, &row)) != 0)
		return rc;
	return render(ctx, 200, &row.about, "unfollow", eco_param(ctx, "token"),
	    NULL);
}

/*
 * POST /{lang}/requests/unfollow/{token}: deletes the follow, address
 * and all.  200 the page saying so; 404 unknown token; 503.
 */
int
page_unfollow(struct eco_ctx *ctx)
{
	struct follow_row row;
	int rc;

	if ((rc = find_token(ctx, &row)) != 0)
		return rc;
	if (follow_cancel(ctx, eco_param(ctx, "token")) != STORE_OK)
		return eco_error(ctx, 503, NULL, NULL);
	return render(ctx, 200, &row.about, "unfollowed", NULL, NULL);
}
