/* The clerks' forms of a court case as changes of its record (case_form.h). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "case_form.h"

/* A part of the edit page that adds an entry: its list and field prefix. */
struct part {
	const char	*part;
	const char	*list;
	const char	*prefix;
};

static const struct part parts[] = {
	{ "party", "parties", "party_" },
	{ "claim", "claims", "claim_" },
	{ "event", "events", "event_" },
	{ "amount", "amounts", "amount_" },
	{ "act", "documents", "act_" },
	{ "request", "requests", "request_" },
	{ NULL, NULL, NULL }
};

static bool
space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * The field's value without the spaces around it, or null when blank or
 * not sent.  Not checked here: record.c refuses text that is not valid.
 */
static json_t *
value(case_form_get get, void *ud, const char *name)
{
	const char *s = get(ud, name);
	size_t n;

	if (s == NULL)
		return json_null();
	while (space(*s))
		s++;
	n = strlen(s);
	while (n > 0 && space(s[n - 1]))
		n--;
	return n == 0 ? json_null() : json_stringn_nocheck(s, n);
}

/* The value of field prefix + name. */
static json_t *
pvalue(case_form_get get, void *ud, const char *prefix, const char *name)
{
	char field[64];

	snprintf(field, sizeof(field), "%s%s", prefix, name);
	return value(get, ud, field);
}

/*
 * {"kk","ru"} from the fields <name>_kk and <name>_ru.  An optional text
 * with both blank is null; a required one stays an object, so that
 * record.c names the blank language.
 */
static json_t *
bilingual(case_form_get get, void *ud, const char *name, bool required)
{
	json_t *kk = pvalue(get, ud, name, "_kk");
	json_t *ru = pvalue(get, ud, name, "_ru");

	if (!required && json_is_null(kk) && json_is_null(ru)) {
		json_decref(kk);
		json_decref(ru);
		return json_null();
	}
	return json_pack("{s:o,s:o}", "kk", kk, "ru", ru);
}

/* A flag from yes, no or unknown; anything else goes on for record.c. */
static json_t *
flag(case_form_get get, void *ud, const char *name)
{
	json_t *v = value(get, ud, name);
	const char *s = json_string_value(v);
	bool yes;

	if (s == NULL || strcmp(s, "unknown") == 0) {
		json_decref(v);
		return json_null();
	}
	if (strcmp(s, "yes") == 0 || strcmp(s, "no") == 0) {
		yes = s[0] == 'y';
		json_decref(v);
		return json_boolean(yes);
	}
	return v;
}

/*
 * An amount as a JSON number: digits with a decimal point or comma.
 * Anything else goes on as text, which record.c refuses with its message.
 */
static json_t *
amount(case_form_get get, void *ud)
{
	json_t *v = value(get, ud, "amount_value");
	const char *s = json_string_value(v), *p;
	char buf[40], *q;
	size_t digits = 0, points = 0;

	if (s == NULL || strlen(s) >= sizeof(buf))
		return v;
	for (p = s, q = buf; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			*q++ = *p;
			digits++;
		} else if ((*p == '.' || *p == ',') && digits > 0 &&
		    points++ == 0)
			*q++ = '.';
		else
			return v;
	}
	*q = '\0';
	if (digits == 0 || q[-1] == '.')
		return v;
	json_decref(v);
	/* 18 digits fit a long long; a bigger sum is record.c's to refuse. */
	if (points == 0 && digits <= 18)
		return json_integer(strtoll(buf, NULL, 10));
	return json_real(strtod(buf, NULL));
}

void
case_form_main(json_t *r, case_form_get get, void *ud)
{
	json_object_set_new(r, "key", value(get, ud, "key"));
	json_object_set_new(r, "title", bilingual(get, ud, "title", true));
	json_object_set_new(r, "summary", bilingual(get, ud, "summary",
	    false));
	json_object_set_new(r, "region", value(get, ud, "region"));
	json_object_set_new(r, "court_first_instance", bilingual(get, ud,
	    "court", false));
	json_object_set_new(r, "case_type", value(get, ud, "case_type"));
	json_object_set_new(r, "category", value(get, ud, "category"));
	json_object_set_new(r, "status", value(get, ud, "status"));
	json_object_set_new(r, "aarhus_applied", flag(get, ud,
	    "aarhus_applied"));
	json_object_set_new(r, "indefinite_circle", flag(get, ud,
	    "indefinite_circle"));
	json_object_set_new(r, "state_fee_exempt", flag(get, ud,
	    "state_fee_exempt"));
	json_object_set_new(r, "notes", value(get, ud, "notes"));
}

/* The entry part p adds, from its fields. */
static json_t *
entry(const struct part *p, case_form_get get, void *ud)
{
	if (strcmp(p->part, "party") == 0)
		return json_pack("{s:o,s:o,s:o}",
		    "role", value(get, ud, "party_role"),
		    "kind", value(get, ud, "party_kind"),
		    "name", bilingual(get, ud, "party_name", true));
	if (strcmp(p->part, "claim") == 0)
		return json_pack("{s:o,s:o}",
		    "text", bilingual(get, ud, "claim_text", true),
		    "outcome", value(get, ud, "claim_outcome"));
	if (strcmp(p->part, "event") == 0)
		return json_pack("{s:o,s:o,s:o,s:o,s:o}",
		    "date", value(get, ud, "event_date"),
		    "instance", value(get, ud, "event_instance"),
		    "type", value(get, ud, "event_type"),
		    "result", value(get, ud, "event_result"),
		    "text", bilingual(get, ud, "event_text", true));
	if (strcmp(p->part, "amount") == 0)
		return json_pack("{s:o,s:o,s:o}",
		    "value", amount(get, ud),
		    "unit", value(get, ud, "amount_unit"),
		    "what", bilingual(get, ud, "amount_what", true));
	if (strcmp(p->part, "act") == 0)
		return json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}",
		    "instance", value(get, ud, "act_instance"),
		    "kind", value(get, ud, "act_kind"),
		    "date", value(get, ud, "act_date"),
		    "language", value(get, ud, "act_language"),
		    "title", value(get, ud, "act_title"),
		    "body", value(get, ud, "act_body"));
	return value(get, ud, "request_reg_no");
}

/* The list of record named name, made if absent. */
static json_t *
list_of(json_t *record, const char *name)
{
	json_t *a = json_object_get(record, name);

	if (!json_is_array(a)) {
		a = json_array();
		json_object_set_new(record, name, a);
	}
	return a;
}

enum case_form_result
case_form_add(json_t *record, const char *part, case_form_get get, void *ud)
{
	const struct part *p;

	for (p = parts; part != NULL && p->part != NULL; p++)
		if (strcmp(p->part, part) == 0) {
			json_array_append_new(list_of(record, p->list),
			    entry(p, get, ud));
			return CASE_FORM_OK;
		}
	return CASE_FORM_BAD;
}

const char *
case_form_check(struct eco_arena *arena, json_t *e)
{
	unsigned char hash[16];
	char hex[2 * sizeof(hash) + 1], *text;
	json_t *reg_no = json_object_get(e, "reg_no");

	text = json_dumps(reg_no != NULL ? reg_no : e,
	    JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	if (text == NULL)
		return "";
	crypto_generichash(hash, sizeof(hash), (unsigned char *)text,
	    strlen(text), NULL, 0);
	free(text);
	sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
	return eco_strdup(arena, hex);
}

/*
 * The entry of list at index (decimal digits) when its fingerprint is
 * check; *result says why not.
 */
static json_t *
find(struct eco_arena *arena, json_t *a, const char *index,
    const char *check, enum case_form_result *result)
{
	size_t i = 0, n;
	json_t *e;

	*result = CASE_FORM_BAD;
	if (index == NULL || (n = strlen(index)) == 0 || n > 6 ||
	    strspn(index, "0123456789") != n)
		return NULL;
	i = (size_t)strtoul(index, NULL, 10);
	*result = CASE_FORM_STALE;
	if ((e = json_array_get(a, i)) == NULL || check == NULL ||
	    strcmp(case_form_check(arena, e), check) != 0)
		return NULL;
	*result = CASE_FORM_OK;
	return e;
}

enum case_form_result
case_form_remove(struct eco_arena *arena, json_t *record, const char *list,
    const char *index, const char *check)
{
	enum case_form_result result = CASE_FORM_BAD;
	const struct part *p;
	json_t *a;

	for (p = parts; list != NULL && p->part != NULL; p++)
		if (strcmp(p->list, list) == 0)
			break;
	if (list == NULL || p->part == NULL)
		return CASE_FORM_BAD;
	a = json_object_get(record, list);
	if (find(arena, a, index, check, &result) != NULL)
		json_array_remove(a, strtoul(index, NULL, 10));
	return result;
}

enum case_form_result
case_form_outcome(struct eco_arena *arena, json_t *record, const char *index,
    const char *check, const char *outcome)
{
	enum case_form_result result;
	json_t *claim;

	claim = find(arena, json_object_get(record, "claims"), index, check,
	    &result);
	if (claim != NULL)
		json_object_set_new(claim, "outcome", outcome == NULL ||
		    *outcome == '\0' ? json_null() : json_string_nocheck(outcome));
	return result;
}

/* s with every '.' a '_'. */
static const char *
underscores(struct eco_arena *arena, const char *s)
{
	char *out = eco_strdup(arena, s), *p;

	for (p = out; *p != '\0'; p++)
		if (*p == '.')
			*p = '_';
	return out;
}

const char *
case_form_field(struct eco_arena *arena, const char *path)
{
	static const char court[] = "court_first_instance";
	const struct part *p;
	const char *rest;
	size_t n;

	if (strncmp(path, court, sizeof(court) - 1) == 0)
		return underscores(arena, eco_sprintf(arena, "court%s",
		    path + sizeof(court) - 1));
	for (p = parts; p->part != NULL; p++) {
		n = strlen(p->list);
		if (strncmp(path, p->list, n) != 0 ||
		    (path[n] != '[' && path[n] != '\0'))
			continue;
		/* The list itself (too long): the form that adds to it. */
		if (path[n] == '\0' || (rest = strchr(path, ']')) == NULL)
			return eco_sprintf(arena, "%sform", p->prefix);
		if (strcmp(p->part, "request") == 0 || rest[1] != '.')
			return strcmp(p->part, "request") == 0 ?
			    "request_reg_no" : eco_sprintf(arena, "%sform",
			    p->prefix);
		return underscores(arena, eco_sprintf(arena, "%s%s",
		    p->prefix, rest + 2));
	}
	return underscores(arena, path);
}
