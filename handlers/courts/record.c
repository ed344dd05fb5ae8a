/*
 * Checking one court case record (record.h).  Each reader takes the
 * member of obj named name at path prefix, records a problem with the
 * member's path, and leaves a safe value behind so that checking goes on
 * and every problem of the record is reported at once.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "i18n.h"
#include "regions.h"
#include "record.h"
#include "utf8.h"
#include "validate.h"

/* Where a record is read: the arena, the problems found, the path. */
struct reader {
	struct eco_arena	*arena;
	struct eco_field_error	*errors;
	size_t			 n;
	size_t			 max;
};

static const char *const case_types[] = { "civil", "administrative",
	"administrative_offence", NULL };
static const char *const categories[] = { "access_to_information",
	"eia_expertise", "permits", "damages", "protected_areas", "waste",
	"land_use", "other", NULL };
static const char *const statuses[] = { "pending", "enforcement", "closed",
	"unknown", NULL };
static const char *const party_roles[] = { "claimant", "defendant",
	"third_party", NULL };
static const char *const party_kinds[] = { "ngo", "state_body", "company",
	"citizen", "individual_entrepreneur", NULL };
static const char *const claim_outcomes[] = { "granted",
	"partially_granted", "refused", "terminated",
	"left_without_consideration", "pending", NULL };
static const char *const instances[] = { "pre_trial", "first", "appeal",
	"cassation", "enforcement", NULL };
static const char *const event_types[] = { "request", "answer", "complaint",
	"claim_filed", "interim_measures", "hearing", "decision", "ruling",
	"resolution", "private_ruling", "remand", "writ_of_execution",
	"enforcement", "other", NULL };
static const char *const event_results[] = { "granted", "partially_granted",
	"refused", "upheld", "annulled", "changed", "terminated", "remanded",
	"left_without_consideration", "returned", "not_passed", NULL };
static const char *const units[] = { "KZT", "MCI", "t", NULL };
static const char *const document_kinds[] = { "decision", "ruling",
	"resolution", "private_ruling", "writ_of_execution", "other", NULL };
/* A court act is made by a court, or in enforcement: not before trial. */
static const char *const document_instances[] = { "first", "appeal",
	"cassation", "enforcement", NULL };
static const char *const languages[] = { "kk", "ru", NULL };

/* The members a record, and each of its list entries, may have. */
static const char *const case_members[] = { "id", "key", "source_lines",
	"title", "summary", "region", "court_first_instance", "case_type",
	"category", "aarhus_applied", "indefinite_circle", "state_fee_exempt",
	"parties", "claims", "events", "amounts", "status", "notes",
	"requests", "documents", NULL };
static const char *const party_members[] = { "role", "kind", "name", NULL };
static const char *const claim_members[] = { "text", "outcome", NULL };
static const char *const event_members[] = { "date", "instance", "type",
	"result", "text", NULL };
static const char *const amount_members[] = { "value", "unit", "what",
	NULL };
static const char *const document_members[] = { "instance", "kind", "date",
	"language", "title", "body", NULL };

static void
problem(struct reader *r, const char *path, const char *code,
    const char *message)
{
	eco_field_error_add(r->errors, &r->n, r->max, path, code, message);
}

static const char *
join(struct reader *r, const char *prefix, const char *name)
{
	return *prefix == '\0' ? name :
	    eco_sprintf(r->arena, "%s.%s", prefix, name);
}

static bool
one_of(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

/* A problem for every member of obj that is not in allowed. */
static void
only_members(struct reader *r, json_t *obj, const char *prefix,
    const char *const *allowed)
{
	const char *name;
	json_t *v;

	json_object_foreach(obj, name, v) {
		if (!one_of(allowed, name))
			problem(r, join(r, prefix, name), "unknown_field",
			    N_("This field is not part of a court case record."));
	}
}

/*
 * A text of at most max characters; NULL when absent or null, which is a
 * problem when required.
 */
static const char *
text(struct reader *r, json_t *obj, const char *prefix, const char *name,
    size_t max, bool required)
{
	json_t *v = json_object_get(obj, name);
	const char *path = join(r, prefix, name);

	if (v == NULL || json_is_null(v)) {
		if (required)
			problem(r, path, "required",
			    N_("This field is required."));
		return NULL;
	}
	if (!json_is_string(v)) {
		problem(r, path, "wrong_type", N_("This must be a text."));
		return NULL;
	}
	if (!eco_text_ok(json_string_value(v), max, true)) {
		problem(r, path, json_string_length(v) == 0 ? "required" :
		    "invalid_text", json_string_length(v) == 0 ?
		    N_("This field is required.") :
		    N_("This text is blank, not valid text or too long."));
		return NULL;
	}
	return json_string_value(v);
}

/* {"kk","ru"}: both required when required, else each may be absent. */
static void
bilingual(struct reader *r, json_t *obj, const char *prefix,
    const char *name, size_t max, bool required, struct case_text *out)
{
	json_t *v = json_object_get(obj, name);
	const char *path = join(r, prefix, name);
	static const char *const kk_ru[] = { "kk", "ru", NULL };

	out->kk = out->ru = NULL;
	if (v == NULL || json_is_null(v)) {
		if (required)
			problem(r, path, "required",
			    N_("This field is required."));
		return;
	}
	if (!json_is_object(v)) {
		problem(r, path, "wrong_type",
		    N_("This must be an object with the texts kk and ru."));
		return;
	}
	only_members(r, v, path, kk_ru);
	out->kk = text(r, v, path, "kk", max, required);
	out->ru = text(r, v, path, "ru", max, required);
}

/* One of list, required or NULL when absent or null. */
static const char *
code(struct reader *r, json_t *obj, const char *prefix, const char *name,
    const char *const *list, bool required)
{
	json_t *v = json_object_get(obj, name);
	const char *path = join(r, prefix, name);

	if (v == NULL || json_is_null(v)) {
		if (required)
			problem(r, path, "required",
			    N_("This field is required."));
		return NULL;
	}
	if (!json_is_string(v) || !one_of(list, json_string_value(v))) {
		problem(r, path, "invalid_value",
		    N_("This is not one of the allowed values."));
		return NULL;
	}
	return json_string_value(v);
}

static enum case_flag
flag(struct reader *r, json_t *obj, const char *name)
{
	json_t *v = json_object_get(obj, name);

	if (v == NULL || json_is_null(v))
		return CASE_FLAG_NULL;
	if (!json_is_boolean(v)) {
		problem(r, name, "wrong_type",
		    N_("This must be true, false or null."));
		return CASE_FLAG_NULL;
	}
	return json_is_true(v) ? CASE_FLAG_TRUE : CASE_FLAG_FALSE;
}

static void
date(struct reader *r, json_t *obj, const char *prefix, bool day_only,
    struct partial_date *out)
{
	json_t *v = json_object_get(obj, "date");
	const char *path = join(r, prefix, "date");

	out->precision = PD_UNKNOWN;
	out->day = 0;
	if (v == NULL || json_is_null(v))
		return;
	if (!json_is_string(v) ||
	    !partial_date_parse(json_string_value(v), out))
		problem(r, path, "invalid_date", N_("This is not a date: "
		    "write YYYY, YYYY-MM or YYYY-MM-DD."));
	else if (day_only && out->precision != PD_DAY)
		problem(r, path, "invalid_date",
		    N_("A court act's date is a day: write YYYY-MM-DD."));
	else
		return;
	out->precision = PD_UNKNOWN;
}

/*
 * The list name: its entries (at most max) as objects, or NULL with *n 0
 * when absent or null.
 */
static json_t *
list(struct reader *r, json_t *obj, const char *name, size_t max, size_t *n)
{
	json_t *v = json_object_get(obj, name);

	*n = 0;
	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_array(v)) {
		problem(r, name, "wrong_type", N_("This must be a list."));
		return NULL;
	}
	if (json_array_size(v) > max) {
		problem(r, name, "too_many", N_("This list is too long."));
		return NULL;
	}
	*n = json_array_size(v);
	return v;
}

/* Entry i of the list name, an object (or NULL, a problem). */
static json_t *
entry(struct reader *r, json_t *array, const char *name, size_t i,
    const char *const *members, const char **path)
{
	json_t *v = json_array_get(array, i);

	*path = eco_sprintf(r->arena, "%s[%zu]", name, i);
	if (!json_is_object(v)) {
		problem(r, *path, "wrong_type", N_("This must be an object."));
		return NULL;
	}
	only_members(r, v, *path, members);
	return v;
}

static void
read_parties(struct reader *r, json_t *obj, struct court_case *c)
{
	json_t *a = list(r, obj, "parties", CASE_MAX_PARTIES, &c->nparties);
	const char *path;
	json_t *e;
	size_t i;

	c->parties = eco_zalloc(r->arena, (c->nparties + 1) *
	    sizeof(*c->parties));
	for (i = 0; i < c->nparties; i++) {
		if ((e = entry(r, a, "parties", i, party_members, &path)) ==
		    NULL)
			continue;
		c->parties[i].role = code(r, e, path, "role", party_roles,
		    true);
		c->parties[i].kind = code(r, e, path, "kind", party_kinds,
		    true);
		bilingual(r, e, path, "name", 500, true, &c->parties[i].name);
	}
}

static void
read_claims(struct reader *r, json_t *obj, struct court_case *c)
{
	json_t *a = list(r, obj, "claims", CASE_MAX_CLAIMS, &c->nclaims);
	const char *path;
	json_t *e;
	size_t i;

	c->claims = eco_zalloc(r->arena, (c->nclaims + 1) *
	    sizeof(*c->claims));
	for (i = 0; i < c->nclaims; i++) {
		if ((e = entry(r, a, "claims", i, claim_members, &path)) ==
		    NULL)
			continue;
		bilingual(r, e, path, "text", 5000, true, &c->claims[i].text);
		c->claims[i].outcome = code(r, e, path, "outcome",
		    claim_outcomes, false);
	}
}

static void
read_events(struct reader *r, json_t *obj, struct court_case *c)
{
	json_t *a = list(r, obj, "events", CASE_MAX_EVENTS, &c->nevents);
	struct case_event *ev;
	const char *path;
	json_t *e;
	size_t i;

	c->events = eco_zalloc(r->arena, (c->nevents + 1) *
	    sizeof(*c->events));
	for (i = 0; i < c->nevents; i++) {
		if ((e = entry(r, a, "events", i, event_members, &path)) ==
		    NULL)
			continue;
		ev = &c->events[i];
		date(r, e, path, false, &ev->date);
		ev->instance = code(r, e, path, "instance", instances, true);
		ev->type = code(r, e, path, "type", event_types, true);
		ev->result = code(r, e, path, "result", event_results, false);
		bilingual(r, e, path, "text", 10000, true, &ev->text);
	}
}

/* A number >= 0 as decimal text for PostgreSQL's numeric. */
static const char *
amount_value(struct reader *r, json_t *e, const char *prefix)
{
	json_t *v = json_object_get(e, "value");
	const char *path = join(r, prefix, "value");
	double d;

	if (json_is_integer(v) && json_integer_value(v) >= 0)
		return eco_sprintf(r->arena, "%lld",
		    (long long)json_integer_value(v));
	if (json_is_real(v) && (d = json_real_value(v)) >= 0 && isfinite(d) &&
	    d < 1e18)
		return eco_sprintf(r->arena, "%.15g", d);
	problem(r, path, v == NULL || json_is_null(v) ? "required" :
	    "invalid_amount", v == NULL || json_is_null(v) ?
	    N_("This field is required.") :
	    N_("The amount must be a number not below zero."));
	return NULL;
}

static void
read_amounts(struct reader *r, json_t *obj, struct court_case *c)
{
	json_t *a = list(r, obj, "amounts", CASE_MAX_AMOUNTS, &c->namounts);
	const char *path;
	json_t *e;
	size_t i;

	c->amounts = eco_zalloc(r->arena, (c->namounts + 1) *
	    sizeof(*c->amounts));
	for (i = 0; i < c->namounts; i++) {
		if ((e = entry(r, a, "amounts", i, amount_members, &path)) ==
		    NULL)
			continue;
		c->amounts[i].value = amount_value(r, e, path);
		c->amounts[i].unit = code(r, e, path, "unit", units, true);
		bilingual(r, e, path, "what", 1000, true, &c->amounts[i].what);
	}
}

/*
 * Registration numbers of the requests the case grew from: strings, or
 * objects with "reg_no" as GET gives them back.
 */
static void
read_requests(struct reader *r, json_t *obj, struct court_case *c)
{
	json_t *a = list(r, obj, "requests", CASE_MAX_REQUESTS, &c->nrequests);
	const char *path, *s;
	json_t *e;
	size_t i, j;

	c->requests = eco_zalloc(r->arena, (c->nrequests + 1) *
	    sizeof(*c->requests));
	for (i = 0; i < c->nrequests; i++) {
		e = json_array_get(a, i);
		path = eco_sprintf(r->arena, "requests[%zu]", i);
		if (json_is_object(e))
			e = json_object_get(e, "reg_no");
		s = json_is_string(e) ? json_string_value(e) : NULL;
		if (s == NULL || !eco_text_ok(s, 100, false)) {
			problem(r, path, "invalid_value", N_("This must be a "
			    "registration number of an information request."));
			continue;
		}
		for (j = 0; j < i; j++)
			if (c->requests[j] != NULL &&
			    strcmp(c->requests[j], s) == 0) {
				problem(r, path, "duplicate",
				    N_("This registration number is given twice."));
				s = NULL;
				break;
			}
		c->requests[i] = s;
	}
}

static void
read_documents(struct reader *r, json_t *obj, struct court_case *c)
{
	json_t *a = list(r, obj, "documents", CASE_MAX_DOCUMENTS,
	    &c->ndocuments);
	struct case_document *d;
	const char *path;
	json_t *e;
	size_t i;

	c->documents = eco_zalloc(r->arena, (c->ndocuments + 1) *
	    sizeof(*c->documents));
	for (i = 0; i < c->ndocuments; i++) {
		if ((e = entry(r, a, "documents", i, document_members,
		    &path)) == NULL)
			continue;
		d = &c->documents[i];
		d->instance = code(r, e, path, "instance", document_instances,
		    true);
		d->kind = code(r, e, path, "kind", document_kinds, true);
		date(r, e, path, true, &d->date);
		d->language = code(r, e, path, "language", languages, true);
		d->title = text(r, e, path, "title", 500, true);
		d->body = text(r, e, path, "body", 500000, true);
	}
}

/*
 * The code of region name s: a code itself, an English name ("Almaty" is
 * the city), or an oblast's English name without "Region" ("Pavlodar").
 */
const char *
case_region_code(const char *s)
{
	const char *code, *name;
	size_t i, n;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; (code = eco_region_code(i)) != NULL; i++) {
			name = eco_region_msgid(code);
			n = strlen(name);
			if (pass == 1 && n > 7 &&
			    strcmp(name + n - 7, " Region") == 0)
				n -= 7;
			if (strcmp(code, s) == 0 || (strlen(s) == n &&
			    strncasecmp(name, s, n) == 0))
				return code;
		}
	return NULL;
}

size_t
case_record_read(struct eco_arena *arena, json_t *obj, struct court_case *c,
    struct eco_field_error *errors, size_t max)
{
	struct reader r = { arena, errors, 0, max };
	const char *region;

	memset(c, 0, sizeof(*c));
	if (!json_is_object(obj)) {
		problem(&r, "", "wrong_type",
		    N_("A court case record must be a JSON object."));
		return r.n;
	}
	only_members(&r, obj, "", case_members);
	c->key = text(&r, obj, "", "key", 100, true);
	if (c->key != NULL && !eco_key_ok(c->key, CASE_KEY_MAX)) {
		problem(&r, "key", "invalid_key", N_("The key is 2 to 100 "
		    "lowercase Latin letters, digits and hyphens."));
		c->key = NULL;
	}
	c->source_lines = text(&r, obj, "", "source_lines", 200, false);
	bilingual(&r, obj, "", "title", 500, true, &c->title);
	bilingual(&r, obj, "", "summary", 20000, false, &c->summary);
	bilingual(&r, obj, "", "court_first_instance", 500, false, &c->court);
	if ((region = text(&r, obj, "", "region", 40, false)) != NULL &&
	    (c->region = case_region_code(region)) == NULL)
		problem(&r, "region", "invalid_value",
		    N_("This is not one of the allowed values."));
	c->case_type = code(&r, obj, "", "case_type", case_types, true);
	c->category = code(&r, obj, "", "category", categories, true);
	c->status = code(&r, obj, "", "status", statuses, true);
	c->aarhus_applied = flag(&r, obj, "aarhus_applied");
	c->indefinite_circle = flag(&r, obj, "indefinite_circle");
	c->state_fee_exempt = flag(&r, obj, "state_fee_exempt");
	c->notes = text(&r, obj, "", "notes", 20000, false);
	read_parties(&r, obj, c);
	read_claims(&r, obj, c);
	read_events(&r, obj, c);
	read_amounts(&r, obj, c);
	read_requests(&r, obj, c);
	read_documents(&r, obj, c);
	return r.n;
}

const char *
case_record_name(struct eco_arena *arena, json_t *obj, size_t n)
{
	json_t *key = json_object_get(obj, "key");

	if (json_is_string(key) && eco_key_ok(json_string_value(key), CASE_KEY_MAX))
		return json_string_value(key);
	return eco_sprintf(arena, "#%zu", n);
}

/* Appends s and a line break to b (s NULL: nothing). */
static void
line(struct eco_buf *b, const char *s)
{
	if (s != NULL) {
		eco_buf_puts(b, s);
		eco_buf_putc(b, '\n');
	}
}

const char *
case_search_text(struct eco_arena *arena, const struct court_case *c,
    bool kazakh)
{
#define LANG(t)	((kazakh) ? (t).kk : (t).ru)
	struct eco_buf b;
	size_t i;

	eco_buf_init(&b, arena);
	line(&b, LANG(c->title));
	line(&b, LANG(c->summary));
	line(&b, LANG(c->court));
	for (i = 0; i < c->nparties; i++)
		line(&b, LANG(c->parties[i].name));
	for (i = 0; i < c->nclaims; i++)
		line(&b, LANG(c->claims[i].text));
	for (i = 0; i < c->nevents; i++)
		line(&b, LANG(c->events[i].text));
#undef LANG
	return b.data != NULL ? b.data : "";
}
