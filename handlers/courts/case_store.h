/*
 * Court cases in PostgreSQL (sql/migrations/011_courts.sql): a checked
 * record (record.h) written with its parties, claims, events, amounts,
 * court acts and request links, and a case read back as JSON in the shape
 * of court_cases.json.  The functions take the database and an arena, not
 * a request, so that ecoctl's import uses them too.
 */
#ifndef ECO_COURTS_CASE_STORE_H
#define ECO_COURTS_CASE_STORE_H

#include <stdbool.h>

#include <jansson.h>

#include "record.h"

struct eco_arena;
struct eco_db;

/* How case_store_write finds the row it writes. */
enum case_write_mode {
	CASE_INSERT,		/* a new case: the key must be free */
	CASE_UPDATE,		/* case id: the key may change to a free one */
	CASE_UPSERT		/* by key: added, or updated keeping its id */
};

/*
 * Writes c inside the caller's transaction: the case row with its search
 * texts, its children replaced (the case's id stays; a court act the
 * record still has keeps its row, id and created_at), the words of its
 * texts added to courts.words, and the registration numbers linked to our
 * requests where they are ours.  *id is the case's id (in: CASE_UPDATE's
 * case); *created tells whether a row was added.
 * 0; 404 (CASE_UPDATE: no such case); 409 the key is another case's; 503.
 */
int	case_store_write(struct eco_db *, struct eco_arena *,
	    const struct court_case *, enum case_write_mode, long long *id,
	    bool *created);

/*
 * Locks case id for a change until the transaction ends, so that what is
 * read before the change (the audit log's "before") stays true.
 * 0; 404 no such case; 503.
 */
int	case_store_lock(struct eco_db *, struct eco_arena *, long long id);

/*
 * Case id as court_cases.json has it, plus "id" and "requests":
 * [{"id","reg_no","status"}] (id and status null when the number is not
 * one of ours), events in timeline order.  NULL with *status 404 or 503.
 */
json_t	*case_store_read(struct eco_db *, struct eco_arena *, long long id,
	    int *status);
/*
 * The same for a page: the court acts with their "id" and without their
 * texts ("body"), in the order issued.
 */
json_t	*case_store_read_listed(struct eco_db *, struct eco_arena *,
	    long long id, int *status);

#endif
