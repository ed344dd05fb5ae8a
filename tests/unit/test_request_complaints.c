/*
 * Unit tests of the pure rules of complaints (handlers/requests/
 * complaint.c): what may be complained of and from which day, the
 * complaint's and the outcome's values, the limit of three months with
 * the working-day calendar and lateness; and of answer files
 * (attachment.c): accepted types confirmed by content, sizes, names, and
 * the Content-Disposition of a download.  The expected dates are worked
 * out by hand from the generated 2015-2036 calendar.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "attachment.h"
#include "calendar.h"
#include "complaint.h"
#include "date.h"
#include "holidays.h"
#include "labels.h"
#include "tap.h"

#define D(y, m, d)	eco_days_from_civil((y), (m), (d))

static struct eco_arena *arena;
static struct eco_calendar *cal;

/* n copies of unit, on the arena. */
static const char *
rep(const char *unit, size_t n)
{
	size_t len = strlen(unit), i;
	char *s = eco_alloc(arena, len * n + 1);

	for (i = 0; i < n; i++)
		memcpy(s + i * len, unit, len);
	s[len * n] = '\0';
	return s;
}

/* Whether errors[0..n) names field with code. */
static int
has_error(const struct eco_field_error *errors, size_t n, const char *field,
    const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(errors[i].field, field) == 0 &&
		    strcmp(errors[i].code, code) == 0)
			return 1;
	return 0;
}

/* --- complaint_basis ------------------------------------------------------ */

static struct request_state
state(enum request_status st)
{
	struct request_state s;

	memset(&s, 0, sizeof(s));
	s.status = st;
	s.received_on = D(2026, 3, 2);
	s.registered_on = D(2026, 3, 2);
	s.due_on = D(2026, 3, 17);
	return s;
}

static void
test_basis(void)
{
	struct request_state s;
	struct complaint_basis b;
	const char *why;

	s = state(REQ_ANSWERED);
	s.answered_on = s.closed_on = D(2026, 3, 10);
	ok(complaint_basis(&s, D(2026, 4, 1), &b, &why) == 0 && why == NULL,
	    "an answer may be complained of");
	is_str(b.decision, "answer", "against the answer");
	is_int(b.on, D(2026, 3, 10), "learned no earlier than the answer");

	s = state(REQ_PARTIALLY_ANSWERED);
	s.answered_on = s.closed_on = D(2026, 3, 11);
	ok(complaint_basis(&s, D(2026, 4, 1), &b, &why) == 0,
	    "a partial answer may be complained of");
	is_str(b.decision, "partial_answer", "against the partial answer");
	is_int(b.on, D(2026, 3, 11), "from the partial answer's day");

	s = state(REQ_REFUSED);
	s.refused_on = s.closed_on = D(2026, 3, 5);
	ok(complaint_basis(&s, D(2026, 3, 5), &b, &why) == 0,
	    "a refusal may be complained of on its day");
	is_str(b.decision, "refusal", "against the refusal");
	is_int(b.on, D(2026, 3, 5), "from the refusal's day");

	s = state(REQ_NOT_CONSIDERED);
	s.closed_on = D(2026, 3, 4);
	ok(complaint_basis(&s, D(2026, 3, 20), &b, &why) == 0,
	    "not considering may be complained of");
	is_str(b.decision, "not_considered", "against not considering");
	is_int(b.on, D(2026, 3, 4), "from the day it was closed");

	s = state(REQ_REDIRECTED);
	ok(complaint_basis(&s, D(2026, 4, 1), &b, &why) == -1 && why != NULL,
	    "a redirected request: at the competent holder");
	s = state(REQ_WITHDRAWN);
	ok(complaint_basis(&s, D(2026, 4, 1), &b, &why) == -1 && why != NULL,
	    "a withdrawn request: nothing to complain of");

	s = state(REQ_IN_PROGRESS);
	ok(complaint_basis(&s, D(2026, 3, 17), &b, &why) == -1 && why != NULL,
	    "open on its due date: nothing yet");
	ok(complaint_basis(&s, D(2026, 3, 18), &b, &why) == 0,
	    "open the day after its due date: inaction");
	is_str(b.decision, "inaction", "against inaction");
	is_int(b.on, D(2026, 3, 18), "from the day after the due date");
	s = state(REQ_REGISTERED);
	ok(complaint_basis(&s, D(2026, 5, 1), &b, &why) == 0 &&
	    strcmp(b.decision, "inaction") == 0,
	    "registered and never assigned, overdue: inaction");
	s = state(REQ_EXTENDED);
	s.due_on = D(2026, 4, 16);
	ok(complaint_basis(&s, D(2026, 4, 1), &b, &why) == -1,
	    "extended and not yet due: nothing yet");
}

/* --- complaint_check ------------------------------------------------------ */

static const struct complaint_basis refusal = { "refusal", 0 };
static long today;

static struct complaint_input
complaint(void)
{
	struct complaint_input in;

	memset(&in, 0, sizeof(in));
	in.instance = "higher_body";
	in.body_name = "Министерство экологии и природных ресурсов РК";
	in.text = "Отказ не мотивирован.\nПрошу обязать предоставить сведения.";
	return in;
}

static void
test_check(void)
{
	struct complaint_basis b = refusal;
	struct eco_field_error e[COMPLAINT_MAX_ERRORS];
	struct complaint_values v;
	struct complaint_input in;
	size_t n;

	today = D(2026, 6, 10);
	b.on = D(2026, 3, 5);

	in = complaint();
	is_int(complaint_check(&in, &b, today, &v, e), 0, "a valid complaint");
	is_int(v.learned_on, D(2026, 3, 5), "learned_on defaults to the decision's day");
	is_int(v.filed_on, today, "filed_on defaults to today");
	ok(!v.court, "to a higher body");

	in = complaint();
	in.instance = "court";
	in.learned_on = "2026-03-09";
	in.filed_on = "2026-06-01";
	in.court_case_key = "a-2026-17";
	is_int(complaint_check(&in, &b, today, &v, e), 0, "to a court, with dates and a case");
	ok(v.court, "court");
	is_int(v.learned_on, D(2026, 3, 9), "learned_on as sent");
	is_int(v.filed_on, D(2026, 6, 1), "filed_on as sent");
	in.learned_on = "";
	in.filed_on = "";
	is_int(complaint_check(&in, &b, today, &v, e), 0, "empty dates take the defaults");
	is_int(v.learned_on, b.on, "empty learned_on: the decision's day");

	in = complaint();
	in.learned_on = "2026-03-05";
	in.filed_on = "2026-03-05";
	is_int(complaint_check(&in, &b, today, &v, e), 0,
	    "learned and filed on the decision's day");
	in.learned_on = "2026-06-10";
	in.filed_on = "2026-06-10";
	is_int(complaint_check(&in, &b, today, &v, e), 0,
	    "learned and filed today");

	in = complaint();
	in.instance = NULL;
	n = complaint_check(&in, &b, today, &v, e);
	ok(n == 1 && has_error(e, n, "instance", "invalid_instance"), "no instance");
	in.instance = "prosecutor";
	n = complaint_check(&in, &b, today, &v, e);
	ok(n == 1 && has_error(e, n, "instance", "invalid_instance"), "unknown instance");

	in = complaint();
	in.body_name = "   ";
	n = complaint_check(&in, &b, today, &v, e);
	ok(n == 1 && has_error(e, n, "body_name", "invalid_body_name"), "blank body name");
	in.body_name = "Суд\nАстаны";
	n = complaint_check(&in, &b, today, &v, e);
	ok(has_error(e, n, "body_name", "invalid_body_name"), "a body name of two lines");
	in.body_name = rep("ж", 300);
	is_int(complaint_check(&in, &b, today, &v, e), 0, "300 Cyrillic letters are a body name");
	in.body_name = rep("ж", 301);
	n = complaint_check(&in, &b, today, &v, e);
	ok(has_error(e, n, "body_name", "invalid_body_name"), "301 letters are not");

	in = complaint();
	in.learned_on = "2026-3-9";
	n = complaint_check(&in, &b, today, &v, e);
	ok(n == 1 && has_error(e, n, "learned_on", "invalid_learned_on"), "learned_on not a date");
	in.learned_on = "2026-03-04";
	n = complaint_check(&in, &b, today, &v, e);
	ok(n == 1 && has_error(e, n, "learned_on", "learned_too_early"),
	    "learned before the decision");
	in.learned_on = "2026-06-11";
	in.filed_on = "2026-06-10";
	n = complaint_check(&in, &b, today, &v, e);
	ok(has_error(e, n, "learned_on", "future_date"), "learned in the future");

	in = complaint();
	in.filed_on = "2026-06-11";
	n = complaint_check(&in, &b, today, &v, e);
	ok(n == 1 && has_error(e, n, "filed_on", "future_date"), "filed in the future");
	in.filed_on = "10.06.2026";
	n = complaint_check(&in, &b, today, &v, e);
	ok(n == 1 && has_error(e, n, "filed_on", "invalid_filed_on"), "filed_on not a date");
	in.learned_on = "2026-04-01";
	in.filed_on = "2026-03-31";
	n = complaint_check(&in, &b, today, &v, e);
	ok(n == 1 && has_error(e, n, "filed_on", "filed_too_early"),
	    "filed before learning of the decision");

	in = complaint();
	in.text = "";
	n = complaint_check(&in, &b, today, &v, e);
	ok(n == 1 && has_error(e, n, "text", "invalid_text"), "no text");
	in.text = rep("ә", 20000);
	is_int(complaint_check(&in, &b, today, &v, e), 0, "20,000 letters of text");
	in.text = rep("ә", 20001);
	n = complaint_check(&in, &b, today, &v, e);
	ok(has_error(e, n, "text", "invalid_text"), "20,001 are too many");

	in = complaint();
	in.court_case_key = "a-2026-17";
	n = complaint_check(&in, &b, today, &v, e);
	ok(n == 1 && has_error(e, n, "court_case_key", "not_a_court"),
	    "a court case for a higher body's complaint");
	in.instance = "court";
	in.court_case_key = "A-2026-17";
	n = complaint_check(&in, &b, today, &v, e);
	ok(n == 1 && has_error(e, n, "court_case_key", "invalid_court_case_key"),
	    "an upper-case key");
	in.instance = "nowhere";
	in.court_case_key = "a-2026-17";
	n = complaint_check(&in, &b, today, &v, e);
	ok(n == 1 && has_error(e, n, "instance", "invalid_instance"),
	    "an unknown instance is the only error, not the case key");

	in.instance = "x";
	in.body_name = "";
	in.learned_on = "x";
	in.filed_on = "x";
	in.text = NULL;
	in.court_case_key = "-";
	is_int(complaint_check(&in, &b, today, &v, e), 6, "every field wrong: six errors");
}

static void
test_case_key(void)
{
	ok(complaint_case_key_ok("a-2026-17"), "a-2026-17");
	ok(complaint_case_key_ok("2-1234-2026"), "starts with a digit");
	ok(complaint_case_key_ok("ab"), "two characters");
	ok(!complaint_case_key_ok("a"), "one character");
	ok(!complaint_case_key_ok("-a2026"), "starts with a hyphen");
	ok(!complaint_case_key_ok("a_2026"), "an underscore");
	ok(!complaint_case_key_ok("a 2026"), "a space");
	ok(!complaint_case_key_ok("дело-1"), "Cyrillic");
	ok(!complaint_case_key_ok(""), "empty");
	ok(!complaint_case_key_ok(NULL), "NULL");
	ok(complaint_case_key_ok(rep("a", 101)), "101 characters");
	ok(!complaint_case_key_ok(rep("a", 102)), "102 characters");
}

/* --- complaint_limit ------------------------------------------------------ */

static void
test_limit(void)
{
	struct complaint_rule three = { 3, ECO_UNIT_MONTHS, ECO_AFTER };
	struct complaint_rule ten = { 10, ECO_UNIT_CALENDAR_DAYS, ECO_AFTER };
	long limit;
	bool late;

	ok(complaint_limit(cal, &three, D(2026, 1, 15), D(2026, 4, 15), &limit,
	    &late) == 0, "learned 15 January 2026");
	is_int(limit, D(2026, 4, 15), "limit 15 April, a Wednesday");
	ok(!late, "filed on the last day: on time");
	(void)complaint_limit(cal, &three, D(2026, 1, 15), D(2026, 4, 16),
	    &limit, &late);
	ok(late, "filed the day after: late");
	(void)complaint_limit(cal, &three, D(2026, 1, 15), D(2026, 1, 15),
	    &limit, &late);
	ok(!late, "filed the day learned: on time");

	(void)complaint_limit(cal, &three, D(2025, 11, 30), D(2026, 3, 2),
	    &limit, &late);
	is_int(limit, D(2026, 3, 2),
	    "30 November + 3 months: 28 February (no 30th), a Saturday, so Monday 2 March");
	ok(!late, "filed on 2 March: on time");

	(void)complaint_limit(cal, &three, D(2025, 12, 21), D(2026, 3, 25),
	    &limit, &late);
	is_int(limit, D(2026, 3, 26), "21 March 2026 falls in Nauryz: 26 March");
	ok(!late, "filed during the holidays: on time");

	ok(complaint_limit(cal, &ten, D(2026, 4, 1), D(2026, 4, 13), &limit,
	    &late) == 0, "another rule from the table: 10 calendar days");
	is_int(limit, D(2026, 4, 13), "11 April is a Saturday: Monday 13 April");
	ok(!late, "on time");

	ok(complaint_limit(cal, &three, D(2036, 11, 1), D(2036, 11, 2), &limit,
	    &late) == -1, "a limit beyond the calendar");
}

/* --- complaint_outcome_check ---------------------------------------------- */

static void
test_outcome(void)
{
	struct complaint_outcome_input in;
	struct eco_field_error e[COMPLAINT_MAX_ERRORS];
	long filed = D(2026, 4, 1), on;
	size_t n;
	const char *const good[] = { "upheld", "partially_upheld", "dismissed",
	    "withdrawn" };
	size_t i;

	today = D(2026, 6, 10);
	for (i = 0; i < 4; i++) {
		memset(&in, 0, sizeof(in));
		in.outcome = good[i];
		is_int(complaint_outcome_check(&in, filed, false, today, &on, e),
		    0, good[i]);
		is_int(on, today, "the day defaults to today");
	}
	memset(&in, 0, sizeof(in));
	in.outcome = "pending";
	n = complaint_outcome_check(&in, filed, false, today, &on, e);
	ok(n == 1 && has_error(e, n, "outcome", "invalid_outcome"),
	    "pending is no outcome");
	in.outcome = "won";
	n = complaint_outcome_check(&in, filed, false, today, &on, e);
	ok(n == 1 && has_error(e, n, "outcome", "invalid_outcome"), "unknown outcome");
	in.outcome = NULL;
	n = complaint_outcome_check(&in, filed, false, today, &on, e);
	ok(n == 1 && has_error(e, n, "outcome", "invalid_outcome"), "no outcome");

	in.outcome = "upheld";
	in.on = "2026-04-01";
	is_int(complaint_outcome_check(&in, filed, false, today, &on, e), 0,
	    "decided the day it was filed");
	is_int(on, filed, "the day as sent");
	in.on = "2026-03-31";
	n = complaint_outcome_check(&in, filed, false, today, &on, e);
	ok(n == 1 && has_error(e, n, "on", "before_filed"), "decided before filed");
	in.on = "2026-06-11";
	n = complaint_outcome_check(&in, filed, false, today, &on, e);
	ok(n == 1 && has_error(e, n, "on", "future_date"), "decided in the future");
	in.on = "yesterday";
	n = complaint_outcome_check(&in, filed, false, today, &on, e);
	ok(n == 1 && has_error(e, n, "on", "invalid_date"), "not a date");

	in.on = NULL;
	in.note = rep("ө", 5000);
	is_int(complaint_outcome_check(&in, filed, false, today, &on, e), 0,
	    "a note of 5,000 letters");
	in.note = rep("ө", 5001);
	n = complaint_outcome_check(&in, filed, false, today, &on, e);
	ok(n == 1 && has_error(e, n, "note", "invalid_note"), "5,001 are too many");

	in.note = NULL;
	in.court_case_key = "a-2026-17";
	n = complaint_outcome_check(&in, filed, false, today, &on, e);
	ok(n == 1 && has_error(e, n, "court_case_key", "not_a_court"),
	    "a court case for a higher body's complaint");
	is_int(complaint_outcome_check(&in, filed, true, today, &on, e), 0,
	    "a court case for a court's");
	in.court_case_key = "a/2026";
	n = complaint_outcome_check(&in, filed, true, today, &on, e);
	ok(n == 1 && has_error(e, n, "court_case_key", "invalid_court_case_key"),
	    "a bad key");
}

static void
test_labels(void)
{
	is_str(label_complaint_instance("court"), "A court", "court");
	is_str(label_complaint_instance("higher_body"), "A higher state body",
	    "higher body");
	is_str(label_complaint_instance("police"), "", "unknown instance");
	is_str(label_complaint_instance(NULL), "", "NULL instance");
	is_str(label_complaint_outcome("partially_upheld"), "Partially upheld",
	    "partially upheld");
	is_str(label_complaint_outcome("pending"), "Pending", "pending");
	is_str(label_complaint_outcome("lost"), "", "unknown outcome");
}

/* --- attachments ---------------------------------------------------------- */

/* A file named name holding the n bytes at data. */
static int
check(const char *name, const void *data, size_t n, const char **type)
{
	struct attachment_file f = { name, data, n, NULL };
	const char *why = NULL;
	int status = attachment_check(&f, &why);

	*type = f.type;
	if (status != 0 && why == NULL)
		return -1;
	return status;
}

static const char pdf[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";
static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
static const char jpeg[] = "\xff\xd8\xff\xe0\0\x10JFIF";
static const char ole[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0";
/* A ZIP whose first entry is [Content_Types].xml, as Word writes it. */
static const char docx[] = "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0\0\0\0\0"
    "\0\0\0\0\0\0\0\0\x13\0\0\0[Content_Types].xml";
/* An OpenDocument text: "mimetype", stored, first. */
static const char odt[] = "PK\x03\x04\x0a\0\0\0\0\0\0\0\0\0\0\0\0\0"
    "\0\0\0\0\0\0\0\0\x08\0\0\0mimetypeapplication/vnd.oasis.opendocument.text";
static const char zip[] = "PK\x03\x04 no content types";
static const char csv[] = "\xef\xbb\xbfСтанция;PM2.5;Дата\r\nАлматы-1;35;2025-01-01\r\n";

static void
test_attachment_types(void)
{
	const char *type;

	is_int(check("Ответ.pdf", pdf, sizeof(pdf) - 1, &type), 0, "a PDF");
	is_str(type, "application/pdf", "served as application/pdf");
	is_int(check("SCAN.PDF", pdf, sizeof(pdf) - 1, &type), 0,
	    "an upper-case extension");
	is_int(check("map.png", png, sizeof(png) - 1, &type), 0, "a PNG");
	is_str(type, "image/png", "image/png");
	is_int(check("photo.jpg", jpeg, sizeof(jpeg) - 1, &type), 0, "a JPEG");
	is_str(type, "image/jpeg", "image/jpeg");
	is_int(check("photo.jpeg", jpeg, sizeof(jpeg) - 1, &type), 0, ".jpeg");
	is_int(check("letter.docx", docx, sizeof(docx) - 1, &type), 0, "a docx");
	is_str(type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	    "the docx type");
	is_int(check("table.xlsx", docx, sizeof(docx) - 1, &type), 0,
	    "an xlsx (the same container)");
	is_int(check("letter.odt", odt, sizeof(odt) - 1, &type), 0, "an odt");
	is_str(type, "application/vnd.oasis.opendocument.text", "the odt type");
	is_int(check("table.ods", odt, sizeof(odt) - 1, &type), 400,
	    "an odt's content named .ods");
	is_int(check("old.doc", ole, sizeof(ole) - 1, &type), 0, "a doc");
	is_str(type, "application/msword", "application/msword");
	is_int(check("old.xls", ole, sizeof(ole) - 1, &type), 0, "an xls");
	is_int(check("data.csv", csv, sizeof(csv) - 1, &type), 0,
	    "a CSV in UTF-8 with a BOM");
	is_str(type, "text/csv; charset=utf-8", "text/csv in UTF-8");
	is_int(check("readme.txt", "Жауап\n", 11, &type), 0, "a text file");
	is_str(type, "text/plain; charset=utf-8", "text/plain in UTF-8");

	is_int(check("scan.pdf", png, sizeof(png) - 1, &type), 400,
	    "a PNG named .pdf");
	ok(type == NULL, "no type for a refused file");
	is_int(check("letter.docx", zip, sizeof(zip) - 1, &type), 400,
	    "a ZIP without [Content_Types].xml named .docx");
	is_int(check("letter.docx", pdf, sizeof(pdf) - 1, &type), 400,
	    "a PDF named .docx");
	is_int(check("data.csv", "a;b\r\n\xc0\xaf;c\r\n", 11, &type), 400,
	    "a CSV that is not UTF-8");
	is_int(check("data.csv", "a;b\0c", 5, &type), 400, "a CSV with NUL");
	is_int(check("page.html", "<script>", 8, &type), 400, "HTML");
	is_int(check("map.svg", "<svg/>", 6, &type), 400, "SVG");
	is_int(check("run.exe", "MZ", 2, &type), 400, "a program");
	is_int(check("pdf", pdf, sizeof(pdf) - 1, &type), 400, "no extension");
	is_int(check("scan.", pdf, sizeof(pdf) - 1, &type), 400, "an empty extension");
}

static void
test_attachment_limits(void)
{
	unsigned char *big = eco_alloc(arena, ATTACH_SIZE_MAX);
	const char *type;

	memset(big, 'x', ATTACH_SIZE_MAX);
	memcpy(big, "%PDF-", 5);
	is_int(check("big.pdf", big, ATTACH_SIZE_MAX, &type), 0,
	    "exactly 10 MB");
	is_int(check("big.pdf", NULL, ATTACH_SIZE_MAX + 1, &type), 413,
	    "one byte more: 413, without reading the data");
	is_int(check("empty.pdf", "", 0, &type), 400, "an empty file");

	is_int(check(eco_sprintf(arena, "%s.pdf", rep("ф", 196)), pdf,
	    sizeof(pdf) - 1, &type), 0, "a name of 200 letters");
	is_int(check(eco_sprintf(arena, "%s.pdf", rep("ф", 197)), pdf,
	    sizeof(pdf) - 1, &type), 400, "201 letters");
	is_int(check("dir/scan.pdf", pdf, sizeof(pdf) - 1, &type), 400,
	    "a name with /");
	is_int(check("C:\\scan.pdf", pdf, sizeof(pdf) - 1, &type), 400,
	    "a name with \\");
	is_int(check("", pdf, sizeof(pdf) - 1, &type), 400, "no name");
	is_int(check("a\tb.pdf", pdf, sizeof(pdf) - 1, &type), 0,
	    "a tab is text");
	is_int(check("a\nb.pdf", pdf, sizeof(pdf) - 1, &type), 400,
	    "a line break is not");
	is_int(check(NULL, pdf, sizeof(pdf) - 1, &type), 400, "a NULL name");
}

static void
test_disposition(void)
{
	is_str(attachment_disposition(arena, "report.pdf"),
	    "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf",
	    "ASCII as it is");
	is_str(attachment_disposition(arena, "Отчёт 2025.pdf"),
	    "attachment; filename=\"_____ 2025.pdf\"; "
	    "filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%202025.pdf",
	    "Cyrillic: one _ a letter in the fallback, UTF-8 percent-encoded");
	is_str(attachment_disposition(arena, "a\"b\\c%d;e f.txt"),
	    "attachment; filename=\"a_b_c_d_e f.txt\"; "
	    "filename*=UTF-8''a%22b%5Cc%25d%3Be%20f.txt",
	    "quote, backslash, percent and semicolon never reach the header raw");
	is_str(attachment_disposition(arena, "x!#$&+-.^_`|~y"),
	    "attachment; filename=\"x!#$&+-.^_`|~y\"; filename*=UTF-8''x!#$&+-.^_`|~y",
	    "RFC 5987 attr-chars stay");
	is_str(attachment_disposition(arena, "ж"),
	    "attachment; filename=\"_\"; filename*=UTF-8''%D0%B6",
	    "a two-byte letter");
	is_str(attachment_disposition(arena, "€.txt"),
	    "attachment; filename=\"_.txt\"; filename*=UTF-8''%E2%82%AC.txt",
	    "a three-byte character");
	ok(strpbrk(attachment_disposition(arena, "a\r\nb\x7f.pdf"), "\r\n\x7f") ==
	    NULL, "no control character survives");
}

int
main(void)
{
	arena = eco_arena_new();
	if ((cal = eco_calendar_new_default()) == NULL ||
	    eco_holidays_generate(cal, 2015, 2036) != 0 ||
	    eco_calendar_finish(cal) != 0) {
		printf("Bail out! no calendar\n");
		return 1;
	}
	test_basis();
	test_check();
	test_case_key();
	test_limit();
	test_outcome();
	test_labels();
	test_attachment_types();
	test_attachment_limits();
	test_disposition();
	eco_calendar_free(cal);
	eco_arena_free(arena);
	return tap_done();
}
