/*
 * One PostgreSQL connection per worker.
 *
 * Statements are prepared lazily, once per connection: each struct eco_stmt
 * remembers the generation of the connection it was prepared on, and a new
 * connection (after a server restart) has a new generation, so everything
 * is prepared again without bookkeeping in the callers.
 *
 * Errors are logged by SQLSTATE only.  The message text of an error can
 * quote the values of a row ("Key (email)=(...) already exists"), and the
 * log must never hold personal data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "log.h"

struct eco_db {
	char		*conninfo;
	PGconn		*conn;
	unsigned long	 generation;	/* bumped on every new connection */
	bool		 in_tx;
	char		 sqlstate[6];
};

static unsigned next_stmt_id;

struct eco_db *
eco_db_open(const char *conninfo)
{
	struct eco_db *db = calloc(1, sizeof(*db));

	if (db == NULL || (db->conninfo = strdup(conninfo)) == NULL) {
		free(db);
		return NULL;
	}
	return db;
}

void
eco_db_close(struct eco_db *db)
{
	if (db == NULL)
		return;
	if (db->conn != NULL)
		PQfinish(db->conn);
	free(db->conninfo);
	free(db);
}

static void
set_state(struct eco_db *db, const char *state)
{
	snprintf(db->sqlstate, sizeof(db->sqlstate), "%s", state ? state : "");
}

/* Makes sure there is a working connection.  0 or -1. */
static int
ensure_connected(struct eco_db *db)
{
	if (db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK)
		return 0;
	if (db->conn != NULL) {
		PQfinish(db->conn);
		db->conn = NULL;
	}
	db->in_tx = false;
	db->conn = PQconnectdb(db->conninfo);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		eco_log("database unreachable");
		PQfinish(db->conn);
		db->conn = NULL;
		set_state(db, "08006");
		return -1;
	}
	db->generation++;
	return 0;
}

static bool
connection_lost(struct eco_db *db)
{
	return db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK;
}

static void
clear_result(void *p)
{
	PQclear(p);
}

/* Records the failure of res (which it clears) and returns NULL. */
static PGresult *
fail(struct eco_db *db, PGresult *res, const struct eco_stmt *stmt)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	if (connection_lost(db))
		state = "08006";
	set_state(db, state ? state : "XX000");
	/* Unique violations and the like are expected answers, not incidents. */
	if (strncmp(db->sqlstate, "23", 2) != 0)
		eco_log("statement s%u failed: SQLSTATE %s", stmt ? stmt->id : 0,
		    db->sqlstate);
	PQclear(res);
	return NULL;
}

static PGresult *
exec_once(struct eco_db *db, struct eco_stmt *stmt, int n,
    const char *const *params)
{
	char name[16];
	PGresult *res;
	ExecStatusType st;

	if (ensure_connected(db) != 0)
		return NULL;
	if (stmt->id == 0)
		stmt->id = ++next_stmt_id;
	snprintf(name, sizeof(name), "s%u", stmt->id);
	if (stmt->prepared_on != db->generation) {
		res = PQprepare(db->conn, name, stmt->sql, n, NULL);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			return fail(db, res, stmt);
		PQclear(res);
		stmt->prepared_on = db->generation;
	}
	res = PQexecPrepared(db->conn, name, n, params, NULL, NULL, 0);
	st = PQresultStatus(res);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
		return fail(db, res, stmt);
	set_state(db, "");
	return res;
}

PGresult *
eco_db_exec(struct eco_db *db, struct eco_arena *arena, struct eco_stmt *stmt,
    int n, const char *const *params)
{
	PGresult *res = exec_once(db, stmt, n, params);

	/*
	 * A connection that died since the last request (the server restarted)
	 * is only noticed now; outside a transaction it is safe to try again.
	 */
	if (res == NULL && !db->in_tx && strcmp(db->sqlstate, "08006") == 0) {
		if (db->conn != NULL) {
			PQfinish(db->conn);
			db->conn = NULL;
		}
		res = exec_once(db, stmt, n, params);
	}
	if (res != NULL && arena != NULL)
		eco_arena_defer(arena, clear_result, res);
	return res;
}

long
eco_db_affected(PGresult *res)
{
	const char *s = PQcmdTuples(res);

	return s && *s ? strtol(s, NULL, 10) : 0;
}

const char *
eco_db_sqlstate(const struct eco_db *db)
{
	return db->sqlstate;
}

bool
eco_db_unavailable(const struct eco_db *db)
{
	return strncmp(db->sqlstate, "08", 2) == 0 ||
	    strncmp(db->sqlstate, "57P", 3) == 0;
}

static int
simple_command(struct eco_db *db, const char *sql)
{
	PGresult *res;
	int rc;

	if (ensure_connected(db) != 0)
		return -1;
	res = PQexec(db->conn, sql);
	rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : -1;
	if (rc != 0) {
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

		set_state(db, connection_lost(db) ? "08006" : state ? state : "XX000");
		eco_log("%s failed: SQLSTATE %s", sql, db->sqlstate);
	}
	PQclear(res);
	return rc;
}

int
eco_db_begin(struct eco_db *db)
{
	if (db->in_tx)
		return -1;
	/* A connection lost between requests is replaced before BEGIN. */
	if (connection_lost(db) && db->conn != NULL) {
		PQfinish(db->conn);
		db->conn = NULL;
	}
	if (simple_command(db, "BEGIN") != 0) {
		if (db->conn != NULL && !connection_lost(db))
			return -1;
		/* The server restarted since the last request: try once more. */
		if (db->conn != NULL) {
			PQfinish(db->conn);
			db->conn = NULL;
		}
		if (simple_command(db, "BEGIN") != 0)
			return -1;
	}
	db->in_tx = true;
	return 0;
}

int
eco_db_commit(struct eco_db *db)
{
	int rc;

	if (!db->in_tx)
		return -1;
	rc = simple_command(db, "COMMIT");
	db->in_tx = false;
	return rc;
}

void
eco_db_rollback(struct eco_db *db)
{
	if (!db->in_tx)
		return;
	if (!connection_lost(db))
		simple_command(db, "ROLLBACK");
	db->in_tx = false;
}

bool
eco_db_in_transaction(const struct eco_db *db)
{
	return db->in_tx;
}

bool
eco_db_ping(struct eco_db *db)
{
	static struct eco_stmt ping = ECO_STMT("SELECT 1");
	PGresult *res = eco_db_exec(db, NULL, &ping, 0, NULL);

	if (res == NULL)
		return false;
	PQclear(res);
	return true;
}

int
eco_db_run_script(struct eco_db *db, const char *sql, char *err, size_t errlen)
{
	PGresult *res;
	int rc = 0;

	if (ensure_connected(db) != 0) {
		snprintf(err, errlen, "cannot connect to the database");
		return -1;
	}
	res = PQexec(db->conn, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK) {
		/* Scripts are our own files: their errors may be shown whole. */
		snprintf(err, errlen, "%s", PQresultErrorMessage(res));
		rc = -1;
	}
	PQclear(res);
	return rc;
}

PGconn *
eco_db_conn(struct eco_db *db)
{
	if (ensure_connected(db) != 0)
		return NULL;
	return db->conn;
}
