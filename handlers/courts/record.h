/*
 * One court case record in the shape of court_cases.json (the import
 * file, and the body of POST and PUT /api/v1/court-cases), checked field
 * by field into a struct.  Pure: memory from the arena, no I/O.
 *
 * The enums are exactly the CHECKs of sql/migrations/011_courts.sql.  A
 * region is one of the portal's region codes (labels.h); the source's
 * English names ("Almaty", "Pavlodar") are taken for their code.
 */
#ifndef ECO_COURTS_RECORD_H
#define ECO_COURTS_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "partial_date.h"
#include "validate.h"

struct eco_arena;

#define CASE_KEY_MAX		100	/* as courts.cases.key's CHECK */
#define CASE_MAX_PARTIES	50
#define CASE_MAX_CLAIMS		100
#define CASE_MAX_EVENTS		500
#define CASE_MAX_AMOUNTS	100
#define CASE_MAX_REQUESTS	100
#define CASE_MAX_DOCUMENTS	100
/* Problems reported for one record; the rest are not looked for. */
#define CASE_MAX_ERRORS		20

/* A flag the source may leave open. */
enum case_flag {
	CASE_FLAG_NULL = -1,
	CASE_FLAG_FALSE = 0,
	CASE_FLAG_TRUE = 1
};

/* A text in Kazakh and Russian; NULL where optional and absent. */
struct case_text {
	const char	*kk;
	const char	*ru;
};

struct case_party {
	const char		*role;
	const char		*kind;
	struct case_text	 name;
};

struct case_claim {
	struct case_text	 text;
	const char		*outcome;	/* NULL: not known */
};

struct case_event {
	struct partial_date	 date;
	const char		*instance;
	const char		*type;
	const char		*result;	/* NULL: none */
	struct case_text	 text;
};

struct case_amount {
	const char		*value;		/* decimal text, >= 0 */
	const char		*unit;		/* KZT, MCI, t */
	struct case_text	 what;
};

/* The text of a court act. */
struct case_document {
	const char		*instance;
	const char		*kind;
	struct partial_date	 date;		/* a day, or unknown */
	const char		*language;	/* kk, ru */
	const char		*title;
	const char		*body;
};

struct court_case {
	const char		*key;
	struct case_text	 title;
	struct case_text	 summary;
	struct case_text	 court;		/* court_first_instance */
	const char		*region;	/* NULL: not said */
	const char		*case_type;
	const char		*category;
	const char		*status;
	enum case_flag		 aarhus_applied;
	enum case_flag		 indefinite_circle;
	enum case_flag		 state_fee_exempt;
	const char		*notes;
	const char		*source_lines;
	struct case_party	*parties;
	size_t			 nparties;
	struct case_claim	*claims;
	size_t			 nclaims;
	struct case_event	*events;
	size_t			 nevents;
	struct case_amount	*amounts;
	size_t			 namounts;
	const char	       **requests;	/* registration numbers */
	size_t			 nrequests;
	struct case_document	*documents;
	size_t			 ndocuments;
};

/*
 * Reads and checks one record.  Returns the number of problems written to
 * errors (at most max): field is the path in the record ("events[3].date"),
 * message an English msgid.  The struct is complete only when 0.
 */
size_t	case_record_read(struct eco_arena *, json_t *record,
	    struct court_case *, struct eco_field_error *errors, size_t max);

/* The record's key for messages: its "key", or "#n" (n from 1) if absent. */
const char *case_record_name(struct eco_arena *, json_t *record, size_t n);

/* The region code for a code or an English region name; NULL if none. */
const char *case_region_code(const char *);

/*
 * The search text of c in one language (1: Kazakh, 0: Russian): the
 * title, summary, court, parties' names, claims and events, one a line
 * (courts.cases.search_kk and search_ru).
 */
const char *case_search_text(struct eco_arena *, const struct court_case *,
	    bool kazakh);

#endif
