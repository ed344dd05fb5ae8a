/*
 * ecoctl courts import (courts_import.h).  Checking every record before
 * writing any lets one run report all the problems of a file; the single
 * transaction makes a failure on the database's side leave nothing either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "case_store.h"
#include "courts_import.h"
#include "db.h"
#include "record.h"

/* The import is an operator's act at the console: no account, no address. */
static struct eco_stmt q_audit = ECO_STMT(
    "INSERT INTO core.audit (action, object_type, object_id, details) "
    "VALUES ($1, 'court_case', $2, $3::jsonb)");

/* Checks every record; prints each problem; true when there is none. */
static bool
check_all(struct eco_arena *arena, json_t *all, struct court_case *cases)
{
	struct eco_field_error e[CASE_MAX_ERRORS];
	const char *name;
	size_t i, j, k, n, bad = 0;
	json_t *rec;

	json_array_foreach(all, i, rec) {
		name = case_record_name(arena, rec, i + 1);
		n = case_record_read(arena, rec, &cases[i], e,
		    CASE_MAX_ERRORS);
		for (j = 0; j < n; j++)
			fprintf(stderr, "%s: %s: %s\n", name,
			    *e[j].field != '\0' ? e[j].field : "(record)",
			    e[j].message);
		bad += n;
		/* Two records of one key would be one case written twice. */
		for (k = 0; n == 0 && k < i; k++)
			if (cases[k].key != NULL &&
			    strcmp(cases[k].key, cases[i].key) == 0) {
				fprintf(stderr, "%s: key: the key of record "
				    "#%zu again\n", name, k + 1);
				bad++;
			}
	}
	return bad == 0;
}

/* Writes the checked cases; false on a database failure. */
static bool
write_all(struct eco_db *db, struct eco_arena *arena,
    const struct court_case *cases, size_t n, size_t *added)
{
	const char *p[3];
	long long id;
	bool created;
	size_t i;

	for (i = 0; i < n; i++) {
		if (case_store_write(db, arena, &cases[i], CASE_UPSERT, &id,
		    &created) != 0) {
			fprintf(stderr, "%s: cannot be written (SQLSTATE %s)\n",
			    cases[i].key, eco_db_sqlstate(db));
			return false;
		}
		p[0] = created ? "court_case.import_create" :
		    "court_case.import_update";
		p[1] = eco_sprintf(arena, "%lld", id);
		p[2] = eco_sprintf(arena, "{\"key\":\"%s\"}", cases[i].key);
		if (eco_db_exec(db, arena, &q_audit, 3, p) == NULL)
			return false;
		if (created)
			(*added)++;
	}
	return true;
}

int
courts_import(struct eco_db *db, const char *path)
{
	struct eco_arena *arena = eco_arena_new();
	struct court_case *cases;
	json_error_t err;
	json_t *all;
	size_t n, added = 0;
	int rc = 1;

	if ((all = json_load_file(path, JSON_REJECT_DUPLICATES, &err)) ==
	    NULL) {
		fprintf(stderr, "%s:%d: %s\n", path, err.line, err.text);
		eco_arena_free(arena);
		return 1;
	}
	if (!json_is_array(all)) {
		fprintf(stderr, "%s: not a JSON array of court cases\n", path);
		goto out;
	}
	n = json_array_size(all);
	cases = eco_zalloc(arena, (n + 1) * sizeof(*cases));
	if (!check_all(arena, all, cases)) {
		fprintf(stderr, "%s: nothing imported\n", path);
		goto out;
	}
	if (eco_db_begin(db) != 0)
		goto out;
	if (!write_all(db, arena, cases, n, &added) || eco_db_commit(db) != 0) {
		eco_db_rollback(db);
		fprintf(stderr, "%s: nothing imported\n", path);
		goto out;
	}
	printf("%zu court cases: %zu added, %zu updated\n", n, added,
	    n - added);
	rc = 0;
out:
	json_decref(all);
	eco_arena_free(arena);
	return rc;
}
