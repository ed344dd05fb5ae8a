/* Reminders to a holder's officials before and after a due date (see reminders.h). */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "db.h"
#include "i18n.h"
#include "reminders.h"

/*
 * Open requests whose answer is due within 3 days ("soon") or is past
 * ("overdue"), with every active official of their holder.  The dedupe
 * key names the request, the due date and the official: an extension
 * moves the due date and earns a new reminder; nothing else does.
 */
static struct eco_stmt q_due = ECO_STMT(
    "SELECT r.id, r.reg_no, r.subject, r.due_on, u.email, u.lang, k.kind, "
    "       k.key "
    "FROM requests.requests r "
    "JOIN core.users u ON u.holder_id = r.holder_id "
    "     AND u.kind = 'official' AND u.disabled_at IS NULL "
    "CROSS JOIN LATERAL (SELECT c.kind, "
    "     c.kind || ':' || r.id || ':' || r.due_on || ':' || u.id AS key "
    "     FROM (SELECT CASE WHEN r.due_on < $1::date THEN 'remind_overdue' "
    "           ELSE 'remind_soon' END) AS c (kind)) k "
    "WHERE r.status IN ('registered', 'in_progress', 'extended') "
    "AND r.due_on <= $1::date + 3 "
    /* The benchmark's made-up requests remind nobody. */
    "AND r.origin IS DISTINCT FROM 'generated' "
    "AND NOT EXISTS (SELECT 1 FROM core.outbox o WHERE o.dedupe_key = k.key) "
    "ORDER BY r.id LIMIT 1000");

static struct eco_stmt q_queue = ECO_STMT(
    "INSERT INTO core.outbox (to_addr, subject, body, kind, dedupe_key) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dedupe_key) DO NOTHING");

/* The reminder's text in the official's language. */
static void
compose(struct eco_arena *a, const struct eco_catalogs *cats,
    enum eco_lang lang, bool overdue, const char *no, const char *subject,
    long due, const char *url, const char **subj_out, const char **body_out)
{
	struct eco_buf date, body;

	eco_buf_init(&date, a);
	eco_format_day(cats, lang, due, &date);
	*subj_out = eco_subst(a, eco_gettext(cats, lang, NULL, overdue ?
	    N_("{no}: the answer is overdue") :
	    N_("{no}: the answer is due on {date}")),
	    "no", no, "date", date.data, (const char *)NULL);
	eco_buf_init(&body, a);
	eco_buf_puts(&body, eco_subst(a, eco_gettext(cats, lang, NULL, overdue ?
	    N_("The answer to request {no} \"{subject}\" was due on {date} and has not been issued. The requester may complain to a higher body or a court.") :
	    N_("The answer to request {no} \"{subject}\" is due on {date}.")),
	    "no", no, "subject", subject, "date", date.data,
	    (const char *)NULL));
	eco_buf_printf(&body, "\n\n%s\n", url);
	*body_out = body.data;
}

/* Queues the reminders of res; the number queued or -1. */
static int
queue_rows(struct eco_db *db, struct eco_arena *a,
    const struct eco_catalogs *cats, const char *site_url, PGresult *res)
{
	int i, n = 0;

	for (i = 0; i < PQntuples(res); i++) {
		const char *email = PQgetvalue(res, i, 4);
		const char *kind = PQgetvalue(res, i, 6);
		bool overdue = strcmp(kind, "remind_overdue") == 0;
		const char *p[5], *subject, *body, *ulang = PQgetvalue(res, i, 5);
		enum eco_lang lang;
		PGresult *q;
		long due;

		if (eco_lang_parse(ulang, &lang) != 0)
			lang = ECO_LANG_KK;
		if (eco_date_parse(PQgetvalue(res, i, 3), &due) != 0)
			continue;
		compose(a, cats, lang, overdue, PQgetvalue(res, i, 1),
		    PQgetvalue(res, i, 2), due, eco_sprintf(a,
		    "%s/%s/requests/%s", site_url, eco_lang_code(lang),
		    PQgetvalue(res, i, 0)), &subject, &body);
		p[0] = email;
		p[1] = subject;
		p[2] = body;
		p[3] = kind;
		p[4] = PQgetvalue(res, i, 7);	/* the dedupe key */
		if ((q = eco_db_exec(db, a, &q_queue, 5, p)) == NULL)
			return -1;
		n += (int)eco_db_affected(q);
	}
	return n;
}

int
reminders_queue(struct eco_db *db, struct eco_arena *a,
    const struct eco_catalogs *cats, const char *site_url, long today)
{
	char iso[16];
	const char *p[1] = { iso };
	PGresult *res;
	int n;

	eco_date_format_iso(today, iso, sizeof(iso));
	if (eco_db_begin(db) != 0)
		return -1;
	if ((res = eco_db_exec(db, a, &q_due, 1, p)) == NULL ||
	    (n = queue_rows(db, a, cats, site_url, res)) < 0) {
		eco_db_rollback(db);
		return -1;
	}
	if (eco_db_commit(db) != 0)
		return -1;
	return n;
}
