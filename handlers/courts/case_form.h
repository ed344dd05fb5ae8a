/*
 * The clerks' forms of a court case (page_case_edit.c), as pure changes of
 * the case's JSON record (the shape of court_cases.json, as
 * case_store_read gives it and case_save takes it): the main fields from
 * the form, a new party, claim, event, amount, court act or request link,
 * a claim's outcome, a removal; and the record's field paths ("title.kk",
 * "events[3].date") named as the form's fields.  The checking itself is
 * record.c's, when the record is saved.  No I/O.
 */
#ifndef ECO_COURTS_CASE_FORM_H
#define ECO_COURTS_CASE_FORM_H

#include <jansson.h>

struct eco_arena;

/* A form field's value as it came (NULL: not sent). */
typedef const char *(*case_form_get)(void *ud, const char *name);

/* What a change of a list found. */
enum case_form_result {
	CASE_FORM_OK,
	CASE_FORM_BAD,		/* no such list, or an index that is no number */
	CASE_FORM_STALE		/* the entry is gone or another since the page */
};

/*
 * Sets record's main fields (key, titles, summaries, region, court, case
 * type, category, status, the three flags, notes) from the form: a blank
 * field is left null, for record.c to require it or not.
 */
void	case_form_main(json_t *record, case_form_get, void *ud);

/*
 * Appends the entry the form's part adds ("party", "claim", "event",
 * "amount", "act", "request") to its list of record.  CASE_FORM_BAD for
 * another part.
 */
enum case_form_result case_form_add(json_t *record, const char *part,
	    case_form_get, void *ud);

/*
 * A short fingerprint of entry (32 hex digits), sent with a form that
 * names the entry by its index: a request link by its number alone, so
 * that a change of the request's status is no change of the link.
 */
const char *case_form_check(struct eco_arena *, json_t *entry);

/*
 * Removes entry index of list ("parties", "claims", "events", "amounts",
 * "documents", "requests") if its fingerprint is still check.
 */
enum case_form_result case_form_remove(struct eco_arena *, json_t *record,
	    const char *list, const char *index, const char *check);

/* Sets claim index's outcome (blank: not known) if its fingerprint is check. */
enum case_form_result case_form_outcome(struct eco_arena *, json_t *record,
	    const char *index, const char *check, const char *outcome);

/*
 * The form field of a record's field path: "title.kk" title_kk,
 * "court_first_instance.ru" court_ru, "parties[2].name.kk" party_name_kk,
 * "documents[0].date" act_date, "requests[1]" request_reg_no.
 */
const char *case_form_field(struct eco_arena *, const char *path);

#endif
