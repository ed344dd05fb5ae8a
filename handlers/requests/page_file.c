/*
 * The filing form: a signed-in person or organisation asks a state body;
 * a registrar or head enters a paper or oral request for the holder.
 */
#include <string.h>


#include "app.h"
#include "filing.h"
#include "holders.h"
#include "pages.h"
#include "store.h"

/* The fields typed into the form, kept when it comes back with errors. */
static const char *const kept[] = {
	"subject", "body", "questions", "postal_address", "received_on",
	"full_name", "iin", "bin", "org_name", "email", "phone"
};

static bool
is_official(struct eco_ctx *ctx)
{
	return ctx->user.role == ECO_ROLE_OFFICIAL;
}

/* A choice of the form: the value sent, else dflt. */
static const char *
choice(struct eco_ctx *ctx, const char *name, const char *dflt)
{
	const char *v = eco_form(ctx, name);

	return v != NULL ? v : dflt;
}

static json_t *
exemption_options(struct eco_ctx *ctx, const char *selected)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < nfee_exemptions; i++)
		json_array_append_new(list, json_pack("{s:s,s:s,s:b}",
		    "code", fee_exemptions[i].code,
		    "name", eco_tr(ctx, fee_exemptions[i].label),
		    "selected", selected != NULL &&
		    strcmp(selected, fee_exemptions[i].code) == 0));
	return list;
}

/* The form, empty or as sent with its errors. */
static int
render_form(struct eco_ctx *ctx, int status,
    const struct eco_field_error *errors, size_t n)
{
	const char *holder = choice(ctx, "holder_id", "");
	const char *lang = choice(ctx, "language",
	    ctx->lang == ECO_LANG_RU ? "ru" : "kk");
	const char *form = choice(ctx, "answer_form", "electronic");
	const char *kind = choice(ctx, "requester_kind", "individual");
	const char *token = choice(ctx, "client_token", NULL);
	bool sent = eco_form(ctx, "subject") != NULL;
	json_t *data, *holders;

	if ((holders = holder_options(ctx, is_official(ctx) ?
	    ctx->user.holder_id : eco_parse_id(holder))) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	data = json_pack("{s:s,s:s,s:s,s:o,s:o,s:b,s:b,s:b,s:b,s:b,s:b,s:b,"
	    "s:b,s:b}",
	    "title", eco_tr(ctx, N_("File a request")),
	    "csrf", eco_csrf(ctx),
	    /* A fresh token against double submission: the form files once. */
	    "client_token", token != NULL ? token : eco_random_hex(ctx->arena, 16),
	    "holders", holders,
	    "exemptions", exemption_options(ctx, eco_form(ctx, "fee_exemption")),
	    "language_ru", strcmp(lang, "ru") == 0,
	    "paper", strcmp(form, "paper") == 0,
	    /* A new form is public; a sent one keeps the box as it was. */
	    "public", !sent || eco_form(ctx, "public") != NULL,
	    "show_name", eco_form(ctx, "show_name") != NULL,
	    "organisation", ctx->user.role == ECO_ROLE_ORGANISATION,
	    "official", is_official(ctx),
	    "oral", strcmp(choice(ctx, "channel", "paper"), "oral") == 0,
	    "requester_org", strcmp(kind, "organisation") == 0,
	    "sent", sent);
	eco_form_keep(ctx, data, kept, sizeof(kept) / sizeof(kept[0]));
	eco_form_errors(ctx, data, errors, n);
	return eco_render(ctx, status, "requests/new", data);
}

/*
 * GET /{lang}/requests/new: the form.  Requesters and officials (a
 * registrar or head enters a paper or oral request).  200; 403 an
 * executor; 503.
 */
int
page_file_form(struct eco_ctx *ctx)
{
	if (is_official(ctx) && strcmp(ctx->user.position, "executor") == 0)
		return eco_error(ctx, 403, NULL,
		    N_("Only a registrar or the head registers requests."));
	return render_form(ctx, 200, NULL, 0);
}

/* "questions": one question per non-empty line. */
static void
split_questions(struct eco_ctx *ctx, const char *text, struct filing *f)
{
	const char *p = text, *end;
	size_t len;

	while (p != NULL && *p != '\0') {
		end = strchr(p, '\n');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' ' ||
		    p[len - 1] == '\t'))
			len--;
		if (len > 0) {
			if (f->nquestions == FILING_MAX_QUESTIONS) {
				f->too_many_questions = true;
				return;
			}
			f->questions[f->nquestions++] = eco_strndup(ctx->arena, p,
			    len);
		}
		p = end != NULL ? end + 1 : NULL;
	}
}

/*
 * POST /{lang}/requests/new: files the request.  303 to its page (also
 * when the same form comes again); 400 the form with the errors; 403 an
 * executor; 503.
 */
int
page_file_submit(struct eco_ctx *ctx)
{
	struct eco_field_error errors[FILING_MAX_ERRORS];
	struct filing f;
	long received;
	long long id;
	size_t n;

	if (is_official(ctx) && strcmp(ctx->user.position, "executor") == 0)
		return eco_error(ctx, 403, NULL,
		    N_("Only a registrar or the head registers requests."));
	memset(&f, 0, sizeof(f));
	f.holder_id = is_official(ctx) ? ctx->user.holder_id :
	    eco_parse_id(eco_form(ctx, "holder_id"));
	f.subject = eco_form(ctx, "subject");
	f.body = eco_form(ctx, "body");
	f.language = eco_form(ctx, "language");
	f.answer_form = eco_form(ctx, "answer_form");
	f.postal_address = eco_form(ctx, "postal_address");
	f.fee_exemption = eco_form(ctx, "fee_exemption");
	f.is_public = eco_form(ctx, "public") != NULL;
	f.show_name = eco_form(ctx, "show_name") != NULL;
	f.client_token = eco_form(ctx, "client_token");
	split_questions(ctx, eco_form(ctx, "questions"), &f);
	if ((f.on_behalf = is_official(ctx))) {
		f.channel = choice(ctx, "channel", "paper");
		f.received_on = eco_form(ctx, "received_on");
		f.requester.kind = choice(ctx, "requester_kind", "individual");
		f.requester.full_name = eco_form(ctx, "full_name");
		f.requester.iin = eco_form(ctx, "iin");
		f.requester.bin = eco_form(ctx, "bin");
		f.requester.org_name = eco_form(ctx, "org_name");
		f.requester.email = eco_form(ctx, "email");
		f.requester.phone = eco_form(ctx, "phone");
	}
	if ((n = filing_check(&f, ctx->today, &received, errors)) > 0)
		return render_form(ctx, 400, errors, n);
	switch (store_file(ctx, &f, received, &id)) {
	case STORE_OK:
	case STORE_DUPLICATE:
		return eco_redirect(ctx, eco_url(ctx, eco_sprintf(ctx->arena,
		    "/requests/%lld?filed=1", id)));
	case STORE_BAD_HOLDER:
		n = 0;
		eco_field_error_add(errors, &n, FILING_MAX_ERRORS, "holder_id",
		    "invalid_holder", N_("Choose the state body you are asking."));
		return render_form(ctx, 400, errors, n);
	default:
		return eco_error(ctx, 503, NULL, NULL);
	}
}
