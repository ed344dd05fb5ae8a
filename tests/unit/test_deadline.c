/*
 * Unit tests of the explained due dates (deadline.h): the worked examples
 * of Nauryz 2026 step by step, periods of zero, short months, periods
 * before an event, the sentences in English and Russian, the bounds of the
 * step array, and properties over every day of 2016-2035.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "calendar.h"
#include "date.h"
#include "deadline.h"
#include "holidays.h"
#include "i18n.h"
#include "tap.h"

#define D(y, m, d)	eco_days_from_civil((y), (m), (d))

static struct eco_arena *arena;

/* The portal's calendar: the default range with the generated holidays. */
static struct eco_calendar *
statutory(void)
{
	struct eco_calendar *cal = eco_calendar_new_default();

	if (cal == NULL || eco_holidays_generate(cal, ECO_CALENDAR_FIRST_YEAR,
	    ECO_CALENDAR_LAST_YEAR) != 0 || eco_calendar_finish(cal) != 0)
		abort();
	return cal;
}

/* The explanation as one string, a sentence per line. */
static const char *
explain(const struct eco_catalogs *cats, enum eco_lang lang,
    const struct eco_calendar *cal, long from, long n,
    enum eco_period_unit unit, enum eco_period_direction dir)
{
	struct eco_deadline_step st[ECO_DEADLINE_STEPS_MAX];
	struct eco_buf b;
	size_t i, ns = 0;
	long due;

	if (eco_deadline_compute(cal, from, n, unit, dir, &due, st,
	    ECO_DEADLINE_STEPS_MAX, &ns) != 0)
		return "error";
	eco_buf_init(&b, arena);
	eco_buf_puts(&b, "");
	for (i = 0; i < ns; i++) {
		if (i > 0)
			eco_buf_putc(&b, '\n');
		eco_deadline_step_text(cats, lang, cal, &st[i], &b);
	}
	return b.data;
}

/* The kinds of the steps, as their codes joined by spaces. */
static const char *
kinds(const struct eco_calendar *cal, long from, long n,
    enum eco_period_unit unit, enum eco_period_direction dir)
{
	struct eco_deadline_step st[ECO_DEADLINE_STEPS_MAX];
	struct eco_buf b;
	size_t i, ns = 0;
	long due;

	if (eco_deadline_compute(cal, from, n, unit, dir, &due, st,
	    ECO_DEADLINE_STEPS_MAX, &ns) != 0)
		return "error";
	eco_buf_init(&b, arena);
	eco_buf_puts(&b, "");
	for (i = 0; i < ns; i++)
		eco_buf_printf(&b, "%s%s", i > 0 ? " " : "",
		    eco_deadline_step_code(st[i].kind));
	return b.data;
}

static const char *
due_of(const struct eco_calendar *cal, long from, long n,
    enum eco_period_unit unit, enum eco_period_direction dir)
{
	static char out[8][16];
	static int next;
	char *s = out[next++ % 8];
	long due = 0;

	if (eco_deadline_compute(cal, from, n, unit, dir, &due, NULL, 0,
	    NULL) != 0)
		return "error";
	eco_date_format_iso(due, s, 16);
	return s;
}

static void
test_units(void)
{
	enum eco_period_unit u = ECO_UNIT_MONTHS;
	enum eco_period_direction d = ECO_AFTER;

	ok(eco_unit_parse("calendar", &u) == 0 && u == ECO_UNIT_CALENDAR_DAYS,
	    "unit calendar");
	ok(eco_unit_parse("calendar_days", &u) == 0 &&
	    u == ECO_UNIT_CALENDAR_DAYS, "unit calendar_days");
	ok(eco_unit_parse("working", &u) == 0 && u == ECO_UNIT_WORKING_DAYS,
	    "unit working");
	ok(eco_unit_parse("working_days", &u) == 0 &&
	    u == ECO_UNIT_WORKING_DAYS, "unit working_days");
	ok(eco_unit_parse("months", &u) == 0 && u == ECO_UNIT_MONTHS,
	    "unit months");
	ok(eco_unit_parse("Months", &u) == -1 && eco_unit_parse("", &u) == -1 &&
	    eco_unit_parse(NULL, &u) == -1 && eco_unit_parse("days", &u) == -1,
	    "other units are refused");
	is_str(eco_unit_code(ECO_UNIT_WORKING_DAYS), "working_days",
	    "unit code");
	is_str(eco_unit_code((enum eco_period_unit)9), "", "unknown unit code");
	ok(eco_direction_parse("before", &d) == 0 && d == ECO_BEFORE &&
	    eco_direction_parse("after", &d) == 0 && d == ECO_AFTER &&
	    eco_direction_parse("BEFORE", &d) == -1 &&
	    eco_direction_parse(NULL, &d) == -1, "directions");
	is_str(eco_direction_code(ECO_BEFORE), "before", "direction code");
	is_str(eco_deadline_step_code(ECO_STEP_DUE), "due", "step code");
	is_str(eco_deadline_step_code(ECO_STEP_KIND_COUNT), "",
	    "unknown step code");
}

static void
test_after(const struct eco_calendar *cal, const struct eco_catalogs *en)
{
	/* 15 calendar days from Friday 6 March 2026: day 15 is Saturday 21
	 * March, Nauryz; the days off last until 25 March. */
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 3, 6), 15,
	    ECO_UNIT_CALENDAR_DAYS, ECO_AFTER),
	    "Counted from the next day, 7 March 2026.\n"
	    "Day 15 of the period, 21 March 2026, is a day off (Nauryz).\n"
	    "Days off until 25 March 2026.\n"
	    "Due: 26 March 2026.", "15 calendar days over Nauryz");
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 3, 6), 10,
	    ECO_UNIT_CALENDAR_DAYS, ECO_AFTER),
	    "Counted from the next day, 7 March 2026.\n"
	    "Day 10 of the period is 16 March 2026.\n"
	    "Due: 16 March 2026.", "10 calendar days ending on a working day");
	/* One day off only: no "until" sentence. */
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 3, 4), 3,
	    ECO_UNIT_CALENDAR_DAYS, ECO_AFTER),
	    "Counted from the next day, 5 March 2026.\n"
	    "Day 3 of the period, 7 March 2026, is a day off (Saturday).\n"
	    "Days off until 9 March 2026.\n"
	    "Due: 10 March 2026.", "a weekend then a transferred day off");
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 3, 6), 3,
	    ECO_UNIT_CALENDAR_DAYS, ECO_AFTER),
	    "Counted from the next day, 7 March 2026.\n"
	    "Day 3 of the period, 9 March 2026, is a day off "
	    "(Day off moved from International Women's Day).\n"
	    "Due: 10 March 2026.", "a single day off");

	/* 5 working days from Friday 20 March 2026. */
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 3, 20), 5,
	    ECO_UNIT_WORKING_DAYS, ECO_AFTER),
	    "Counted from the next day, 21 March 2026.\n"
	    "Only working days are counted; weekends and days off are "
	    "skipped.\n"
	    "Skipped days off: 21 March 2026 to 25 March 2026 (Nauryz).\n"
	    "Working day 5 of the period is 1 April 2026.\n"
	    "Due: 1 April 2026.", "5 working days over Nauryz");
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 3, 6), 1,
	    ECO_UNIT_WORKING_DAYS, ECO_AFTER),
	    "Counted from the next day, 7 March 2026.\n"
	    "Only working days are counted; weekends and days off are "
	    "skipped.\n"
	    "Skipped days off: 7 March 2026 to 9 March 2026 "
	    "(International Women's Day).\n"
	    "Working day 1 of the period is 10 March 2026.\n"
	    "Due: 10 March 2026.", "a run named after its first holiday");
	is_str(kinds(cal, D(2026, 4, 6), 5, ECO_UNIT_WORKING_DAYS, ECO_AFTER),
	    "start working_only nth_working_day due",
	    "plain weekends are not listed");
	/* A year of working days passes more holidays than are listed. */
	is_str(kinds(cal, D(2026, 1, 5), 250, ECO_UNIT_WORKING_DAYS,
	    ECO_AFTER), "start working_only skipped skipped skipped skipped "
	    "skipped more_skipped nth_working_day due", "at most 5 runs");

	/* Months: 30 November 2026 + 3 months; February 2027 has no 30th;
	 * 28 February 2027 is a Sunday. */
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 11, 30), 3,
	    ECO_UNIT_MONTHS, ECO_AFTER),
	    "Months added to 30 November 2026: 3; "
	    "this gives 28 February 2027.\n"
	    "The month has no day 30, so its last day is taken.\n"
	    "28 February 2027 is a day off (Sunday).\n"
	    "Due: 1 March 2027.", "3 months into a short month");
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 1, 31), 1,
	    ECO_UNIT_MONTHS, ECO_AFTER),
	    "Months added to 31 January 2026: 1; this gives 28 February 2026.\n"
	    "The month has no day 31, so its last day is taken.\n"
	    "28 February 2026 is a day off (Saturday).\n"
	    "Days off until 1 March 2026.\n"
	    "Due: 2 March 2026.", "31 January + 1 month");
	is_str(due_of(cal, D(2028, 1, 31), 1, ECO_UNIT_MONTHS, ECO_AFTER),
	    "2028-02-29", "31 January 2028 + 1 month: the leap day");
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 4, 15), 2,
	    ECO_UNIT_MONTHS, ECO_AFTER),
	    "Months added to 15 April 2026: 2; this gives 15 June 2026.\n"
	    "Due: 15 June 2026.", "2 months to a working day");

	/* Zero. */
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 3, 6), 0,
	    ECO_UNIT_CALENDAR_DAYS, ECO_AFTER),
	    "A period of zero days ends on the day of the event, "
	    "6 March 2026.\n"
	    "Due: 6 March 2026.", "0 days on a working day");
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 3, 21), 0,
	    ECO_UNIT_WORKING_DAYS, ECO_AFTER),
	    "A period of zero days ends on the day of the event, "
	    "21 March 2026.\n"
	    "21 March 2026 is a day off (Nauryz).\n"
	    "Days off until 25 March 2026.\n"
	    "Due: 26 March 2026.", "0 working days on a day off");
	is_str(due_of(cal, D(2026, 3, 21), 0, ECO_UNIT_MONTHS, ECO_AFTER),
	    "2026-03-26", "0 months is the same");
}

static void
test_before(const struct eco_calendar *cal, const struct eco_catalogs *en)
{
	long due = 0;

	/* A hearing on Thursday 9 April 2026, announced 20 days before. */
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 4, 9), 20,
	    ECO_UNIT_CALENDAR_DAYS, ECO_BEFORE),
	    "Calendar days before the event on 9 April 2026: 20; this gives "
	    "20 March 2026.\n"
	    "Due: 20 March 2026.", "20 calendar days before 9 April 2026");
	ok(eco_deadline_before(cal, D(2026, 4, 9), 20, ECO_UNIT_CALENDAR_DAYS,
	    &due) == 0 && due == D(2026, 3, 20), "eco_deadline_before agrees");
	/* 15 days before lands on 25 March, off since 21 March. */
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 4, 9), 15,
	    ECO_UNIT_CALENDAR_DAYS, ECO_BEFORE),
	    "Calendar days before the event on 9 April 2026: 15; this gives "
	    "25 March 2026.\n"
	    "25 March 2026 is a day off (Day off moved from Nauryz).\n"
	    "Days off since 21 March 2026.\n"
	    "The date moves back to the last working day before the days off, "
	    "so that the full period remains.\n"
	    "Due: 20 March 2026.", "moved back over Nauryz");

	/* Remarks until 3 working days before Monday 30 March 2026: 27, 26,
	 * then 20 March. */
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 3, 30), 3,
	    ECO_UNIT_WORKING_DAYS, ECO_BEFORE),
	    "Counted back from the day before the event, 29 March 2026.\n"
	    "Only working days are counted; weekends and days off are "
	    "skipped.\n"
	    "Skipped days off: 21 March 2026 to 25 March 2026 (Nauryz).\n"
	    "Working day 3 before the event is 20 March 2026.\n"
	    "Due: 20 March 2026.", "3 working days before 30 March 2026");
	is_str(due_of(cal, D(2026, 3, 30), 2, ECO_UNIT_WORKING_DAYS,
	    ECO_BEFORE), "2026-03-26", "2 working days before 30 March");
	is_str(due_of(cal, D(2026, 3, 30), 1, ECO_UNIT_WORKING_DAYS,
	    ECO_BEFORE), "2026-03-27", "1 working day before 30 March");

	/* Zero before: the event day, or back to a working day. */
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 3, 29), 0,
	    ECO_UNIT_WORKING_DAYS, ECO_BEFORE),
	    "A period of zero days ends on the day of the event, "
	    "29 March 2026.\n"
	    "29 March 2026 is a day off (Sunday).\n"
	    "Days off since 28 March 2026.\n"
	    "The date moves back to the last working day before the days off, "
	    "so that the full period remains.\n"
	    "Due: 27 March 2026.", "0 days before a Sunday");
	is_str(due_of(cal, D(2026, 3, 27), 0, ECO_UNIT_CALENDAR_DAYS,
	    ECO_BEFORE), "2026-03-27", "0 days before a working day");
	is_str(kinds(cal, D(2026, 3, 28), 0, ECO_UNIT_CALENDAR_DAYS,
	    ECO_BEFORE), "zero day_off moved_back due",
	    "a single day off before: no 'since'");

	ok(eco_deadline_before(cal, D(2026, 4, 9), 1, ECO_UNIT_MONTHS,
	    &due) == -1, "months before are not supported");
}

static void
test_range(const struct eco_calendar *cal)
{
	struct eco_calendar *raw;
	long due = 12345;
	size_t ns = 99;
	struct eco_deadline_step st[ECO_DEADLINE_STEPS_MAX];

	is_str(due_of(cal, D(2014, 12, 31), 1, ECO_UNIT_CALENDAR_DAYS,
	    ECO_AFTER), "error", "from before the calendar");
	is_str(due_of(cal, D(2037, 1, 1), 0, ECO_UNIT_CALENDAR_DAYS,
	    ECO_AFTER), "error", "from after the calendar");
	is_str(due_of(cal, D(2036, 12, 20), 30, ECO_UNIT_CALENDAR_DAYS,
	    ECO_AFTER), "error", "due after the calendar");
	is_str(due_of(cal, D(2036, 12, 20), 30, ECO_UNIT_WORKING_DAYS,
	    ECO_AFTER), "error", "working days past the calendar");
	is_str(due_of(cal, D(2036, 11, 30), 2, ECO_UNIT_MONTHS, ECO_AFTER),
	    "error", "months past the calendar");
	/* 31 December 2036 is a Wednesday: still inside. */
	is_str(due_of(cal, D(2036, 12, 20), 11, ECO_UNIT_CALENDAR_DAYS,
	    ECO_AFTER), "2036-12-31", "the last day of the calendar");
	is_str(due_of(cal, D(2015, 1, 20), 30, ECO_UNIT_CALENDAR_DAYS,
	    ECO_BEFORE), "error", "before the calendar (calendar days)");
	is_str(due_of(cal, D(2015, 1, 20), 20, ECO_UNIT_WORKING_DAYS,
	    ECO_BEFORE), "error", "before the calendar (working days)");
	/* 1-2 January 2015 are off (New Year): nothing to move back to
	 * after 3-4 January, a weekend. */
	is_str(due_of(cal, D(2015, 1, 4), 0, ECO_UNIT_CALENDAR_DAYS,
	    ECO_BEFORE), "error", "no working day to move back to");
	is_str(due_of(cal, D(2026, 3, 6), -1, ECO_UNIT_CALENDAR_DAYS,
	    ECO_AFTER), "error", "a negative period");
	is_str(due_of(cal, D(2026, 3, 6), 2000000000L, ECO_UNIT_WORKING_DAYS,
	    ECO_BEFORE), "error", "an absurd period");
	is_str(due_of(cal, D(2026, 3, 6), 1, (enum eco_period_unit)7,
	    ECO_AFTER), "error", "an unknown unit");
	is_str(due_of(cal, D(2026, 3, 6), 1, ECO_UNIT_CALENDAR_DAYS,
	    (enum eco_period_direction)5), "error", "an unknown direction");
	is_str(due_of(NULL, D(2026, 3, 6), 1, ECO_UNIT_CALENDAR_DAYS,
	    ECO_AFTER), "error", "no calendar");

	raw = eco_calendar_new_default();
	ok(eco_deadline_compute(raw, D(2026, 3, 6), 1, ECO_UNIT_CALENDAR_DAYS,
	    ECO_BEFORE, &due, st, ECO_DEADLINE_STEPS_MAX, &ns) == -1 &&
	    due == 12345 && ns == 0, "an unfinished calendar; nothing stored");
	eco_calendar_free(raw);
}

/* max_steps smaller than the explanation: the rest is dropped, nothing
 * past the end is touched, and the due date is still right. */
static void
test_bounds(const struct eco_calendar *cal)
{
	struct eco_deadline_step st[4];
	size_t ns = 99, max;
	long due = 0;
	int clean = 1;

	for (max = 0; max <= 3; max++) {
		memset(st, 0x5a, sizeof(st));
		if (eco_deadline_compute(cal, D(2026, 3, 20), 5,
		    ECO_UNIT_WORKING_DAYS, ECO_AFTER, &due, st, max,
		    &ns) != 0 || ns != max || due != D(2026, 4, 1))
			clean = 0;
		if (((unsigned char *)&st[max])[0] != 0x5a ||
		    ((unsigned char *)&st[3])[sizeof(st[3]) - 1] != 0x5a)
			clean = 0;
	}
	ok(clean, "max_steps 0..3: only that many written");
	ok(eco_deadline_compute(cal, D(2026, 3, 20), 5, ECO_UNIT_WORKING_DAYS,
	    ECO_AFTER, &due, NULL, 10, &ns) == 0 && ns == 0 &&
	    due == D(2026, 4, 1), "NULL steps with max_steps > 0");
	ok(eco_deadline_compute(cal, D(2026, 3, 20), 5, ECO_UNIT_WORKING_DAYS,
	    ECO_AFTER, &due, st, 1, NULL) == 0 && st[0].kind == ECO_STEP_START,
	    "NULL nsteps");
}

/* The sentences: English from no catalog or an empty one, Russian from a
 * small one, placeholders filled, and odd steps written safely. */
static void
test_text(const struct eco_calendar *cal, const struct eco_catalogs *en)
{
	static const char po[] =
	    "msgctxt \"date format\"\n"
	    "msgid \"{day} {month} {year}\"\n"
	    "msgstr \"{day} {month} {year} г.\"\n"
	    "msgctxt \"month genitive\"\nmsgid \"March\"\nmsgstr \"марта\"\n"
	    "msgctxt \"weekday\"\nmsgid \"Saturday\"\nmsgstr \"суббота\"\n"
	    "msgid \"Counted from the next day, {date}.\"\n"
	    "msgstr \"Срок исчисляется со следующего дня, {date}.\"\n"
	    "msgid \"Day {n} of the period, {date}, is a day off ({name}).\"\n"
	    "msgstr \"{n}-й день срока, {date}, — нерабочий день ({name}).\"\n"
	    "msgid \"Days off until {until}.\"\n"
	    "msgstr \"Нерабочие дни — по {until} включительно.\"\n"
	    "msgid \"Due: {date}.\"\nmsgstr \"Крайний срок: {date}.\"\n";
	struct eco_catalogs *ru = eco_catalogs_new();
	struct eco_deadline_step s;
	struct eco_buf b;
	char err[128];

	err[0] = '\0';
	ok(eco_catalogs_add_po(ru, ECO_LANG_RU, po, sizeof(po) - 1, err,
	    sizeof(err)) == 0, "the Russian test catalog parses");
	if (err[0] != '\0')
		printf("# %s\n", err);
	is_str(explain(ru, ECO_LANG_RU, cal, D(2026, 3, 6), 15,
	    ECO_UNIT_CALENDAR_DAYS, ECO_AFTER),
	    "Срок исчисляется со следующего дня, 7 марта 2026 г.\n"
	    "15-й день срока, 21 марта 2026 г., — нерабочий день "
	    "(Наурыз мейрамы).\n"
	    "Нерабочие дни — по 25 марта 2026 г. включительно.\n"
	    "Крайний срок: 26 марта 2026 г.", "Russian sentences");
	is_str(explain(ru, ECO_LANG_RU, cal, D(2026, 3, 4), 3,
	    ECO_UNIT_CALENDAR_DAYS, ECO_AFTER),
	    "Срок исчисляется со следующего дня, 5 марта 2026 г.\n"
	    "3-й день срока, 7 марта 2026 г., — нерабочий день (суббота).\n"
	    "Нерабочие дни — по 9 марта 2026 г. включительно.\n"
	    "Крайний срок: 10 марта 2026 г.", "a weekday name translated");
	/* Missing from the catalog: English. */
	is_str(explain(ru, ECO_LANG_RU, cal, D(2026, 3, 6), 0,
	    ECO_UNIT_CALENDAR_DAYS, ECO_AFTER),
	    "A period of zero days ends on the day of the event, "
	    "6 марта 2026 г.\n"
	    "Крайний срок: 6 марта 2026 г.",
	    "an untranslated sentence; one full stop after \"г.\"");
	is_str(explain(NULL, ECO_LANG_EN, cal, D(2026, 3, 6), 15,
	    ECO_UNIT_CALENDAR_DAYS, ECO_AFTER),
	    explain(en, ECO_LANG_EN, cal, D(2026, 3, 6), 15,
	    ECO_UNIT_CALENDAR_DAYS, ECO_AFTER),
	    "no catalog at all: English");

	eco_buf_init(&b, arena);
	memset(&s, 0, sizeof(s));
	s.kind = ECO_STEP_KIND_COUNT;
	eco_deadline_step_text(en, ECO_LANG_EN, cal, &s, &b);
	s.kind = (enum eco_deadline_step_kind)-3;
	eco_deadline_step_text(en, ECO_LANG_EN, cal, &s, &b);
	eco_deadline_step_text(en, ECO_LANG_EN, cal, NULL, &b);
	ok(b.len == 0, "unknown kinds write nothing");
	s.kind = ECO_STEP_SKIPPED;
	s.day = 9000000000L;
	s.until = -9000000000L;
	s.exception = NULL;
	eco_deadline_step_text(en, (enum eco_lang)9, NULL, &s, &b);
	is_str(b.data, "Skipped days off: ? to ? (day off).",
	    "absurd days and a bad language");
	eco_buf_clear(&b);
	/* A hand-made step without its exception: the calendar supplies it. */
	s.kind = ECO_STEP_DAY_OFF;
	s.day = D(2026, 3, 23);
	eco_deadline_step_text(en, ECO_LANG_EN, cal, &s, &b);
	is_str(b.data, "23 March 2026 is a day off (Nauryz).",
	    "the name found in the calendar");
	eco_buf_clear(&b);
	s.kind = ECO_STEP_SKIPPED;
	s.until = s.day;
	eco_deadline_step_text(en, ECO_LANG_EN, cal, &s, &b);
	is_str(b.data, "Skipped day off: 23 March 2026 (Nauryz).",
	    "a run of one day");
	eco_catalogs_free(ru);
}

/* Exceptions without names fall back to what kind of day they are. */
static void
test_unnamed(const struct eco_catalogs *en)
{
	struct eco_calendar *cal = eco_calendar_new_default();
	const char *none[ECO_LANG_COUNT] = { NULL, NULL, NULL };

	if (cal == NULL || eco_calendar_add(cal, D(2026, 6, 3),
	    ECO_CAL_MOVED_OFF, none) != 0 || eco_calendar_add(cal,
	    D(2026, 6, 4), ECO_CAL_HOLIDAY, none) != 0 ||
	    eco_calendar_finish(cal) != 0)
		abort();
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 6, 2), 1,
	    ECO_UNIT_CALENDAR_DAYS, ECO_AFTER),
	    "Counted from the next day, 3 June 2026.\n"
	    "Day 1 of the period, 3 June 2026, is a day off "
	    "(transferred day off).\n"
	    "Days off until 4 June 2026.\n"
	    "Due: 5 June 2026.", "an unnamed transferred day off");
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 6, 3), 0,
	    ECO_UNIT_CALENDAR_DAYS, ECO_BEFORE),
	    "A period of zero days ends on the day of the event, "
	    "3 June 2026.\n"
	    "3 June 2026 is a day off (transferred day off).\n"
	    "The date moves back to the last working day before the days off, "
	    "so that the full period remains.\n"
	    "Due: 2 June 2026.", "moved back over one day");
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 6, 3), 0,
	    ECO_UNIT_CALENDAR_DAYS, ECO_AFTER),
	    "A period of zero days ends on the day of the event, "
	    "3 June 2026.\n"
	    "3 June 2026 is a day off (transferred day off).\n"
	    "Days off until 4 June 2026.\n"
	    "Due: 5 June 2026.", "0 days on an unnamed day off");
	is_str(explain(en, ECO_LANG_EN, cal, D(2026, 6, 4), 0,
	    ECO_UNIT_CALENDAR_DAYS, ECO_AFTER),
	    "A period of zero days ends on the day of the event, "
	    "4 June 2026.\n"
	    "4 June 2026 is a day off (public holiday).\n"
	    "Due: 5 June 2026.", "an unnamed holiday");
	eco_calendar_free(cal);
}

/* back is the n-th working day before the event: n - 1 more lie between,
 * and n working days from back reach the event when it is working. */
static int
nth_before(const struct eco_calendar *cal, long back, long event, long n)
{
	long c, want;

	if (eco_calendar_count_working(cal, back, event - 1, &c) != 0 ||
	    c != n - 1)
		return 0;
	if (!eco_calendar_is_working(cal, event))
		return 1;
	return eco_calendar_add_working_days(cal, back, n, &want) == 0 &&
	    want == event;
}

/*
 * Over every day of 2016-2035 and periods up to 40: the due date is the
 * engine's, the steps fit and end with it, and a period before an event is
 * the inverse of the period after: n units counted from the due date
 * reach the event (or run past it when the event is a day off).
 */
static void
test_properties(const struct eco_calendar *cal)
{
	struct eco_deadline_step st[ECO_DEADLINE_STEPS_MAX];
	long day, n, due, want, back, last, c;
	size_t ns;
	int rc, u, bad_after = 0, bad_steps = 0, bad_cal = 0, bad_work = 0;

	last = D(2035, 12, 31);
	for (day = D(2016, 1, 1); day <= last; day++)
		for (n = 0; n <= 40; n += (n < 5 ? 1 : 7))
			for (u = 0; u < 3; u++) {
				if (u == 0)
					rc = eco_calendar_add_calendar_days(cal,
					    day, n, &want);
				else if (u == 1)
					rc = eco_calendar_add_working_days(cal,
					    day, n, &want);
				else
					rc = eco_calendar_add_months(cal, day,
					    n, &want);
				/* Months from late 2033 run past 2036. */
				if (eco_deadline_compute(cal, day, n,
				    (enum eco_period_unit)u, ECO_AFTER, &due,
				    st, ECO_DEADLINE_STEPS_MAX, &ns) != rc) {
					bad_after++;
					continue;
				}
				if (rc != 0)
					continue;
				if (due != want)
					bad_after++;
				if (ns < 2 || ns > ECO_DEADLINE_STEPS_MAX ||
				    st[ns - 1].kind != ECO_STEP_DUE ||
				    st[ns - 1].day != due)
					bad_steps++;
				if (u == 2)
					continue;
				if (eco_deadline_compute(cal, day, n,
				    (enum eco_period_unit)u, ECO_BEFORE, &back,
				    st, ECO_DEADLINE_STEPS_MAX, &ns) != 0 ||
				    ns > ECO_DEADLINE_STEPS_MAX ||
				    st[ns - 1].kind != ECO_STEP_DUE ||
				    !eco_calendar_is_working(cal, back)) {
					bad_steps++;
					continue;
				}
				if (u == 0) {
					/* back <= day - n, and no working day
					 * between them. */
					if (back > day - n ||
					    eco_calendar_count_working(cal,
					    back, day - n, &c) != 0 || c != 0)
						bad_cal++;
				} else if (n > 0 && !nth_before(cal, back,
				    day, n))
					bad_work++;
			}
	is_int(bad_after, 0, "after: the engine's due date, every day");
	is_int(bad_steps, 0, "steps fit and end with the due date");
	is_int(bad_cal, 0, "calendar days before: the latest working day");
	is_int(bad_work, 0, "working days before: the inverse of after");
}

int
main(void)
{
	struct eco_calendar *cal = statutory();
	struct eco_catalogs *en = eco_catalogs_new();

	arena = eco_arena_new();
	test_units();
	test_after(cal, en);
	test_before(cal, en);
	test_range(cal);
	test_bounds(cal);
	test_text(cal, en);
	test_unnamed(en);
	test_properties(cal);
	eco_catalogs_free(en);
	eco_calendar_free(cal);
	eco_arena_free(arena);
	return tap_done();
}
